/**
 * Diagnostics files packed for a support bundle: the AuthorizationKey a charger's configuration dump
 * holds never leaves in clear, whether the dump is plain text, inside a zip, a tar.gz or a gzip;
 * what cannot be checked is left out (or packed as it is only when asked); a damaged or oversized
 * archive is left out with the reason.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { extract as tarExtract, pack as tarPack } from 'tar-stream';
import { Redactor } from '../store/redact.ts';
import { isText, packDiagnostics, type PackOptions } from './diagnostics-pack.ts';

const KEY = '0011223344556677aabbccddeeff';
const DUMP = `# charger configuration\nHeartbeatInterval=300\nAuthorizationKey=${KEY}\nurl=wss://CP1:secret-pass@csms.example/ocpp\n`;
const BINARY = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256);
const options = (includeUnchecked = false): PackOptions => {
  const redactor = new Redactor({ hideIdTags: false });
  return { scrub: (text) => redactor.scrub(text), includeUnchecked };
};
const text = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? []).toString('latin1');

async function tarOf(files: Record<string, Uint8Array>): Promise<Buffer> {
  const pack = tarPack();
  const chunks: Buffer[] = [];
  pack.on('data', (c) => chunks.push(c as Buffer));
  const done = new Promise<void>((resolve) => pack.on('end', () => resolve()));
  for (const [name, content] of Object.entries(files)) pack.entry({ name, size: content.length }, Buffer.from(content));
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

async function untar(bytes: Uint8Array): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const extract = tarExtract();
  await new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c) => chunks.push(c as Buffer));
      stream.on('end', () => ((out[header.name] = Buffer.concat(chunks).toString('utf8')), next()));
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
    Readable.from([Buffer.from(bytes)]).pipe(extract);
  });
  return out;
}

test('a configuration dump as text: the key and the URL password are scrubbed, the rest kept', async () => {
  const packed = await packDiagnostics({ name: 'config.txt', content: strToU8(DUMP) }, options());
  assert.equal(packed.how, 'scrubbed');
  const out = text(packed.content);
  assert.ok(!out.includes(KEY), 'no AuthorizationKey in clear');
  assert.ok(!out.includes('secret-pass'), 'no password in a URL');
  assert.match(out, /HeartbeatInterval=300/);
});

test('Latin-1 text stays Latin-1 (byte for byte outside what is scrubbed)', async () => {
  const latin1 = Buffer.from(`Température: 21°C\nAuthorizationKey=${KEY}\n`, 'latin1');
  const packed = await packDiagnostics({ name: 'log.txt', content: latin1 }, options());
  assert.equal(packed.how, 'scrubbed');
  const out = Buffer.from(packed.content!).toString('latin1');
  assert.match(out, /^Température: 21°C\n/);
  assert.ok(!out.includes(KEY));
});

test('a zip: its text files scrubbed, a binary file in it left out and named, the rest packed again as a zip', async () => {
  const zip = zipSync({ 'logs/config.ini': strToU8(DUMP), 'logs/boot.log': strToU8('booted\n'), 'db/state.sqlite': BINARY });
  const packed = await packDiagnostics({ name: 'diag.zip', content: zip }, options());
  assert.equal(packed.how, 'scrubbed');
  assert.deepEqual(packed.droppedFiles, ['db/state.sqlite']);
  const files = unzipSync(packed.content!);
  assert.deepEqual(Object.keys(files).sort(), ['logs/boot.log', 'logs/config.ini']);
  assert.ok(!text(files['logs/config.ini']).includes(KEY));
  assert.equal(text(files['logs/boot.log']), 'booted\n');
});

test('a tar.gz (what Linux chargers upload): unpacked, scrubbed, packed again as a tar.gz', async () => {
  const tgz = gzipSync(await tarOf({ 'etc/ocpp.conf': strToU8(DUMP), 'var/core.bin': BINARY }));
  const packed = await packDiagnostics({ name: 'diag.tar.gz', content: tgz }, options());
  assert.equal(packed.how, 'scrubbed');
  assert.deepEqual(packed.droppedFiles, ['var/core.bin']);
  const files = await untar(gunzipSync(packed.content!));
  assert.deepEqual(Object.keys(files), ['etc/ocpp.conf']);
  assert.ok(!files['etc/ocpp.conf']!.includes(KEY));
  assert.match(files['etc/ocpp.conf']!, /HeartbeatInterval=300/);
});

test('a gzip of text is scrubbed and stays a gzip', async () => {
  const packed = await packDiagnostics({ name: 'messages.log.gz', content: gzipSync(DUMP) }, options());
  assert.equal(packed.how, 'scrubbed');
  assert.ok(!gunzipSync(packed.content!).toString().includes(KEY));
});

test('binary data cannot be checked: left out, or packed as it is only when the export asks, and said so', async () => {
  const left = await packDiagnostics({ name: 'dump.bin', content: BINARY }, options());
  assert.equal(left.how, 'left-out');
  assert.equal(left.content, undefined);
  assert.match(left.note, /cannot be checked for secrets/);
  const asked = await packDiagnostics({ name: 'dump.bin', content: BINARY }, options(true));
  assert.equal(asked.how, 'as-is');
  assert.deepEqual(asked.content, BINARY);
  assert.match(asked.note, /NOT checked/);
});

test('a damaged archive and a gzip bomb are left out with the reason, not unpacked', async () => {
  const damaged = zipSync({ 'a.txt': strToU8(DUMP) }).slice(0, 40);
  const broken = await packDiagnostics({ name: 'broken.zip', content: damaged }, options());
  assert.equal(broken.how, 'left-out');
  assert.match(broken.note, /cannot be opened/);
  const bomb = gzipSync(Buffer.alloc(300 * 1024 * 1024, 0x41));
  const refused = await packDiagnostics({ name: 'bomb.gz', content: bomb }, options());
  assert.equal(refused.how, 'left-out');
  assert.match(refused.note, /cannot be opened/);
});

test('what counts as text', () => {
  assert.ok(isText(strToU8('plain\ttext\r\nwith \u001b[32mcolour\u001b[0m\n')));
  assert.ok(!isText(Uint8Array.of(0x41, 0x00, 0x42)), 'a NUL byte is binary');
  assert.ok(!isText(BINARY));
});
