/**
 * Every form a secret was seen in, through the one redaction module: what the recorder keeps (the
 * key's fingerprint only), and what an export keeps (nothing of a secret, RFID tags as stand-ins).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Redactor, maskFrame, maskText, secretFingerprint } from './redact.ts';
import type { FrameRecord } from './records.ts';

const KEY = 'S3cret-Key-42';
const B64 = Buffer.from(`CP1:${KEY}`).toString('base64');
const TAG = 'RFID-0042';

const frames: [string, string][] = [
  ['ChangeConfiguration', `[2,"1","ChangeConfiguration",{"key":"AuthorizationKey","value":"${KEY}"}]`],
  ['the key name in another case', `[2,"1","ChangeConfiguration",{"key":"authorizationkey","value":"${KEY}"}]`],
  ['a JSON-escaped key name', `[2,"1","ChangeConfiguration",{"key":"Authorization\\u004bey","value":"${KEY}"}]`],
  ['GetConfiguration answer', `[3,"2",{"configurationKey":[{"key":"AuthorizationKey","readonly":false,"value":"${KEY}"}]}]`],
  ['value before key', `[3,"2",{"configurationKey":[{"value":"${KEY}","readonly":false,"key":"AUTHORIZATIONKEY"}]}]`],
  [
    'inside a DataTransfer string',
    `[2,"3","DataTransfer",{"vendorId":"acme","data":${JSON.stringify(JSON.stringify({ key: 'AuthorizationKey', value: KEY }))}}]`,
  ],
  ['a key=value line inside a DataTransfer string', `[2,"3","DataTransfer",{"vendorId":"acme","data":"AuthorizationKey=${KEY};mode=2"}]`],
  ['a settings object keyed by name', `[2,"3","DataTransfer",{"vendorId":"acme","data":{"AuthorizationKey":"${KEY}"}}]`],
  ['a frame that is not JSON', `[2,"1","ChangeConfiguration",{"key":"AuthorizationKey","value":"${KEY}"}`],
  ['a snake_case field in a vendor settings object', `[2,"3","DataTransfer",{"vendorId":"acme","data":{"authorization_key":"${KEY}"}}]`],
  ['an XML element inside a DataTransfer string', `[2,"3","DataTransfer",{"vendorId":"acme","data":"<cfg><AuthorizationKey>${KEY}</AuthorizationKey></cfg>"}]`],
  ['an XML attribute pair', `[2,"3","DataTransfer",{"vendorId":"acme","data":"<param name='AuthorizationKey' value='${KEY}'/>"}]`],
];

const consoleLines: [string, string][] = [
  ['a JSON line', `cfg: {"key":"AuthorizationKey","value":"${KEY}"}`],
  ['an escaped JSON line', `log={\\"key\\":\\"AuthorizationKey\\",\\"value\\":\\"${KEY}\\"}`],
  ['key=value', `I (1234) cfg: AuthorizationKey=${KEY}`],
  ['key: value', `AuthorizationKey: ${KEY}`],
  ['lower-case key=value', `authorizationkey = ${KEY}`],
  ['an Authorization header', `http: Authorization: Basic ${B64}`],
  ['a lower-case header', `http: authorization: basic ${B64}`],
  ['a bare Basic credential', `sending Basic ${B64} upstream`],
  ['an XML element', `<AuthorizationKey>${KEY}</AuthorizationKey>`],
  ['an XML attribute', `<config AuthorizationKey="${KEY}" mode="2"/>`],
  ['XML name and value attributes, value first', `<param value="${KEY}" name="AuthorizationKey"/>`],
  ['snake_case with a colon', `authorization_key: ${KEY}`],
  ['kebab-case', `authorization-key=${KEY}`],
  ['two words with spaces', `Authorization Key = ${KEY}`],
  ['a set command', `> set authorization_key ${KEY}`],
  ['URL-encoded', `GET /cfg?Authorization%20Key%3D${KEY}&x=1`],
  ['URL-encoded without a space', `POST /cfg AuthorizationKey%3d${KEY}`],
  ['an FTP one-time password in a location', `UpdateFirmware ftp://fk0a1b2c3d4e:${KEY}@192.168.1.20:2121/fw.bin`],
];

for (const [name, raw] of frames) {
  test(`recording masks the AuthorizationKey: ${name}`, () => {
    const masked = maskFrame(raw);
    assert.ok(!masked.includes(KEY), masked);
    assert.ok(masked.includes(secretFingerprint(KEY)), `the fingerprint stays: ${masked}`);
    assert.equal(maskFrame(masked), masked, 'masking twice changes nothing');
  });
}

for (const [name, line] of consoleLines) {
  test(`console and log text masks: ${name}`, () => {
    const masked = maskText(line);
    assert.ok(!masked.includes(KEY) && !masked.includes(B64), masked);
    assert.equal(maskText(masked), masked);
  });
}

test('the fingerprint tells equal values apart from different ones, and nothing else is touched', () => {
  assert.equal(secretFingerprint(KEY), secretFingerprint(KEY));
  assert.notEqual(secretFingerprint(KEY), secretFingerprint(`${KEY}x`));
  assert.match(secretFingerprint(KEY), /^\(redacted #[0-9a-f]{8}\)$/);
  const plain = '[2,"9","MeterValues",{"connectorId":1,"meterValue":[{"timestamp":"2026-01-01T00:00:00Z","sampledValue":[{"value":"12"}]}]}]';
  assert.equal(maskFrame(plain), plain, 'a frame without a secret is the same string');
  assert.equal(maskText('basic charging started'), 'basic charging started', 'ordinary words stay');
});

const frameRecord = (raw: string): FrameRecord =>
  ({ t: 'frame', seq: 1, at: '2026-01-01T00:00:00.000Z', charger: 'CP1', leg: 'charger', dir: 'rx', raw, issues: [] }) as unknown as FrameRecord;

test('export: no secret in any form, tags replaced also inside strings, credentials in URLs hidden, and every hiding counted', () => {
  const redactor = new Redactor({ hideIdTags: true });
  const raws = [
    ...frames.map(([, raw]) => raw),
    `[2,"4","Authorize",{"idTag":"${TAG}"}]`,
    `[2,"5","DataTransfer",{"vendorId":"acme","data":${JSON.stringify(JSON.stringify({ idTag: TAG, energy: 3 }))}}]`,
    `[2,"6","DataTransfer",{"vendorId":"acme","data":"{\\"IdTag\\":\\"${TAG}\\"}"}]`,
    `[2,"7","DataTransfer",{"vendorId":"acme","data":"upstream wss://CP1:${KEY}@platform.example/ocpp"}]`,
    maskFrame(`[2,"8","ChangeConfiguration",{"key":"AuthorizationKey","value":"${KEY}"}]`),
  ];
  const out = raws.map((raw) => redactor.record(frameRecord(raw)) as FrameRecord);
  for (const r of out) {
    assert.ok(!r.raw.includes(KEY), r.raw);
    assert.ok(!r.raw.includes(TAG), r.raw);
  }
  assert.ok(out.filter((r) => r.raw.includes('tag-1')).length >= 3, 'one tag, one stand-in, also in strings');
  const counts = Object.fromEntries(redactor.summary().map((s) => [s.kind, s.count]));
  assert.ok(counts['authorization-key']! >= frames.length + 1, `every key form counted, the one hidden by the recorder too (${counts['authorization-key']})`);
  assert.ok(counts['id-tag']! >= 3);
  assert.ok(counts['basic-auth']! >= 1, 'the credentials in the URL');
});

test('recording, the message log and the serve log never hold an FTP one-time password: the user and address stay', () => {
  const password = 'a3f09c1d2e4b5a6978c0d1e2';
  const masked = maskFrame(`[2,"9","GetDiagnostics",{"location":"ftp://fk0a1b2c3d4e:${password}@192.168.1.20:2121/","retries":1}]`);
  assert.ok(!masked.includes(password), masked);
  assert.match(masked, /"location":"ftp:\/\/fk0a1b2c3d4e:\(redacted\)@192\.168\.1\.20:2121\/"/);
  assert.equal(maskFrame(masked), masked);
});

test("export: an FTP transfer's one-time login in a GetDiagnostics or UpdateFirmware location is hidden", () => {
  const redactor = new Redactor({ hideIdTags: false });
  const password = 'a3f09c1d2e4b5a6978c0d1e2';
  for (const raw of [
    `[2,"9","GetDiagnostics",{"location":"ftp://fk0a1b2c3d4e:${password}@192.168.1.20:2121/"}]`,
    `[2,"10","UpdateFirmware",{"location":"ftp://fk0a1b2c3d4e:${password}@192.168.1.20:2121/fw-2.0.bin","retrieveDate":"2026-11-30T12:00:00Z"}]`,
  ]) {
    const out = (redactor.record(frameRecord(raw)) as FrameRecord).raw;
    assert.ok(!out.includes(password), out);
    assert.match(out, /ftp:\/\/[^@]+@192\.168\.1\.20:2121\//, 'the address stays: support needs it');
  }
});
