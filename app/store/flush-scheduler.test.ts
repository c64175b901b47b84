import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { tempDir } from '../testing/central-fixture.ts';
import { FlushScheduler } from './flush-scheduler.ts';
import { SessionRecorder } from './recorder.ts';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const linesOf = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { t: string; event?: { kind: string } });
/** A recorder of its own in a fresh folder (removed after the tests), writing through `scheduler`. */
function recorderFor(scheduler: FlushScheduler, chargerId = 'CP1', dir = tempDir()): SessionRecorder {
  if (!dirs.includes(dir)) dirs.push(dir);
  return new SessionRecorder({ dir, chargerId, source: 'central', appVersion: 'test', scheduler });
}
const connected = (n: number) => ({ t: 'event' as const, charger: 'CP1', leg: 'charger' as const, event: { kind: `note-${n}` } });

test('a frame waiting to leave goes only after the turn has written the records of every session', async () => {
  const scheduler = new FlushScheduler();
  const first = recorderFor(scheduler, 'CP1');
  const second = recorderFor(scheduler, 'CP2');
  first.append(connected(1));
  second.append(connected(2));
  first.append(connected(3));
  const seenWhenSent: number[] = [];
  first.whenDurable(() => seenWhenSent.push(linesOf(first.file).length, linesOf(second.file).length));
  assert.deepEqual(seenWhenSent, [], 'nothing leaves within the turn the records were made in');
  await nextTurn();
  // Header and two records for the first, header and one for the second: all on disk before the send.
  assert.deepEqual(seenWhenSent, [3, 2]);
  first.close();
  second.close();
});

test('with nothing waiting to be written, a frame leaves at once', () => {
  const scheduler = new FlushScheduler();
  let sent = false;
  scheduler.whenDurable(() => (sent = true));
  assert.equal(sent, true);
});

test('a record made after a write in the same turn (a file read back mid-turn) still reaches the disk at the end of the turn', async () => {
  const scheduler = new FlushScheduler();
  const recorder = recorderFor(scheduler);
  recorder.append(connected(1));
  recorder.flushNow();
  recorder.append(connected(2));
  await nextTurn();
  assert.deepEqual(
    linesOf(recorder.file).map((r) => r.event?.kind ?? r.t),
    ['session', 'note-1', 'note-2'],
  );
  recorder.close();
});

test('what a departing frame records (a note that it could not leave) is written on the next turn, and frames queued meanwhile wait for it', async () => {
  const scheduler = new FlushScheduler();
  const recorder = recorderFor(scheduler);
  recorder.append(connected(1));
  const order: string[] = [];
  recorder.whenDurable(() => {
    order.push('first sent');
    recorder.append(connected(2));
    recorder.whenDurable(() => order.push(`second sent with ${linesOf(recorder.file).length} lines on disk`));
  });
  await nextTurn();
  assert.deepEqual(order, ['first sent']);
  await nextTurn();
  assert.deepEqual(order, ['first sent', 'second sent with 3 lines on disk']);
  recorder.close();
});

test('with many sessions waiting in one turn, answers leave in groups as the turn goes on, each after its records are written', async () => {
  const scheduler = new FlushScheduler();
  const dir = tempDir();
  const recorders = Array.from({ length: 40 }, (_, n) => recorderFor(scheduler, `CP${n}`, dir));
  // The headers wait from the constructors: let that turn's writes happen first.
  await nextTurn();
  const sent: { at: number; linesOnDisk: number }[] = [];
  const handle = (n: number) => {
    recorders[n]!.append(connected(n));
    recorders[n]!.whenDurable(() => sent.push({ at: n, linesOnDisk: linesOf(recorders[n]!.file).length }));
  };
  // 31 sessions: nothing leaves before the turn ends.
  for (let n = 0; n < 31; n++) handle(n);
  await Promise.resolve();
  assert.equal(sent.length, 0);
  // The 32nd: the group is written right after the frame being handled, not at the end of the turn.
  handle(31);
  await Promise.resolve();
  assert.equal(sent.length, 32);
  assert.ok(
    sent.every((s) => s.linesOnDisk === 2),
    'each left after its own record was on disk',
  );
  // The rest of the turn waits for the end of the turn, as before.
  for (let n = 32; n < 40; n++) handle(n);
  await Promise.resolve();
  assert.equal(sent.length, 32);
  await nextTurn();
  assert.equal(sent.length, 40);
  assert.ok(sent.every((s) => s.linesOnDisk === 2));
  for (const r of recorders) r.close();
});
