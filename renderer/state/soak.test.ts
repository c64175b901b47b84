/**
 * A day in a minute: a charger sampling every second for 24 hours (86 400 MeterValues, the charger's
 * clock moving a second a call) through the real central system on a real socket, with a UI's store
 * fed by the host's event stream the whole time. The bounds (docs/performance.md):
 * - the host (model, recorder, update bookkeeping) grows by less than 40 MiB for the day: the
 *   model's samples are ~170 bytes each in columns, frames go to disk, not memory;
 * - the renderer's store holds every sample of the day, and its log stays within its own caps
 *   (200 000 rows; 128 MiB as it counts a row: twice its text plus 200 bytes); the store holds less
 *   than what the log counts plus 32 MiB (the day's samples in columns and the rest).
 * A leak of ~250 bytes per frame on either side breaks its bound.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type WebSocket from 'ws';
import { createCore, type Core } from '../../app/host/core.ts';
import { closeClient, connectCharger, tempDir, until } from '../../app/testing/central-fixture.ts';
import { DAY_S, secondOfDay } from '../../app/testing/day-of-samples.ts';
import type { HostApi } from '../../app/host/contract.ts';
import { createAppStore, type AppStore } from './app-store.ts';
import { attachFeed, type Feed } from './feed.ts';
import { MAX_BYTES, MAX_ROWS } from './log.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heap = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const MiB = 1024 * 1024;
/** Calls in flight at once: the charger does not wait for each answer, so the day takes a minute, not a day. */
const WINDOW = 64;
const start = Date.parse('2026-11-30T00:00:00Z');

let core: Core;
let dataDir: string;
let base: string;

before(async () => {
  dataDir = tempDir();
  core = await createCore({ dataDir, host: '127.0.0.1', wsPort: 0, wssPort: null, passwords: new Map(), acceptAny: true });
  const { wsPort } = await core.central.start();
  base = `ws://127.0.0.1:${wsPort}/ocpp`;
});

after(async () => {
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const meterValues = (n: number) => secondOfDay(n, { id: `d${n}`, connectorId: 1, start, context: 'Sample.Periodic' });

/** The store's picture of the day; returns what the log counts against its byte cap. */
function checkStore(store: AppStore): number {
  const state = store.getState();
  assert.equal(state.chargers.DAY1!.series.length, DAY_S, 'the store holds every sample of the day');
  const rows = state.log.rows;
  assert.ok(rows.length <= MAX_ROWS, `the log keeps at most ${MAX_ROWS} rows (has ${rows.length})`);
  assert.ok(state.log.bytes <= MAX_BYTES, `the log stays within its byte cap (${(state.log.bytes / MiB).toFixed(0)} MiB)`);
  assert.equal(rows.at(-1)?.id, `d${DAY_S - 1}`, "the log's newest row is the day's last frame");
  return state.log.bytes;
}

/** Sends the day's MeterValues, WINDOW at a time in flight, and waits for every answer. */
async function sendDay(charger: WebSocket): Promise<void> {
  let sent = 0;
  let answered = 0;
  await new Promise<void>((resolve) => {
    charger.on('message', () => {
      answered++;
      if (sent < DAY_S) charger.send(meterValues(sent++));
      else if (answered === DAY_S) resolve();
    });
    while (sent < WINDOW) charger.send(meterValues(sent++));
  });
}

test('a day of 1 s samples keeps the host and the renderer under their memory bounds', { timeout: 300_000 }, async () => {
  const charger = await connectCharger(base, 'DAY1');
  await new Promise<void>((resolve) => {
    charger.once('message', () => resolve());
    charger.send(JSON.stringify([2, 'boot', 'BootNotification', { chargePointVendor: 'Soak', chargePointModel: 'Day' }]));
  });
  let store: AppStore | null = createAppStore();
  const host: HostApi = { invoke: (name, args) => core.host.invoke(name, args), subscribe: (l) => core.host.subscribe(l) };
  let feed: Feed | null = attachFeed(host, store);
  await feed.load();
  await until(() => store!.getState().chargers.DAY1?.view, 'the charger in the store');
  const before = heap();

  await sendDay(charger);
  await until(() => store!.getState().chargers.DAY1!.series.length >= DAY_S, 'every sample of the day in the store', 30_000);
  const withStore = heap();

  // Read in a function of its own, so nothing here holds the store once it is dropped.
  const logBytes = checkStore(store);
  assert.equal(core.models.builder('DAY1').model.samples.length, DAY_S, 'the host kept every sample of the day');

  // What the renderer held goes with its store; what is left is the host's.
  feed.stop();
  feed = null;
  store = null;
  const hostOnly = heap();
  const hostGrew = hostOnly - before;
  const rendererHeld = withStore - hostOnly;
  console.log(
    `a day of 1 s samples: host grew ${(hostGrew / MiB).toFixed(1)} MiB, the renderer's store held ${(rendererHeld / MiB).toFixed(1)} MiB (its log counts ${(logBytes / MiB).toFixed(1)} MiB)`,
  );
  assert.ok(hostGrew < 40 * MiB, `the host grew by ${(hostGrew / MiB).toFixed(1)} MiB over the day`);
  assert.ok(
    rendererHeld < logBytes + 32 * MiB,
    `the renderer held ${(rendererHeld / MiB).toFixed(1)} MiB with its log counting ${(logBytes / MiB).toFixed(1)} MiB`,
  );
  await closeClient(charger);
});
