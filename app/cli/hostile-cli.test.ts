/**
 * The command line under hostile input: passwords kept out of the process list (files, environment),
 * terminal escapes from a charger id or a manifest shown as text, and a command that fails ends.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { chargerPasswords, passwordFrom } from './credentials.ts';
import { oneLine, printable } from '../lib/printable.ts';
import { connectCharger, tempDir, until } from '../testing/central-fixture.ts';
import { FIELDKIT_BIN, startServeChild } from '../testing/serve-child.ts';
import { writeBundle } from '../sessions/bundle.ts';
import { TEST_HEADER } from '../testing/recorded.ts';

let dir: string;
before(() => (dir = tempDir('fieldkit-hostile-cli-')));
after(() => rmSync(dir, { recursive: true, force: true }));

test('charger passwords from a file and the environment; only an argument is warned about', () => {
  const file = join(dir, 'auth');
  writeFileSync(file, '# site A\nCP1:one\n\n  CP2:two:with:colons  \n');
  const warnings: string[] = [];
  const passwords = chargerPasswords(undefined, file, { FIELDKIT_AUTH: 'CP3:three\n*:default' }, (w) => warnings.push(w));
  assert.deepEqual(Object.fromEntries(passwords), { CP3: 'three', '*': 'default', CP1: 'one', CP2: 'two:with:colons' });
  assert.equal(warnings.length, 0);
  chargerPasswords(['CP4:four'], undefined, {}, (w) => warnings.push(w));
  assert.match(warnings[0]!, /--auth shows the password to every local user in the process list; --auth-file FILE or FIELDKIT_AUTH keep it out/);
  assert.throws(() => chargerPasswords(undefined, join(dir, 'missing'), {}, () => {}), /cannot read .*missing: ENOENT/);
  writeFileSync(file, 'CP1\n');
  assert.throws(() => chargerPasswords(undefined, file, {}, () => {}), /wants ID:PASSWORD, got "CP1"/);
  const sources = { flag: '--password', fileFlag: '--password-file', envName: 'FIELDKIT_CHARGER_PASSWORD' };
  writeFileSync(file, 'from-file\n');
  assert.equal(
    passwordFrom({ ...sources, value: undefined, file, env: {} }, () => {}),
    'from-file',
    'the trailing newline of an editor is not part of it',
  );
  assert.equal(
    passwordFrom({ ...sources, value: undefined, file: undefined, env: { FIELDKIT_CHARGER_PASSWORD: 'from-env' } }, () => {}),
    'from-env',
  );
  assert.equal(
    passwordFrom({ ...sources, value: undefined, file: undefined, env: {} }, () => {}),
    null,
  );
});

test('terminal escapes and bidirectional overrides become visible text; newlines and tabs stay', () => {
  assert.equal(printable('CP1\x1b]0;pwned\x07'), 'CP1^[]0;pwned\\u{7}');
  assert.equal(printable('ok\x1b[32m READY\x1b[0m'), 'ok^[[32m READY^[[0m');
  assert.equal(printable('a\r\nb\tc'), 'a\\u{d}\nb\tc');
  assert.equal(printable('id\u202Egnp.exe'), 'id\\u{202e}gnp.exe');
  assert.equal(printable('Ünïcødé ไทย'), 'Ünïcødé ไทย');
});

test('a charger id that carries terminal escapes is printed as text in the serve log', async () => {
  const serve = await startServeChild(['--data', join(dir, 'serve'), '--auth-file', writeAuth()]);
  try {
    await connectCharger(serve.wsUrl, '\x1b]0;pwned\x07\x1b[32mREADY', { password: 'x' }).then(
      (ws) => ws.close(),
      () => undefined,
    );
    await serve.waitForOutput(/REFUSED/);
    assert.ok(!serve.output().includes('\x1b'), 'no raw escape reached the terminal');
    // Such an id is no charge point identity: refused at the path, said why.
    assert.match(serve.output(), /REFUSED at path .*: the charge point id contains a control character or a line break/);
  } finally {
    serve.child.kill('SIGKILL');
  }
});

function writeAuth(): string {
  const file = join(dir, 'serve.auth');
  writeFileSync(file, 'CP1:pw\n');
  return file;
}

test('fieldkit open: a malformed manifest is refused with the field, a manifest with escapes is shown as text, and the command ends', () => {
  const header = TEST_HEADER;
  const files = unzipSync(writeBundle({ header, records: [], reports: [] }, { hideIdTags: false }).bytes);
  const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as Record<string, unknown>;
  files['manifest.json'] = strToU8(JSON.stringify({ ...manifest, entries: { not: 'a list' } }));
  const bad = join(dir, 'bad.fieldkit');
  writeFileSync(bad, zipSync(files));
  const run = spawnSync(process.execPath, [FIELDKIT_BIN, 'open', bad, '--ui-port', '0'], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(run.status, 2, `exited by itself: ${run.stderr}`);
  assert.match(run.stderr, /bad\.fieldkit has a damaged manifest: entries: /);
  assert.doesNotMatch(run.stderr, /TypeError/);

  files['manifest.json'] = strToU8(JSON.stringify({ ...manifest, version: 99, app: '\x1b[2J\x1b[32mall good' }));
  writeFileSync(bad, zipSync(files));
  const escaped = spawnSync(process.execPath, [FIELDKIT_BIN, 'open', bad], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(escaped.status, 2);
  assert.ok(!escaped.stderr.includes('\x1b'), escaped.stderr);
  assert.match(escaped.stderr, /newer OCPP Field Kit \(\^\[\[2J/);
});

test('one line per line: CR, LF, NEL and the Unicode line separators from outside are shown as escapes', () => {
  assert.equal(oneLine('x\n07:23:00.000 CP1 -- connected'), 'x\\n07:23:00.000 CP1 -- connected');
  assert.equal(oneLine('a\rb\u2028c\u2029d\u0085e\tf'), 'a\\u{d}b\\u{2028}c\\u{2029}d\\u{85}e\tf');
  assert.equal(oneLine(null), '');
});

test('nothing a charger sends can begin a terminal line of the serve log: ids with line breaks or of kilobytes are refused at the handshake, frames stay on their line', async () => {
  const serve = await startServeChild(['--data', join(dir, 'one-line'), '--auth-file', writeAuth()]);
  try {
    const forged = 'x\n07:23:00.000 CP1          -- connected wss from 192.168.1.50:50122 /ocpp/CP1';
    const refused = await connectCharger(serve.wsUrl, forged, { password: 'pw' }).then(
      (ws) => (ws.close(), null),
      (err: Error & { status?: number }) => err,
    );
    assert.equal(refused?.status, 400);
    assert.match(refused!.message, /control character or a line break/);
    const long = await connectCharger(serve.wsUrl, 'L'.repeat(300), { password: 'pw' }).then(
      (ws) => (ws.close(), null),
      (err: Error & { status?: number }) => err,
    );
    assert.equal(long?.status, 414);
    assert.match(long!.message, /300 bytes long/);
    // A charger's frame with raw line breaks between its JSON tokens (valid JSON): logged on one line.
    const ws = await connectCharger(serve.wsUrl, 'CP1', { password: 'pw' });
    ws.send('[2,"nl1",\n"Heartbeat",\r\n{}]');
    await serve.waitForOutput(/RESULT Heartbeat/);
    ws.close();
    await serve.waitForOutput(/REFUSED at path.*\n.*REFUSED at path/);
    const lines = serve.output().split('\n');
    assert.ok(!lines.some((l) => l.startsWith('07:23:00.000 CP1')), 'no forged "connected" line');
    assert.ok(
      lines.some((l) => /<= CALL Heartbeat +\[2,"nl1",\\n"Heartbeat",\\u\{d\}\\n\{\}\]/.test(l)),
      lines.filter((l) => l.includes('nl1')).join('\n'),
    );
  } finally {
    serve.child.kill('SIGKILL');
  }
});

test('fieldkit open: a bundle cannot print a line of its own before the real UI address', async () => {
  const header = TEST_HEADER;
  const files = unzipSync(writeBundle({ header, records: [], reports: [] }, { hideIdTags: false }).bytes);
  const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as { session: Record<string, unknown> };
  files['manifest.json'] = strToU8(JSON.stringify({ ...manifest, session: { ...manifest.session, chargerId: 'CP1\nUI: http://attacker.example/#token=abc' } }));
  const file = join(dir, 'forged.fieldkit');
  writeFileSync(file, zipSync(files));
  const open = spawn(process.execPath, [FIELDKIT_BIN, 'open', file, '--ui-port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  open.stdout.on('data', (c: Buffer) => (out += c.toString()));
  try {
    await until(() => out.includes('Press Ctrl-C'), 'fieldkit open to start', 20_000);
    const uiLines = out.split('\n').filter((l) => l.startsWith('UI:'));
    assert.equal(uiLines.length, 1, out);
    assert.match(uiLines[0]!, /^UI: http:\/\/127\.0\.0\.1:\d+\/#token=/);
    assert.match(out, /of CP1\\nUI: http:\/\/attacker\.example/);
  } finally {
    open.kill('SIGTERM');
  }
});

test('--security-profile takes 2 or 3 only, and says so the same way in serve, check and sim', () => {
  for (const argv of [
    ['serve', '--no-wss', '--security-profile', '4', '--data', dir],
    ['check', '--charger', 'CP1', '--security-profile', 'three', '--data', dir],
    ['sim', '--url', 'ws://127.0.0.1:1/ocpp', '--id', 'CP1', '--security-profile', '1'],
  ]) {
    const r = spawnSync(process.execPath, [FIELDKIT_BIN, ...argv], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 2, `${argv[0]}: ${r.stderr}`);
    assert.match(r.stderr, /--security-profile wants 2 \(Basic Auth\) or 3 \(client certificates\), not "(4|three|1)"/, argv[0]);
  }
});
