import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startCentral, until, type CentralFixture } from '../testing/central-fixture.ts';
import { isCall, nextFrame, payloadOf, startSim } from '../testing/sim-fixture.ts';
import type { SimChargePoint } from './charge-point.ts';

let fx: CentralFixture;
let files: Server;
let base: string;
const requests: { method: string; url: string; body: Buffer }[] = [];
let cp: SimChargePoint | undefined;

before(async () => {
  fx = await startCentral();
  // A real HTTP file server: firmware to download, a place to upload diagnostics.
  files = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', body: Buffer.concat(chunks) });
      if (req.method === 'GET' && req.url === '/fw-2.0.1.bin') res.writeHead(200).end(Buffer.alloc(4096, 7));
      else if (req.method === 'GET' && req.url === '/empty.bin') res.writeHead(200).end();
      else if (req.method === 'PUT' && req.url?.startsWith('/upload/')) res.writeHead(201).end();
      else res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
});
after(async () => {
  await new Promise<void>((resolve) => files.close(() => resolve()));
  await fx.close();
});
afterEach(async () => {
  await cp?.stop();
  cp = undefined;
});

const firmwareStatuses = (since: number) =>
  fx.frames
    .slice(since)
    .filter(isCall('FirmwareStatusNotification'))
    .map((f) => payloadOf(f).status);

test('UpdateFirmware really downloads the file, reports each step, and reboots with the new version', async () => {
  cp = await startSim(fx);
  const since = fx.frames.length;
  await fx.central.call('CP1', 'UpdateFirmware', { location: `${base}/fw-2.0.1.bin`, retrieveDate: new Date().toISOString() });
  const boot = await nextFrame(fx, since, isCall('BootNotification'), 'the reboot after installing', 10_000);
  assert.equal(payloadOf(boot).firmwareVersion, '2.0.1');
  assert.deepEqual(firmwareStatuses(since), ['Downloading', 'Downloaded', 'Installing', 'Installed']);
  assert.ok(requests.some((r) => r.method === 'GET' && r.url === '/fw-2.0.1.bin'));
});

test('a firmware file that is missing or empty ends in DownloadFailed after every retry', async () => {
  cp = await startSim(fx);
  let since = fx.frames.length;
  const gets = () => requests.filter((r) => r.url === '/missing.bin').length;
  await fx.central.call('CP1', 'UpdateFirmware', { location: `${base}/missing.bin`, retrieveDate: new Date().toISOString(), retries: 1, retryInterval: 1 });
  await until(() => firmwareStatuses(since).includes('DownloadFailed'), 'DownloadFailed', 10_000);
  assert.equal(gets(), 2, 'retries=1: two attempts');
  since = fx.frames.length;
  await fx.central.call('CP1', 'UpdateFirmware', { location: `${base}/empty.bin`, retrieveDate: new Date().toISOString(), retries: 0 });
  await until(() => firmwareStatuses(since).includes('DownloadFailed'), 'DownloadFailed for an empty file');
  assert.deepEqual(firmwareStatuses(since), ['Downloading', 'DownloadFailed']);
});

test('GetDiagnostics really uploads a file by HTTP PUT and reports Uploaded', async () => {
  cp = await startSim(fx);
  const since = fx.frames.length;
  const answer = (await fx.central.call('CP1', 'GetDiagnostics', { location: `${base}/upload/` })).payload as { fileName: string };
  assert.match(answer.fileName, /^diagnostics-CP1-.*\.txt$/);
  await until(() => fx.frames.slice(since).some((f) => isCall('DiagnosticsStatusNotification')(f) && payloadOf(f).status === 'Uploaded'), 'Uploaded');
  const put = requests.find((r) => r.method === 'PUT' && r.url === `/upload/${answer.fileName}`);
  assert.ok(put, 'the file arrived at the location');
  assert.match(put.body.toString(), /simulated charge point CP1/);
  assert.match(put.body.toString(), /MeterValueSampleInterval=1/);
});

test('an upload the server refuses is reported as UploadFailed', async () => {
  cp = await startSim(fx);
  const since = fx.frames.length;
  await fx.central.call('CP1', 'GetDiagnostics', { location: `${base}/nowhere/` });
  await until(() => fx.frames.slice(since).some((f) => isCall('DiagnosticsStatusNotification')(f) && payloadOf(f).status === 'UploadFailed'), 'UploadFailed');
});

test('ftp-only: an http:// location fails without a request (DownloadFailed, UploadFailed); a fixed diagnostics name is used every time', async () => {
  cp = await startSim(fx, { quirks: ['ftp-only'], diagnosticsFileName: 'diag-CP1.txt' });
  const before = requests.length;
  let since = fx.frames.length;
  await fx.central.call('CP1', 'UpdateFirmware', { location: `${base}/fw-2.0.1.bin`, retrieveDate: new Date().toISOString(), retries: 0 });
  await until(() => firmwareStatuses(since).includes('DownloadFailed'), 'DownloadFailed over HTTP');
  since = fx.frames.length;
  const answer = (await fx.central.call('CP1', 'GetDiagnostics', { location: `${base}/upload/` })).payload as { fileName: string };
  assert.equal(answer.fileName, 'diag-CP1.txt');
  await until(
    () => fx.frames.slice(since).some((f) => isCall('DiagnosticsStatusNotification')(f) && payloadOf(f).status === 'UploadFailed'),
    'UploadFailed over HTTP',
  );
  assert.equal(requests.length, before, 'nothing reached the HTTP server');
});
