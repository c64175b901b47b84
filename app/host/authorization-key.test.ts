/**
 * The charger's password changed through the app (ChangeConfiguration AuthorizationKey): asked
 * before it is sent, kept as its password here once accepted (no lock-out at its next connection),
 * and a refusal right after the change names the cause and the fix.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { createCore, type Core } from './core.ts';
import { SimChargePoint } from '../sim/charge-point.ts';
import { connectCharger, tempDir, until } from '../testing/central-fixture.ts';

let core: Core;
let dataDir: string;
let sim: SimChargePoint;
let wsUrl: string;
const vault: Record<string, string>[] = [];

before(async () => {
  dataDir = tempDir('fieldkit-authkey-');
  core = await createCore({
    dataDir,
    host: '127.0.0.1',
    wsPort: 0,
    wssPort: null,
    passwords: new Map(),
    acceptAny: false,
    passwordVault: { load: () => ({ AK1: 'old-password' }), save: (kept) => void vault.push({ ...kept }) },
  });
  const { wsPort } = await core.central.start();
  wsUrl = `ws://127.0.0.1:${wsPort}/ocpp`;
  sim = new SimChargePoint({ url: wsUrl, id: 'AK1', password: 'old-password', tickMs: 100, reconnectBaseMs: 100, rebootMs: 200 });
  sim.start();
  await until(() => core.models.builder('AK1').model.boots.some((b) => b.answer), 'AK1 booted', 10_000);
});

after(async () => {
  await sim.stop();
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const refusal = (password: string) =>
  connectCharger(wsUrl, 'AK1', { password }).then(
    (ws) => (ws.close(), null),
    (err: Error & { status?: number }) => err,
  );

test('a new AuthorizationKey is asked before it is sent, kept as the password once accepted, and the charger gets back in after its reboot', async () => {
  const checked = await core.host.invoke('ocpp.validate', {
    action: 'ChangeConfiguration',
    payload: { key: 'AuthorizationKey', value: '0011223344556677' },
    chargerId: 'AK1',
  });
  assert.deepEqual(checked.issues, []);
  assert.match(checked.warnings[0]!.message, /will log in with this new password .* from its next connection: once it accepts the key, the app keeps it/);
  const changed = await core.host.invoke('charger.call', {
    chargerId: 'AK1',
    action: 'ChangeConfiguration',
    payload: { key: 'AuthorizationKey', value: '0011223344556677' },
  });
  assert.ok(changed.ok && (changed.payload as { status: string }).status === 'Accepted', JSON.stringify(changed));
  assert.deepEqual(vault.at(-1), { AK1: '0011223344556677' }, 'kept where the host keeps passwords');
  assert.deepEqual(
    (await core.host.invoke('connect.info', {})).keyChanges.map((k) => k.chargerId),
    ['AK1'],
  );
  const connections = core.models.builder('AK1').model.connections.length;
  await core.host.invoke('charger.call', { chargerId: 'AK1', action: 'Reset', payload: { type: 'Soft' } });
  // Before: refused "wrong password" every few seconds from here on. Now: admitted with its new key.
  await until(
    () => core.models.builder('AK1').model.connections.length > connections && core.models.builder('AK1').model.connections.at(-1)!.ended === null,
    'AK1 back with its new key',
    15_000,
  );
  assert.equal(core.models.builder('AK1').model.refusals.filter((r) => r.stage === 'auth').length, 0);
});

test('a refusal right after the change names the cause and the fix; restoring puts the previous password back', async () => {
  const stale = await refusal('old-password');
  assert.equal(stale?.status, 401);
  assert.match(
    stale!.message,
    /wrong password for AK1: it still logs in with its previous password, although its AuthorizationKey was changed through this app \d+ min ago .*restore the previous password on the Connect page/,
  );
  const other = await refusal('something-else');
  assert.match(
    other!.message,
    /wrong password for AK1, \d+ min after its AuthorizationKey was changed through this app: .*restore the previous password on the Connect page/,
  );
  assert.deepEqual(await core.host.invoke('central.restorePassword', { chargerId: 'AK1' }), { restored: true });
  assert.deepEqual(vault.at(-1), { AK1: 'old-password' });
  assert.equal(await refusal('old-password'), null, 'the previous password is admitted again');
  assert.deepEqual((await core.host.invoke('connect.info', {})).keyChanges, []);
  assert.deepEqual(await core.host.invoke('central.restorePassword', { chargerId: 'AK1' }), { restored: false }, 'nothing left to restore');
});
