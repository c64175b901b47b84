/**
 * The connection doctor's former blind spots: a charger that completes TLS and closes without a word
 * (it does not trust the certificate), a charger on an unexpected URL path, ws and wss on one port.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { ChargerModels } from '../charger/registry.ts';
import { transportSubprotocol } from '../readiness/passive.ts';
import { closeClient, connectCharger, startCentral, until, type CentralFixture } from '../testing/central-fixture.ts';
import { CentralSystem } from './central-system.ts';
import { sessionOpener } from '../store/session-store.ts';
import type { RefusedEvent } from './connection-events.ts';
import { render } from '../lib/message.ts';

let fx: CentralFixture;
let models: ChargerModels;
before(async () => {
  fx = await startCentral();
  models = new ChargerModels(fx.central);
});
after(async () => {
  models.close();
  await fx.close();
});

test('a client that completes TLS and closes without an upgrade (it does not trust the certificate) is named, with its address and the fix', async () => {
  // Node's client, like many embedded stacks, checks the certificate after the handshake and just closes.
  const ws = new WebSocket(`${fx.wssUrl}/CP1`, ['ocpp1.6']);
  const error = await new Promise<Error>((resolve) => ws.once('error', resolve));
  assert.match(error.message, /self[- ]signed/);
  const refused = await until(
    () => fx.events.map((e) => e.event as RefusedEvent).find((e) => e.kind === 'refused' && /closed right after TLS/.test(e.reason)),
    'the refusal',
  );
  assert.equal(refused.stage, 'tls');
  assert.match(refused.remote, /^127\.0\.0\.1:\d+$/, 'the address, not unknown:undefined');
  assert.match(refused.reason, /it most likely does not trust this certificate/);
  assert.match(render(refused.hints![0]!), /install this app's certificate .* or point the charger at the ws:\/\/ address/);
  assert.ok(
    models.strayRefusals.some((r) => /closed right after TLS/.test(r.reason) && r.remote === refused.remote),
    'listed for the Connect page',
  );
});

test('a charger on an unexpected URL path is admitted, and told about it in its connection and the passive checks', async () => {
  for (const [path, id] of [
    ['/wrong/path', 'CP1'],
    ['', 'CP2'],
  ] as const) {
    const base = fx.wsUrl.replace(/\/ocpp$/, path);
    const ws = await connectCharger(base, id, { password: id === 'CP1' ? 'secret-1' : 'secret-2' });
    const connection = await until(() => models.builder(id).model.connections.at(-1), 'the connection');
    assert.match(
      connection.hints.map((h) => render(h)).join(' '),
      new RegExp(`the charger used the URL path ${path}/${id}; the form this app and the platform expect is …/ocpp/<charge point id>`),
    );
    const finding = transportSubprotocol(models.builder(id).model);
    assert.equal(finding.verdict, 'warn');
    assert.match(finding.reason, /negotiated ocpp1\.6, but the charger used the URL path/);
    await closeClient(ws);
  }
  const right = await connectCharger(fx.wsUrl, 'CP1', { password: 'secret-1' });
  await until(
    () => models.builder('CP1').model.connections.length >= 2 && models.builder('CP1').model.connections.at(-1)!.hints.length === 0,
    'the right path',
  );
  assert.equal(transportSubprotocol(models.builder('CP1').model).verdict, 'pass');
  await closeClient(right);
});

test('ws and wss on the same port are refused with what is wrong, not "another central system"', async () => {
  const central = new CentralSystem(
    { host: '127.0.0.1', wsPort: 18555, wssPort: 18555, passwords: new Map(), acceptAny: false, heartbeatInterval: 60, callTimeoutMs: 1_000 },
    { openSession: sessionOpener({ dataDir: fx.dataDir }, 'central') },
  );
  await assert.rejects(central.start(), /ws and wss are both set to port 18555: one port cannot speak both/);
  assert.equal(central.state().running, false);
});
