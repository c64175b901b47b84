/**
 * Hostile bundles: small files that unpack to gigabytes, sizes that lie, manifests that are not what
 * they say. Each is opened in a child process as the app opens one; the test asserts the refusal and
 * the reason, and that the child's peak memory stays within 256 MiB of opening a good bundle.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { writeBundle, type BundleManifest } from './bundle.ts';
import { TEST_HEADER, heartbeats } from '../testing/recorded.ts';
import { tempDir } from '../testing/central-fixture.ts';
import { compressibleRecording, gzipBomb, handMadeZip, zerosDeflated } from '../testing/bombs.ts';

const CHILD = fileURLToPath(new URL('../testing/open-bundle-child.ts', import.meta.url));
const HEADROOM_MIB = 256;

let dir: string;
let good: Uint8Array;
let baselineMiB: number;

const header = TEST_HEADER;
const records = heartbeats(50);

/** Opens a bundle in a child process: what it says and how much memory it took. */
function openInChild(
  bytes: Uint8Array,
  name: string,
  times = 1,
): { ok: boolean; error?: string; records?: number; logPage?: number; maxRssMiB: number; seconds?: number } {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const run = spawnSync(process.execPath, ['--import', 'tsx', CHILD, file, String(times)], { encoding: 'utf8', timeout: 240_000 });
  assert.equal(run.status, 0, run.stderr);
  const outcome = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
  if (process.env.FIELDKIT_PRINT_FIGURES) console.log(`# ${name}: peak ${outcome.maxRssMiB} MiB in ${outcome.seconds} s`);
  return outcome;
}

/** The good bundle with one entry replaced and the manifest made to agree (as an attacker would). */
function withEntry(name: string, bytes: Uint8Array): Uint8Array {
  const files = unzipSync(good);
  const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as BundleManifest;
  files[name] = new Uint8Array(bytes);
  const entries = [...manifest.entries.filter((e) => e.name !== name), { name, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }];
  const zippable: Zippable = { 'manifest.json': [strToU8(JSON.stringify({ ...manifest, entries })), { level: 0 }] };
  for (const [n, b] of Object.entries(files)) if (n !== 'manifest.json') zippable[n] = [b, { level: 0 }];
  return zipSync(zippable);
}

before(() => {
  dir = tempDir('fieldkit-bombs-');
  good = writeBundle({ header, records, reports: [] }, { hideIdTags: false }).bytes;
  const opened = openInChild(good, 'good.fieldkit');
  assert.equal(opened.ok, true, opened.error);
  assert.equal(opened.records, records.length);
  baselineMiB = opened.maxRssMiB;
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('a gzip bomb as the recording (1.5 GiB of zeros in 1.6 MB, its size declared honestly) is refused before it is unpacked', () => {
  const bomb = withEntry('session.jsonl.gz', gzipBomb(1536));
  assert.ok(bomb.length < 2 * 1024 * 1024);
  const opened = openInChild(bomb, 'gzip-bomb.fieldkit');
  assert.equal(opened.ok, false);
  assert.match(opened.error!, /BundleError: the bundle: session\.jsonl\.gz would unpack \d+ times larger than it is packed: a gzip bomb/);
  assert.ok(opened.maxRssMiB - baselineMiB < HEADROOM_MIB, `peak ${opened.maxRssMiB} MiB, good bundle ${baselineMiB} MiB`);
});

test('a gzip bomb that lies about its size is unpacked only up to the size it claims, then refused', () => {
  const bomb = withEntry('session.jsonl.gz', gzipBomb(1536, 100 * 1024 * 1024));
  const opened = openInChild(bomb, 'lying-gzip.fieldkit');
  assert.equal(opened.ok, false);
  assert.match(opened.error!, /session\.jsonl\.gz cannot be unpacked/);
  assert.ok(opened.maxRssMiB - baselineMiB < HEADROOM_MIB, `peak ${opened.maxRssMiB} MiB, good bundle ${baselineMiB} MiB`);
});

/**
 * The good bundle plus a report entry deflated from 1.5 GiB of zeros, its size declared as given
 * (listed in the manifest, as an attacker would).
 */
function withDeflatedReport(declaredBytes: (realBytes: number) => number): Buffer {
  const zeros = zerosDeflated(1536);
  const files = unzipSync(good);
  const name = 'readiness/readiness-CP1-20261130T090000.json';
  const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as BundleManifest;
  const size = declaredBytes(zeros.size);
  const entries = [...manifest.entries, { name, bytes: size, sha256: '0'.repeat(64) }];
  return handMadeZip([
    { name: 'manifest.json', data: Buffer.from(JSON.stringify({ ...manifest, entries })) },
    ...Object.entries(files)
      .filter(([n]) => n !== 'manifest.json')
      .map(([n, data]) => ({ name: n, data: Buffer.from(data) })),
    { name, data: Buffer.alloc(0), deflated: { bytes: zeros.deflated, crc: zeros.crc, size } },
  ]);
}

test('a zip bomb entry (1.5 GiB declared, 1.5 MB packed) is refused from the zip directory, nothing inflated', () => {
  const zip = withDeflatedReport((real) => real);
  assert.ok(zip.length < 2 * 1024 * 1024);
  const opened = openInChild(zip, 'zip-bomb.fieldkit');
  assert.equal(opened.ok, false);
  assert.match(opened.error!, /would unpack to 1536 MiB, more than the 16 MiB|would unpack \d+ times larger/);
  assert.ok(opened.maxRssMiB - baselineMiB < HEADROOM_MIB, `peak ${opened.maxRssMiB} MiB, good bundle ${baselineMiB} MiB`);
});

test('a zip entry that declares 1 kB but holds 1.5 GiB is refused without unpacking past its declaration', () => {
  const opened = openInChild(
    withDeflatedReport(() => 1024),
    'lying-zip.fieldkit',
  );
  assert.equal(opened.ok, false);
  assert.match(opened.error!, /BundleError: the bundle (is not a complete zip file|is damaged|.*times larger)/);
  assert.ok(opened.maxRssMiB - baselineMiB < HEADROOM_MIB, `peak ${opened.maxRssMiB} MiB, good bundle ${baselineMiB} MiB`);
});

test('a manifest of the wrong shape is refused with the field that is wrong', () => {
  const files = unzipSync(good);
  const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as Record<string, unknown>;
  for (const [change, reason] of [
    [{ entries: 'everything' }, /damaged manifest: entries: /],
    [{ entries: [{ name: 'x', bytes: -1, sha256: 'zz' }] }, /damaged manifest: entries\.0\./],
    [{ session: null }, /damaged manifest: session: /],
    [{ header: { t: 'session' } }, /damaged manifest: header\.id: /],
  ] as const) {
    files['manifest.json'] = strToU8(JSON.stringify({ ...manifest, ...change }));
    const opened = openInChild(zipSync(files), 'bad-manifest.fieldkit');
    assert.equal(opened.ok, false);
    assert.match(opened.error!, reason);
    assert.doesNotMatch(opened.error!, /TypeError/);
  }
});

test('a 10 MB bundle whose recording unpacks to 1.5 GB (145 : 1, a ratio a session can have) opens three times in one host within 256 MiB of a small one', () => {
  const { gz, size } = compressibleRecording(1536, header);
  const bundle = withEntry('session.jsonl.gz', gz);
  assert.ok(bundle.length < 12 * 1024 * 1024, `${(bundle.length / 1024 / 1024).toFixed(1)} MB packed`);
  assert.ok(size > 1.5e9 && size / gz.length > 140, `${size} bytes, ${Math.round(size / gz.length)} : 1`);
  const small = openInChild(good, 'good-thrice.fieldkit', 3);
  assert.equal(small.ok, true, small.error);
  const opened = openInChild(bundle, 'large.fieldkit', 3);
  assert.equal(opened.ok, true, opened.error);
  assert.ok(opened.records! > 1_000_000, `${opened.records} records, read from disk`);
  assert.equal(opened.logPage, 5_000, "the message log's latest page");
  assert.ok(
    opened.maxRssMiB - small.maxRssMiB < HEADROOM_MIB,
    `peak ${opened.maxRssMiB} MiB for three opens, ${small.maxRssMiB} MiB for a small bundle opened three times`,
  );
});
