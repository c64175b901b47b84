/**
 * Relay targets kept between runs as plain JSON (no secrets: passwords go to the secret store). A
 * damaged file gives no targets and says why; it is replaced atomically on the next change.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RelayTargetConfig } from './target.ts';

export class RelayTargetFile {
  /** Why the kept targets could not be read, or null. */
  problem: string | null = null;

  constructor(private readonly file: string) {}

  load(): Record<string, RelayTargetConfig> {
    if (!existsSync(this.file)) return {};
    try {
      const raw = JSON.parse(readFileSync(this.file, 'utf8')) as unknown;
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('not an object of targets');
      const targets: Record<string, RelayTargetConfig> = {};
      for (const [id, value] of Object.entries(raw as Record<string, unknown>)) {
        if (typeof value === 'object' && value !== null && typeof (value as { url?: unknown }).url === 'string') targets[id] = value as RelayTargetConfig;
      }
      return targets;
    } catch (err) {
      this.problem = `${this.file} could not be read (${(err as Error).message}); no relay targets were loaded`;
      return {};
    }
  }

  save(targets: Record<string, RelayTargetConfig>): void {
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(`${this.file}.tmp`, `${JSON.stringify(targets, null, 2)}\n`);
    renameSync(`${this.file}.tmp`, this.file);
  }
}
