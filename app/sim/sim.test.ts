import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startCentral, until, type CentralFixture } from '../testing/central-fixture.ts';
import { isCall, measurand, nextFrame, payloadOf, samplesOf, startSim } from '../testing/sim-fixture.ts';
import type { SimChargePoint } from './charge-point.ts';

let fx: CentralFixture;
let sims: SimChargePoint[] = [];
before(async () => (fx = await startCentral()));
after(() => fx.close());
afterEach(async () => {
  await Promise.all(sims.map((s) => s.stop()));
  sims = [];
});
const sim = async (...args: Parameters<typeof startSim> extends [unknown, ...infer R] ? R : never) => {
  const s = await startSim(fx, ...args);
  sims.push(s);
  return s;
};
const statusesOf = (id: string, since: number) =>
  fx.frames
    .slice(since)
    .filter((f) => f.charger === id && isCall('StatusNotification')(f))
    .map((f) => payloadOf(f) as { connectorId: number; status: string });

test('the happy path: boot, statuses, a car plugged in is charged and metered, unplugging stops the transaction', async () => {
  const since = fx.frames.length;
  const cp = await sim({ connectors: 2 });
  await until(() => statusesOf('CP1', since).length >= 3, 'boot statuses');
  assert.deepEqual(
    statusesOf('CP1', since)
      .slice(0, 3)
      .map((s) => [s.connectorId, s.status]),
    [
      [0, 'Available'],
      [1, 'Available'],
      [2, 'Available'],
    ],
  );
  const boot = fx.frames.slice(since).find(isCall('BootNotification'))!;
  assert.equal(payloadOf(boot).chargePointVendor, 'FieldKit');

  cp.plugIn(1, { socPercent: 30, maxCurrent: 16, phases: 3 });
  const start = await nextFrame(fx, since, isCall('StartTransaction'), 'StartTransaction');
  assert.equal(payloadOf(start).connectorId, 1);
  assert.equal(typeof payloadOf(start).meterStart, 'number');
  const first = await nextFrame(fx, since, isCall('MeterValues'), 'first MeterValues');
  const second = await nextFrame(fx, fx.frames.indexOf(first) + 1, isCall('MeterValues'), 'second MeterValues');
  const samples = samplesOf(second);
  const current = Number(measurand(samples, 'Current.Import', 'L2')!.value);
  assert.ok(Math.abs(current - 16) < 0.5, `16 A per phase, got ${current}`);
  assert.equal(measurand(samples, 'Voltage', 'L3-N')?.unit, 'V');
  assert.ok(Math.abs(Number(measurand(samples, 'Voltage', 'L1-N')!.value) - 230) < 3);
  const power = Number(measurand(samples, 'Power.Active.Import')!.value);
  assert.ok(Math.abs(power - 3 * 16 * 230) < 400, `about 11 kW, got ${power}`);
  assert.equal(measurand(samples, 'Power.Active.Import')!.unit, 'W');
  assert.equal(measurand(samples, 'Energy.Active.Import.Register')!.context, 'Sample.Periodic');
  // The register integrates the power: between two samples it grows by power × time.
  const e1 = Number(measurand(samplesOf(first), 'Energy.Active.Import.Register')!.value);
  const e2 = Number(measurand(samples, 'Energy.Active.Import.Register')!.value);
  const hours = (Date.parse(second.at) - Date.parse(first.at)) / 3_600_000;
  assert.ok(Math.abs(e2 - e1 - power * hours) <= 2, `energy ${e2 - e1} Wh vs power × time ${(power * hours).toFixed(1)} Wh`);
  assert.ok(statusesOf('CP1', since).some((s) => s.connectorId === 1 && s.status === 'Charging'));

  const beforeStop = fx.frames.length;
  cp.unplug(1);
  const stop = await nextFrame(fx, beforeStop, isCall('StopTransaction'), 'StopTransaction');
  const stopped = payloadOf(stop) as { meterStop: number; reason: string; transactionId: number; transactionData: unknown[] };
  assert.equal(stopped.reason, 'EVDisconnected');
  assert.equal(
    stopped.transactionId,
    (JSON.parse(fx.frames.find((f) => f.dir === 'tx' && f.id === start.id)!.raw)[2] as { transactionId: number }).transactionId,
  );
  assert.ok(stopped.meterStop >= e2);
  assert.equal(stopped.transactionData.length, 2);
  await until(() => statusesOf('CP1', beforeStop).some((s) => s.status === 'Available'), 'Available after unplug');
  assert.deepEqual(
    statusesOf('CP1', beforeStop).map((s) => s.status),
    ['Finishing', 'Available'],
  );
  // Every frame the charger sent was valid OCPP 1.6.
  const invalid = fx.frames.filter((f) => f.charger === 'CP1' && f.dir === 'rx' && f.issues.length > 0);
  assert.deepEqual(
    invalid.map((f) => [f.action, f.issues]),
    [],
  );
});

test('a TxProfile limit governs the current in the next MeterValues; a zero limit suspends; clearing it resumes', async () => {
  const cp = await sim();
  const since = fx.frames.length;
  cp.plugIn(1, { maxCurrent: 16 });
  await nextFrame(fx, since, isCall('MeterValues'), 'MeterValues while charging');
  const txId = cp.connector(1).transaction!.id;
  const limit = (amps: number) => ({
    connectorId: 1,
    csChargingProfiles: {
      chargingProfileId: 5,
      transactionId: txId,
      stackLevel: 0,
      chargingProfilePurpose: 'TxProfile',
      chargingProfileKind: 'Relative',
      chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: amps }] },
    },
  });
  assert.deepEqual((await fx.central.call('CP1', 'SetChargingProfile', limit(8))).payload, { status: 'Accepted' });
  let mark = fx.frames.length;
  const limited = await nextFrame(fx, mark, isCall('MeterValues'), 'MeterValues under the limit');
  assert.ok(Math.abs(Number(measurand(samplesOf(limited), 'Current.Import', 'L1')!.value) - 8) < 0.5);
  await fx.central.call('CP1', 'SetChargingProfile', limit(0));
  mark = fx.frames.length;
  const zero = await nextFrame(fx, mark, isCall('MeterValues'), 'MeterValues under zero');
  assert.equal(Number(measurand(samplesOf(zero), 'Power.Active.Import')!.value), 0);
  assert.ok(statusesOf('CP1', mark - 2).some((s) => s.status === 'SuspendedEVSE') || cp.connector(1).status(false) === 'SuspendedEVSE');
  assert.deepEqual((await fx.central.call('CP1', 'ClearChargingProfile', { id: 5 })).payload, { status: 'Accepted' });
  mark = fx.frames.length;
  const resumed = await nextFrame(fx, mark, isCall('MeterValues'), 'MeterValues after clearing');
  assert.ok(Number(measurand(samplesOf(resumed), 'Current.Import', 'L1')!.value) > 15);
  const composite = (await fx.central.call('CP1', 'GetCompositeSchedule', { connectorId: 1, duration: 300, chargingRateUnit: 'A' })).payload as {
    status: string;
    chargingSchedule: { chargingSchedulePeriod: { limit: number }[] };
  };
  assert.equal(composite.status, 'Accepted');
  assert.deepEqual(
    composite.chargingSchedule.chargingSchedulePeriod.map((p) => p.limit),
    [32],
  );
});

test('it reconnects after the server drops it, and reports every connector again', async () => {
  const first = fx.frames.length;
  const cp = await sim({ connectors: 2 });
  // The first connection's statuses are all in before the mark (a late one would count twice).
  await until(() => statusesOf('CP1', first).length >= 3, "the first connection's statuses");
  const since = fx.frames.length;
  assert.ok(fx.central.disconnect('CP1', 'test drop'));
  await until(() => fx.frames.slice(since).some(isCall('BootNotification')), 'a new boot', 8_000);
  await until(() => statusesOf('CP1', since).length >= 3, 'statuses after reconnect');
  assert.deepEqual(
    statusesOf('CP1', since)
      .map((s) => s.connectorId)
      .sort(),
    [0, 1, 2],
  );
  assert.equal(cp.bootCount, 2);
});

test('configuration keys behave as the spec says', async () => {
  await sim();
  const get = (await fx.central.call('CP1', 'GetConfiguration', {})).payload as { configurationKey: { key: string; readonly: boolean; value: string }[] };
  const keys = new Map(get.configurationKey.map((k) => [k.key, k]));
  assert.ok(!keys.has('AuthorizationKey'), 'AuthorizationKey is write-only');
  assert.equal(keys.get('NumberOfConnectors')?.readonly, true);
  assert.equal(keys.get('SupportedFeatureProfiles')?.value, 'Core,FirmwareManagement,LocalAuthListManagement,Reservation,SmartCharging,RemoteTrigger');
  const change = async (key: string, value: string) =>
    ((await fx.central.call('CP1', 'ChangeConfiguration', { key, value })).payload as { status: string }).status;
  assert.equal(await change('NumberOfConnectors', '4'), 'Rejected');
  assert.equal(await change('NoSuchKey', '1'), 'NotSupported');
  assert.equal(await change('MeterValueSampleInterval', 'soon'), 'Rejected');
  assert.equal(await change('MeterValuesSampledData', 'Energy.Active.Import.Register,Bananas'), 'Rejected');
  assert.equal(await change('MeterValuesSampledData', 'Energy.Active.Import.Register,Power.Active.Import'), 'Accepted');
  assert.equal(await change('AuthorizationKey', 'new-secret-key-1'), 'Accepted');
  const asked = (await fx.central.call('CP1', 'GetConfiguration', { key: ['MeterValuesSampledData', 'AuthorizationKey', 'Nope'] })).payload as {
    configurationKey: { key: string; value: string }[];
    unknownKey: string[];
  };
  assert.deepEqual(
    asked.configurationKey.map((k) => [k.key, k.value]),
    [['MeterValuesSampledData', 'Energy.Active.Import.Register,Power.Active.Import']],
  );
  assert.deepEqual(asked.unknownKey, ['AuthorizationKey', 'Nope']);
  // The central system keeps an accepted key as the charger's password (no lock-out): the next tests'
  // simulator logs in with the fixture's, so it is set back the same way.
  assert.equal(await change('AuthorizationKey', 'secret-1'), 'Accepted');
});

test('TriggerMessage is Accepted for every message type and the message follows', async () => {
  await sim();
  for (const requestedMessage of [
    'BootNotification',
    'Heartbeat',
    'StatusNotification',
    'MeterValues',
    'FirmwareStatusNotification',
    'DiagnosticsStatusNotification',
  ]) {
    const mark = fx.frames.length;
    const answer = (await fx.central.call('CP1', 'TriggerMessage', { requestedMessage, connectorId: 1 })).payload as { status: string };
    assert.equal(answer.status, 'Accepted', requestedMessage);
    await nextFrame(fx, mark, isCall(requestedMessage), `triggered ${requestedMessage}`);
  }
});

test('Reset reboots: the charger closes, reconnects and boots again', async () => {
  const cp = await sim();
  const since = fx.frames.length;
  assert.deepEqual((await fx.central.call('CP1', 'Reset', { type: 'Soft' })).payload, { status: 'Accepted' });
  await nextFrame(fx, since, isCall('BootNotification'), 'BootNotification after reset');
  // bootCount counts accepted boots: the answer may still be on its way.
  await until(() => cp.bootCount === 2, 'the second boot accepted');
});

test('RemoteStart waits for the car; RemoteStop ends the transaction; reservations and the local list are kept', async () => {
  const cp = await sim({ freeVend: false });
  let mark = fx.frames.length;
  assert.deepEqual((await fx.central.call('CP1', 'RemoteStartTransaction', { connectorId: 1, idTag: 'REMOTE1' })).payload, { status: 'Accepted' });
  await until(() => statusesOf('CP1', mark).some((s) => s.status === 'Preparing'), 'Preparing after remote start');
  cp.plugIn(1);
  const start = await nextFrame(fx, mark, isCall('StartTransaction'), 'StartTransaction after plug-in');
  assert.equal(payloadOf(start).idTag, 'REMOTE1');
  const txId = await until(() => cp.connector(1).transaction?.id, 'transaction id');
  mark = fx.frames.length;
  assert.deepEqual((await fx.central.call('CP1', 'RemoteStopTransaction', { transactionId: txId })).payload, { status: 'Accepted' });
  assert.equal((payloadOf(await nextFrame(fx, mark, isCall('StopTransaction'), 'StopTransaction')) as { reason: string }).reason, 'Remote');
  assert.deepEqual((await fx.central.call('CP1', 'RemoteStopTransaction', { transactionId: txId })).payload, { status: 'Rejected' });
  cp.unplug(1);
  const expiry = new Date(Date.now() + 60_000).toISOString();
  assert.deepEqual((await fx.central.call('CP1', 'ReserveNow', { connectorId: 1, expiryDate: expiry, idTag: 'RES1', reservationId: 3 })).payload, {
    status: 'Accepted',
  });
  await until(() => cp.connector(1).status(false) === 'Reserved', 'Reserved');
  assert.deepEqual((await fx.central.call('CP1', 'CancelReservation', { reservationId: 3 })).payload, { status: 'Accepted' });
  assert.deepEqual(
    (
      await fx.central.call('CP1', 'SendLocalList', {
        listVersion: 4,
        updateType: 'Full',
        localAuthorizationList: [{ idTag: 'A', idTagInfo: { status: 'Accepted' } }],
      })
    ).payload,
    { status: 'Accepted' },
  );
  assert.deepEqual((await fx.central.call('CP1', 'GetLocalListVersion', {})).payload, { listVersion: 4 });
  assert.deepEqual((await fx.central.call('CP1', 'SendLocalList', { listVersion: 3, updateType: 'Differential' })).payload, { status: 'VersionMismatch' });
});

test('an injected fault is reported as Faulted with its error code, and cleared', async () => {
  const cp = await sim();
  const mark = fx.frames.length;
  cp.injectFault(1, 'GroundFailure');
  const faulted = await nextFrame(fx, mark, (f) => isCall('StatusNotification')(f) && payloadOf(f).status === 'Faulted', 'Faulted');
  assert.equal(payloadOf(faulted).errorCode, 'GroundFailure');
  cp.clearFault(1);
  await nextFrame(fx, mark, (f) => isCall('StatusNotification')(f) && payloadOf(f).status === 'Available', 'Available again');
});
