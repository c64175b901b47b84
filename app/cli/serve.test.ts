import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { chargerCall, closeClient, connectCharger, tempDir } from '../testing/central-fixture.ts';
import { FIELDKIT_BIN, startServeChild } from '../testing/serve-child.ts';
import { takePort } from '../testing/taken-port.ts';
import { startUiServer } from '../host/http-server.ts';
import type { HostApi } from '../host/contract.ts';

test('fieldkit serve prints the URLs to give the charger, logs connections and frames one line each, and stops cleanly on Ctrl-C', async () => {
  const dataDir = tempDir();
  try {
    const serve = await startServeChild(['--data', dataDir, '--auth', 'CP1:pw']);
    assert.match(serve.wsUrl, /^ws:\/\/127\.0\.0\.1:\d+\/ocpp$/);
    assert.match(serve.wssUrl, /^wss:\/\/127\.0\.0\.1:\d+\/ocpp$/);
    assert.match(serve.output(), /SHA-256: RSA ([0-9A-F]{2}:){31}[0-9A-F]{2}  ECDSA ([0-9A-F]{2}:){31}[0-9A-F]{2}/, 'each fingerprint named by its key type');
    const ws = await connectCharger(serve.wssUrl, 'CP1', { password: 'pw' });
    await chargerCall(ws, 'BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'W1' });
    await serve.waitForOutput(/CP1 +-- connected wss from 127\.0\.0\.1:\d+ \/ocpp\/CP1 TLSv1\.2 \S+ basic-auth user=CP1/);
    await serve.waitForOutput(/CP1 +<= CALL BootNotification +\[2,/);
    await serve.waitForOutput(/CP1 +=> RESULT BootNotification +\[3,.*"status":"Accepted"/);
    await assert.rejects(connectCharger(serve.wsUrl, 'CP1', { password: 'nope' }));
    await serve.waitForOutput(/CP1 +-- REFUSED at auth \(ws from 127\.0\.0\.1:\d+, HTTP 401\): wrong password for CP1/);
    assert.ok(!serve.output().includes('nope'), 'a presented password is never printed');
    serve.child.kill('SIGINT');
    const exit = await serve.exited;
    assert.equal(exit.code, 0);
    assert.match(serve.output(), /Stopped\. Sessions are saved\./);
    await closeClient(ws);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('every number option says what it wants, a negative one too; the exit statuses are listed in help', () => {
  for (const [args, said] of [
    [['serve', '--ws-port', '-1'], /--ws-port wants a port 1–65535 \(or 0 for any free one\), not "-1"/],
    [['serve', '--ui-port', '70000'], /--ui-port wants a port 1–65535 \(or 0 for any free one\), not "70000"/],
    [['serve', '--heartbeat', 'often'], /--heartbeat wants a positive number of seconds, not "often"/],
    [['check', '--charger', 'X', '--timeout', '-5'], /--timeout wants a positive number of seconds, not "-5"/],
    [['sim', '--url', 'ws://127.0.0.1:1/ocpp', '--id', 'X', '--connectors', '-2'], /--connectors wants a positive number, not "-2"/],
  ] as const) {
    const run = spawnSync(process.execPath, [FIELDKIT_BIN, ...args], { encoding: 'utf8' });
    assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, said);
    assert.doesNotMatch(run.stderr, /ambiguous/);
  }
  const help = spawnSync(process.execPath, [FIELDKIT_BIN, 'help'], { encoding: 'utf8' });
  assert.match(help.stdout, /exit status \(every command\):\n {2}0 {2}done[\s\S]*\n {2}2 {2}a mistake in the command line[\s\S]*\n {2}3 {2}check: INCOMPLETE/);
});

test('fieldkit explains a bad command line and exits 2', () => {
  const run = spawnSync(process.execPath, [FIELDKIT_BIN, 'serve', '--auth', 'CP1'], { encoding: 'utf8' });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /--auth wants ID:PASSWORD/);
  const unknown = spawnSync(process.execPath, [FIELDKIT_BIN, 'frobnicate'], { encoding: 'utf8' });
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown command "frobnicate"/);
});

test('a port already in use is reported in words, not a stack trace', async () => {
  const dataDir = tempDir();
  try {
    const first = await startServeChild(['--data', dataDir, '--accept-any', '--quiet']);
    const port = new URL(first.wsUrl).port;
    const second = spawnSync(
      process.execPath,
      [FIELDKIT_BIN, 'serve', '--host', '127.0.0.1', '--ws-port', port, '--wss-port', '0', '--ui-port', '0', '--data', dataDir],
      { encoding: 'utf8', timeout: 20_000 },
    );
    assert.equal(second.status, 2, 'a port in use: the same exit status as for check');
    assert.match(second.stderr, new RegExp(`port ${port} \\(ws\\) is already in use`));
    first.child.kill('SIGINT');
    assert.equal((await first.exited).code, 0);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a UI port already in use ends serve at once with the reason, before any charger URL is printed', async () => {
  const dataDir = tempDir();
  const taken = await takePort();
  const uiPort = taken.port;
  try {
    const run = spawnSync(
      process.execPath,
      [FIELDKIT_BIN, 'serve', '--host', '127.0.0.1', '--ws-port', '0', '--wss-port', '0', '--ui-port', String(uiPort), '--data', dataDir, '--accept-any'],
      { encoding: 'utf8', timeout: 20_000 },
    );
    assert.equal(run.status, 2, `exits 2 instead of hanging (signal ${run.signal})`);
    assert.match(run.stderr, new RegExp(`UI port ${uiPort} is already in use: choose another with --ui-port`));
    assert.doesNotMatch(run.stdout, /Point your charger at/);
  } finally {
    taken.release();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('the default UI port taken (another Field Kit): the UI moves to a free port and says so; a chosen port is refused', async () => {
  const taken = await takePort();
  const { port } = taken;
  const host: HostApi = { invoke: () => Promise.reject(new Error('unused')), subscribe: () => () => {} };
  const staticDir = tempDir();
  try {
    const moved = await startUiServer(host, { host: '127.0.0.1', port, staticDir, orAnyFreePort: true });
    try {
      assert.equal(moved.movedFrom, port);
      assert.notEqual(new URL(moved.url).port, String(port));
      const res = await fetch(moved.url);
      assert.equal(res.status, 503, 'it answers on its new port (no UI built in this folder)');
    } finally {
      await moved.close();
    }
    await assert.rejects(startUiServer(host, { host: '127.0.0.1', port, staticDir }), new RegExp(`UI port ${port} is already in use`));
  } finally {
    taken.release();
    rmSync(staticDir, { recursive: true, force: true });
  }
});
