/**
 * A charger's diagnostics are kept with its session: uploaded to a location the app opened for it,
 * the file's arrival is recorded in the charger's session; the session's support bundle carries the
 * file scrubbed of the AuthorizationKey (a binary one only when asked); support opens the bundle on
 * another machine and saves the file; deleting the session deletes the file.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core } from './core.ts';
import { chargerCall, closeClient, connectCharger, tempDir } from '../testing/central-fixture.ts';
import { isDiagnosticsReceived } from '../store/records.ts';
import { render } from '../lib/message.ts';
import { MESSAGES_TH } from '../lib/messages-th.ts';
import type { HostError } from './host-error.ts';

const KEY = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const CONFIG_DUMP = `HeartbeatInterval=300\nAuthorizationKey=${KEY}\nMeterValueSampleInterval=60\n`;
const BINARY = Buffer.from(Uint8Array.from({ length: 2048 }, (_, i) => (i * 31) % 256));

let site: Core;
let support: Core;
let siteDir: string;
const dirs: string[] = [];

async function core(dataDir: string): Promise<Core> {
  dirs.push(dataDir);
  return createCore({ dataDir, host: '127.0.0.1', wsPort: 0, wssPort: null, passwords: new Map(), acceptAny: true });
}

before(async () => {
  siteDir = tempDir('fieldkit-diag-site-');
  site = await core(siteDir);
  support = await core(tempDir('fieldkit-diag-support-'));
  const { wsPort } = await site.central.start();
  const ws = await connectCharger(`ws://127.0.0.1:${wsPort}/ocpp`, 'DIAG1');
  await chargerCall(ws, 'BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'D1' });
  // The charger uploads to the location the app opened for it, as GetDiagnostics would have it do.
  for (const [name, content] of [
    ['config.txt', CONFIG_DUMP],
    ['state.bin', BINARY],
  ] as const) {
    const { location } = await site.host.invoke('diagnostics.location', { chargerId: 'DIAG1', scheme: 'http' });
    const res = await fetch(`${location}${name}`, { method: 'PUT', body: content });
    assert.equal(res.status, 201, `${name} stored`);
  }
  const received = async () =>
    (await site.host.invoke('session.records', { chargerId: 'DIAG1' })).records.filter((r) => r.t === 'event' && isDiagnosticsReceived(r.event)).length;
  for (let i = 0; i < 100 && (await received()) < 2; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  await closeClient(ws);
});

after(async () => {
  await site.close();
  await support.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

test("each diagnostics upload is recorded in the charger's session with its size and checksum", async () => {
  const { records } = await site.host.invoke('session.records', { chargerId: 'DIAG1' });
  const events = records.flatMap((r) => (r.t === 'event' && isDiagnosticsReceived(r.event) ? [r.event] : []));
  assert.deepEqual(
    events.map((e) => [e.name, e.bytes, e.via, e.sha256?.length]),
    [
      ['config.txt', CONFIG_DUMP.length, 'http', 64],
      ['state.bin', BINARY.length, 'http', 64],
    ],
  );
});

test('the support bundle carries the text scrubbed and leaves the binary out unless asked; support saves the file from the opened bundle', async () => {
  const [session] = (await site.host.invoke('sessions.list', {})).sessions;
  const preview = await site.host.invoke('sessions.redactions', { sessionId: session!.id, hideIdTags: false });
  assert.deepEqual(
    preview.diagnostics.map((d) => d.name),
    ['config.txt', 'state.bin'],
    'the export dialog lists them',
  );

  const exported = await site.host.invoke('sessions.export', { sessionId: session!.id, hideIdTags: false });
  const diagnostics = exported.manifest.diagnostics!;
  assert.deepEqual(
    diagnostics.map((d) => [d.name, d.how]),
    [
      ['config.txt', 'scrubbed'],
      ['state.bin', 'left-out'],
    ],
  );
  assert.ok(!Buffer.from(exported.contentBase64, 'base64').toString('latin1').includes(KEY), 'the key is nowhere in the bundle');
  assert.ok((exported.manifest.redactions.find((r) => r.kind === 'authorization-key')?.count ?? 0) >= 1, 'the manifest counts it');

  const opened = await support.host.invoke('bundle.open', { name: exported.fileName, contentBase64: exported.contentBase64 });
  const config = opened.manifest.diagnostics!.find((d) => d.name === 'config.txt')!;
  // Support in Bangkok reads what was done in Thai: the note is kept as a message beside its English.
  assert.equal(config.note, 'text: checked for secrets');
  assert.equal(render(config.said!, MESSAGES_TH), 'ข้อความ: ตรวจหาข้อมูลลับแล้ว');
  await assert.rejects(
    support.host.invoke('bundle.diagnostics', { chargerId: opened.chargerId, entry: 'diagnostics/state.bin' }),
    (err: HostError) => render(err.said!, MESSAGES_TH).startsWith('ไม่มีไฟล์วินิจฉัย'),
    'the error too',
  );
  const entry = config.entry!;
  const saved = await support.host.invoke('bundle.diagnostics', { chargerId: opened.chargerId, entry });
  const text = Buffer.from(saved.contentBase64, 'base64').toString('utf8');
  assert.equal(saved.name, 'config.txt');
  assert.match(text, /HeartbeatInterval=300\nAuthorizationKey=/);
  assert.ok(!text.includes(KEY));
  await assert.rejects(support.host.invoke('bundle.diagnostics', { chargerId: opened.chargerId, entry: 'diagnostics/state.bin' }), /no diagnostics/);

  const asked = await site.host.invoke('sessions.export', { sessionId: session!.id, hideIdTags: false, includeUncheckedDiagnostics: true });
  assert.equal(asked.manifest.diagnostics!.find((d) => d.name === 'state.bin')?.how, 'as-is', 'packed unchecked when asked, and said so');
});

test('deleting the session (on the next start of the app) deletes its diagnostics files', async () => {
  const folder = join(siteDir, 'diagnostics');
  assert.deepEqual(readdirSync(folder).sort(), ['config.txt', 'state.bin']);
  // A session of the running app cannot be deleted: the next run can.
  await site.close();
  site = await createCore({ dataDir: siteDir, host: '127.0.0.1', wsPort: 0, wssPort: null, passwords: new Map(), acceptAny: true });
  const [session] = (await site.host.invoke('sessions.list', {})).sessions;
  await site.host.invoke('sessions.delete', { sessionId: session!.id });
  assert.ok(!existsSync(join(folder, 'config.txt')) && !existsSync(join(folder, 'state.bin')));
});
