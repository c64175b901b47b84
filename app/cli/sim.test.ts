import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { startCentral, until } from '../testing/central-fixture.ts';
import { FIELDKIT_BIN } from '../testing/serve-child.ts';
import { isCall, payloadOf } from '../testing/sim-fixture.ts';

test('fieldkit sim connects, takes commands on stdin, and quits cleanly', async () => {
  const fx = await startCentral();
  const child = spawn(
    process.execPath,
    [FIELDKIT_BIN, 'sim', '--url', fx.wssUrl, '--id', 'CP1', '--password', 'secret-1', '--insecure', '--connectors', '2', '--sample-interval', '1'],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    await until(() => out.includes('CP1: connected'), 'the simulator connected', 15_000);
    child.stdin.write('plug 2 50\n');
    const start = await until(() => fx.frames.find(isCall('StartTransaction')), 'StartTransaction', 10_000);
    assert.equal(payloadOf(start).connectorId, 2);
    await until(() => /<< RESULT StartTransaction/.test(out), 'the answer in its log');
    child.stdin.write('status\n');
    await until(() => /connector 2: Charging \d+ W/.test(out), 'status output');
    child.stdin.write('quit\n');
    assert.equal(await exited, 0);
  } finally {
    child.kill();
    await fx.close();
  }
});

test('fieldkit sim explains bad options', () => {
  const run = spawnSync(process.execPath, [FIELDKIT_BIN, 'sim', '--url', 'http://x', '--id', 'A'], { encoding: 'utf8' });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /--url wants ws:\/\/… or wss:\/\//);
  const quirk = spawnSync(process.execPath, [FIELDKIT_BIN, 'sim', '--url', 'ws://127.0.0.1:1/ocpp', '--id', 'A', '--quirk', 'wobbly'], { encoding: 'utf8' });
  assert.equal(quirk.status, 2);
  assert.match(quirk.stderr, /unknown quirk "wobbly"/);
});
