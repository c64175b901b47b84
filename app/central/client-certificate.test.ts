/**
 * Security Profile 3 over real TLS: Node's TLS client (through ws) and a third-party OCPP client
 * library present client certificates made by the local CA; the central system admits the sound one
 * without a password and refuses each broken one, saying which rule failed.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { RPCClient } from 'ocpp-rpc';
import { LocalAuthority } from '../certs/authority.ts';
import { FileSecretStore } from '../certs/file-secret.ts';
import { TrustedAuthorities } from '../certs/trust.ts';
import { generateKeyPair, privateKeyPem, x509 } from '../certs/x509.ts';
import { chargerCall, closeClient, connectCharger, startCentral, tempDir, until, type CentralFixture } from '../testing/central-fixture.ts';
import type { ConnectedEvent, RefusedEvent } from './connection-events.ts';

let fx: CentralFixture;
let caDir: string;
let otherDir: string;
let authority: LocalAuthority;
let stranger: LocalAuthority;
let trust: TrustedAuthorities;

before(async () => {
  caDir = tempDir();
  otherDir = tempDir();
  authority = await LocalAuthority.open(caDir, new FileSecretStore(join(caDir, 'ca.key')));
  stranger = await LocalAuthority.open(otherDir, new FileSecretStore(join(otherDir, 'ca.key')));
  trust = new TrustedAuthorities(caDir);
  fx = await startCentral({ securityProfile: 3 }, { certificates: { trusted: () => trust.pems(), signRequest: (csr, id) => authority.signRequest(csr, id) } });
});

after(async () => {
  await fx.close();
  rmSync(caDir, { recursive: true, force: true });
  rmSync(otherDir, { recursive: true, force: true });
});

const refusedWith = async (id: string, tls: { cert?: string; key?: string }, status: number, reason: RegExp) => {
  const since = fx.events.length;
  await assert.rejects(connectCharger(fx.wssUrl, id, { tls }), (err: Error & { status?: number }) => err.status === status && reason.test(err.message));
  const refused = await until(
    () =>
      fx.events
        .slice(since)
        .map((e) => e.event)
        .find((e): e is RefusedEvent => e.kind === 'refused'),
    `the refusal of ${id}`,
  );
  assert.equal(refused.stage, 'certificate');
  assert.match(refused.reason, reason, 'the log names the rule');
  return refused;
};

test('a charger with a certificate from the local CA naming it is admitted without a password, and answered', async () => {
  const issued = await authority.issueClient('CP-SP3');
  const ws = await connectCharger(fx.wssUrl, 'CP-SP3', { tls: { cert: issued.chainPem, key: issued.keyPem } });
  try {
    const answer = await chargerCall(ws, 'BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'SP3' });
    assert.equal((answer[2] as { status: string }).status, 'Accepted');
    const connected = await until(() => fx.events.map((e) => e.event).find((e): e is ConnectedEvent => e.kind === 'connected'), 'connected');
    assert.equal(connected.auth.accepted, 'certificate');
    assert.equal(connected.clientCertificate?.commonName, 'CP-SP3');
    assert.equal(connected.clientCertificate?.sha256, issued.facts.sha256);
  } finally {
    await closeClient(ws);
  }
});

test('each broken certificate is refused with the rule it breaks', async () => {
  const issued = await authority.issueClient('CP-SP3');
  await refusedWith('CP-OTHER', { cert: issued.certPem, key: issued.keyPem }, 403, /names CP-SP3 \(CN\), but the charger connected as CP-OTHER/);
  await refusedWith('CP-SP3', {}, 401, /no client certificate was sent/);
  const expired = await authority.issueClient('CP-SP3', { notBefore: new Date(Date.now() - 400 * 86_400_000), notAfter: new Date(Date.now() - 86_400_000) });
  await refusedWith('CP-SP3', { cert: expired.certPem, key: expired.keyPem }, 403, /expired on/);
  const foreign = await stranger.issueClient('CP-SP3');
  await refusedWith('CP-SP3', { cert: foreign.certPem, key: foreign.keyPem }, 403, /a CA this app does not trust/);
  const { keys, signing } = await generateKeyPair('ec');
  const selfSigned = await x509.X509CertificateGenerator.createSelfSigned({
    name: [{ CN: ['CP-SP3'] }],
    keys,
    signingAlgorithm: signing.algorithm,
    extensions: [new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth])],
  });
  await refusedWith('CP-SP3', { cert: selfSigned.toString('pem'), key: await privateKeyPem(keys.privateKey) }, 403, /self-signed/);
  const server = await authority.issueServer({ dns: ['CP-SP3'], ips: [] }, 'ec');
  const wrongUse = await refusedWith('CP-SP3', { cert: server.certPem, key: server.keyPem }, 403, /not for a TLS client/);
  assert.deepEqual(wrongUse.certificate?.usages, ['serverAuth'], 'the refused certificate is recorded');
});

test('without a certificate, a charger with its password is admitted to ask for one, and told so', async () => {
  const ws = await connectCharger(fx.wssUrl, 'CP1', { password: 'secret-1' });
  try {
    const connected = await until(
      () => fx.events.map((e) => e.event).find((e): e is ConnectedEvent => e.kind === 'connected' && (e as ConnectedEvent).path === '/ocpp/CP1'),
      'CP1 connected',
    );
    assert.equal(connected.auth.accepted, 'password');
    assert.ok(connected.hints.some((h) => typeof h !== 'string' && /admitted by its password .* SignCertificate/.test(h.template)));
  } finally {
    await closeClient(ws);
  }
  // Without a certificate or the right password it is refused, by the certificate rule.
  await refusedWith('CP2', {}, 401, /no client certificate was sent/);
});

test('a CA imported while listening is trusted at once', async () => {
  const foreign = await stranger.issueClient('CP-MAKER');
  await refusedWith('CP-MAKER', { cert: foreign.certPem, key: foreign.keyPem }, 403, /does not trust/);
  trust.import(stranger.certPem);
  fx.central.refreshTrust();
  const ws = await connectCharger(fx.wssUrl, 'CP-MAKER', { tls: { cert: foreign.certPem, key: foreign.keyPem } });
  await closeClient(ws);
  trust.remove(stranger.facts.sha256);
  fx.central.refreshTrust();
});

test('a third-party OCPP client (ocpp-rpc) with its certificate and key is admitted and booted', async () => {
  const issued = await authority.issueClient('CP-RPC', { keyType: 'rsa' });
  // The library's types list every option; it takes these few and defaults the rest.
  const options = {
    endpoint: fx.wssUrl,
    identity: 'CP-RPC',
    protocols: ['ocpp1.6'],
    strictMode: true,
    reconnect: false,
    wsOpts: { cert: issued.chainPem, key: issued.keyPem, rejectUnauthorized: false },
  };
  const client = new RPCClient(options as unknown as ConstructorParameters<typeof RPCClient>[0]);
  try {
    await client.connect();
    const answer = (await client.call('BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'RPC' })) as { status: string };
    assert.equal(answer.status, 'Accepted');
  } finally {
    await client.close({ force: true });
  }
});
