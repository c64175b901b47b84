import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageLog, NO_FILTER, MAX_ROWS } from './log.ts';
import type { FrameRecord } from '../../app/store/records.ts';

let seq = 0;
function frame(charger: string, dir: 'rx' | 'tx', raw: unknown[], extra: Partial<FrameRecord> = {}): FrameRecord {
  const [type, id, action] = raw as [number, string, string];
  return {
    t: 'frame',
    seq: ++seq,
    at: new Date(1_700_000_000_000 + seq).toISOString(),
    charger,
    leg: 'charger',
    dir,
    raw: JSON.stringify(raw),
    type,
    id,
    action: type === 2 ? action : extra.action,
    issues: [],
    ...extra,
  } as FrameRecord;
}

test('filters by charger, action, direction, errors and text; pairs calls with answers and their latency', () => {
  const log = new MessageLog();
  log.append([
    frame('CP1', 'rx', [2, 'a1', 'Heartbeat', {}]),
    frame('CP1', 'tx', [3, 'a1', { currentTime: 'x' }], { action: 'Heartbeat', latencyMs: 0 }),
    frame('CP2', 'tx', [2, 'c7', 'Reset', { type: 'Soft' }]),
    frame('CP2', 'rx', [4, 'c7', 'NotSupported', 'no', {}], { action: 'Reset', latencyMs: 42 }),
    frame('CP1', 'rx', [2, 'a2', 'MeterValues', { connectorId: 1, meterValue: [] }], {
      issues: [{ kind: 'schema', path: '/meterValue', message: 'must NOT have fewer than 1 items' }],
    }),
  ]);
  const shown = () => log.visible.map((i) => `${log.rows[i]!.charger}:${log.rows[i]!.id}:${log.rows[i]!.type}`);
  assert.equal(log.visible.length, 5);
  log.setFilter({ ...NO_FILTER, charger: 'CP2' });
  assert.deepEqual(shown(), ['CP2:c7:2', 'CP2:c7:4']);
  log.setFilter({ ...NO_FILTER, action: 'Heartbeat' });
  assert.deepEqual(shown(), ['CP1:a1:2', 'CP1:a1:3'], 'an answer carries the action of its call');
  log.setFilter({ ...NO_FILTER, dir: 'tx' });
  assert.deepEqual(shown(), ['CP1:a1:3', 'CP2:c7:2']);
  log.setFilter({ ...NO_FILTER, errorsOnly: true });
  assert.deepEqual(shown(), ['CP2:c7:4', 'CP1:a2:2'], 'CALLERRORs and schema violations');
  log.setFilter({ ...NO_FILTER, text: 'SOFT' });
  assert.deepEqual(shown(), ['CP2:c7:2'], 'free text is case-insensitive');
  // Filtering continues on what arrives later.
  log.append([frame('CP2', 'tx', [2, 'c8', 'Reset', { type: 'Soft' }])]);
  assert.deepEqual(shown(), ['CP2:c7:2', 'CP2:c8:2']);
  const reset = log.rows.find((r) => r.id === 'c7' && r.type === 2)!;
  assert.equal(log.partner(reset)?.type, 4);
  assert.equal(log.partner(reset)?.latencyMs, 42);
  assert.equal(log.partner(log.partner(reset)!)?.seq, reset.seq);
  assert.equal(log.partner(log.rows.find((r) => r.id === 'c8')!), undefined, 'no answer yet');
});

test('history fetched after live frames goes first, repeats are dropped, and the log stays bounded', () => {
  const log = new MessageLog();
  const early = [frame('CP9', 'rx', [2, 'h1', 'Heartbeat', {}]), frame('CP9', 'tx', [3, 'h1', {}], { action: 'Heartbeat' })];
  const live = [frame('CP9', 'rx', [2, 'h2', 'Heartbeat', {}])];
  log.append(live);
  log.insertHistory([...early, ...live]);
  assert.deepEqual(
    log.rows.map((r) => r.id),
    ['h1', 'h1', 'h2'],
  );
  log.append(live);
  assert.equal(log.rows.length, 3, 'a frame seen twice is kept once');
  const many: FrameRecord[] = [];
  for (let i = 0; i < MAX_ROWS + 10; i++) many.push(frame('CP8', 'rx', [2, `m${i}`, 'Heartbeat', {}]));
  log.append(many);
  assert.ok(log.rows.length <= MAX_ROWS, `${log.rows.length} rows`);
  assert.equal(log.rows.at(-1)!.id, `m${MAX_ROWS + 9}`, 'the newest are kept');
  assert.ok(log.dropped > 0);
  assert.ok(log.visible.every((i) => i < log.rows.length));
});
