import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { HostError, type HostEvent } from './contract.ts';
import { createCore, type Core } from './core.ts';
import { startUiServer, type UiServer } from './http-server.ts';
import { connectHostClient, type HostClient } from './ws-client.ts';
import { render } from '../lib/message.ts';
import { MESSAGES_TH } from '../lib/messages-th.ts';
import { chargerCall, closeClient, connectCharger, tempDir, until } from '../testing/central-fixture.ts';
import { rmSync } from 'node:fs';

let core: Core;
let ui: UiServer;
let client: HostClient;
let dataDir: string;
const events: HostEvent[] = [];

before(async () => {
  dataDir = tempDir();
  core = await createCore({
    dataDir,
    host: '127.0.0.1',
    wsPort: 0,
    wssPort: 0,
    passwords: new Map([['*', 'pw']]),
    acceptAny: false,
    callTimeoutMs: 2_000,
    heartbeatInterval: 2,
  });
  await core.central.start();
  ui = await startUiServer(core.host, { host: '127.0.0.1', port: 0, staticDir: dataDir });
  client = await connectHostClient(new WebSocket(ui.apiUrl));
  client.subscribe((batch) => events.push(...batch));
});
after(async () => {
  client.close();
  await ui.close();
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('over the WebSocket contract: frames and connection events stream, and a call reaches the charger and returns its answer', async () => {
  const info = await client.invoke('connect.info', {});
  const wsUrl = info.urls.find((u) => u.scheme === 'ws')!.url.replace('/CP_ID', '');
  assert.ok(!JSON.stringify(info).includes('"pw"'), 'passwords never cross the contract');
  const charger = await connectCharger(wsUrl, 'CP5', { password: 'pw' });
  charger.on('message', (data) => {
    const [type, id, action] = JSON.parse(data.toString()) as [number, string, string];
    if (type === 2 && action === 'GetConfiguration')
      charger.send(JSON.stringify([3, id, { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '60' }] }]));
  });
  await chargerCall(charger, 'BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'W1' });
  await until(() => events.some((e) => e.name === 'frame' && e.data.action === 'BootNotification' && e.data.dir === 'tx'), 'the boot answer event');
  assert.ok(events.some((e) => e.name === 'connection' && e.data.event.kind === 'connected'));
  const list = await client.invoke('chargers.list', {});
  assert.deepEqual(
    list.map((c) => [c.id, c.connected, c.scheme]),
    [['CP5', true, 'ws']],
  );
  const outcome = await client.invoke('charger.call', { chargerId: 'CP5', action: 'GetConfiguration', payload: { key: ['HeartbeatInterval'] } });
  assert.ok(outcome.ok);
  assert.deepEqual(outcome.payload, { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '60' }] });
  const session = await client.invoke('session.records', { chargerId: 'CP5' });
  assert.ok(session.records.some((r) => r.t === 'frame' && r.action === 'GetConfiguration' && r.dir === 'rx'));
  await closeClient(charger);
});

test('a call the charger cannot take comes back as a value with the reason', async () => {
  const outcome = await client.invoke('charger.call', { chargerId: 'GHOST', action: 'Reset', payload: { type: 'Soft' } });
  assert.deepEqual(outcome, { ok: false, kind: 'refused', message: 'charger GHOST is not connected' });
  // A caller that ignores the types (a script, a page of another build): the host still refuses it.
  const invalid = await client.invoke('charger.call', { chargerId: 'GHOST', action: 'Reset', payload: { type: 'Sideways' } } as never);
  assert.equal(invalid.ok, false);
});

test('garbage arguments get an invalid-args error naming the field, and the host keeps serving', async () => {
  await assert.rejects(
    client.invoke('charger.call', { chargerId: '', action: 'Reset', payload: 'x' } as never),
    (err: unknown) => err instanceof HostError && err.code === 'invalid-args' && /chargerId/.test(err.message) && /payload/.test(err.message),
  );
  await assert.rejects(client.invoke('no.such.command' as never, {} as never), (err: unknown) => err instanceof HostError && err.code === 'unknown-command');
  const raw = new WebSocket(ui.apiUrl);
  await new Promise((r) => raw.once('open', r));
  const reply = new Promise<string>((r) => raw.once('message', (d) => r(d.toString())));
  raw.send('{this is not json');
  assert.match(await reply, /"ok":false/);
  raw.close();
  assert.equal((await client.invoke('central.state', {})).running, true);
});

test('a page from another origin cannot open the host API', async () => {
  const foreign = new WebSocket(ui.apiUrl, { headers: { Origin: 'https://evil.example' } });
  const status = await new Promise<number>((resolve) => {
    foreign.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    foreign.once('open', () => resolve(101));
  });
  assert.equal(status, 403);
});

test('over the contract: the readiness suite runs with live progress, its model is readable, and a second run of the same charger is refused', async () => {
  const { SimChargePoint } = await import('../sim/charge-point.ts');
  const info = await client.invoke('connect.info', {});
  const wsUrl = info.urls.find((u) => u.scheme === 'ws')!.url.replace('/CP_ID', '');
  const sim = new SimChargePoint({
    url: wsUrl,
    id: 'SIM7',
    password: 'pw',
    tickMs: 100,
    reconnectBaseMs: 100,
    meterValueSampleInterval: 1,
    webSocketPingInterval: 1,
  });
  const seen: string[] = [];
  const off = client.subscribe((batch) => {
    for (const e of batch) {
      if (e.name !== 'readiness.step' || e.data.chargerId !== 'SIM7') continue;
      const p = e.data.progress;
      seen.push(p.kind === 'verdict' ? `verdict:${p.result.id}` : p.kind);
      if (p.kind === 'prompt' && p.prompt === 'plug-in') sim.plugIn(1);
    }
  });
  try {
    sim.start();
    const running = client.invoke('readiness.run', { chargerId: 'SIM7', sampleIntervalS: 1, timeoutS: 15, idleTimeoutS: 5 });
    await until(() => seen.includes('step'), 'the first step event');
    // Refused with its message across the socket: the Thai page shows it in Thai.
    await assert.rejects(client.invoke('readiness.run', { chargerId: 'SIM7' }), (err: HostError) => {
      assert.match(err.message, /a readiness check of SIM7 is already running/);
      assert.equal(render(err.said!, MESSAGES_TH), 'การตรวจความพร้อมของ SIM7 กำลังทำงานอยู่แล้ว');
      return true;
    });
    const report = await running;
    assert.equal(report.charger, 'SIM7');
    assert.equal(report.checks.find((c) => c.id === 'smart.off')?.verdict, 'pass');
    // The last events come with the host's next tick, a moment after the run's answer.
    await until(() => seen.at(-1) === 'finished', 'the finished event');
    assert.ok(seen.includes('prompt') && seen.includes('verdict:smart.off'));
    const { model, samplesTotal } = await client.invoke('charger.model', { chargerId: 'SIM7', maxSamples: 3 });
    assert.equal(model.identity?.vendor, 'FieldKit');
    assert.equal(model.samples.length, 3);
    assert.ok(samplesTotal > 3);
    assert.deepEqual(await client.invoke('readiness.cancel', { chargerId: 'SIM7' }), { cancelled: false });
    const { report: latest } = await client.invoke('readiness.latest', { chargerId: 'SIM7' });
    assert.equal(latest?.finishedAt, report.finishedAt, 'a page opened later gets the same run');
    assert.equal((await client.invoke('readiness.latest', { chargerId: 'NEVER-RAN' })).report, null);
  } finally {
    off();
    await sim.stop();
  }
});
