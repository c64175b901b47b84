/**
 * The relay through the host, as the UI uses it: targets set with their password kept apart, a
 * simulated charger relayed to a loopback platform, the upstream state as events and in the charger
 * list, an injected call from the UI, and the passive checks judged from the relayed traffic.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { createCore, type Core } from './core.ts';
import { HostError, type HostEvent } from './contract.ts';
import { SimChargePoint } from '../sim/charge-point.ts';
import { tempDir, until } from '../testing/central-fixture.ts';
import { makeTestPki, startPlatform, type Platform } from '../testing/platform-fixture.ts';
import type { RelayTargetConfig } from '../relay/target.ts';

const PASSWORD = 'host-upstream-secret-90ab';
let core: Core;
let dataDir: string;
let platform: Platform;
let sim: SimChargePoint;
let caFile: string;
const events: HostEvent[] = [];
const keptTargets: Record<string, RelayTargetConfig>[] = [];
const keptPasswords: Record<string, string>[] = [];

before(async () => {
  dataDir = tempDir();
  const pki = await makeTestPki(dataDir);
  caFile = pki.caFile;
  platform = await startPlatform({ cert: pki.serverCert, key: pki.serverKey, password: PASSWORD });
  core = await createCore({
    dataDir,
    host: '127.0.0.1',
    wsPort: 0,
    wssPort: null,
    passwords: new Map(),
    acceptAny: true,
    relay: {
      stores: {
        targets: { load: () => ({}), save: (t) => void keptTargets.push(t) },
        passwords: { load: () => ({}), save: (p) => void keptPasswords.push(p) },
      },
      backoff: { initialMs: 50, maxMs: 200 },
    },
  });
  await core.central.start();
  core.host.subscribe((batch) => events.push(...batch));
});

after(async () => {
  await sim?.stop();
  await core.close();
  await platform.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('relay.setTarget explains a bad target and keeps the password apart from the target', async () => {
  await assert.rejects(
    core.host.invoke('relay.setTarget', { chargerId: '*', url: 'ws://platform.example/ocpp' }),
    (err: HostError) => err.code === 'invalid-args' && /allow insecure/.test(err.message),
  );
  await assert.rejects(core.host.invoke('relay.setTarget', { chargerId: '*', url: platform.url, caFile: `${caFile}.missing` }), /cannot read the CA file/);
  const summary = await core.host.invoke('relay.setTarget', { chargerId: 'RELAYED1', url: platform.url, caFile, password: PASSWORD });
  assert.deepEqual({ ...summary }, { url: platform.url, caFile, chargerId: 'RELAYED1', hasPassword: true, clientCertificate: null });
  assert.ok(!JSON.stringify(keptTargets).includes(PASSWORD), 'targets are kept without the password');
  assert.equal(keptPasswords.at(-1)!.RELAYED1, PASSWORD, 'the password goes to the secret store');
  assert.ok(!JSON.stringify(await core.host.invoke('relay.targets', {})).includes(PASSWORD));
});

test('a relayed charger: upstream state as events and in the list, the UI injects a call, passive checks judge the relayed traffic', async () => {
  const { wsPort } = core.central.state();
  sim = new SimChargePoint({ url: `ws://127.0.0.1:${wsPort}/ocpp`, id: 'RELAYED1', meterValueSampleInterval: 1, tickMs: 100, reconnectBaseMs: 100 });
  sim.start();
  await until(
    () => events.some((e) => e.name === 'relay.state' && e.data.chargerId === 'RELAYED1' && e.data.phase === 'open'),
    'the upstream open event',
    8_000,
  );
  await until(() => platform.calls('BootNotification').length > 0, 'the Boot at the platform', 8_000);
  const [listed] = (await core.host.invoke('chargers.list', {})).filter((c) => c.id === 'RELAYED1');
  assert.equal(listed!.relay?.phase, 'open');
  assert.equal(listed!.relay?.url, `${platform.url}/RELAYED1`);
  assert.equal(listed!.relay?.tls?.version !== undefined, true);

  const outcome = await core.host.invoke('charger.call', {
    chargerId: 'RELAYED1',
    action: 'TriggerMessage',
    payload: { requestedMessage: 'StatusNotification' },
  });
  assert.equal(outcome.ok, true);
  assert.deepEqual(outcome.ok && outcome.payload, { status: 'Accepted' });
  await until(() => platform.calls('StatusNotification').length > 0, "the triggered StatusNotification, which is the charger's own and goes to the platform");
  assert.ok(!platform.received.some((r) => r.data.toString().includes('"fk-')), 'the injected call and its answer stay off the platform');

  sim.plugIn(1, { socPercent: 50, maxCurrent: 16, phases: 3 });
  await until(() => platform.calls('MeterValues').length >= 3, 'meter values at the platform', 15_000);
  const { checks } = await core.host.invoke('readiness.passive', { chargerId: 'RELAYED1' });
  const verdict = (id: string) => checks.find((c) => c.id === id)?.verdict;
  assert.equal(verdict('core.boot'), 'pass', 'the Boot the platform accepted counts');
  assert.equal(verdict('meter.power'), 'pass', 'the meter values the platform received count');
  assert.equal(verdict('transport.wss'), 'fail', 'the charger reached the relay over plain ws');
  assert.ok(!checks.some((c) => c.id === 'smart.tx-profile'), 'only the passive checks');
  assert.ok(checks.find((c) => c.id === 'core.boot')!.evidence.length > 0, 'with evidence in the recording');
});

test('re-pointing a target at another platform forgets its stored password unless one is given again', async () => {
  await core.host.invoke('relay.setTarget', { chargerId: 'REPOINT', url: 'wss://platform.example/ocpp', password: 'kept-for-this-platform' });
  const same = await core.host.invoke('relay.setTarget', { chargerId: 'REPOINT', url: 'wss://platform.example/ocpp/', replay: false });
  assert.equal(same.hasPassword, true, 'the same platform (a trailing slash aside) keeps it');
  const moved = await core.host.invoke('relay.setTarget', { chargerId: 'REPOINT', url: 'wss://attacker.example/ocpp' });
  assert.equal(moved.hasPassword, false, 'another URL does not receive it');
  assert.ok(!JSON.stringify(keptPasswords.at(-1) ?? {}).includes('kept-for-this-platform'), 'and it is gone from the store');
  await core.host.invoke('relay.setTarget', { chargerId: 'REPOINT', url: 'wss://platform.example/ocpp', password: 'again' });
  const presented = await core.host.invoke('relay.setTarget', { chargerId: 'REPOINT', url: 'wss://platform.example/ocpp', presentAs: 'OTHER-ID' });
  assert.equal(presented.hasPassword, false, 'presenting another id is another login too');
  await core.host.invoke('relay.removeTarget', { chargerId: 'REPOINT' });
});
