/**
 * The desktop app's settings (not secret, plain JSON in the data folder): the ports the central
 * system listens on, and how long sessions are kept. A missing or damaged file gives the defaults,
 * with the reason.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Settings {
  readonly wsPort: number | null;
  readonly wssPort: number | null;
  /** Sessions older than this many days are deleted at start; null keeps them all. */
  readonly retentionDays: number | null;
  /** The desktop app looks for updates (FIELDKIT_NO_UPDATES=1 turns it off whatever this says). */
  readonly updates: boolean;
  /** wss chargers log in with a password (2) or a client certificate (3). */
  readonly securityProfile: 2 | 3;
}

export const DEFAULT_SETTINGS: Settings = { wsPort: 8180, wssPort: 8443, retentionDays: null, updates: true, securityProfile: 2 };

const isDays = (v: unknown): v is number | null => v === null || (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 36_500);

const isPort = (v: unknown): v is number | null => v === null || (Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 65_535);

export function loadSettings(file: string): { settings: Settings; problem: string | null } {
  if (!existsSync(file)) return { settings: DEFAULT_SETTINGS, problem: null };
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<Record<keyof Settings, unknown>>;
    return {
      settings: {
        wsPort: isPort(raw.wsPort) ? raw.wsPort : DEFAULT_SETTINGS.wsPort,
        wssPort: isPort(raw.wssPort) ? raw.wssPort : DEFAULT_SETTINGS.wssPort,
        retentionDays: isDays(raw.retentionDays) ? raw.retentionDays : DEFAULT_SETTINGS.retentionDays,
        updates: typeof raw.updates === 'boolean' ? raw.updates : DEFAULT_SETTINGS.updates,
        securityProfile: raw.securityProfile === 3 ? 3 : 2,
      },
      problem: null,
    };
  } catch (err) {
    return { settings: DEFAULT_SETTINGS, problem: `${file} could not be read (${(err as Error).message}); using the default ports` };
  }
}

/** Changes some settings, keeping the others as the file has them. */
export function updateSettings(file: string, change: Partial<Settings>): void {
  saveSettings(file, { ...loadSettings(file).settings, ...change });
}

export function saveSettings(file: string, settings: Settings): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, `${JSON.stringify(settings, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}
