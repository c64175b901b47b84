/** `fieldkit serial` as a child process on a real pseudo-terminal, the charger's end driven from here. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { NativeSerialPorts } from './serial.ts';
import { DEFAULT_SERIAL } from '../app/serial/port.ts';
import { tempDir, until } from '../app/testing/central-fixture.ts';
import { ptyPair, type PtyPair } from '../app/testing/pty-pair.ts';
import { FIELDKIT_BIN } from '../app/testing/serve-child.ts';

let dir: string;
let pty: PtyPair;
before(async () => {
  dir = tempDir('fieldkit-serial-cli-');
  pty = await ptyPair(dir, 'cli');
});
after(async () => {
  await pty.close();
  rmSync(dir, { recursive: true, force: true });
});

test('fieldkit serial --list answers with one line a port (or says there are none)', () => {
  const run = spawnSync(process.execPath, [FIELDKIT_BIN, 'serial', '--list'], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(run.status, 0, run.stderr);
  for (const line of run.stdout.trim().split('\n').filter(Boolean)) assert.match(line, /^\S+ {2}(\S+:\S+|-) {2}/);
  if (run.stdout.trim() === '') assert.match(run.stderr, /no serial ports found/);
  // Where udev is not installed (containers, CI images) the listing says where it looked instead.
  if (spawnSync('udevadm', ['--version']).error) assert.match(run.stderr, /udevadm is not installed .*listed from \/sys/);
});

test('fieldkit serial --port streams the console, prints lifted frames, sends what is typed, records the session', async () => {
  const dataDir = join(dir, 'data');
  const child = spawn(process.execPath, [FIELDKIT_BIN, 'serial', '--port', pty.a, '--baud', '115200', '--charger', 'CP-SER', '--data', dataDir], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const far = await new NativeSerialPorts().open(pty.b, DEFAULT_SERIAL);
  const farGot: Buffer[] = [];
  far.onData((d) => farGot.push(d));
  try {
    await until(() => /open at 115200 8N1, recording session \S+ as CP-SER/.test(err), 'the port open', 20_000);
    await far.write(
      Buffer.from('fw 1.42 ready\r\n2024-05-01T10:00:00Z TX: [2,"b1","BootNotification",{"chargePointVendor":"Acme","chargePointModel":"W1"}]\r\n'),
    );
    await until(() => out.includes('OCPP from-charger BootNotification b1'), 'the lifted frame line', 10_000);
    assert.match(out, /^fw 1\.42 ready$/m);
    child.stdin.write('version\nhex: 41 42 0d\n');
    await until(() => Buffer.concat(farGot).toString() === 'version\r\nAB\r', 'the typed command and the hex bytes at the charger', 10_000);
    child.kill('SIGINT');
    const code = await new Promise((resolve) => child.once('exit', resolve));
    assert.equal(code, 0, err);
    const sessions = join(dataDir, 'sessions');
    const recorded = readdirSync(sessions)
      .map((f) => readFileSync(join(sessions, f), 'utf8'))
      .join('\n');
    assert.match(recorded, /"source":"serial"/);
    assert.match(recorded, /"leg":"serial","dir":"rx".*"action":"BootNotification"/);
  } finally {
    child.kill('SIGKILL');
    await far.close();
  }
});

test('fieldkit serial explains bad line settings and a missing port', () => {
  const bad = spawnSync(process.execPath, [FIELDKIT_BIN, 'serial', '--port', pty.a, '--parity', 'sideways'], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--parity: /);
  const missing = spawnSync(process.execPath, [FIELDKIT_BIN, 'serial', '--port', join(dir, 'no-such-tty'), '--data', join(dir, 'data2')], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /no-such-tty: no such port/);
});
