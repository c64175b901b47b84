/**
 * The simulator in Security Profile 3 against the central system over real TLS: from no certificate
 * to a signed one (SignCertificate → CertificateSigned) and a reconnection with it, renewals on
 * ExtendedTriggerMessage, CA certificates installed, listed and deleted; each quirk presents what the
 * field gets wrong and is refused with its rule. The readiness checks read it from the recording.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { LocalAuthority } from '../certs/authority.ts';
import { FileSecretStore } from '../certs/file-secret.ts';
import { TrustedAuthorities } from '../certs/trust.ts';
import { foldRecords } from '../charger/fold.ts';
import type { ConnectedEvent, RefusedEvent, CertificateRequestEvent } from '../central/connection-events.ts';
import { passiveResults } from '../readiness/live.ts';
import { startCentral, tempDir, until, type CentralFixture } from '../testing/central-fixture.ts';
import type { SessionRecord } from '../store/records.ts';
import { startSim } from '../testing/sim-fixture.ts';
import type { SimChargePoint } from './charge-point.ts';

let fx: CentralFixture;
let caDir: string;
let authority: LocalAuthority;
const sims: SimChargePoint[] = [];

before(async () => {
  caDir = tempDir();
  authority = await LocalAuthority.open(caDir, new FileSecretStore(join(caDir, 'ca.key.pem')));
  const trust = new TrustedAuthorities(caDir);
  fx = await startCentral({ securityProfile: 3 }, { certificates: { trusted: () => trust.pems(), signRequest: (csr, id) => authority.signRequest(csr, id) } });
});

after(async () => {
  await Promise.all(sims.map((s) => s.stop()));
  await fx.close();
  rmSync(caDir, { recursive: true, force: true });
});

const events = (id: string) => fx.events.filter((e) => e.charger === id).map((e) => e.event);
const connectedBy = (id: string, how: string) =>
  events(id).filter((e): e is ConnectedEvent => e.kind === 'connected' && (e as ConnectedEvent).auth.accepted === how);
const sim = async (options: Parameters<typeof startSim>[1]) => {
  const s = await startSim(fx, { scheme: 'wss', securityProfile: 3, ...options }, false);
  sims.push(s);
  return s;
};
const modelOf = (id: string) =>
  foldRecords(
    id,
    ([...fx.frames, ...fx.events] as SessionRecord[]).filter((r) => r.charger === id).sort((a, b) => a.seq - b.seq),
  );

test('without a certificate it logs in by password, asks for one, gets it signed and reconnects with it; auth.certificate passes', async () => {
  const cp = await sim({ id: 'CP1' });
  await until(() => connectedBy('CP1', 'password').length > 0, 'the first connection, by password', 10_000);
  await until(() => connectedBy('CP1', 'certificate').length > 0, 'the reconnection with the signed certificate', 15_000);
  const request = events('CP1').find((e): e is CertificateRequestEvent => e.kind === 'certificate-request')!;
  assert.equal(request.accepted, true);
  assert.equal(request.certificate?.commonName, 'CP1');
  await until(
    () => events('CP1').some((e) => e.kind === 'certificate-signed' && (e as unknown as { status: string }).status === 'Accepted'),
    'CertificateSigned Accepted',
  );
  assert.equal(connectedBy('CP1', 'certificate')[0]!.clientCertificate?.sha256, request.certificate?.sha256, 'it presents the certificate it was sent');
  await until(() => cp.connected, 'booted again');
  const checks = new Map(passiveResults(modelOf('CP1'), Date.now()).map((c) => [c.id, c]));
  assert.equal(checks.get('auth.certificate')?.verdict, 'pass', checks.get('auth.certificate')?.reason);
  assert.match(checks.get('auth.certificate')!.reason, /client certificate for CP1 issued by CN=OCPP Field Kit local CA/);
  assert.equal(checks.get('security.events')?.verdict, 'pass', 'StartupOfTheDevice was reported');
  assert.equal(checks.get('auth.basic')?.verdict, 'pass', 'its password was right on the connection that used it');

  // Renewal on the central system's request, and our CA installed, listed and deleted.
  const renewed = await fx.central.call('CP1', 'ExtendedTriggerMessage', { requestedMessage: 'SignChargePointCertificate' });
  assert.equal((renewed.payload as { status: string }).status, 'Accepted');
  await until(() => events('CP1').filter((e) => e.kind === 'certificate-request').length === 2, 'a second CSR');
  await until(() => connectedBy('CP1', 'certificate').length === 2, 'the reconnection with the renewed certificate', 15_000);
  await until(() => cp.connected, 'booted again');
  const install = await fx.central.call('CP1', 'InstallCertificate', { certificateType: 'CentralSystemRootCertificate', certificate: authority.certPem });
  assert.equal((install.payload as { status: string }).status, 'Accepted');
  const ids = (await fx.central.call('CP1', 'GetInstalledCertificateIds', { certificateType: 'CentralSystemRootCertificate' })).payload as {
    status: string;
    certificateHashData: { hashAlgorithm: string; issuerNameHash: string; issuerKeyHash: string; serialNumber: string }[];
  };
  assert.equal(ids.status, 'Accepted');
  assert.equal(ids.certificateHashData.length, 1);
  assert.match(ids.certificateHashData[0]!.issuerNameHash, /^[0-9a-f]{64}$/);
  const deleted = await fx.central.call('CP1', 'DeleteCertificate', { certificateHashData: ids.certificateHashData[0] });
  assert.equal((deleted.payload as { status: string }).status, 'Accepted');
  const none = await fx.central.call('CP1', 'GetInstalledCertificateIds', { certificateType: 'CentralSystemRootCertificate' });
  assert.equal((none.payload as { status: string }).status, 'NotFound');
});

test('each certificate quirk is refused with the rule it breaks, and auth.certificate fails with it', async () => {
  const issuer = { cert: readFileSync(join(caDir, 'certs', 'ca.pem'), 'utf8'), key: readFileSync(join(caDir, 'ca.key.pem'), 'utf8') };
  for (const [id, quirk, rule] of [
    ['CP5', 'no-cert', /no client certificate was sent/],
    ['CP6', 'cert-unknown-ca', /a CA this app does not trust/],
    ['CP7', 'cert-self-signed', /self-signed/],
    ['CP8', 'cert-expired', /expired on/],
    ['CP9', 'cert-wrong-cn', /names CP9-OTHER \(CN\), but the charger connected as CP9/],
  ] as const) {
    await sim({ id, quirks: [quirk], issuer, reconnectBaseMs: 60_000 });
    const refused = await until(
      () => events(id).find((e): e is RefusedEvent => e.kind === 'refused' && (e as RefusedEvent).stage === 'certificate'),
      `${id} refused (${quirk})`,
      10_000,
    );
    assert.match(refused.reason, rule, quirk);
    const check = passiveResults(modelOf(id), Date.now()).find((c) => c.id === 'auth.certificate')!;
    assert.equal(check.verdict, 'fail', `${quirk}: ${check.reason}`);
    assert.match(check.reason, rule);
  }
});

test('a CSR naming another id is rejected with the reason (csr-wrong-cn)', async () => {
  await sim({ id: 'CP2', quirks: ['csr-wrong-cn'] });
  const request = await until(() => events('CP2').find((e): e is CertificateRequestEvent => e.kind === 'certificate-request'), 'the CSR', 10_000);
  assert.equal(request.accepted, false);
  assert.match(request.reason ?? '', /the CSR names SN-CP2, but the charger is CP2/);
});
