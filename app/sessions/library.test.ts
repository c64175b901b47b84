import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../testing/central-fixture.ts';
import { sessionOpener, sessionsDir } from '../store/session-store.ts';
import { SessionLibrary } from './library.ts';
import type { ReadinessReport } from '../readiness/suite.ts';
import { CATALOGUE, isRequired, type Verdict } from '../readiness/catalogue.ts';

/** A report as an app of the first format kept it: ready as a boolean, no overall verdict, each check's verdict. */
function keptReport(charger: string, ready: boolean, finishedAt: string, verdictOf: (id: string) => Verdict = () => 'pass'): ReadinessReport {
  const checks = CATALOGUE.map((c) => ({ id: c.id, required: isRequired(c, false), verdict: verdictOf(c.id), reason: 'as recorded', evidence: [] }));
  return {
    charger,
    ready,
    startedAt: finishedAt,
    finishedAt,
    cancelled: false,
    identity: null,
    connection: null,
    checks,
    cleanup: { done: true, actions: [], problem: null },
  } as unknown as ReadinessReport;
}

function record(
  dataDir: string,
  chargerId: string,
  vendor: string,
  model: string,
  startedAt: string,
  frames: number,
  source: 'central' | 'import' = 'central',
) {
  let now = Date.parse(startedAt);
  const session = sessionOpener({ dataDir, clock: () => new Date(now) }, source)(chargerId);
  session.appendFrame(chargerId, 'charger', {
    dir: 'rx',
    raw: JSON.stringify([2, 'b', 'BootNotification', { chargePointVendor: vendor, chargePointModel: model, chargePointSerialNumber: `SN-${chargerId}` }]),
    type: 2,
    id: 'b',
    action: 'BootNotification',
    issues: [],
  });
  for (let i = 1; i < frames; i++) {
    now += 60_000;
    session.appendFrame(chargerId, 'charger', { dir: 'rx', raw: `[2,"h${i}","Heartbeat",{}]`, type: 2, id: `h${i}`, action: 'Heartbeat', issues: [] });
  }
  session.append({ t: 'event', charger: chargerId, leg: 'charger', event: { kind: 'ping' } });
  session.close();
  return session.id;
}

test('the library lists each session with its charger, span, frames and verdict; searches; counts the disk', () => {
  const dataDir = tempDir('fieldkit-library-');
  try {
    const a = record(dataDir, 'CP1', 'Acme', 'W1', '2026-11-20T08:00:00.000Z', 5);
    const b = record(dataDir, 'CP2', 'Volta', 'Home22', '2026-11-24T09:30:00.000Z', 3, 'import');
    writeFileSync(join(sessionsDir(dataDir), 'notes.jsonl'), 'not a session\n');
    const library = new SessionLibrary(dataDir);
    library.saveReport(a, keptReport('CP1', true, '2026-11-20T08:10:00.000Z'));
    // A report of the first format that said READY over skipped required checks is shown for what it was: incomplete.
    library.saveReport(
      b,
      keptReport('CP2', true, '2026-11-24T09:40:00.000Z', (id) => (id === 'meter.power' ? 'skip' : 'pass')),
    );
    const all = library.list();
    assert.deepEqual(
      all.map((s) => s.id),
      [b, a],
      'newest first; the stray file is left out',
    );
    const cp1 = all.find((s) => s.id === a)!;
    assert.deepEqual(
      {
        chargerId: cp1.chargerId,
        vendor: cp1.vendor,
        model: cp1.model,
        serialNumber: cp1.serialNumber,
        frames: cp1.frames,
        events: cp1.events,
        started: cp1.started,
        ended: cp1.ended,
        source: cp1.source,
      },
      {
        chargerId: 'CP1',
        vendor: 'Acme',
        model: 'W1',
        serialNumber: 'SN-CP1',
        frames: 5,
        events: 1,
        started: '2026-11-20T08:00:00.000Z',
        ended: '2026-11-20T08:04:00.000Z',
        source: 'central',
      },
    );
    assert.deepEqual(cp1.verdict, { verdict: 'ready', ready: true, at: '2026-11-20T08:10:00.000Z' });
    assert.deepEqual(all.find((s) => s.id === b)!.verdict, { verdict: 'incomplete', ready: false, at: '2026-11-24T09:40:00.000Z' });
    assert.deepEqual(
      library.list({ text: 'volta' }).map((s) => s.id),
      [b],
    );
    assert.deepEqual(
      library.list({ text: 'w1' }).map((s) => s.id),
      [a],
    );
    assert.deepEqual(
      library.list({ text: 'SN-CP2' }).map((s) => s.id),
      [b],
    );
    assert.deepEqual(
      library.list({ from: '2026-11-21' }).map((s) => s.id),
      [b],
    );
    assert.deepEqual(
      library.list({ to: '2026-11-20' }).map((s) => s.id),
      [a],
    );
    const usage = library.usage();
    assert.equal(usage.sessions, 2);
    assert.ok(usage.bytes > 500);
    assert.ok(existsSync(join(sessionsDir(dataDir), '.index.json')), 'summaries are kept in an index');
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a changed file is summarised again; a live session cannot be deleted; delete and retention remove files and reports', () => {
  const dataDir = tempDir('fieldkit-library-');
  try {
    const old = record(dataDir, 'OLD', 'Acme', 'W1', '2026-10-01T08:00:00.000Z', 2);
    const live = record(dataDir, 'LIVE', 'Acme', 'W1', '2026-10-02T08:00:00.000Z', 2);
    const library = new SessionLibrary(dataDir, (id) => id === live);
    library.saveReport(old, keptReport('OLD', false, '2026-10-01T08:10:00.000Z'));
    assert.equal(library.list().find((s) => s.id === old)!.frames, 2);
    const file = join(sessionsDir(dataDir), `${old}.jsonl`);
    writeFileSync(
      file,
      `${'{"t":"frame","seq":9,"at":"2026-10-01T09:00:00.000Z","charger":"OLD","leg":"charger","dir":"rx","raw":"[2,\\"x\\",\\"Heartbeat\\",{}]","issues":[]}'}\n`,
      { flag: 'a' },
    );
    utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    assert.equal(library.list().find((s) => s.id === old)!.frames, 3, 'the index follows the file');
    assert.throws(() => library.delete(live), /being recorded now/);
    assert.throws(() => library.delete('../../etc/passwd'), /not a session id/);
    const pruned = library.prune(30, Date.parse('2026-11-25T00:00:00.000Z'));
    assert.deepEqual(pruned, [old], 'the old one goes, the live one stays');
    assert.ok(!existsSync(file));
    assert.ok(!existsSync(join(dataDir, 'reports', old)), 'with its reports');
    assert.deepEqual(
      readdirSync(sessionsDir(dataDir)).filter((f) => f.endsWith('.jsonl')),
      [`${live}.jsonl`],
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
