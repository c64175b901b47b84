/**
 * The Readiness page's truth lives in the host: a page that opens in the middle of a run (a reload,
 * a second tab) gets the run as it stands, with its prompt; Cancel from anywhere ends settled for
 * everyone; a finished run keeps its report; the simulated car always answers the prompt; and a
 * recorded session shows what was recorded, read-only, without inventing a failure.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { createCore, type Core } from './core.ts';
import type { HostEvent, ReadinessRunState } from './contract.ts';
import { SimChargePoint } from '../sim/charge-point.ts';
import { tempDir, until } from '../testing/central-fixture.ts';

let core: Core;
let dataDir: string;
let sim: SimChargePoint;
const events: HostEvent[] = [];

before(async () => {
  dataDir = tempDir('fieldkit-readiness-state-');
  core = await createCore({ dataDir, host: '127.0.0.1', wsPort: 0, wssPort: null, passwords: new Map([['RS1', 'pw-rs1']]), acceptAny: false });
  const { wsPort } = await core.central.start();
  sim = new SimChargePoint({
    url: `ws://127.0.0.1:${wsPort}/ocpp`,
    id: 'RS1',
    password: 'pw-rs1',
    tickMs: 100,
    meterValueSampleInterval: 1,
    reconnectBaseMs: 100,
  });
  core.simulated.add(sim);
  sim.start();
  core.host.subscribe((batch) => events.push(...batch));
  await until(() => core.models.builder('RS1').model.boots.some((b) => b.answer), 'RS1 booted', 10_000);
});

after(async () => {
  await sim.stop();
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const state = (chargerId = 'RS1') => core.host.invoke('readiness.state', { chargerId });
const runEvents = () => events.flatMap((e) => (e.name === 'readiness.step' && e.data.chargerId === 'RS1' ? [e.data.run] : []));

test('a page opened mid-run gets the live run with its prompt; Cancel from another page ends settled for every page, with an incomplete report kept', async () => {
  const running = core.host.invoke('readiness.run', { chargerId: 'RS1', sampleIntervalS: 1, timeoutS: 60 });
  // A second tab, or the same tab after a reload: nothing of its own, only what it asks the host.
  const midRun = await until(
    async () => {
      const s = await state();
      return s.run.prompt ? s : undefined;
    },
    'the plug-in prompt, seen by a page that opened late',
    30_000,
  );
  assert.equal(midRun.run.running, true);
  assert.equal(midRun.run.prompt!.kind, 'plug-in');
  assert.ok(midRun.run.steps.some((s) => s.step === 'config.sampled-data'));
  assert.equal(midRun.run.verdicts['trigger.boot']?.verdict, 'pass', 'verdicts so far come with it');
  await assert.rejects(core.host.invoke('readiness.run', { chargerId: 'RS1' }), /already running/);
  assert.deepEqual(await core.host.invoke('readiness.cancel', { chargerId: 'RS1' }), { cancelled: true });
  const cancelling = (await state()).run;
  assert.deepEqual([cancelling.running, cancelling.cancelling, cancelling.prompt], [true, true, null]);
  const report = await running;
  assert.equal(report.verdict, 'incomplete', 'a cancelled run is incomplete, never ready or not ready');
  assert.equal(report.cancelled, true);
  const settled = (await state()).run;
  assert.deepEqual([settled.running, settled.cancelling, settled.report?.verdict], [false, false, 'incomplete']);
  // Every page watching heard the same: cancelling, then the end with the report; the newest state has the highest version.
  await until(() => runEvents().some((r) => r.report !== null), 'the finished run in an event', 5_000);
  const seen = runEvents();
  assert.ok(seen.some((r) => r.cancelling));
  const last = seen.reduce((a: ReadinessRunState, b) => (b.version > a.version ? b : a));
  assert.equal(last.report?.verdict, 'incomplete');
  assert.equal(last.running, false);
  // A trip to another page and back: the report is still what the host shows.
  assert.equal((await state()).latest?.finishedAt, report.finishedAt);
});

test('the simulated car answers the prompt even when the last car is still plugged in (Finishing), and says what it did', async () => {
  const plugged = await core.host.invoke('sim.answerPrompt', { chargerId: 'RS1', prompt: 'plug-in' });
  assert.match(plugged.did, /plugged the simulated car into connector 1/);
  await until(() => core.models.builder('RS1').model.transactions.some((t) => !t.stop && t.transactionId !== null), 'a transaction', 10_000);
  const tx = core.models.builder('RS1').model.transactions.find((t) => !t.stop)!;
  await core.host.invoke('charger.call', { chargerId: 'RS1', action: 'RemoteStopTransaction', payload: { transactionId: tx.transactionId! } });
  await until(() => core.models.builder('RS1').model.connectors.find((c) => c.id === 1)?.status === 'Finishing', 'Finishing with the car still in', 10_000);
  // Before: a silent no-op. Now: unplugged and plugged in again, and a new transaction runs.
  const again = await core.host.invoke('sim.answerPrompt', { chargerId: 'RS1', prompt: 'plug-in' });
  assert.match(again.did, /unplugged the simulated car from connector 1 \(still plugged in after the last charge\) and plugged it in again/);
  await until(
    () => core.models.builder('RS1').model.transactions.some((t) => !t.stop && t.transactionId !== null && t.transactionId !== tx.transactionId),
    'a new transaction',
    10_000,
  );
  await assert.rejects(core.host.invoke('sim.answerPrompt', { chargerId: 'RS1', prompt: 'plug-in' }), /already charging/);
});

test('a recorded session shows its recorded report, read-only: no run, and the passive checks compare like with like', async () => {
  const { sessions } = await core.host.invoke('sessions.list', {});
  const session = sessions.find((s) => s.chargerId === 'RS1')!;
  assert.equal(session.verdict?.verdict, 'incomplete', 'the library shows the kept report with its verdict');
  const { chargerId } = await core.host.invoke('sessions.show', { sessionId: session.id });
  assert.match(chargerId, /^RS1@/);
  const shown = await state(chargerId);
  assert.equal(shown.readOnly, true);
  assert.equal(shown.recorded.length, 1);
  assert.equal(shown.recorded[0]!.report.verdict, 'incomplete');
  assert.equal(shown.latest?.verdict, 'incomplete');
  await assert.rejects(core.host.invoke('readiness.run', { chargerId }), /recorded session, shown read-only/);
  const exported = await core.host.invoke('readiness.report', { chargerId, format: 'html' });
  assert.match(exported.content, /data-verdict="incomplete"/);
  // The Basic Auth user (RS1) is compared with the id the charger named, not with the id it is shown under.
  const passive = (await core.host.invoke('readiness.passive', { chargerId })).checks;
  assert.equal(passive.find((c) => c.id === 'auth.basic')?.verdict, 'pass');
  // The one failure is the charger's own: it connected over plain ws.
  assert.deepEqual(
    passive.filter((c) => c.verdict === 'fail').map((c) => c.id),
    ['transport.wss'],
  );
});
