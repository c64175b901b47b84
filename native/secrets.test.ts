/** Passwords kept between runs: encrypted on disk (real AES-GCM standing in for the OS), never in clear, and safe when the OS offers no encryption. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EncryptedPasswordFile, type Encryptor } from './secrets.ts';
import { tempDir } from '../app/testing/central-fixture.ts';
import { render } from '../app/lib/message.ts';

function aesEncryptor(key = randomBytes(32), backend = 'gnome_libsecret'): Encryptor {
  return {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => backend,
    encryptString(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(data) {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

test('saved passwords come back in the next run and are never on disk in clear', () => {
  const dir = tempDir();
  try {
    const file = join(dir, 'secrets', 'passwords.bin');
    const encryptor = aesEncryptor();
    new EncryptedPasswordFile(file, encryptor).save({ CP1: 'hunter2-very-secret', '*': 'default-pw' });
    const bytes = readFileSync(file);
    assert.ok(!bytes.includes('hunter2-very-secret') && !bytes.includes('CP1'), 'nothing readable in the file');
    if (process.platform !== 'win32') assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(new EncryptedPasswordFile(file, encryptor).load(), { CP1: 'hunter2-very-secret', '*': 'default-pw' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('no OS encryption: nothing is written and the reason is kept; a damaged file loads as empty with the reason', () => {
  const dir = tempDir();
  try {
    const file = join(dir, 'passwords.bin');
    const none: Encryptor = { isEncryptionAvailable: () => false, encryptString: () => Buffer.alloc(0), decryptString: () => '' };
    const vault = new EncryptedPasswordFile(file, none);
    vault.save({ CP1: 'pw' });
    assert.equal(existsSync(file), false);
    assert.match(render(vault.problem!), /no encryption for secrets/);
    writeFileSync(file, 'garbage');
    const damaged = new EncryptedPasswordFile(file, aesEncryptor());
    assert.deepEqual(damaged.load(), {});
    assert.match(render(damaged.problem!), /could not be read/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("Linux without a keyring (Electron's basic_text): nothing written, an old file removed, and the UI told why", async () => {
  const dir = tempDir();
  try {
    const file = join(dir, 'passwords.bin');
    const builtInKey = aesEncryptor(Buffer.alloc(32, 7), 'basic_text');
    writeFileSync(file, builtInKey.encryptString(JSON.stringify({ CP1: 'written-under-a-built-in-key' })));
    const vault = new EncryptedPasswordFile(file, builtInKey, 'linux');
    assert.match(render(vault.problem!), /no keyring .* not written to disk/);
    assert.deepEqual(vault.load(), {}, 'a file under a built-in key is not trusted');
    assert.equal(existsSync(file), false, 'and it is removed');
    vault.save({ CP1: 'pw' });
    assert.equal(existsSync(file), false, 'nothing written');
    const { createCore } = await import('../app/host/core.ts');
    const core = await createCore({
      dataDir: dir,
      host: '127.0.0.1',
      wsPort: null,
      wssPort: null,
      passwords: new Map(),
      acceptAny: false,
      passwordVault: vault,
    });
    try {
      const info = await core.host.invoke('connect.info', {});
      assert.equal(info.passwordStorage.kept, 'this-run');
      assert.match(render(info.passwordStorage.reason!), /no keyring/);
    } finally {
      await core.close();
    }
    assert.equal(new EncryptedPasswordFile(file, aesEncryptor(), 'linux').problem, null, 'a real keyring is trusted');
    assert.equal(new EncryptedPasswordFile(file, aesEncryptor(undefined, 'basic_text'), 'darwin').problem, null, 'the backend question is Linux-only');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
