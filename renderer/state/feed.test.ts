/**
 * The store fed by a real host (the app's core in-process, a simulated charger on a real socket):
 * what the pages read appears, in batches, with the history of a charger that was there before.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { createCore, type Core } from '../../app/host/core.ts';
import { SimChargePoint } from '../../app/sim/charge-point.ts';
import { tempDir, until } from '../../app/testing/central-fixture.ts';
import type { HostApi, HostEvent } from '../../app/host/contract.ts';
import { createAppStore, type AppStore } from './app-store.ts';
import { attachFeed, type Feed } from './feed.ts';

let core: Core;
let dataDir: string;
let sim: SimChargePoint;
let store: AppStore;
let feed: Feed;
let updates = 0;

before(async () => {
  dataDir = tempDir();
  core = await createCore({ dataDir, host: '127.0.0.1', wsPort: 0, wssPort: null, passwords: new Map(), acceptAny: true });
  const { wsPort } = await core.central.start();
  sim = new SimChargePoint({ url: `ws://127.0.0.1:${wsPort}/ocpp`, id: 'FEED1', meterValueSampleInterval: 1, tickMs: 100 });
  sim.start();
  await until(() => sim.connected, 'FEED1 connected', 8_000);
  sim.plugIn(1, { socPercent: 30, maxCurrent: 16, phases: 1 });
  await until(() => core.models.builder('FEED1').model.samples.length >= 2, 'samples before the UI opens', 10_000);
  store = createAppStore();
  store.subscribe(() => updates++);
  // The host as a UI sees it: only the contract.
  const host: HostApi = {
    invoke: (name, args) => core.host.invoke(name, args),
    subscribe: (l: (events: readonly HostEvent[]) => void) => core.host.subscribe(l),
  };
  feed = attachFeed(host, store);
  await feed.load();
});

after(async () => {
  feed.stop();
  await sim.stop();
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('the store shows the charger, its history and the live samples that follow, without repeats', async () => {
  const state = store.getState();
  assert.equal(state.hostState, 'ready');
  assert.equal(state.selected, 'FEED1', 'the first charger is selected');
  assert.ok(state.info?.platformPreset.length === 2);
  const historyAt = state.chargers.FEED1!.series.length;
  assert.ok(historyAt >= 2, 'samples from before the UI opened are there');
  assert.ok(
    state.log.rows.some((r) => r.action === 'BootNotification'),
    'frames from before the UI opened are in the log',
  );
  await until(() => store.getState().chargers.FEED1!.series.length >= historyAt + 3, 'live samples', 10_000);
  const series = store.getState().chargers.FEED1!.series;
  for (let i = 1; i < series.length; i++) assert.ok(series.seq[i]! > series.seq[i - 1]!, 'each sample once, in order');
  const view = store.getState().chargers.FEED1!.view!;
  assert.equal(view.connectors.find((c) => c.id === 1)?.status, 'Charging');
  const seqs = store
    .getState()
    .log.rows.filter((r) => r.charger === 'FEED1')
    .map((r) => r.seq);
  assert.deepEqual(seqs, [...new Set(seqs)], 'no frame twice in the log');
});

test('events are applied in batches, not one store update per frame', async () => {
  const before = updates;
  const frames = store.getState().log.rows.length;
  await until(() => store.getState().log.rows.length >= frames + 10, 'ten more frames', 15_000);
  assert.ok(updates - before < 10, `${updates - before} store updates for ${store.getState().log.rows.length - frames} frames`);
});

test('a readiness step reaches the store as the run for that charger', async () => {
  const run = core.host.invoke('readiness.run', { chargerId: 'FEED1', sampleIntervalS: 1, timeoutS: 5 });
  await until(() => store.getState().readiness.FEED1?.steps.length, 'a step', 10_000);
  assert.equal(store.getState().readiness.FEED1!.running, true);
  await core.host.invoke('readiness.cancel', { chargerId: 'FEED1' });
  const report = await run;
  assert.equal(report.cancelled, true);
  await until(() => store.getState().readiness.FEED1!.running === false, 'the run ends', 20_000);
});
