/** The CA key in the desktop app: encrypted (real AES-GCM standing in for the OS), taken over from the headless host's clear file. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EncryptedSecretFile } from './secret-file.ts';
import type { Encryptor } from './secrets.ts';
import { tempDir } from '../app/testing/central-fixture.ts';
import { Certificates } from '../app/certs/certificates.ts';

function aesEncryptor(available = true): Encryptor {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptString: (plain) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString: (data) => {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

test("the CA's key is kept encrypted, never in clear; a headless host's clear key is taken over", async () => {
  const dir = tempDir();
  try {
    const plain = join(dir, 'certs', 'ca.key.pem');
    // The headless host made the CA first (its key in a 0600 file).
    const headless = new Certificates(dir);
    const caPem = await headless.caPem();
    assert.ok(existsSync(plain));
    const store = new EncryptedSecretFile(join(dir, 'secrets', 'ca-key.bin'), plain, aesEncryptor(), 'linux');
    const desktop = new Certificates(dir, store);
    assert.equal(await desktop.caPem(), caPem, 'the same CA: chargers that trust it keep trusting it');
    assert.ok(!existsSync(plain), 'the clear key is gone');
    assert.doesNotMatch(readFileSync(join(dir, 'secrets', 'ca-key.bin')).toString('latin1'), /PRIVATE KEY/);
    assert.equal(statSync(join(dir, 'secrets', 'ca-key.bin')).mode & 0o777, 0o600);
    // And it still signs.
    assert.equal((await desktop.issueClient('CP1')).facts.commonName, 'CP1');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('without OS encryption the key stays in the 0600 file, as in the headless host', async () => {
  const dir = tempDir();
  try {
    const plain = join(dir, 'certs', 'ca.key.pem');
    const store = new EncryptedSecretFile(join(dir, 'secrets', 'ca-key.bin'), plain, aesEncryptor(false), 'linux');
    await new Certificates(dir, store).caPem();
    assert.ok(existsSync(plain));
    assert.equal(statSync(plain).mode & 0o777, 0o600);
    assert.ok(!existsSync(join(dir, 'secrets', 'ca-key.bin')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
