import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chargerCall, connectCharger, tempDir } from '../testing/central-fixture.ts';
import { startServeChild } from '../testing/serve-child.ts';
import { readSession } from './reader.ts';
import { SessionRecorder } from './recorder.ts';
import type { FrameRecord } from './records.ts';
import { parseFrame } from '../ocpp/frames.ts';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const newDir = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};

test('a recording survives SIGKILL of the process mid-stream: every answered frame is on disk', async () => {
  const dataDir = newDir();
  const serve = await startServeChild(['--data', dataDir, '--auth', 'CP1:pw', '--quiet']);
  const ws = await connectCharger(serve.wsUrl, 'CP1', { password: 'pw' });
  ws.on('error', () => {});
  await chargerCall(ws, 'BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'W1' });
  const answered: string[] = [];
  // Stream MeterValues; kill the server while calls are in flight.
  let streaming = true;
  const stream = (async () => {
    for (let n = 0; streaming; n++) {
      const id = `mv${n}`;
      const sample = {
        timestamp: new Date().toISOString(),
        sampledValue: [{ value: String(1000 + n), measurand: 'Energy.Active.Import.Register', unit: 'Wh' }],
      };
      try {
        await chargerCall(ws, 'MeterValues', { connectorId: 1, meterValue: [sample] }, id);
        answered.push(id);
      } catch {
        return;
      }
    }
  })();
  while (answered.length < 200) await new Promise((r) => setTimeout(r, 5));
  serve.child.kill('SIGKILL');
  await serve.exited;
  streaming = false;
  ws.terminate();
  await stream;

  const files = readdirSync(join(dataDir, 'sessions')).filter((f) => f.includes('CP1'));
  assert.equal(files.length, 1);
  const session = readSession(join(dataDir, 'sessions', files[0]!));
  const frames = session.records.filter((r): r is FrameRecord => r.t === 'frame');
  const onDisk = new Set(frames.filter((f) => f.dir === 'rx' && f.action === 'MeterValues').map((f) => f.id));
  for (const id of answered) assert.ok(onDisk.has(id), `answered ${id} is in the recording`);
  assert.deepEqual(
    session.records.map((r) => r.seq),
    session.records.map((_, i) => i + 1),
    'no gaps in the sequence',
  );
  assert.equal(session.problems.length, 0);
});

test('a truncated last line is ignored on read; a damaged middle line is skipped and reported', () => {
  const dir = newDir();
  const recorder = new SessionRecorder({ dir, chargerId: 'CP1', source: 'central', appVersion: 'test' });
  for (let i = 0; i < 3; i++)
    recorder.append({
      t: 'frame',
      charger: 'CP1',
      leg: 'charger',
      dir: 'rx',
      raw: `[2,"${i}","Heartbeat",{}]`,
      type: 2,
      id: String(i),
      action: 'Heartbeat',
      issues: [],
    });
  recorder.close();
  appendFileSync(recorder.file, '{"t":"frame","seq":4,"at":"2026-');
  let read = readSession(recorder.file);
  assert.equal(read.records.length, 3);
  assert.equal(read.truncatedTail, true);
  assert.equal(read.header.chargerId, 'CP1');
  const lines = read.records.map((r) => JSON.stringify(r));
  writeFileSync(recorder.file, [JSON.stringify(read.header), lines[0], 'not json', lines[2], ''].join('\n'));
  read = readSession(recorder.file);
  assert.deepEqual(
    read.records.map((r) => r.seq),
    [1, 3],
  );
  assert.deepEqual(
    read.problems.map((p) => p.line),
    [3],
  );
});

test('reading back yields the same frames that were appended', () => {
  const dir = newDir();
  const recorder = new SessionRecorder({ dir, chargerId: 'CP7', source: 'central', appVersion: 'test' });
  const written = [
    recorder.append({ t: 'event', charger: 'CP7', leg: 'charger', event: { kind: 'connected' } }),
    recorder.append({
      t: 'frame',
      charger: 'CP7',
      leg: 'charger',
      dir: 'rx',
      raw: '[2,"a","Heartbeat",{"x":1}]',
      type: 2,
      id: 'a',
      action: 'Heartbeat',
      issues: [{ kind: 'schema', path: '/x', message: 'is not a field of this message', code: 'FormationViolation' }],
    }),
    recorder.append({
      t: 'frame',
      charger: 'CP7',
      leg: 'charger',
      dir: 'tx',
      raw: '[3,"a",{"currentTime":"2026-01-01T00:00:00.000Z"}]',
      type: 3,
      id: 'a',
      action: 'Heartbeat',
      issues: [],
    }),
  ];
  recorder.close();
  assert.deepEqual(readSession(recorder.file).records, written);
});

test("an answer's latency is recorded to the microsecond, in the file as on the record handed on", () => {
  const dir = newDir();
  const recorder = new SessionRecorder({ dir, chargerId: 'CP8', source: 'central', appVersion: 'test' });
  const raw = '[3,"a",{}]';
  const parsed = parseFrame(raw);
  assert.ok(parsed.ok);
  const observed = (latencyMs: number) => ({
    dir: 'tx' as const,
    raw,
    parsed: parsed.frame,
    type: 3,
    id: 'a',
    action: 'Heartbeat',
    latencyMs,
    issues: [],
  });
  const live = [recorder.appendFrame('CP8', 'charger', observed(0.0123456789)), recorder.appendFrame('CP8', 'charger', observed(1234.5678901))];
  recorder.close();
  assert.deepEqual(
    live.map((r) => r.latencyMs),
    [0.012, 1234.568],
  );
  assert.deepEqual(
    readSession(recorder.file).records.map((r) => (r as FrameRecord).latencyMs),
    [0.012, 1234.568],
  );
  assert.match(readFileSync(recorder.file, 'utf8'), /"latencyMs":1234\.568,/);
});

test('a disk that refuses writes loses nothing: records wait in memory, the problem is reported, and they land when it recovers', () => {
  const root = newDir();
  const blocked = join(root, 'sessions');
  writeFileSync(blocked, 'a file where the folder should be');
  const problems: (string | null)[] = [];
  const recorder = new SessionRecorder({
    dir: blocked,
    chargerId: 'CP1',
    source: 'central',
    appVersion: 'test',
    onWriteProblem: (p) => problems.push(p ? p.message : null),
  });
  for (let i = 0; i < 5; i++) {
    recorder.append({ t: 'frame', charger: 'CP1', leg: 'charger', dir: 'rx', raw: `[2,"${i}","Heartbeat",{}]`, issues: [] });
    recorder.flushNow(); // the end of an event-loop turn
  }
  assert.equal(problems.length, 1, 'reported once, not once per record');
  assert.equal(recorder.pending, 6);
  rmSync(blocked);
  recorder.append({ t: 'frame', charger: 'CP1', leg: 'charger', dir: 'rx', raw: '[2,"5","Heartbeat",{}]', issues: [] });
  recorder.close();
  assert.deepEqual(problems.slice(1), [null], 'recovery is reported');
  assert.deepEqual(
    readSession(recorder.file).records.map((r) => r.seq),
    [1, 2, 3, 4, 5, 6],
  );
});

test(
  'writing to a full disk (/dev/full) reports ENOSPC and keeps the records',
  { skip: process.platform !== 'linux' ? 'skip: /dev/full exists on Linux only' : false },
  () => {
    const problems: string[] = [];
    const recorder = new SessionRecorder({
      dir: newDir(),
      file: '/dev/full',
      chargerId: 'CP1',
      source: 'central',
      appVersion: 'test',
      onWriteProblem: (p) => p && problems.push(p.message),
    });
    recorder.append({ t: 'frame', charger: 'CP1', leg: 'charger', dir: 'rx', raw: '[2,"1","Heartbeat",{}]', issues: [] });
    recorder.flushNow();
    assert.match(problems[0] ?? '', /ENOSPC/);
    assert.equal(recorder.pending, 2);
    recorder.close();
  },
);

test('a disk that refuses for long keeps the newest records: the oldest tenth goes at the cap, counted, and the rest lands whole', () => {
  const root = newDir();
  const blocked = join(root, 'sessions');
  writeFileSync(blocked, 'a file where the folder should be');
  const recorder = new SessionRecorder({ dir: blocked, chargerId: 'CP1', source: 'central', appVersion: 'test' });
  // The header and 100 000 frames: one record past the cap of 100 000 in memory.
  for (let i = 0; i < 100_000; i++) recorder.append({ t: 'frame', charger: 'CP1', leg: 'charger', dir: 'rx', raw: `[2,"${i}","Heartbeat",{}]`, issues: [] });
  recorder.flushNow();
  assert.equal(recorder.dropped, 10_000);
  assert.equal(recorder.pending, 90_001);
  rmSync(blocked);
  recorder.close();
  // The header stays: without it the file would be no session at all.
  const read = readSession(recorder.file);
  assert.equal(read.header.chargerId, 'CP1');
  assert.equal(read.problems.length, 0, 'every line kept is whole');
  const seqs = read.records.map((r) => r.seq);
  assert.equal(seqs.length, 90_000);
  assert.deepEqual([seqs[0], seqs.at(-1)], [10_001, 100_000], 'the newest are kept, in order');
});

test('a frame is kept byte for byte: verbatim in its line when it is one line of JSON, escaped in raw when it is not', () => {
  const recorder = new SessionRecorder({ dir: newDir(), chargerId: 'CP1', source: 'central', appVersion: 'test' });
  const observe = (raw: string) => {
    const parsed = parseFrame(raw);
    return recorder.appendFrame('CP1', 'charger', {
      dir: 'rx',
      raw,
      issues: [],
      ...(parsed.ok ? { parsed: parsed.frame, type: parsed.frame.type, id: parsed.frame.id } : {}),
    });
  };
  const sent = [
    // Spaces, a number written 1.0, an escaped é and quote, a key that looks like ours: all as they came.
    '[2, "a", "DataTransfer", {"vendorId":"X","data":"{\\"frame\\":1} caf\\u00e9 \\"q\\"","messageId":",\\"frame\\":","n":1.0}]',
    // Spread over lines: JSON, but it would break the line, so it is escaped.
    '[2,"b","Heartbeat",\n{}]',
    // Not JSON at all.
    '[2,"c","Heartbeat",{',
  ];
  sent.forEach(observe);
  recorder.close();
  const lines = readFileSync(recorder.file, 'utf8').split('\n');
  assert.ok(lines[1]!.endsWith(`,"frame":${sent[0]}}`), 'the first frame stands in its line as received');
  assert.deepEqual((JSON.parse(lines[1]!) as { frame: unknown }).frame, JSON.parse(sent[0]!), 'the line is JSON whose frame is the frame');
  assert.match(lines[2]!, /"raw":"\[2,\\"b\\"/);
  assert.deepEqual(
    readSession(recorder.file).records.map((r) => (r as FrameRecord).raw),
    sent,
    'every frame reads back exactly as it was received',
  );
});
