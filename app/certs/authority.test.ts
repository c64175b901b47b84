/**
 * The local CA with real keys and certificates, checked by Node's own X.509 (not by the library that
 * made them): kept between runs, its key in a file only its user reads; client certificates that
 * chain to it and name their charger; CSRs signed only when sound; imported CAs only when they are CAs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../testing/central-fixture.ts';
import { AuthorityError, LocalAuthority } from './authority.ts';
import { FileSecretStore } from './file-secret.ts';
import { TrustedAuthorities } from './trust.ts';
import { generateKeyPair, x509 } from './x509.ts';

async function csrFor(cn: string, keyType: 'ec' | 'rsa' = 'ec'): Promise<string> {
  const { keys, signing } = await generateKeyPair(keyType);
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: [{ CN: [cn] }, { O: ['Acme Chargers'] }],
    keys,
    signingAlgorithm: signing.algorithm,
  });
  return csr.toString('pem');
}

test('the CA is made once per data folder, its key in a 0600 file, and read back the next time', async () => {
  const dir = tempDir();
  try {
    const key = new FileSecretStore(join(dir, 'secrets', 'ca.key.pem'));
    const first = await LocalAuthority.open(dir, key);
    assert.equal(statSync(key.file).mode & 0o777, 0o600);
    const ca = new X509Certificate(first.certPem);
    assert.ok(ca.ca && ca.verify(ca.publicKey), 'a self-signed CA certificate');
    const again = await LocalAuthority.open(dir, key);
    assert.equal(again.facts.sha256, first.facts.sha256, 'the same CA, not a new one');
    // A certificate without its key is said, never replaced by a new CA.
    rmSync(key.file);
    await assert.rejects(LocalAuthority.open(dir, key), (err: AuthorityError) => /certificate is in .* but its key is not/.test(err.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a client certificate names its charger, is for clientAuth, lasts a year and chains to the CA', async () => {
  const dir = tempDir();
  try {
    const authority = await LocalAuthority.open(dir, new FileSecretStore(join(dir, 'ca.key')));
    for (const keyType of ['ec', 'rsa'] as const) {
      const issued = await authority.issueClient('CP-SP3', { keyType });
      const cert = new X509Certificate(issued.certPem);
      assert.ok(cert.verify(new X509Certificate(authority.certPem).publicKey), 'signed by the CA');
      assert.ok(cert.checkIssued(new X509Certificate(authority.certPem)));
      assert.equal(issued.facts.commonName, 'CP-SP3');
      assert.deepEqual(issued.facts.usages, ['clientAuth']);
      assert.equal(issued.facts.ca, false);
      const days = (Date.parse(issued.facts.validTo) - Date.parse(issued.facts.validFrom)) / 86_400_000;
      assert.ok(days > 364 && days < 366, `${days} days`);
      assert.match(issued.facts.key, keyType === 'ec' ? /^ECDSA P-256$/ : /^RSA 2048$/);
      assert.ok(cert.checkPrivateKey((await import('node:crypto')).createPrivateKey(issued.keyPem)), 'the key is the certificate’s');
      assert.equal(issued.chainPem, issued.certPem + authority.certPem);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a CSR is signed when sound, and refused with the reason when not', async () => {
  const dir = tempDir();
  try {
    const authority = await LocalAuthority.open(dir, new FileSecretStore(join(dir, 'ca.key')));
    const signed = await authority.signRequest(await csrFor('CP1'), 'CP1');
    assert.ok(signed.ok);
    assert.equal(signed.facts.commonName, 'CP1');
    assert.match(signed.facts.subject, /O=Acme Chargers/, 'the subject as the charger asked');
    assert.ok(new X509Certificate(signed.certPem).verify(new X509Certificate(authority.certPem).publicKey));
    const refused = async (csr: string, id: string) => {
      const decision = await authority.signRequest(csr, id);
      assert.equal(decision.ok, false);
      return decision.ok ? '' : decision.reason;
    };
    assert.match(await refused(await csrFor('CP-OTHER'), 'CP1'), /names CP-OTHER, but the charger is CP1/);
    assert.match(
      await refused('-----BEGIN CERTIFICATE REQUEST-----\nbm90IGEgY3Ny\n-----END CERTIFICATE REQUEST-----', 'CP1'),
      /not a certificate signing request/,
    );
    assert.match(await refused('', 'CP1'), /not a certificate signing request/);
    // A request whose body was changed after it was signed.
    const good = await csrFor('CP1');
    const body = good.split('\n').slice(1, -2).join('');
    const der = Buffer.from(body, 'base64');
    der[der.length - 8] = der[der.length - 8]! ^ 0xff;
    const tampered = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----`;
    assert.match(await refused(tampered, 'CP1'), /signature does not verify|not a certificate signing request/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('imported CAs are trusted beside the local one; a leaf, an expired CA or junk is refused', async () => {
  const dir = tempDir();
  const other = tempDir();
  try {
    const local = await LocalAuthority.open(dir, new FileSecretStore(join(dir, 'ca.key')));
    const trust = new TrustedAuthorities(dir);
    assert.deepEqual(
      trust.list().map((c) => c.source),
      ['local'],
    );
    const manufacturer = await LocalAuthority.open(other, new FileSecretStore(join(other, 'ca.key')));
    const [facts] = trust.import(manufacturer.certPem);
    assert.equal(facts!.sha256, manufacturer.facts.sha256);
    assert.deepEqual(
      trust.list().map((c) => [c.source, c.facts.sha256]),
      [
        ['local', local.facts.sha256],
        ['imported', manufacturer.facts.sha256],
      ],
    );
    const leaf = await local.issueClient('CP1');
    assert.throws(() => trust.import(leaf.certPem), /is not a CA certificate/);
    assert.throws(() => trust.import('hello'), /no PEM certificate/);
    assert.throws(() => trust.import('x'.repeat(300 * 1024)), /over 256 KiB/);
    assert.ok(trust.remove(manufacturer.facts.sha256));
    assert.equal(trust.list().length, 1);
    assert.ok(!existsSync(join(dir, 'certs', 'trusted', `${manufacturer.facts.sha256.replaceAll(':', '').toLowerCase()}.pem`)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(other, { recursive: true, force: true });
  }
});
