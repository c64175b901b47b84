import { NamedError } from '../lib/named-error.ts';
/**
 * Misbehaviour switches, each modelled on something real chargers get wrong (REQUIREMENTS.md,
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
] as const;

export type QuirkName = (typeof QUIRKS)[number];

export interface Quirks {
  has(name: QuirkName): boolean;
  /** clock-offset=SECONDS: added to every timestamp the charger sends. */
  readonly clockOffsetMs: number;
  readonly names: readonly string[];
}

export class QuirkError extends NamedError {}

/** Parses `--quirk NAME` / `NAME=VALUE` switches; an unknown name is an error that lists the known ones. */
export function parseQuirks(specs: readonly string[]): Quirks {
  const set = new Set<QuirkName>();
  let clockOffsetMs = 0;
  for (const spec of specs) {
    const [name, value] = spec.split('=', 2) as [string, string | undefined];
    if (!(QUIRKS as readonly string[]).includes(name)) throw new QuirkError(`unknown quirk "${name}"; known: ${QUIRKS.join(', ')}`);
    if (name === 'clock-offset') {
      const seconds = Number(value);
      if (value === undefined || !Number.isFinite(seconds)) throw new QuirkError('clock-offset wants seconds, e.g. clock-offset=-3600');
      clockOffsetMs = seconds * 1000;
    }
    set.add(name as QuirkName);
  }
  return { has: (name) => set.has(name), clockOffsetMs, names: [...specs] };
}
