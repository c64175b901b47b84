/**
 * The car of a simulated charger driven through the host contract, as the Charger page does: each
 * action reaches the central system as the charger's own messages (statuses, transactions, power).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { createCore, type Core } from './core.ts';
import { SimChargePoint } from '../sim/charge-point.ts';
import { tempDir, until } from '../testing/central-fixture.ts';

let core: Core;
let dataDir: string;
let sim: SimChargePoint;
const status = () => core.models.builder('CAR1').model.connectors.find((c) => c.id === 1)?.status;
const lastPower = () => core.models.builder('CAR1').model.samples.at(-1)?.powerW ?? null;

before(async () => {
  dataDir = tempDir();
  core = await createCore({ dataDir, host: '127.0.0.1', wsPort: 0, wssPort: null, passwords: new Map(), acceptAny: true });
  const { wsPort } = await core.central.start();
  sim = new SimChargePoint({ url: `ws://127.0.0.1:${wsPort}/ocpp`, id: 'CAR1', meterValueSampleInterval: 1, tickMs: 100, phases: 3, maxCurrent: 32 });
  core.simulated.add(sim);
  sim.start();
  await until(() => sim.connected && status() === 'Available', 'CAR1 online and Available', 8_000);
});

after(async () => {
  await sim.stop();
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('plug, the car’s own limit, pause, stop by card, a fault: each shows at the central system', async () => {
  assert.deepEqual(
    (await core.host.invoke('sim.list', {})).map((c) => c.chargerId),
    ['CAR1'],
  );
  let state = await core.host.invoke('sim.act', { chargerId: 'CAR1', connectorId: 1, action: { kind: 'plug', maxCurrent: 16 } });
  assert.equal(state.connectors[0]!.plugged, true);
  await until(() => status() === 'Charging' && (lastPower() ?? 0) > 10_000, 'charging at ~11 kW', 10_000);
  await core.host.invoke('sim.act', { chargerId: 'CAR1', connectorId: 1, action: { kind: 'max-current', amps: 8 } });
  await until(() => (lastPower() ?? Infinity) < 6_000, 'the car draws 8 A a phase (~5.5 kW)', 10_000);
  await core.host.invoke('sim.act', { chargerId: 'CAR1', connectorId: 1, action: { kind: 'pause' } });
  await until(() => status() === 'SuspendedEV', 'the paused car: SuspendedEV', 10_000);
  await core.host.invoke('sim.act', { chargerId: 'CAR1', connectorId: 1, action: { kind: 'resume' } });
  await until(() => status() === 'Charging', 'charging again', 10_000);
  state = await core.host.invoke('sim.act', { chargerId: 'CAR1', connectorId: 1, action: { kind: 'stop' } });
  await until(() => core.models.builder('CAR1').model.transactions.at(-1)?.stop?.reason === 'Local', 'StopTransaction with reason Local', 10_000);
  await core.host.invoke('sim.act', { chargerId: 'CAR1', connectorId: 1, action: { kind: 'fault', errorCode: 'GroundFailure' } });
  await until(() => status() === 'Faulted', 'Faulted', 10_000);
  assert.equal(core.models.builder('CAR1').model.connectors.find((c) => c.id === 1)?.errorCode, 'GroundFailure');
  await core.host.invoke('sim.act', { chargerId: 'CAR1', connectorId: 1, action: { kind: 'clear-fault' } });
  await core.host.invoke('sim.act', { chargerId: 'CAR1', connectorId: 1, action: { kind: 'unplug' } });
  await until(() => status() === 'Available', 'Available after unplugging', 10_000);
});

test('what cannot be done is said, and a real charger’s car is not ours to drive', async () => {
  await assert.rejects(core.host.invoke('sim.act', { chargerId: 'CAR1', connectorId: 1, action: { kind: 'stop' } }), /no transaction to stop/);
  await assert.rejects(core.host.invoke('sim.act', { chargerId: 'CAR1', connectorId: 3, action: { kind: 'plug' } }), /no connector 3/);
  await assert.rejects(core.host.invoke('sim.act', { chargerId: 'REAL-1', connectorId: 1, action: { kind: 'plug' } }), /not a charger this app simulates/);
  await assert.rejects(core.host.invoke('sim.act', { chargerId: 'CAR1', connectorId: 1, action: { kind: 'max-current', amps: 500 } } as never), /invalid|80/);
  // The readiness prompt's button: plugs a car into the first free connector, and says so.
  assert.deepEqual(await core.host.invoke('sim.answerPrompt', { chargerId: 'CAR1', prompt: 'plug-in' }), { did: 'plugged the simulated car into connector 1' });
  assert.deepEqual(await core.host.invoke('sim.answerPrompt', { chargerId: 'CAR1', prompt: 'unplug' }), {
    did: 'unplugged the simulated car from connector 1',
  });
  await assert.rejects(core.host.invoke('sim.answerPrompt', { chargerId: 'REAL-1', prompt: 'plug-in' }), /not a charger this app simulates/);
  await assert.rejects(core.host.invoke('sim.answerPrompt', { chargerId: 'CAR1', prompt: 'unplug' }), /no simulated car is plugged into CAR1/);
});
