/**
 * Security Profile 3 from the command line, as an installer does it: `fieldkit certs issue` writes a
 * charger's certificate and key; `fieldkit serve --security-profile 3` admits a client that presents
 * them without a password and answers its BootNotification, and refuses the same certificate under
 * another id, no certificate and an expired one, the log naming the rule each time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chargerCall, closeClient, connectCharger, tempDir } from '../testing/central-fixture.ts';
import { FIELDKIT_BIN, startServeChild } from '../testing/serve-child.ts';
import { Certificates } from '../certs/certificates.ts';
import { certificateFacts } from '../certs/facts.ts';

const run = (args: string[]) => spawnSync(process.execPath, [FIELDKIT_BIN, ...args], { encoding: 'utf8', timeout: 60_000 });

test('certs issue, then serve --security-profile 3: admitted by the certificate alone; another id, none, or expired refused with the rule', async () => {
  const dataDir = tempDir();
  const out = tempDir();
  try {
    const issued = run(['certs', 'issue', 'CP-SP3', '--out', out, '--data', dataDir]);
    assert.equal(issued.status, 0, issued.stderr);
    assert.match(issued.stdout, /issued a client certificate for CP-SP3/);
    const certPem = readFileSync(join(out, 'CP-SP3.pem'), 'utf8');
    const keyPem = readFileSync(join(out, 'CP-SP3.key'), 'utf8');
    assert.equal(statSync(join(out, 'CP-SP3.key')).mode & 0o777, 0o600, 'the key only its owner reads');
    assert.equal(certificateFacts(certPem).commonName, 'CP-SP3');
    // The CA's certificate, to install in a charger; never its key.
    const ca = run(['certs', 'ca', '--out', join(out, 'ca.pem'), '--data', dataDir]);
    assert.equal(ca.status, 0, ca.stderr);
    assert.ok(certificateFacts(readFileSync(join(out, 'ca.pem'))).ca);
    assert.doesNotMatch(readFileSync(join(out, 'ca.pem'), 'utf8'), /PRIVATE KEY/);

    const serve = await startServeChild(['--data', dataDir, '--security-profile', '3']);
    try {
      await serve.waitForOutput(/Security Profile 3: wss chargers log in with a client certificate/);
      const ws = await connectCharger(serve.wssUrl, 'CP-SP3', { tls: { cert: certPem, key: keyPem } });
      const answer = await chargerCall(ws, 'BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'SP3' });
      assert.equal((answer[2] as { status: string }).status, 'Accepted');
      await serve.waitForOutput(/CP-SP3 +-- connected wss .* client certificate CN=CP-SP3 from CN=OCPP Field Kit local CA/);
      await closeClient(ws);

      await assert.rejects(connectCharger(serve.wssUrl, 'CP-OTHER', { tls: { cert: certPem, key: keyPem } }), /HTTP 403/);
      await serve.waitForOutput(
        /CP-OTHER +-- REFUSED at certificate \(wss from 127\.0\.0\.1:\d+, HTTP 403\): the client certificate names CP-SP3 \(CN\), but the charger connected as CP-OTHER/,
      );
      await assert.rejects(connectCharger(serve.wssUrl, 'CP-SP3', {}), /HTTP 401/);
      await serve.waitForOutput(/CP-SP3 +-- REFUSED at certificate \(wss .*HTTP 401\): no client certificate was sent/);
      const now = Date.now();
      const expired = await new Certificates(dataDir).issueClient('CP-SP3', {
        notBefore: new Date(now - 30 * 86_400_000),
        notAfter: new Date(now - 86_400_000),
      });
      await assert.rejects(connectCharger(serve.wssUrl, 'CP-SP3', { tls: { cert: expired.certPem, key: expired.keyPem } }), /HTTP 403/);
      await serve.waitForOutput(/CP-SP3 +-- REFUSED at certificate \(wss .*HTTP 403\): the client certificate expired on/);
    } finally {
      serve.child.kill('SIGTERM');
      await serve.exited;
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
});

test('certs import-ca trusts only CA certificates; certs list shows them; mistakes exit 2 with the reason', async () => {
  const dataDir = tempDir();
  const other = tempDir();
  try {
    const maker = new Certificates(other);
    const file = join(other, 'maker-ca.pem');
    writeFileSync(file, await maker.caPem());
    const imported = run(['certs', 'import-ca', file, '--data', dataDir]);
    assert.equal(imported.status, 0, imported.stderr);
    assert.match(imported.stdout, /trusted for client certificates: CN=OCPP Field Kit local CA/);
    const leaf = join(other, 'leaf.pem');
    writeFileSync(leaf, (await maker.issueClient('CP1')).certPem);
    const refused = run(['certs', 'import-ca', leaf, '--data', dataDir]);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /is not a CA certificate/);
    const listed = run(['certs', 'list', '--data', dataDir]);
    assert.match(listed.stdout, /^imported /m);
    for (const [args, said] of [
      [['certs', 'issue', '--out', other], /certs issue wants one charge point ID/],
      [['certs', 'issue', 'a/b', '--out', other], /cannot be a file name/],
      [['certs', 'issue', 'CP9', '--out', other, '--days', '0'], /--days wants a positive number of days/],
      [['certs', 'issue', 'CP9', '--out', other, '--key-type', 'dsa'], /--key-type wants ec or rsa/],
      [['certs', 'frobnicate'], /unknown certs command/],
    ] as const) {
      const result = run([...args, '--data', dataDir]);
      assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, said);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(other, { recursive: true, force: true });
  }
});
