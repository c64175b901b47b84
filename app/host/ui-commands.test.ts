/**
 * The commands and events the UI is built on, through the host over a real charger simulator on a
 * real socket: batched charger updates with meter samples, the OCPP vocabulary, validation before
 * sending, firmware offered over the file server, diagnostics received, and reports as files.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import { createCore, type Core, type PasswordVault } from './core.ts';
import type { ChargerUpdate } from './charger-updates.ts';
import { HostError, type ChargerView, type HostEvent } from './contract.ts';
import { applyViewChanges, isCompleteView } from '../../renderer/state/view-changes.ts';
import { SimChargePoint } from '../sim/charge-point.ts';
import { tempDir, until } from '../testing/central-fixture.ts';
import { render } from '../lib/message.ts';

let core: Core;
let dataDir: string;
let sim: SimChargePoint;
const events: HostEvent[] = [];
let unsubscribe: () => void;
const saved: Record<string, string>[] = [];
const vault: PasswordVault = { load: () => ({ KEPT: 'kept-pw' }), save: (p) => void saved.push({ ...p }) };

before(async () => {
  dataDir = tempDir();
  core = await createCore({
    dataDir,
    host: '127.0.0.1',
    wsPort: 0,
    wssPort: null,
    passwords: new Map([['UI1', 'pw-1']]),
    acceptAny: false,
    passwordVault: vault,
  });
  const { wsPort } = await core.central.start();
  unsubscribe = core.host.subscribe((batch) => events.push(...batch));
  sim = new SimChargePoint({
    url: `ws://127.0.0.1:${wsPort}/ocpp`,
    id: 'UI1',
    password: 'pw-1',
    meterValueSampleInterval: 1,
    tickMs: 100,
    reconnectBaseMs: 100,
    rebootMs: 200,
  });
  sim.start();
  await until(() => sim.connected, 'UI1 connected', 8_000);
  sim.plugIn(1, { socPercent: 40, maxCurrent: 16, phases: 3 });
});

after(async () => {
  unsubscribe();
  await sim.stop();
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const updates = () => events.filter((e): e is { name: 'charger.update'; data: ChargerUpdate } => e.name === 'charger.update').map((e) => e.data);

test('charger.update events carry the view and each new meter sample exactly once, batched', async () => {
  await until(() => updates().filter((u) => u.samples.some((s) => (s.powerW ?? 0) > 1000)).length >= 3, 'three updates with charging power', 15_000);
  const all = updates().filter((u) => u.chargerId === 'UI1');
  const seqs = all.flatMap((u) => u.samples.map((s) => s.seq));
  assert.deepEqual(
    seqs,
    [...new Set(seqs)].sort((a, b) => a - b),
    'samples arrive once each, in order',
  );
  const frames = events.filter((e) => e.name === 'frame').length;
  assert.ok(all.length < frames, `updates are batched (${all.length} updates for ${frames} frames)`);
  // Each update carries what changed: the identity once, the meter-driven parts as they move.
  let built: Partial<ChargerView> | null = null;
  for (const u of all) built = applyViewChanges(built, u.changes);
  assert.ok(isCompleteView(built), 'the updates add up to a whole view');
  const last: ChargerView = built;
  assert.equal(all.filter((u) => 'identity' in u.changes).length, 1, 'the identity is sent once, not with every update');
  assert.ok(all.filter((u) => 'transactions' in u.changes).length > 1, 'the transaction (its energy) is sent as it grows');
  assert.equal(last.connected, true);
  assert.equal(last.connection?.scheme, 'ws');
  assert.equal(last.identity?.vendor, 'FieldKit');
  assert.ok(
    last.connectors.find((c) => c.id === 1)?.timeline.some((t) => t.status === 'Charging'),
    'the status timeline shows Charging',
  );
  const tx = last.transactions.at(-1)!;
  assert.ok(tx.integratedWh >= 0 && tx.registerWh !== null, 'a transaction shows energy by register and by integration');
  // A client that arrives late fetches the history, then continues from the events.
  const { view, samples } = await core.host.invoke('charger.view', { chargerId: 'UI1' });
  assert.equal(view.chargerId, 'UI1');
  assert.ok(samples.length >= seqs.length, 'charger.view returns the history');
});

test('charger.compositeSchedule gives the answer and the schedule as kW over time, amps turned into power with the charger voltage', async () => {
  const limit = {
    connectorId: 1,
    csChargingProfiles: {
      chargingProfileId: 77,
      stackLevel: 5,
      chargingProfilePurpose: 'TxDefaultProfile',
      chargingProfileKind: 'Absolute',
      chargingSchedule: {
        startSchedule: new Date(Date.now() - 60_000).toISOString(),
        chargingRateUnit: 'A',
        chargingSchedulePeriod: [{ startPeriod: 0, limit: 10 }],
      },
    },
  };
  const set = await core.host.invoke('charger.call', { chargerId: 'UI1', action: 'SetChargingProfile', payload: limit } as never);
  assert.ok(set.ok, JSON.stringify(set));
  await until(() => core.models.builder('UI1').model.samples.filter((x) => x.voltageV.some((v) => v !== null)).length > 0, 'a voltage reading');
  const { outcome, steps } = await core.host.invoke('charger.compositeSchedule', { chargerId: 'UI1', connectorId: 1, duration: 600, chargingRateUnit: 'A' });
  assert.ok(outcome.ok, JSON.stringify(outcome));
  assert.ok(steps && steps.points.length >= 2, JSON.stringify(steps));
  const volts = steps.voltsPerPhase!;
  assert.ok(volts > 200 && volts < 260, `the charger's own voltage (${volts})`);
  const limitA = outcome.ok ? outcome.payload.chargingSchedule!.chargingSchedulePeriod[0]!.limit : 0;
  assert.ok(Math.abs(steps.points[0]!.kw - (limitA * volts * 3) / 1000) < 0.001, 'kW = A × V × phases / 1000');
  await core.host.invoke('charger.call', { chargerId: 'UI1', action: 'ClearChargingProfile', payload: { id: 77 } });
});

test('app.info gives the platform preset, the central operations with valid examples, and the catalogue', async () => {
  const info = await core.host.invoke('app.info', {});
  assert.deepEqual(info.platformPreset, [
    { key: 'MeterValuesSampledData', value: 'Energy.Active.Import.Register,Power.Active.Import' },
    { key: 'MeterValueSampleInterval', value: '60' },
  ]);
  const actions = info.centralActions.map((a) => a.action);
  for (const a of ['SetChargingProfile', 'TriggerMessage', 'UpdateFirmware', 'GetDiagnostics', 'Reset']) assert.ok(actions.includes(a), a);
  assert.ok(!actions.includes('BootNotification'), 'charger-initiated actions are not offered');
  for (const a of info.centralActions)
    assert.deepEqual((await core.host.invoke('ocpp.validate', { action: a.action, payload: a.example })).issues, [], `${a.action} example is valid`);
  assert.ok(info.checks.some((c) => c.id === 'smart.off'));
});

test('ocpp.validate names the field that is wrong before anything is sent', async () => {
  const bad = await core.host.invoke('ocpp.validate', { action: 'Reset', payload: { type: 'Sideways' } });
  assert.equal(bad.known, true);
  assert.deepEqual(bad.issues, [{ path: '/type', message: 'must be one of Hard, Soft' }]);
  const unknown = await core.host.invoke('ocpp.validate', { action: 'Teleport', payload: {} });
  assert.equal(unknown.known, false);
  assert.match(unknown.issues[0]!.message, /not an OCPP 1.6 action/);
  // Past the schema: a negative limit blocks, 500 A asks first; a word for a numeric key blocks.
  const profile = await core.host.invoke('ocpp.validate', {
    action: 'SetChargingProfile',
    chargerId: 'UI1',
    payload: {
      connectorId: 1,
      csChargingProfiles: {
        chargingProfileId: 9,
        stackLevel: 0,
        chargingProfilePurpose: 'TxDefaultProfile',
        chargingProfileKind: 'Relative',
        chargingSchedule: {
          chargingRateUnit: 'A',
          chargingSchedulePeriod: [
            { startPeriod: 0, limit: -3 },
            { startPeriod: 600, limit: 500 },
          ],
        },
      },
    },
  });
  assert.deepEqual(
    profile.issues.map((i) => i.path),
    ['csChargingProfiles.chargingSchedule.chargingSchedulePeriod.0.limit'],
  );
  assert.match(profile.warnings[0]!.message, /500 A is above/);
  const config = await core.host.invoke('ocpp.validate', { action: 'ChangeConfiguration', payload: { key: 'HeartbeatInterval', value: 'abc' } });
  assert.match(config.issues[0]!.message, /whole number/);
});

test('firmware.offer serves the picked file to the charger, and the download shows in transfers.state', async () => {
  const image = Buffer.alloc(50_000, 7);
  const offer = await core.host.invoke('firmware.offer', { chargerId: 'UI1', name: 'fw-2.0.bin', contentBase64: image.toString('base64') });
  assert.equal(offer.bytes, image.length);
  const outcome = await core.host.invoke('charger.call', {
    chargerId: 'UI1',
    action: 'UpdateFirmware',
    payload: { location: offer.url, retrieveDate: new Date().toISOString() },
  });
  assert.ok(outcome.ok, JSON.stringify(outcome));
  const path = new URL(offer.url).pathname;
  await until(() => core.fileServer.requests.some((r) => r.path === decodeURIComponent(path) && r.status === 200), 'the charger fetched the image', 10_000);
  const state = await core.host.invoke('transfers.state', {});
  assert.ok(state.requests.some((r) => r.bytes === image.length));
  // While the charger downloads and installs, a restart of the app (the updater) waits.
  await until(() => /firmware update of UI1 is in progress/.test(core.host.busy() ?? ''), 'busy with the firmware update', 15_000);
  const installed = await until(() => core.models.builder('UI1').model.firmwareStatus.find((f) => f.status === 'Installed'), 'Installed', 15_000);
  // Back means booted again after the reboot that follows Installed (still connected right after it says nothing).
  await until(() => core.models.builder('UI1').model.boots.some((b) => b.seq > installed.seq && b.answer), 'UI1 booted after the firmware reboot', 15_000);
});

test('GetDiagnostics to the location the host gives: the upload lands in the data folder and can be read back', async () => {
  const { location, scheme } = await core.host.invoke('diagnostics.location', { chargerId: 'UI1', scheme: 'http' });
  assert.equal(scheme, 'http');
  assert.match(location, /^http:\/\/127\.0\.0\.1:\d+\/uploads\/[\w-]+\/$/);
  const outcome = await core.host.invoke('charger.call', { chargerId: 'UI1', action: 'GetDiagnostics', payload: { location } });
  assert.ok(outcome.ok, JSON.stringify(outcome));
  const fileName = (outcome.payload as { fileName: string }).fileName;
  await until(() => core.fileServer.received.some((r) => r.name === fileName), `${fileName} received`, 10_000);
  assert.ok(existsSync(join(dataDir, 'diagnostics', fileName)));
  const read = await core.host.invoke('diagnostics.read', { name: fileName });
  assert.match(Buffer.from(read.contentBase64, 'base64').toString(), /UI1/);
  await assert.rejects(core.host.invoke('diagnostics.read', { name: '../etc/passwd' }), (e: HostError) => e.code === 'invalid-args');
});

test('GetDiagnostics on auto: the charger says it prefers FTP, the upload arrives over FTP and reads back like any other', async () => {
  // Once the previous test's upload has said Uploaded, nothing a restart would break.
  await until(() => core.host.busy() === null, 'nothing a restart would break', 10_000);
  const { location, scheme, why } = await core.host.invoke('diagnostics.location', { chargerId: 'UI1' });
  assert.match(core.host.busy() ?? '', /transfer over FTP is offered/, 'an offered FTP transfer holds off a restart (the updater)');
  assert.equal(scheme, 'ftp');
  assert.match(render(why), /the charger supports FTP,HTTP/);
  assert.match(location, /^ftp:\/\/fk[0-9a-f]+:[0-9a-f]+@127\.0\.0\.1:\d+\/$/);
  const outcome = await core.host.invoke('charger.call', { chargerId: 'UI1', action: 'GetDiagnostics', payload: { location } });
  assert.ok(outcome.ok, JSON.stringify(outcome));
  const fileName = (outcome.payload as { fileName: string }).fileName;
  await until(() => core.ftp.received.some((r) => r.name === fileName), `${fileName} received over FTP`, 10_000);
  const state = await core.host.invoke('transfers.state', {});
  assert.ok(state.received.some((r) => r.name === fileName));
  assert.ok(state.ftp.events.some((e) => e.kind === 'login') && state.ftp.events.some((e) => e.kind === 'upload'));
  const read = await core.host.invoke('diagnostics.read', { name: fileName });
  assert.match(Buffer.from(read.contentBase64, 'base64').toString(), /UI1/);
});

test('an upload to an unknown location is refused and stores nothing', async () => {
  const status = await new Promise<number>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: core.fileServer.port, path: '/uploads/not-a-token/evil.txt', method: 'PUT' },
      (res) => (res.resume(), resolve(res.statusCode ?? 0)),
    );
    req.on('error', reject);
    req.end('x');
  });
  assert.equal(status, 404);
  assert.ok(!readdirSync(join(dataDir, 'diagnostics')).includes('evil.txt'));
  // A location is only offered to a connected charger (it is bound to its address).
  for (const scheme of ['http', 'ftp'] as const)
    await assert.rejects(
      core.host.invoke('diagnostics.location', { chargerId: 'NOT-HERE', scheme }),
      /NOT-HERE is not connected: a location is only offered to a connected charger/,
    );
});

test('passwords set through the host are kept in the vault; passwords never come back out', async () => {
  assert.ok(core.connectInfo().passwordsFor.includes('KEPT'), 'a kept password is loaded at start');
  await core.host.invoke('central.setPassword', { chargerId: 'NEW1', password: 'new-secret' });
  assert.deepEqual(saved.at(-1), { KEPT: 'kept-pw', NEW1: 'new-secret' });
  await core.host.invoke('central.setPassword', { chargerId: 'NEW1', password: null });
  assert.deepEqual(saved.at(-1), { KEPT: 'kept-pw' });
  assert.ok(!JSON.stringify(await core.host.invoke('connect.info', {})).includes('kept-pw'));
});

test('readiness.report before any run says what to do', async () => {
  await assert.rejects(core.host.invoke('readiness.report', { chargerId: 'UI1', format: 'html' }), /run the suite first/);
});

test("the platform preset keeps the charger's own measurands; a change that takes some away is shown where their graphs stop", async () => {
  const preset = await core.host.invoke('config.preset', { chargerId: 'UI1' });
  assert.deepEqual(preset.changes, [
    { key: 'MeterValuesSampledData', value: 'Energy.Active.Import.Register,Power.Active.Import,Current.Import,Voltage' },
    { key: 'MeterValueSampleInterval', value: '60' },
  ]);
  assert.deepEqual([preset.kept, preset.dropped, preset.maxLength], [['Current.Import', 'Voltage'], [], 8]);
  // Set to the platform's two alone (by hand, say): the view names what stops, and when.
  const outcome = await core.host.invoke('charger.call', {
    chargerId: 'UI1',
    action: 'ChangeConfiguration',
    payload: { key: 'MeterValuesSampledData', value: 'Energy.Active.Import.Register,Power.Active.Import' },
  });
  assert.ok(outcome.ok);
  const { view } = await core.host.invoke('charger.view', { chargerId: 'UI1', maxSamples: 0 });
  assert.deepEqual(view.sampledDataChanges.at(-1)?.removed, ['Current.Import', 'Voltage']);
  await core.host.invoke('charger.call', {
    chargerId: 'UI1',
    action: 'ChangeConfiguration',
    payload: { key: 'MeterValuesSampledData', value: 'Energy.Active.Import.Register,Power.Active.Import,Current.Import,Voltage' },
  });
});
