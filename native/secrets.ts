/**
 * Charger passwords kept between runs, encrypted by the operating system (Electron's safeStorage:
 * DPAPI on Windows, the Keychain on macOS, libsecret or kwallet on Linux). Never written in clear:
 * where the OS offers no encryption, nothing is written and the reason is reported. On Linux without
 * a keyring Electron still says encryption is available, but with a key built into Chromium
 * ("basic_text"): that is clear text in disguise, so it counts as no encryption.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PasswordVault } from '../app/host/core.ts';
import { msg, type Message } from '../app/lib/message.ts';

/** The part of Electron's safeStorage used here (also what a test gives with real crypto). */
export interface Encryptor {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which key store backs the encryption ("basic_text" = a built-in key, "gnome_libsecret", "kwallet" …). */
  getSelectedStorageBackend?(): string;
}

/** Why this encryptor does not really protect a secret, or null when it does. */
export function encryptionProblem(encryptor: Encryptor, platform: NodeJS.Platform = process.platform): Message | null {
  if (!encryptor.isEncryptionAvailable()) return msg`the operating system offers no encryption for secrets here`;
  if (platform === 'linux') {
    const backend = encryptor.getSelectedStorageBackend?.() ?? 'unknown';
    if (backend === 'basic_text' || backend === 'unknown') {
      return msg`no keyring (GNOME Keyring or KWallet) is running, and without one the "encryption" uses a key built into the app: passwords are not written to disk`;
    }
  }
  return null;
}

export class EncryptedPasswordFile implements PasswordVault {
  /** Why passwords are not kept between runs (no OS encryption, unreadable file), null when all is well. */
  problem: Message | null = null;

  constructor(
    private readonly file: string,
    private readonly encryptor: Encryptor,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    const problem = encryptionProblem(encryptor, platform);
    if (problem) this.problem = problem;
  }

  load(): Record<string, string> {
    if (!existsSync(this.file)) return {};
    const problem = encryptionProblem(this.encryptor, this.platform);
    if (problem) {
      // A file written under a built-in key is clear text in disguise: it goes.
      if (this.encryptor.isEncryptionAvailable()) rmSync(this.file, { force: true });
      this.problem = this.encryptor.isEncryptionAvailable() ? msg`${problem} (a file of passwords saved that way was removed: set them again)` : problem;
      return {};
    }
    try {
      const parsed = JSON.parse(this.encryptor.decryptString(readFileSync(this.file))) as unknown;
      if (typeof parsed !== 'object' || parsed === null) throw new Error('not a password list');
      return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
    } catch (err) {
      this.problem = msg`saved passwords could not be read (${(err as Error).message}); set them again`;
      return {};
    }
  }

  save(passwords: Record<string, string>): void {
    const problem = encryptionProblem(this.encryptor, this.platform);
    if (problem) {
      this.problem = problem;
      return;
    }
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, this.encryptor.encryptString(JSON.stringify(passwords)), { mode: 0o600 });
    renameSync(temp, this.file);
    this.problem = null;
  }
}
