/**
 * The relay's platform leg with a client certificate, against a platform (real TLS) that requires
 * one from its operator's CA: presented as PEM or PKCS#12 it is admitted; without it, or with one
 * the platform does not trust, the leg is down with the reason in words. A key that is not the
 * certificate's, or a wrong passphrase, is refused when the target is set.
 */
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalAuthority } from '../certs/authority.ts';
import { FileSecretStore } from '../certs/file-secret.ts';
import { chargerCall, closeClient, connectCharger, startCentral, tempDir, until, type CentralFixture } from '../testing/central-fixture.ts';
import { makeTestPki, startPlatform, type Platform, type TestPki } from '../testing/platform-fixture.ts';
import { Relay } from './relay.ts';
import type { ClientIdentity } from './client-identity.ts';

let dir: string;
let pki: TestPki;
let operator: LocalAuthority;
let stranger: LocalAuthority;
before(async () => {
  dir = tempDir('fieldkit-pki-');
  pki = await makeTestPki(dir);
  operator = await LocalAuthority.open(join(dir, 'operator'), new FileSecretStore(join(dir, 'operator.key')));
  stranger = await LocalAuthority.open(join(dir, 'stranger'), new FileSecretStore(join(dir, 'stranger.key')));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const open: { platform: Platform; fx: CentralFixture }[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) {
    await s.fx.close();
    await s.platform.close();
  }
});

async function relayWith(identity: ClientIdentity | null) {
  const platform = await startPlatform({ cert: pki.serverCert, key: pki.serverKey, password: null, clientCa: operator.certPem });
  const relay = new Relay({ backoff: { initialMs: 50, maxMs: 200 }, handshakeTimeoutMs: 2_000 });
  relay.setTarget('*', { url: platform.url, caFile: pki.caFile }, null, identity);
  const fx = await startCentral({ callTimeoutMs: 3_000 }, { relay });
  open.push({ platform, fx });
  return { platform, relay, fx };
}

test('with the operator’s client certificate (PEM) the relay is admitted and the charger boots through it', async () => {
  const issued = await operator.issueClient('RELAY-1');
  const { platform, relay, fx } = await relayWith({ kind: 'pem', cert: issued.chainPem, key: issued.keyPem });
  assert.equal(relay.targets()[0]!.clientCertificate?.facts?.commonName, 'RELAY-1', 'the panel shows whose certificate, never the key');
  assert.ok(!JSON.stringify(relay.targets()).includes('PRIVATE KEY'));
  const ws = await connectCharger(fx.wsUrl, 'CP1', { password: 'secret-1' });
  try {
    const answer = await chargerCall(ws, 'BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'R1' });
    assert.equal((answer[2] as { status: string }).status, 'Accepted');
    assert.equal(platform.clientNames.at(-1), 'RELAY-1');
  } finally {
    await closeClient(ws);
  }
});

test('the same as a PKCS#12 file with its passphrase; a wrong passphrase or a foreign key is refused when set', async () => {
  const issued = await operator.issueClient('RELAY-P12', { keyType: 'rsa' });
  writeFileSync(join(dir, 'r.pem'), issued.certPem);
  writeFileSync(join(dir, 'r.key'), issued.keyPem);
  execFileSync('openssl', [
    'pkcs12',
    '-export',
    '-in',
    join(dir, 'r.pem'),
    '-inkey',
    join(dir, 'r.key'),
    '-out',
    join(dir, 'r.p12'),
    '-passout',
    'pass:s3cret',
  ]);
  const pfxBase64 = readFileSync(join(dir, 'r.p12')).toString('base64');
  const { platform, fx } = await relayWith({ kind: 'pkcs12', pfxBase64, passphrase: 's3cret' });
  const ws = await connectCharger(fx.wsUrl, 'CP1', { password: 'secret-1' });
  await chargerCall(ws, 'BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'R1' });
  assert.equal(platform.clientNames.at(-1), 'RELAY-P12');
  await closeClient(ws);
  const relay = new Relay();
  assert.throws(
    () => relay.setTarget('*', { url: platform.url }, null, { kind: 'pkcs12', pfxBase64, passphrase: 'wrong' }),
    /does not open with this passphrase/,
  );
  const other = await operator.issueClient('OTHER');
  assert.throws(() => relay.setTarget('*', { url: platform.url }, null, { kind: 'pem', cert: issued.certPem, key: other.keyPem }), /not the certificate's key/);
});

test('without a certificate, or with one the platform does not trust, the platform leg is down and says why', async () => {
  // The platform's TLS alert races the reset of its socket: the leg retries, and an attempt shows the alert's reason.
  const downWith = (relay: Relay, said: RegExp) =>
    until(() => {
      const state = relay.stateOf('CP1');
      return state?.phase === 'down' && said.test(state.reason ?? '') ? state : undefined;
    }, `the platform leg down with ${said}`);
  const bare = await relayWith(null);
  const ws1 = await connectCharger(bare.fx.wsUrl, 'CP1', { password: 'secret-1' });
  await downWith(bare.relay, /asks for a client certificate and none was presented|requires a client certificate/);
  await closeClient(ws1);
  const foreign = await stranger.issueClient('RELAY-X');
  const untrusted = await relayWith({ kind: 'pem', cert: foreign.certPem, key: foreign.keyPem });
  const ws2 = await connectCharger(untrusted.fx.wsUrl, 'CP1', { password: 'secret-1' });
  await downWith(untrusted.relay, /refused the relay's client certificate|does not accept the relay's client certificate/);
  await closeClient(ws2);
});
