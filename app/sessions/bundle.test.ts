/**
 * Bundles: a session recorded through the real central system (with secrets seeded where chargers
 * put them) exported and opened again gives the same frames, model and verdicts, holds none of the
 * secrets, and every kind of damaged or foreign file is refused with its reason, writing nothing.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, rmSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import type WebSocket from 'ws';
import { chargerCall, connectCharger, startCentral, tempDir, until, type CentralFixture } from '../testing/central-fixture.ts';
import { readSession } from '../store/reader.ts';
import type { SessionRecord } from '../store/records.ts';
import { recordsOf } from '../testing/recorded.ts';
import { BUNDLE_VERSION, MAX_MODEL_BYTES, readBundle, writeBundle, type OpenedBundle } from './bundle.ts';
import { MeterSeries } from '../charger/meter-series.ts';
import { redactionPreview } from '../store/redact.ts';
import { harJson, messagesCsv, meterCsv } from './exports.ts';
import { foldRecords } from '../charger/fold.ts';
import { passiveResults } from '../readiness/live.ts';

const AUTH_KEY = 'SEEDED-AUTH-KEY-0123456789';
const TAG = 'RFID-SECRET-777';
const CHARGER_PASSWORD = 'secret-1';
const CONSOLE_BASIC = Buffer.from(`CP1:${AUTH_KEY}`).toString('base64');

let fx: CentralFixture;
let records: SessionRecord[];
let header: ReturnType<typeof readSession>['header'];
const report = {
  name: 'readiness-CP1-20261125T030000.json',
  content: JSON.stringify({ charger: 'CP1', ready: false, checks: [{ id: 'core.boot', verdict: 'pass', reason: 'Accepted', evidence: [3] }] }),
};

/** A charger that answers the central system's calls as a real one would, AuthorizationKey included. */
function answerCalls(ws: WebSocket): void {
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as unknown[];
    if (frame[0] !== 2) return;
    const answer =
      frame[2] === 'GetConfiguration'
        ? {
            configurationKey: [
              { key: 'AuthorizationKey', readonly: false, value: AUTH_KEY },
              { key: 'HeartbeatInterval', readonly: false, value: '60' },
            ],
          }
        : { status: 'Accepted' };
    ws.send(JSON.stringify([3, frame[1], answer]));
  });
}

before(async () => {
  fx = await startCentral();
  const ws = await connectCharger(fx.wsUrl, 'CP1', { password: CHARGER_PASSWORD });
  answerCalls(ws);
  const at = (s: number) => new Date(Date.now() - (60 - s) * 1000).toISOString();
  await chargerCall(ws, 'BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'W1' });
  await chargerCall(ws, 'StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Preparing' });
  await chargerCall(ws, 'Authorize', { idTag: TAG });
  const start = await chargerCall(ws, 'StartTransaction', { connectorId: 1, idTag: TAG, meterStart: 1000, timestamp: at(1) });
  const transactionId = (start[2] as { transactionId: number }).transactionId;
  for (let i = 0; i < 3; i++) {
    await chargerCall(ws, 'MeterValues', {
      connectorId: 1,
      transactionId,
      meterValue: [
        {
          timestamp: at(10 + i),
          sampledValue: [
            { value: String(1000 + i * 100), measurand: 'Energy.Active.Import.Register', unit: 'Wh' },
            { value: '7200', measurand: 'Power.Active.Import', unit: 'W' },
          ],
        },
      ],
    });
  }
  await fx.central.call('CP1', 'ChangeConfiguration', { key: 'AuthorizationKey', value: AUTH_KEY });
  await fx.central.call('CP1', 'GetConfiguration', {});
  // A vendor's DataTransfer carrying the key inside a string (escaped JSON).
  await chargerCall(ws, 'DataTransfer', { vendorId: 'acme', data: JSON.stringify({ key: 'AuthorizationKey', value: AUTH_KEY }) });
  await chargerCall(ws, 'StopTransaction', { transactionId, meterStop: 1300, timestamp: at(20), idTag: TAG });
  // The charger's console printed its key and a header (a serial leg in the same session).
  const session = fx.central.sessionOf('CP1')!;
  const printed = `cfg: {"key":"AuthorizationKey","value":"${AUTH_KEY}"}\r\nhttp: Authorization: Basic ${CONSOLE_BASIC}\r\n`;
  session.append({
    t: 'event',
    charger: 'CP1',
    leg: 'serial',
    event: { kind: 'serial-rx', bytes: printed.length, base64: Buffer.from(printed).toString('base64') } as { kind: string },
  });
  ws.close();
  await until(() => fx.events.some((e) => e.event.kind === 'disconnected'), 'the disconnect');
  session.flushNow();
  ({ header, records } = readSession(session.file));
});
after(() => fx.close());

const open = (hideIdTags: boolean): Promise<OpenedBundle> =>
  readBundle(writeBundle({ header, records, reports: [report], renderReport: (json) => `<html>${json}</html>` }, { hideIdTags }).bytes);

test('export then open: the same frames, the same model, the same verdicts', async () => {
  const opened = await open(false);
  const openedRecords = await recordsOf(opened);
  assert.equal(openedRecords.length, records.length);
  openedRecords.forEach((r, i) => {
    const original = records[i]!;
    const { raw: _a, ...rest } = r as { raw?: string };
    const { raw: _b, ...restOriginal } = original as { raw?: string };
    if (r.t === 'event') assert.equal(r.event.kind, (original as typeof r).event.kind);
    else assert.deepEqual(rest, restOriginal, `frame ${r.seq} is the same apart from a redacted value`);
  });
  const changed = openedRecords.filter((r, i) => JSON.stringify(r) !== JSON.stringify(records[i]));
  // The recorder masked the key and the console's header already: the export has nothing left to change.
  assert.equal(changed.length, 0, `nothing changed (${changed.map((r) => r.seq).join(', ')})`);
  const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
  assert.deepEqual(plain(opened.model), plain(foldRecords('CP1', records)), 'the model (which never held the key) is the same');
  assert.ok(opened.model.samples.length > 0, 'its meter samples came back');
  const lastAt = Date.parse(records.at(-1)!.at);
  assert.deepEqual(passiveResults(opened.model, lastAt), passiveResults(foldRecords('CP1', records), lastAt), 'the same verdicts');
  assert.deepEqual(
    opened.reports.map((r) => r.name),
    ['readiness-CP1-20261125T030000.json', 'readiness-CP1-20261125T030000.html'],
  );
  assert.equal(JSON.parse(opened.reports[0]!.content).checks[0].verdict, 'pass');
  assert.equal(opened.manifest.session.frames, records.filter((r) => r.t === 'frame').length);
  assert.equal(opened.header.id, header.id);
});

test("a model at the sample cap fits what a bundle's model may unpack to, with room for the rest", () => {
  // A long session's charger: 400 000 samples (the cap), four measurands each, as the export writes them.
  const series = new MeterSeries();
  const t0 = Date.parse('2026-11-01T00:00:00.000Z');
  for (let n = 0; n < series.capacity; n++)
    series.push({
      seq: 2 * n + 1,
      source: 'MeterValues',
      at: t0 + n * 10_000,
      receivedAt: t0 + n * 10_000 + 37,
      connectorId: 1,
      transactionId: 7,
      context: 'Sample.Periodic',
      powerW: 7360,
      powerSource: 'measured',
      registerRateW: 5400 + (n % 100),
      currentA: [32.1, null, null],
      voltageV: [230.1, null, null],
      energyWh: 100_000 + 15 * n,
      socPercent: null,
      offeredA: null,
      measurands: ['Energy.Active.Import.Register', 'Power.Active.Import', 'Current.Import', 'Voltage'],
      units: { 'Energy.Active.Import.Register': 'Wh', 'Power.Active.Import': 'W', 'Current.Import': 'A', Voltage: 'V' },
    });
  const bytes = Buffer.byteLength(JSON.stringify(series.toRows()));
  assert.ok(
    bytes < MAX_MODEL_BYTES / 2,
    `${(bytes / 1024 / 1024).toFixed(0)} MiB of samples against the ${MAX_MODEL_BYTES / 1024 / 1024} MiB a model may unpack to`,
  );
});

test('no secret appears anywhere in the bundle, compressed or not; the manifest says what was redacted', async () => {
  const { bytes, manifest } = writeBundle({ header, records, reports: [report] }, { hideIdTags: true });
  const fingerprint = `(redacted #${createHash('sha256').update(AUTH_KEY).digest('hex').slice(0, 8)})`;
  assert.ok(!records.some((r) => JSON.stringify(r).includes(AUTH_KEY)), 'the recording never held the key');
  assert.ok(records.filter((r) => JSON.stringify(r).includes(fingerprint)).length >= 3, 'only its fingerprint, so two values can be compared');
  const texts = [
    Buffer.from(bytes).toString('latin1'),
    ...Object.entries(unzipSync(bytes)).map(([name, b]) => (name.endsWith('.gz') ? gunzipSync(b).toString() : strFromU8(b))),
  ];
  const decodedSerial = (await recordsOf(await readBundle(bytes))).flatMap((r) =>
    r.t === 'event' && 'base64' in r.event ? [Buffer.from(String((r.event as { base64: string }).base64), 'base64').toString()] : [],
  );
  for (const secret of [AUTH_KEY, TAG, CONSOLE_BASIC, CHARGER_PASSWORD]) {
    for (const text of [...texts, ...decodedSerial]) assert.ok(!text.includes(secret), `${secret} is not in the bundle`);
  }
  const kinds = Object.fromEntries(manifest.redactions.map((r) => [r.kind, r.count]));
  assert.ok(kinds['authorization-key']! >= 4, 'ChangeConfiguration, GetConfiguration, the DataTransfer string and the console line');
  assert.ok(kinds['id-tag']! >= 3, 'Authorize, StartTransaction, StopTransaction');
  assert.equal(kinds['basic-auth'], 1);
  const stillFollowable = (await recordsOf(await readBundle(bytes))).filter((r) => r.t === 'frame' && r.raw.includes('"idTag":"tag-1"'));
  assert.ok(stillFollowable.length >= 3, 'one tag, one stand-in throughout');
  assert.deepEqual(
    redactionPreview(records, { hideIdTags: false }).map((r) => r.kind),
    ['authorization-key', 'basic-auth'],
    'the dialog lists what is covered',
  );
});

function rezip(mutate: (files: Record<string, Uint8Array>) => void): Uint8Array {
  const files = unzipSync(writeBundle({ header, records, reports: [] }, { hideIdTags: false }).bytes);
  mutate(files);
  return zipSync(files);
}

const refusals: [string, () => Uint8Array, RegExp][] = [
  ['a truncated zip', () => writeBundle({ header, records, reports: [] }, { hideIdTags: false }).bytes.slice(0, 2000), /not a complete zip file/],
  ['random bytes', () => new Uint8Array(4096).map((_, i) => (i * 37) % 251), /not a complete zip file/],
  ['a zip that is not a bundle', () => zipSync({ 'notes.txt': strToU8('hello') }), /not an OCPP Field Kit bundle: it has no manifest\.json/],
  [
    'a changed recording (wrong checksum)',
    () => rezip((f) => (f['session.jsonl.gz'] = gzipSync(gunzipSync(f['session.jsonl.gz']!).toString().replace('Acme', 'Evil')))),
    /damaged: session\.jsonl\.gz does not match its checksum/,
  ],
  ['an entry added after export', () => rezip((f) => (f['extra.txt'] = strToU8('x'))), /holds extra\.txt, which its manifest does not list/],
  [
    'a newer format version',
    () =>
      rezip(
        (f) => (f['manifest.json'] = strToU8(JSON.stringify({ ...JSON.parse(strFromU8(f['manifest.json']!)), version: BUNDLE_VERSION + 1, app: '9.0.0' }))),
      ),
    /made by a newer OCPP Field Kit \(9\.0\.0, bundle format 2; this is [\d.]+, format 1\): update the app/,
  ],
  [
    'a path-traversal entry name',
    () => rezip((f) => (f['../../evil.txt'] = strToU8('pwned'))),
    /entry named "\.\.\/\.\.\/evil\.txt": a path that leaves the bundle/,
  ],
  ['an absolute entry name', () => rezip((f) => (f['/etc/evil'] = strToU8('pwned'))), /an absolute path/],
];

for (const [what, make, reason] of refusals) {
  test(`a bundle with ${what} is refused with the reason, and nothing is written`, async () => {
    const dir = tempDir('fieldkit-bundle-refuse-');
    try {
      const cwdBefore = readdirSync(process.cwd()).sort();
      await assert.rejects(readBundle(make(), 'site.fieldkit'), (err: Error) => err.name === 'BundleError' && reason.test(err.message));
      assert.deepEqual(readdirSync(dir), [], 'nothing in the temp folder');
      assert.deepEqual(readdirSync(process.cwd()).sort(), cwdBefore, 'nothing beside it');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('the message log and the meter series as CSV, and the exchanges as HAR-like JSON', () => {
  const frames = records.filter((r) => r.t === 'frame');
  const csv = messagesCsv(records).trimEnd().split('\r\n');
  assert.equal(csv.length, frames.length + 1);
  assert.equal(csv[0], 'seq,time,charger,leg,direction,type,message id,action,latency ms,origin,issues,frame');
  const boot = frames.find((f) => f.t === 'frame' && f.action === 'BootNotification' && f.type === 2)!;
  assert.ok(
    csv.includes(
      `${boot.seq},${boot.at},CP1,charger,from charger,CALL,${(boot as { id: string }).id},BootNotification,,,,"${(boot as { raw: string }).raw.replaceAll('"', '""')}"`,
    ),
    'the frame quoted as RFC 4180 wants',
  );
  const meter = meterCsv(foldRecords('CP1', records)).trimEnd().split('\r\n');
  assert.equal(meter.length, 1 + 3, 'one row a sample');
  assert.match(meter[1]!, /,1,\d+,7200,measured,/);
  const har = JSON.parse(harJson(header, records)) as {
    log: { entries: { request: { method: string }; response: { status: number }; time: number; _ocpp: { direction: string } }[] };
  };
  const change = har.log.entries.find((e) => e.request.method === 'ChangeConfiguration')!;
  assert.equal(change.response.status, 200);
  assert.equal(change._ocpp.direction, 'central');
  assert.equal(
    har.log.entries.filter((e) => e._ocpp.direction === 'charger').length,
    frames.filter((f) => f.t === 'frame' && f.type === 2 && f.dir === 'rx').length,
  );
});
