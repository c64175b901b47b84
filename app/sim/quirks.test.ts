import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConnectionEvent, RefusedEvent } from '../central/connection-events.ts';
import { startCentral, until, type CentralFixture } from '../testing/central-fixture.ts';
import { isCall, measurand, nextFrame, payloadOf, samplesOf, startSim } from '../testing/sim-fixture.ts';
import type { SimChargePoint } from './charge-point.ts';
import { QUIRKS, parseQuirks } from './quirks.ts';
import { render } from '../lib/message.ts';

let fx: CentralFixture;
let cp: SimChargePoint | undefined;
before(async () => (fx = await startCentral()));
after(() => fx.close());
afterEach(async () => {
  await cp?.stop();
  cp = undefined;
});

const refusalAfter = (since: number) =>
  until(
    () =>
      fx.events
        .slice(since)
        .map((e) => e.event as ConnectionEvent)
        .find((e): e is RefusedEvent => e.kind === 'refused'),
    'a refusal',
  );

/** A charging simulator with the quirk, and the first MeterValues of its transaction. */
async function charging(quirk: string): Promise<{ samples: ReturnType<typeof samplesOf>; since: number }> {
  cp = await startSim(fx, { quirks: [quirk] });
  const since = fx.frames.length;
  cp.plugIn(1, { maxCurrent: 16 });
  const frame = await nextFrame(
    fx,
    since,
    (f) => isCall('MeterValues')(f) && samplesOf(f).some((s) => s.context === 'Sample.Periodic'),
    'periodic MeterValues',
  );
  return { samples: samplesOf(frame), since };
}

test('every quirk has a test below, and unknown quirks are refused with the list', () => {
  // 16 here; the four FTP quirks (ftp-active-only, ftp-stall, ftp-wrong-name, ftp-no-upload) in app/readiness/ftp-transfers.test.ts,
  // ftp-only in app/sim/transfers.test.ts (and with a whole check in app/cli/check.test.ts), the six certificate
  // quirks (no-cert, cert-unknown-ca, cert-self-signed, cert-expired, cert-wrong-cn, csr-wrong-cn) in app/sim/security.test.ts.
  assert.equal(QUIRKS.length, 27);
  assert.throws(() => parseQuirks(['wobbly']), /unknown quirk "wobbly"; known: ws-only/);
  assert.throws(() => parseQuirks(['clock-offset=soon']), /clock-offset wants seconds/);
});

test('ws-only: given a wss URL it speaks plain ws to the TLS port, and is refused at TLS', async () => {
  const since = fx.events.length;
  cp = await startSim(fx, { quirks: ['ws-only'] }, false);
  const refusal = await refusalAfter(since);
  assert.equal(refusal.stage, 'tls');
  assert.match(render(refusal.hints?.[0] ?? ''), /plain HTTP/);
});

test('no-basic-auth: no Authorization header, so 401', async () => {
  const since = fx.events.length;
  cp = await startSim(fx, { quirks: ['no-basic-auth'] }, false);
  const refusal = await refusalAfter(since);
  assert.equal(refusal.stage, 'auth');
  assert.equal(refusal.auth?.scheme, 'none');
});

test('tls-1.3-only: refused at TLS, offering only TLS 1.3', async () => {
  const since = fx.events.length;
  cp = await startSim(fx, { quirks: ['tls-1.3-only'] }, false);
  const refusal = await refusalAfter(since);
  assert.deepEqual(refusal.tls?.offered?.versions, ['TLSv1.3']);
});

test('clock-offset=-3600: its timestamps are an hour behind', async () => {
  const since = fx.frames.length;
  cp = await startSim(fx, { quirks: ['clock-offset=-3600'] });
  const status = await nextFrame(fx, since, isCall('StatusNotification'), 'StatusNotification');
  const skew = Date.parse(status.at) - Date.parse(String(payloadOf(status).timestamp));
  assert.ok(Math.abs(skew - 3_600_000) < 5_000, `skew ${skew} ms`);
});

test('power-missing: MeterValues carry only the energy register', async () => {
  const { samples } = await charging('power-missing');
  assert.deepEqual([...new Set(samples.map((s) => s.measurand))], ['Energy.Active.Import.Register']);
});

test('current-voltage-only: no Power.Active.Import, but current and voltage per phase', async () => {
  const { samples } = await charging('current-voltage-only');
  assert.equal(measurand(samples, 'Power.Active.Import'), undefined);
  assert.ok(measurand(samples, 'Current.Import', 'L1') && measurand(samples, 'Voltage', 'L1-N'));
});

test('power-in-kW: power is reported in kW', async () => {
  const { samples } = await charging('power-in-kW');
  const power = measurand(samples, 'Power.Active.Import')!;
  assert.equal(power.unit, 'kW');
  assert.ok(Math.abs(Number(power.value) - 11.04) < 0.5, `about 11 kW, got ${power.value}`);
});

test('reject-sampled-data: ChangeConfiguration of MeterValuesSampledData is Rejected', async () => {
  cp = await startSim(fx, { quirks: ['reject-sampled-data'] });
  const answer = await fx.central.call('CP1', 'ChangeConfiguration', {
    key: 'MeterValuesSampledData',
    value: 'Energy.Active.Import.Register,Power.Active.Import',
  });
  assert.deepEqual(answer.payload, { status: 'Rejected' });
});

const txProfile = (transactionId: number, limit: number) => ({
  connectorId: 1,
  csChargingProfiles: {
    chargingProfileId: 1,
    transactionId,
    stackLevel: 0,
    chargingProfilePurpose: 'TxProfile',
    chargingProfileKind: 'Relative',
    chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit }] },
  },
});

test('reject-tx-profile: SetChargingProfile TxProfile is Rejected', async () => {
  await charging('reject-tx-profile');
  const answer = await fx.central.call('CP1', 'SetChargingProfile', txProfile(cp!.connector(1).transaction!.id, 8));
  assert.deepEqual(answer.payload, { status: 'Rejected' });
});

test('ignore-limit: the profile is Accepted but the car keeps drawing full current', async () => {
  await charging('ignore-limit');
  const answer = await fx.central.call('CP1', 'SetChargingProfile', txProfile(cp!.connector(1).transaction!.id, 8));
  assert.deepEqual(answer.payload, { status: 'Accepted' });
  const mark = fx.frames.length;
  const next = await nextFrame(fx, mark, isCall('MeterValues'), 'MeterValues after the limit');
  assert.ok(Number(measurand(samplesOf(next), 'Current.Import', 'L1')!.value) > 15);
});

test('charging-status-at-zero-power: under a zero limit it still says Charging', async () => {
  const { since } = await charging('charging-status-at-zero-power');
  await fx.central.call('CP1', 'SetChargingProfile', txProfile(cp!.connector(1).transaction!.id, 0));
  const mark = fx.frames.length;
  const next = await nextFrame(fx, mark, isCall('MeterValues'), 'MeterValues at zero');
  assert.equal(Number(measurand(samplesOf(next), 'Power.Active.Import')!.value), 0);
  const statuses = fx.frames
    .slice(since)
    .filter(isCall('StatusNotification'))
    .map((f) => payloadOf(f).status);
  assert.equal(statuses.at(-1), 'Charging');
  assert.ok(!statuses.includes('SuspendedEVSE'));
});

test('trigger-not-implemented: TriggerMessage answers NotImplemented', async () => {
  cp = await startSim(fx, { quirks: ['trigger-not-implemented'] });
  assert.deepEqual((await fx.central.call('CP1', 'TriggerMessage', { requestedMessage: 'StatusNotification' })).payload, { status: 'NotImplemented' });
});

test('numbers-as-strings: integers go out as strings, and the central records the type violation', async () => {
  const { since } = await charging('numbers-as-strings');
  const start = fx.frames.slice(since).find(isCall('StartTransaction'))!;
  assert.equal(payloadOf(start).connectorId, '1');
  assert.ok(start.issues.some((i) => i.path === '/connectorId' && i.code === 'TypeConstraintViolation'));
});

test('values-as-numbers: sampled values go out as JSON numbers where the schema wants strings', async () => {
  const { samples, since } = await charging('values-as-numbers');
  assert.equal(typeof samples[0]!.value, 'number');
  const meter = fx.frames.slice(since).find(isCall('MeterValues'))!;
  assert.ok(meter.issues.some((i) => /\/sampledValue\/\d+\/value/.test(i.path ?? '')));
});

test('no-meter-stop: StopTransaction comes without meterStop', async () => {
  const { since } = await charging('no-meter-stop');
  cp!.unplug(1);
  const stop = await nextFrame(fx, since, isCall('StopTransaction'), 'StopTransaction');
  assert.equal(payloadOf(stop).meterStop, undefined);
  assert.ok(stop.issues.some((i) => i.path === '/meterStop' && i.code === 'OccurenceConstraintViolation'));
});

test('energy-register-resets: after a reboot the register restarts from zero inside the same transaction', async () => {
  const { since } = await charging('energy-register-resets');
  // Enough energy on the register that the first sample after the reboot (≈1 s of charging) is clearly below it.
  const registerValues = () =>
    fx.frames
      .slice(since)
      .filter(isCall('MeterValues'))
      .map((f) => Number(measurand(samplesOf(f), 'Energy.Active.Import.Register')!.value));
  await until(() => Math.max(0, ...registerValues()) >= 9, 'a register of at least 9 Wh', 10_000);
  const txId = cp!.connector(1).transaction!.id;
  const before = registerValues();
  const mark = fx.frames.length;
  await fx.central.call('CP1', 'Reset', { type: 'Soft' });
  await nextFrame(fx, mark, isCall('BootNotification'), 'the reboot');
  const after = await nextFrame(fx, fx.frames.length, isCall('MeterValues'), 'MeterValues after the reboot');
  assert.equal(payloadOf(after).transactionId, txId);
  assert.ok(Number(measurand(samplesOf(after), 'Energy.Active.Import.Register')!.value) < Math.max(...before));
});
