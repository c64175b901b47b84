/**
 * Firmware and diagnostics over FTP between the simulator and the app's FTP server, through the
 * suite's own steps: the charger's preferred scheme first, the other when it fails, and the FTP
 * habits of real chargers (a stall, a wrong name, an upload that never starts, active mode only).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChargerModels } from '../charger/registry.ts';
import { SuiteSession } from './session.ts';
import { centralDriver } from './driver.ts';
import { updateFirmware } from './steps/firmware.ts';
import { uploadDiagnostics } from './steps/diagnostics.ts';
import { startCentral, type CentralFixture } from '../testing/central-fixture.ts';
import { readinessOn, type ReadinessFixture } from '../testing/readiness-fixture.ts';
import { startSim } from '../testing/sim-fixture.ts';
import type { SimChargePoint } from '../sim/charge-point.ts';

let fx: CentralFixture;
let rf: ReadinessFixture;
let models: ChargerModels;
const sims: SimChargePoint[] = [];

before(async () => {
  fx = await startCentral({ acceptAny: true });
  rf = await readinessOn(fx);
  models = rf.models;
});

after(async () => {
  await Promise.all(sims.map((s) => s.stop()));
  await rf.close();
  await fx.close();
});

async function charger(id: string, options: Parameters<typeof startSim>[1] = {}) {
  const sim = await startSim(fx, { id, transferTimeoutMs: 4_000, ...options });
  sims.push(sim);
  const session = new SuiteSession(centralDriver(fx.central, models, id, { http: rf.files, ftp: rf.ftp }, '127.0.0.1'), undefined, () => {});
  return { sim, session };
}

const firmware = { name: 'fw-4.0.0.bin', content: Buffer.alloc(50_000, 3) };

test('auto: a charger that prefers FTP gets its firmware and sends its diagnostics over FTP, and the reason says so', async () => {
  const { session } = await charger('FTP-1', { fileTransferProtocols: 'FTP,HTTP' });
  const diag = await uploadDiagnostics(session, 20_000, 'auto');
  assert.equal(diag.verdict, 'pass', diag.reason);
  assert.match(diag.reason, /arrived; the charger reported Uploading → Uploaded over FTP$/);
  const fw = await updateFirmware(session, firmware, 20_000, 'auto');
  assert.equal(fw.verdict, 'pass', fw.reason);
  assert.match(fw.reason, /over FTP$/);
  assert.ok(rf.ftp.events.some((e) => e.kind === 'download' && e.bytes === firmware.content.length));
});

test('auto: FTP in active mode only fails over FTP, then works over HTTP, and the reason names both', async () => {
  const { session } = await charger('FTP-2', { fileTransferProtocols: 'FTP,HTTP', quirks: ['ftp-active-only'] });
  const diag = await uploadDiagnostics(session, 20_000, 'auto');
  assert.equal(diag.verdict, 'pass', diag.reason);
  assert.match(diag.reason, /over HTTP \(FTP: .*\)$/);
  const fw = await updateFirmware(session, firmware, 20_000, 'ftp');
  assert.equal(fw.verdict, 'fail', 'FTP as chosen: no fall-back');
  assert.match(fw.reason, /DownloadFailed/);
});

test('a wrong file name: the firmware is not found over FTP (DownloadFailed), the diagnostics arrive under another name (warn)', async () => {
  const { session } = await charger('FTP-3', { quirks: ['ftp-wrong-name'] });
  const fw = await updateFirmware(session, firmware, 20_000, 'ftp');
  assert.equal(fw.verdict, 'fail');
  assert.match(fw.reason, /DownloadFailed.*never fetched the file/);
  const diag = await uploadDiagnostics(session, 20_000, 'ftp');
  assert.equal(diag.verdict, 'warn', diag.reason);
  assert.match(diag.reason, /named otherwise than the .* the charger announced/);
});

test('an upload that never starts fails at its deadline; a stalled transfer still completes', async () => {
  const silent = await charger('FTP-4', { quirks: ['ftp-no-upload'] });
  const diag = await uploadDiagnostics(silent.session, 3_000, 'ftp');
  assert.equal(diag.verdict, 'fail');
  assert.match(diag.reason, /nothing arrived within 3 s/);
  const slow = await charger('FTP-5', { quirks: ['ftp-stall=1'] });
  const fw = await updateFirmware(slow.session, firmware, 20_000, 'ftp');
  assert.equal(fw.verdict, 'pass', fw.reason);
});
