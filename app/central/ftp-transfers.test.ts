/**
 * The app's FTP server with a real FTP client (basic-ftp, passive mode) on loopback: a firmware
 * download, a diagnostics upload, each refusal named, and no listener left once transfers end.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createConnection } from 'node:net';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { Client } from 'basic-ftp';
import { FtpTransfers } from './ftp-transfers.ts';
import { tempDir, until } from '../testing/central-fixture.ts';

function transfers(extra: Partial<ConstructorParameters<typeof FtpTransfers>[0]> = {}) {
  const dir = tempDir('fieldkit-ftp-');
  const ftp = new FtpTransfers({
    host: '127.0.0.1',
    port: 0,
    passiveMin: 40000,
    passiveMax: 40999,
    workDir: join(dir, 'work'),
    uploadDir: join(dir, 'diagnostics'),
    graceMs: 200,
    ...extra,
  });
  return { ftp, dir };
}

async function connect(location: string, user?: string, password?: string): Promise<{ client: Client; path: string }> {
  const url = new URL(location);
  const client = new Client(10_000);
  await client.access({
    host: url.hostname,
    port: Number(url.port),
    user: user ?? decodeURIComponent(url.username),
    password: password ?? decodeURIComponent(url.password),
  });
  return { client, path: decodeURIComponent(url.pathname) };
}

const collect = () => {
  const chunks: Buffer[] = [];
  const sink = new Writable({ write: (c: Buffer, _e, done) => (chunks.push(c), done()) });
  return { sink, bytes: () => Buffer.concat(chunks) };
};

/** Waits for an asynchronous condition (until() takes synchronous probes). */
async function eventually(probe: () => Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createConnection({ host: '127.0.0.1', port }, () => (s.destroy(), resolve(true)));
    s.on('error', () => resolve(false));
  });

test('firmware: downloaded whole over passive FTP with the one-time login; the location refuses uploads; the server goes when the transfer ends', async () => {
  const { ftp, dir } = transfers();
  try {
    assert.equal(ftp.port, null, 'nothing listens before a transfer is offered');
    const image = Buffer.alloc(300_000, 7);
    const offer = await ftp.offerFirmware('fw-2.0.1.bin', image, { host: '127.0.0.1', chargerAddress: '127.0.0.1' });
    assert.match(offer.location, /^ftp:\/\/fk[0-9a-f]+:[0-9a-f]{24}@127\.0\.0\.1:\d+\/fw-2\.0\.1\.bin$/);
    const port = ftp.port!;
    const { client, path } = await connect(offer.location);
    const got = collect();
    await client.downloadTo(got.sink, path);
    assert.deepEqual(got.bytes(), image);
    await assert.rejects(client.uploadFrom(Readable.from([Buffer.from('x')]), 'evil.bin'), /502 Command not whitelisted: STOR/);
    // Outside the folder: the path resolves under the transfer's root, where there is nothing.
    await assert.rejects(client.downloadTo(collect().sink, '../../../../etc/passwd'), /550|no such file|ENOENT/i);
    client.close();
    assert.ok(ftp.events.some((e) => e.kind === 'download' && e.bytes === image.length));
    await eventually(async () => ftp.port === null && !(await portOpen(port)), 'the FTP server closed after the transfer');
  } finally {
    await ftp.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('diagnostics: an upload lands in the diagnostics folder; reading back, a second copy and an oversized upload are refused', async () => {
  const { ftp, dir } = transfers({ maxUploadBytes: 64 * 1024 });
  try {
    const offer = await ftp.diagnosticsLocation({ host: '127.0.0.1', chargerAddress: null });
    const { client } = await connect(offer.location);
    const report = Buffer.from('connector 1: Available\n'.repeat(100));
    await client.uploadFrom(Readable.from([report]), 'diag-CP1.txt');
    await until(() => ftp.received.length === 1, 'the upload received');
    assert.deepEqual(readFileSync(ftp.received[0]!.file), report);
    assert.deepEqual(readdirSync(join(dir, 'diagnostics')), ['diag-CP1.txt']);
    await assert.rejects(client.downloadTo(collect().sink, 'diag-CP1.txt'), /502 Command not whitelisted: RETR/);
    await assert.rejects(client.uploadFrom(Readable.from([Buffer.alloc(200 * 1024, 1)]), 'huge.bin'), /larger than 65536 bytes|550|closed|ECONNRESET/i);
    client.close();
    assert.ok(
      ftp.events.some((e) => e.kind === 'failed' && /larger than 65536 bytes/.test(e.detail)),
      JSON.stringify(ftp.events),
    );
    assert.deepEqual(readdirSync(join(dir, 'diagnostics')), ['diag-CP1.txt'], 'the oversized part is not kept');
  } finally {
    await ftp.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a wrong password, an unknown user and another address than the charger’s are refused and named', async () => {
  const { ftp, dir } = transfers();
  try {
    const offer = await ftp.diagnosticsLocation({ host: '127.0.0.1', chargerAddress: '10.9.9.9' });
    const url = new URL(offer.location);
    await assert.rejects(connect(offer.location, url.username, 'wrong'), /530|refused/i);
    await assert.rejects(connect(offer.location, 'anonymous', 'x'), /530|refused/i);
    await assert.rejects(connect(offer.location), /530|refused/i);
    const refusals = ftp.events.filter((e) => e.kind === 'refused').map((e) => e.detail);
    assert.equal(refusals.length, 3, refusals.join(' | '));
    assert.match(refusals[0]!, /wrong user or password/);
    assert.match(refusals[2]!, /127\.0\.0\.1 is not the charger's address \(10\.9\.9\.9\)/);
  } finally {
    await ftp.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a transfer nobody completes is withdrawn at its deadline, and the server with it', async () => {
  const { ftp, dir } = transfers({ ttlMs: 300 });
  try {
    const offer = await ftp.offerFirmware('fw.bin', Buffer.from('x'), { host: '127.0.0.1', chargerAddress: null });
    const port = Number(new URL(offer.location).port);
    await eventually(async () => ftp.port === null && !(await portOpen(port)), 'withdrawn and closed');
    assert.ok(ftp.events.some((e) => e.kind === 'closed' && /not completed in time/.test(e.detail)));
  } finally {
    await ftp.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('each location takes only the commands it needs: aliases and every other command are refused, the firmware stays, no reply names a local path', async () => {
  const { ftp, dir } = transfers();
  try {
    const offer = await ftp.offerFirmware('fw.bin', Buffer.alloc(1000, 3), { host: '127.0.0.1', chargerAddress: '127.0.0.1' });
    const { client } = await connect(offer.location);
    const refused = [
      'XRMD fw.bin',
      'RMD fw.bin',
      'DELE fw.bin',
      'XMKD newdir/sub',
      'MKD newdir',
      'RNFR fw.bin',
      'SITE CHMOD 777 fw.bin',
      'APPE fw.bin',
      'STOU',
      'XPWD',
      'XCWD /',
      'STAT',
      'HELP',
    ];
    for (const command of refused) {
      const answer = await client.send(command, true);
      assert.equal(answer.code, 502, `${command} is refused: ${answer.message}`);
    }
    const transferDirs = readdirSync(join(dir, 'work'));
    assert.equal(transferDirs.length, 1);
    assert.deepEqual(readdirSync(join(dir, 'work', transferDirs[0]!)), ['fw.bin'], 'the offered firmware is still there, and no folder was made');
    // SIZE is allowed (chargers check the size before they fetch); about a missing file it says so, not where it looked.
    assert.equal((await client.send('SIZE fw.bin', true)).message, '213 1000');
    const missing = await client.send('SIZE nothing.bin', true);
    assert.equal(missing.code, 550);
    assert.doesNotMatch(missing.message, new RegExp(dir.replace(/[/.]/g, '\\$&')));
    assert.doesNotMatch(missing.message, /\/tmp|ENOENT|stat/);
    const cwd = await client.send('CWD nowhere', true);
    assert.doesNotMatch(cwd.message, /\/tmp|ENOENT/);
    client.close();
    const diagnostics = await ftp.diagnosticsLocation({ host: '127.0.0.1', chargerAddress: null });
    const upload = await connect(diagnostics.location);
    for (const command of ['RETR x', 'LIST', 'NLST', 'XMKD a', 'DELE x']) assert.equal((await upload.client.send(command, true)).code, 502, command);
    upload.client.close();
  } finally {
    await ftp.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('one-time: a diagnostics location takes three files at most and closes a grace after the first, however often it is used', async () => {
  const { ftp, dir } = transfers({ graceMs: 400 });
  try {
    const offer = await ftp.diagnosticsLocation({ host: '127.0.0.1', chargerAddress: '127.0.0.1' });
    const { client } = await connect(offer.location);
    await client.uploadFrom(Readable.from([Buffer.from('one')]), 'a.txt');
    await new Promise((r) => setTimeout(r, 200));
    // Each further upload used to restart the grace: now the location closes 400 ms after the first, whatever comes.
    await client.uploadFrom(Readable.from([Buffer.from('two')]), 'b.txt');
    await client.uploadFrom(Readable.from([Buffer.from('three')]), 'c.txt');
    await assert.rejects(client.uploadFrom(Readable.from([Buffer.from('four')]), 'd.txt'), /takes 3 files at most/);
    client.close();
    await new Promise((r) => setTimeout(r, 300));
    await assert.rejects(connect(offer.location), /530|refused|wrong user or password/i, 'closed after the grace');
    assert.deepEqual(readdirSync(join(dir, 'diagnostics')).sort(), ['a.txt', 'b.txt', 'c.txt']);
  } finally {
    await ftp.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
