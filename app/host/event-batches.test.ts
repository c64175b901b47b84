/**
 * The one batching point between host and UI: a burst of frames reaches a UI as a few messages of
 * many events (not a message per frame), in order, with the charger's update in the same stream;
 * nothing is gathered while nobody listens.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import WebSocket from 'ws';
import { createCore, type Core } from './core.ts';
import { startUiServer, type UiServer } from './http-server.ts';
import { EventBatches } from './event-batches.ts';
import type { HostEvent } from './contract.ts';
import type { ServerMessage } from './wire.ts';
import { closeClient, connectCharger, tempDir, until } from '../testing/central-fixture.ts';

let core: Core;
let ui: UiServer;
let dataDir: string;
let base: string;

before(async () => {
  dataDir = tempDir();
  core = await createCore({ dataDir, host: '127.0.0.1', wsPort: 0, wssPort: null, passwords: new Map(), acceptAny: true });
  const { wsPort } = await core.central.start();
  base = `ws://127.0.0.1:${wsPort}/ocpp`;
  ui = await startUiServer(core.host, { host: '127.0.0.1', port: 0, staticDir: dataDir });
});

after(async () => {
  await ui.close();
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('a burst of 300 frames reaches the UI in a few messages, every frame once and in order, with the charger update', async () => {
  const api = new WebSocket(ui.apiUrl);
  await new Promise((resolve, reject) => (api.once('open', resolve), api.once('error', reject)));
  const messages: ServerMessage[] = [];
  api.on('message', (data) => messages.push(JSON.parse(data.toString()) as ServerMessage));
  const events = () => messages.flatMap((m) => (m.t === 'events' ? m.events : [])) as HostEvent[];
  const charger = await connectCharger(base, 'BURST1');
  try {
    let answered = 0;
    charger.on('message', () => answered++);
    // 150 MeterValues without waiting for answers: 150 calls and 150 answers on the host's side.
    for (let n = 0; n < 150; n++) {
      const sampledValue = [{ value: String(1000 + n), measurand: 'Energy.Active.Import.Register', unit: 'Wh' }];
      charger.send(JSON.stringify([2, `b${n}`, 'MeterValues', { connectorId: 1, meterValue: [{ timestamp: new Date().toISOString(), sampledValue }] }]));
    }
    await until(() => answered === 150, 'all 150 answered');
    const frames = () => events().filter((e) => e.name === 'frame' && e.data.charger === 'BURST1');
    await until(() => frames().length === 300, 'all 300 frames at the UI');
    await until(
      () => events().some((e) => e.name === 'charger.update' && e.data.chargerId === 'BURST1' && e.data.samples.some((s) => s.energyWh === 1149)),
      'the update with the last sample',
    );
    const seqs = frames().map((e) => (e.name === 'frame' ? e.data.seq : 0));
    assert.deepEqual(
      seqs,
      [...seqs].sort((a, b) => a - b),
      'frames in the order they were recorded',
    );
    assert.equal(new Set(seqs).size, 300, 'each frame once');
    const carrying = messages.filter(
      (m) => m.t === 'events' && m.events.some((e) => e.name === 'frame' && (e.data as { charger?: string }).charger === 'BURST1'),
    );
    assert.ok(carrying.length <= 30, `300 frames came in ${carrying.length} messages: batched per tick, not one message per frame`);
  } finally {
    await closeClient(charger);
    await closeClient(api);
  }
});

test('events wait for the tick and go out together; producers add theirs on the tick; nothing is kept while nobody listens', async () => {
  const batches = new EventBatches(20);
  const event = (n: number): HostEvent => ({ name: 'central.state', data: { n } as never });
  batches.add(event(0)); // nobody listens: dropped, no timer left behind
  const seen: (readonly HostEvent[])[] = [];
  let ticks = 0;
  batches.onTick(() => {
    ticks++;
    if (ticks === 1) batches.add(event(3));
  });
  const off = batches.subscribe((batch) => seen.push(batch));
  batches.add(event(1));
  batches.add(event(2));
  await until(() => seen.length === 1, 'the first batch');
  assert.deepEqual(
    seen[0]!.map((e) => (e.data as unknown as { n: number }).n),
    [1, 2, 3],
    'one batch, in order, with what the producer added on the tick',
  );
  off();
  batches.add(event(4));
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.equal(seen.length, 1, 'after the last listener left, nothing more is sent');
});
