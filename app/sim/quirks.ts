import { NamedError } from '../lib/named-error.ts';
import type { FtpQuirks } from './file-transfer.ts';
/**
 * Misbehaviour switches, each modelled on something real chargers get wrong (docs/requirements.md,
 * "What goes wrong in the field"). docs/simulator.md describes the wire behaviour of each.
 */
export const QUIRKS = [
  'ws-only',
  'no-basic-auth',
  'clock-offset',
  'power-missing',
  'current-voltage-only',
  'power-in-kW',
  'reject-sampled-data',
  'reject-tx-profile',
  'ignore-limit',
  'trigger-not-implemented',
  'numbers-as-strings',
  'values-as-numbers',
  'energy-register-resets',
  'no-meter-stop',
  'charging-status-at-zero-power',
  'tls-1.3-only',
  'ftp-active-only',
  'ftp-stall',
  'ftp-wrong-name',
  'ftp-no-upload',
  'ftp-only',
  'no-cert',
  'cert-unknown-ca',
  'cert-self-signed',
  'cert-expired',
  'cert-wrong-cn',
  'csr-wrong-cn',
] as const;

export type QuirkName = (typeof QUIRKS)[number];

export interface Quirks {
  has(name: QuirkName): boolean;
  /** clock-offset=SECONDS: added to every timestamp the charger sends. */
  readonly clockOffsetMs: number;
  /** ftp-stall=SECONDS: how long a transfer pauses mid-way (default 30). */
  readonly ftpStallMs: number;
  readonly names: readonly string[];
}

export class QuirkError extends NamedError {}

/** Parses `--quirk NAME` / `NAME=VALUE` switches; an unknown name is an error that lists the known ones. */
export function parseQuirks(specs: readonly string[]): Quirks {
  const set = new Set<QuirkName>();
  let clockOffsetMs = 0;
  let ftpStallMs = 30_000;
  for (const spec of specs) {
    const [name, value] = spec.split('=', 2) as [string, string | undefined];
    if (!(QUIRKS as readonly string[]).includes(name)) throw new QuirkError(`unknown quirk "${name}"; known: ${QUIRKS.join(', ')}`);
    if (name === 'clock-offset') {
      const seconds = Number(value);
      if (value === undefined || !Number.isFinite(seconds)) throw new QuirkError('clock-offset wants seconds, e.g. clock-offset=-3600');
      clockOffsetMs = seconds * 1000;
    }
    if (name === 'ftp-stall' && value !== undefined) {
      const seconds = Number(value);
      if (!Number.isFinite(seconds) || seconds < 0) throw new QuirkError('ftp-stall wants seconds, e.g. ftp-stall=30');
      ftpStallMs = seconds * 1000;
    }
    set.add(name as QuirkName);
  }
  return { has: (name) => set.has(name), clockOffsetMs, ftpStallMs, names: [...specs] };
}

/** What goes on the wire from a charger with these quirks: numbers-as-strings sends its ids and meter readings as strings. */
export function shapeOutgoing(quirks: Quirks, payload: Record<string, unknown>): Record<string, unknown> {
  if (!quirks.has('numbers-as-strings')) return payload;
  const shaped = { ...payload };
  for (const key of ['connectorId', 'meterStart', 'meterStop', 'transactionId']) if (typeof shaped[key] === 'number') shaped[key] = String(shaped[key]);
  return shaped;
}

/** The quirks whose messages break the schema: the charger sends them anyway, as the field's chargers do. */
export function breaksSchema(quirks: Quirks): boolean {
  return SCHEMA_BREAKING.some((q) => quirks.has(q));
}

const SCHEMA_BREAKING: readonly QuirkName[] = ['numbers-as-strings', 'values-as-numbers', 'no-meter-stop'];

/** The FTP habits this charger has (file-transfer.ts acts on them). */
export function ftpQuirks(quirks: Quirks): FtpQuirks {
  return {
    ...(quirks.has('ftp-stall') ? { stallMs: quirks.ftpStallMs } : {}),
    ...(quirks.has('ftp-wrong-name') ? { wrongName: true } : {}),
    ...(quirks.has('ftp-no-upload') ? { noUpload: true } : {}),
    ...(quirks.has('ftp-active-only') ? { activeOnly: true } : {}),
    ...(quirks.has('ftp-only') ? { ftpOnly: true } : {}),
  };
}
