/**
 * The HTTP file server's locations are one-time: bound to the charger's address, a few files at
 * most, closed a minute after the transfer completed whatever comes later; two uploads of one name
 * at once never destroy each other, and the listing always matches the disk.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startFileServer, type FileServer } from './file-server.ts';
import { tempDir } from '../testing/central-fixture.ts';

function put(server: FileServer, path: string, body: Buffer | string, localAddress = '127.0.0.1'): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method: 'PUT', localAddress, headers: { 'Content-Length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: text.trim() }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function get(server: FileServer, path: string, localAddress = '127.0.0.1'): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, localAddress }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
    });
    req.on('error', reject);
    req.end();
  });
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function server(limits: Parameters<typeof startFileServer>[0]['limits'] = {}) {
  const dir = tempDir('fieldkit-files-');
  const files = await startFileServer({ host: '127.0.0.1', port: 0, uploadDir: join(dir, 'diagnostics'), limits });
  return {
    files,
    dir,
    close: async () => {
      await files.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

test('two uploads of one name at the same moment: both kept under their own names, the listing matches the disk', async () => {
  const s = await server();
  try {
    const path = s.files.uploadLocation('CP1', { chargerAddress: '127.0.0.1' })!;
    const a = Buffer.alloc(200_000, 'a');
    const b = Buffer.alloc(200_000, 'b');
    const results = await Promise.all([put(s.files, `${path}diag.txt`, a), put(s.files, `${path}diag.txt`, b)]);
    assert.deepEqual(
      results.map((r) => r.status),
      [201, 201],
    );
    const onDisk = readdirSync(join(s.dir, 'diagnostics')).sort();
    assert.deepEqual(onDisk, ['diag-1.txt', 'diag.txt']);
    assert.deepEqual(s.files.received.map((r) => r.name).sort(), onDisk, 'what is listed is what is on the disk');
    const contents = onDisk.map((n) => readFileSync(join(s.dir, 'diagnostics', n))[0]).sort();
    assert.deepEqual(contents, [0x61, 0x62], 'each upload kept whole, neither removed by the other');
    for (const r of s.files.received) assert.equal(r.sentName, 'diag.txt');
  } finally {
    await s.close();
  }
});

test('an upload location takes a few files at most, closes a grace after the first arrived (never extended), and only for its address', async () => {
  const s = await server({ graceMs: 400, maxUploads: 2 });
  try {
    const path = s.files.uploadLocation('CP1', { chargerAddress: '127.0.0.1' })!;
    // Another host on the network cannot use the charger's location.
    const elsewhere = await put(s.files, `${path}x.txt`, 'x', '127.0.0.2');
    assert.equal(elsewhere.status, 403);
    assert.equal((await put(s.files, `${path}one.txt`, '1')).status, 201);
    await wait(200);
    // Within the grace a charger that retries may: the grace does not start again.
    assert.equal((await put(s.files, `${path}two.txt`, '2')).status, 201);
    const third = await put(s.files, `${path}three.txt`, '3');
    assert.equal(third.status, 429);
    assert.match(third.text, /takes 2 files at most/);
    await wait(300);
    // 500 ms after the first upload: closed, whatever comes.
    const late = await put(s.files, `${path}late.txt`, '4');
    assert.equal(late.status, 404);
    assert.match(late.text, /no such location: it closed/);
    assert.deepEqual(readdirSync(join(s.dir, 'diagnostics')).sort(), ['one.txt', 'two.txt']);
  } finally {
    await s.close();
  }
});

test('an upload location takes so many bytes in all; a firmware location closes a grace after its download, and serves only its charger', async () => {
  const s = await server({ graceMs: 300, maxUploadBytes: 100_000 });
  try {
    const path = s.files.uploadLocation('CP1', { chargerAddress: '127.0.0.1' })!;
    assert.equal((await put(s.files, `${path}a.bin`, Buffer.alloc(60_000))).status, 201);
    const over = await put(s.files, `${path}b.bin`, Buffer.alloc(60_000));
    assert.equal(over.status, 413);
    assert.ok(!existsSync(join(s.dir, 'diagnostics', 'b.bin')), 'nothing of the refused upload is kept');
    const firmware = s.files.offer('fw.bin', Buffer.alloc(5_000, 9), { chargerAddress: '127.0.0.1' });
    assert.equal((await get(s.files, firmware, '127.0.0.2')).status, 403);
    assert.deepEqual(await get(s.files, firmware), { status: 200, bytes: 5_000 });
    assert.equal((await get(s.files, firmware)).status, 200, 'a charger that fetches again right away still may');
    await wait(400);
    assert.equal((await get(s.files, firmware)).status, 404, 'closed after the grace');
    // Withdrawn when the check is done with it.
    const another = s.files.offer('fw2.bin', Buffer.alloc(10), { chargerAddress: '127.0.0.1' });
    s.files.withdraw(another);
    assert.equal((await get(s.files, another)).status, 404);
  } finally {
    await s.close();
  }
});
