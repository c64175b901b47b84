/**
 * One secret (the local CA's key) kept by the OS's protected storage (Electron's safeStorage), as the
 * charger passwords are. A key written by the headless host (a 0600 file in the data folder, which the
 * desktop app shares) is taken over: encrypted, and the clear file removed. Where the OS offers no
 * real encryption (no keyring on Linux) it stays in the 0600 file, as in the headless host.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecretStore } from '../app/certs/file-secret.ts';
import { encryptionProblem, type Encryptor } from './secrets.ts';

export class EncryptedSecretFile implements SecretStore {
  constructor(
    /** Where the encrypted secret goes. */
    private readonly file: string,
    /** The clear 0600 file the headless host uses for the same secret. */
    private readonly plainFile: string,
    private readonly encryptor: Encryptor,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  get where(): string {
    return this.usable() ? `${this.file} (encrypted by the operating system)` : this.plainFile;
  }

  read(): string | null {
    if (this.usable() && existsSync(this.file)) return this.encryptor.decryptString(readFileSync(this.file));
    if (!existsSync(this.plainFile)) return null;
    const text = readFileSync(this.plainFile, 'utf8');
    if (this.usable()) {
      this.write(text);
      rmSync(this.plainFile, { force: true });
    }
    return text;
  }

  write(text: string): void {
    const target = this.usable() ? this.file : this.plainFile;
    mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
    const temp = `${target}.tmp`;
    writeFileSync(temp, this.usable() ? this.encryptor.encryptString(text) : text, { mode: 0o600 });
    renameSync(temp, target);
  }

  private usable(): boolean {
    return encryptionProblem(this.encryptor, this.platform) === null;
  }
}
