/**
 * Charger passwords kept between runs, encrypted by the operating system (Electron's safeStorage:
 * DPAPI on Windows, the Keychain on macOS, libsecret on Linux). Never written in clear: where the
 * OS offers no encryption, nothing is written and the reason is reported.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PasswordVault } from '../app/host/core.ts';

/** The part of Electron's safeStorage used here (also what a test gives with real crypto). */
export interface Encryptor {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export class EncryptedPasswordFile implements PasswordVault {
  /** Why passwords are not kept (no OS encryption, unreadable file), null when all is well. */
  problem: string | null = null;

  constructor(
    private readonly file: string,
    private readonly encryptor: Encryptor,
  ) {}

  load(): Record<string, string> {
    if (!existsSync(this.file)) return {};
    if (!this.encryptor.isEncryptionAvailable()) {
      this.problem = 'the operating system offers no encryption for secrets here, so saved passwords cannot be read';
      return {};
    }
    try {
      const parsed = JSON.parse(this.encryptor.decryptString(readFileSync(this.file))) as unknown;
      if (typeof parsed !== 'object' || parsed === null) throw new Error('not a password list');
      return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
    } catch (err) {
      this.problem = `saved passwords could not be read (${(err as Error).message}); set them again`;
      return {};
    }
  }

  save(passwords: Record<string, string>): void {
    if (!this.encryptor.isEncryptionAvailable()) {
      this.problem = 'the operating system offers no encryption for secrets here: passwords are kept for this run only';
      return;
    }
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, this.encryptor.encryptString(JSON.stringify(passwords)), { mode: 0o600 });
    renameSync(temp, this.file);
    this.problem = null;
  }
}
