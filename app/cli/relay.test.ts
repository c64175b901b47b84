import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chargerCall, closeClient, connectCharger, tempDir } from '../testing/central-fixture.ts';
import { makeTestPki, startPlatform, type TestPki } from '../testing/platform-fixture.ts';
import { FIELDKIT_BIN, startServeChild } from '../testing/serve-child.ts';

const PASSWORD = 'cli-upstream-secret-51c2';
let dir: string;
let pki: TestPki;
before(async () => {
  dir = tempDir('fieldkit-relay-cli-');
  pki = await makeTestPki(dir);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('fieldkit relay forwards a charger to the platform, logs both legs, says why the platform is down, and never prints the password', async (t) => {
  const platform = await startPlatform({ cert: pki.serverCert, key: pki.serverKey, password: PASSWORD });
  // Closed even when the relay never starts: an open platform would keep the test file running.
  t.after(() => platform.close());
  const dataDir = join(dir, 'data');
  // Passwords from a file and the environment: none of them in the process list.
  const authFile = join(dir, 'chargers.auth');
  writeFileSync(authFile, '# charger passwords\nCP7:whatever-the-charger-has\n');
  const relay = await startServeChild(['--data', dataDir, '--upstream', platform.url, '--auth-file', authFile, '--ca', pki.caFile], 'relay', {
    ...process.env,
    FIELDKIT_UPSTREAM_PASSWORD: PASSWORD,
  });
  try {
    assert.doesNotMatch(relay.output(), /process list/, 'no warning: nothing secret was typed as an argument');
    assert.match(
      relay.output(),
      /Relaying every charger to wss:\/\/127\.0\.0\.1:\d+\/ocpp\/<id> \(upstream password set, extra CA .*test-ca\.pem; replay after outages on\)/,
    );
    const charger = await connectCharger(relay.wsUrl, 'CP7', { password: 'whatever-the-charger-has' });
    await relay.waitForOutput(/CP7 +-- platform: connected to wss:\/\/127\.0\.0\.1:\d+\/ocpp\/CP7 as CP7 TLSv1\.[23] \S+ basic-auth/);
    const bootText = '[2,"boot-1","BootNotification",{"chargePointVendor":"Acme","chargePointModel":"W1"}]';
    const boot = await new Promise<unknown[]>((resolve) => {
      charger.once('message', (data) => resolve(JSON.parse(data.toString()) as unknown[]));
      charger.send(bootText);
    });
    assert.equal((boot[2] as { interval: number }).interval, 300, "the platform's answer, not the local one");
    assert.ok(platform.received[0]!.data.equals(Buffer.from(bootText)));
    await relay.waitForOutput(/CP7 +>> CALL BootNotification +\[2,"boot-1"/);
    await relay.waitForOutput(/CP7 +<< RESULT BootNotification/);

    platform.refuseWith = 401;
    platform.dropAll();
    await relay.waitForOutput(/CP7 +-- platform: DOWN: HTTP 401 Refused: the platform refused the credentials of CP7/);
    const beat = await chargerCall(charger, 'Heartbeat', {}, 'hb-local');
    assert.equal(beat[0], 3);
    await relay.waitForOutput(/CP7 +=> RESULT Heartbeat .*\[answered locally: platform unreachable\]/);
    await closeClient(charger);
    relay.child.kill('SIGINT');
    assert.equal((await relay.exited).code, 0);
    const sessions = join(dataDir, 'sessions');
    const recorded = readdirSync(sessions)
      .map((f) => readFileSync(join(sessions, f), 'utf8'))
      .join('\n');
    assert.match(recorded, /"source":"relay"/);
    const basic = Buffer.from(`CP7:${PASSWORD}`).toString('base64');
    for (const secret of [PASSWORD, basic]) {
      assert.ok(!relay.output().includes(secret), 'not in the log');
      assert.ok(!recorded.includes(secret), 'not in the recording');
    }
  } finally {
    relay.child.kill('SIGKILL');
  }
});

test('fieldkit relay refuses a missing or insecure upstream with the reason', () => {
  const missing = spawnSync(process.execPath, [FIELDKIT_BIN, 'relay', '--ws-port', '0'], { encoding: 'utf8' });
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /relay needs --upstream/);
  const plain = spawnSync(process.execPath, [FIELDKIT_BIN, 'relay', '--upstream', 'ws://127.0.0.1:9/ocpp'], { encoding: 'utf8' });
  assert.equal(plain.status, 2);
  assert.match(plain.stderr, /use wss:\/\/, or turn on "allow insecure ws"/);
  const serveHasNoUpstream = spawnSync(process.execPath, [FIELDKIT_BIN, 'serve', '--upstream', 'wss://x/ocpp'], { encoding: 'utf8' });
  assert.equal(serveHasNoUpstream.status, 2);
});

test('without charger credentials the relay refuses to start; --admit-any-charger starts and says what it risks', async () => {
  const refused = spawnSync(
    process.execPath,
    [FIELDKIT_BIN, 'relay', '--upstream', 'wss://platform.example/ocpp', '--ws-port', '0', '--wss-port', '0', '--ui-port', '0', '--data', join(dir, 'refused')],
    {
      encoding: 'utf8',
      env: { ...process.env, FIELDKIT_UPSTREAM_PASSWORD: PASSWORD },
      timeout: 20_000,
    },
  );
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /would admit any charger on this network and log it in at the platform with your upstream password/);
  const risky = await startServeChild(['--data', join(dir, 'risky'), '--upstream', 'wss://127.0.0.1:9/ocpp', '--admit-any-charger'], 'relay', {
    ...process.env,
    FIELDKIT_UPSTREAM_PASSWORD: PASSWORD,
  });
  try {
    assert.match(
      risky.output(),
      /!! --admit-any-charger: any device on this network that connects is relayed to the platform and logged in there with your upstream password/,
    );
  } finally {
    risky.child.kill('SIGKILL');
  }
});

test('--forward-charger-auth logs each charger in at the platform with its own credentials: the platform decides', async (t) => {
  const platform = await startPlatform({ cert: pki.serverCert, key: pki.serverKey, password: 'the-chargers-own' });
  t.after(() => platform.close());
  const relay = await startServeChild(['--data', join(dir, 'forward'), '--upstream', platform.url, '--forward-charger-auth', '--ca', pki.caFile], 'relay');
  try {
    assert.match(relay.output(), /each charger's own credentials forwarded/);
    const good = await connectCharger(relay.wsUrl, 'CP8', { password: 'the-chargers-own' });
    await relay.waitForOutput(/CP8 +-- platform: connected to .* the charger's own basic-auth/);
    assert.equal(platform.authorizations.at(-1), `Basic ${Buffer.from('CP8:the-chargers-own').toString('base64')}`);
    // The platform decides at the handshake: a wrong password is refused with its status, nothing answered in its place.
    await assert.rejects(connectCharger(relay.wsUrl, 'CP9', { password: 'guessed' }), /HTTP 401: the platform refused CP9/);
    await relay.waitForOutput(/CP9 +-- REFUSED at auth \(ws from [^)]*, HTTP 401\): the platform refused CP9/);
    await closeClient(good);
    assert.ok(!relay.output().includes('the-chargers-own') && !relay.output().includes('guessed'), 'no password in the log');
  } finally {
    relay.child.kill('SIGKILL');
  }
  const both = spawnSync(
    process.execPath,
    [FIELDKIT_BIN, 'relay', '--upstream', 'wss://x.example/ocpp', '--forward-charger-auth', '--upstream-password', 'x'],
    { encoding: 'utf8' },
  );
  assert.equal(both.status, 2);
  assert.match(both.stderr, /an upstream password would not be used/);
});
