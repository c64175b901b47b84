/**
 * Which way a file goes between the app and the charger: HTTP or FTP, chosen by the user or, on
 * "auto", asked of the charger (SupportedFileTransferProtocols, in its order of preference) with the
 * other as the fall-back. Where the charger does not say: HTTP first for firmware, FTP first for
 * diagnostics (what most chargers in the field accept for GetDiagnostics).
 */
import type { TransferScheme } from '../driver.ts';
import type { SuiteSession } from '../session.ts';
import { joined, msg, type Message, type Said } from '../../lib/message.ts';
import { saidOf, skip, type Finding } from '../catalogue.ts';

/**
 * One scheme tried: its finding, and what it means for the next scheme. final: the charger answered
 * the question (a refusal, "nothing to send", a fetched file that then failed); try-next: this way
 * did not work, another may; unavailable: the app could not offer this way (no server, a port).
 */
export interface Attempt {
  readonly finding: Finding;
  readonly outcome: 'final' | 'try-next' | 'unavailable';
}

/** A scheme the app cannot offer now, with the reason (the server's error, or none running). */
export function unavailableScheme(scheme: TransferScheme, err: unknown): Attempt {
  const name = scheme.toUpperCase();
  const said = err
    ? msg`the app's ${name} server could not offer a location: ${err instanceof Error ? err.message : String(err)}`
    : msg`no ${name} server is running in the app`;
  return { finding: skip(said), outcome: 'unavailable' };
}

/** A reason with what the app changed about the location (another port), when it changed something. */
export function withNote(message: Message, note: Message | undefined): Message {
  return note ? msg`${message} (${note})` : message;
}

export type SchemeChoice = TransferScheme | 'auto';

export interface SchemeOrder {
  readonly order: readonly TransferScheme[];
  /** How the order was decided, for the check's reason. */
  readonly why: Message;
}

export async function schemeOrder(s: SuiteSession, choice: SchemeChoice, purpose: 'firmware' | 'diagnostics'): Promise<SchemeOrder> {
  if (choice !== 'auto') return { order: [choice], why: msg`${choice.toUpperCase()} as chosen` };
  const { result } = await s.call('GetConfiguration', { key: ['SupportedFileTransferProtocols'] });
  return orderFor(result.ok ? supportedProtocols(result.payload) : undefined, purpose);
}

/** SupportedFileTransferProtocols from a GetConfiguration answer, undefined when it is not there. */
export function supportedProtocols(payload: unknown): string | undefined {
  const keys = (payload as { configurationKey?: { key?: unknown; value?: unknown }[] } | null)?.configurationKey;
  const value = Array.isArray(keys) ? keys.find((k) => k?.key === 'SupportedFileTransferProtocols')?.value : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** The order to try: the charger's own (HTTP and FTP from its list, in its order), then the other. */
export function orderFor(value: string | undefined, purpose: 'firmware' | 'diagnostics'): SchemeOrder {
  const fallback: TransferScheme[] = purpose === 'firmware' ? ['http', 'ftp'] : ['ftp', 'http'];
  if (value === undefined || value.trim() === '')
    return {
      order: fallback,
      why: msg`the charger does not say which it supports (SupportedFileTransferProtocols): ${fallback[0]!.toUpperCase()}, then ${fallback[1]!.toUpperCase()}`,
    };
  const said = value
    .split(',')
    .map((x) => x.trim().toLowerCase())
    .filter((x): x is TransferScheme => x === 'http' || x === 'ftp');
  return { order: [...new Set([...said, ...fallback])], why: msg`the charger supports ${value.trim()}` };
}

/**
 * The schemes tried that failed, and why, for the firmware and diagnostics checks: what their
 * finding says once one scheme works ("… over FTP (HTTP: …)"), or when none did.
 */
export class FailedSchemes {
  private readonly failures: { readonly scheme: string; readonly said: Said; readonly unavailable: boolean }[] = [];

  add(scheme: TransferScheme, finding: Pick<Finding, 'reason' | 'said'>, unavailable = false): void {
    this.failures.push({ scheme: scheme.toUpperCase(), said: saidOf(finding), unavailable });
  }

  /** Every scheme failed on the app's side: nothing was asked of the charger, so nothing is held against it. */
  get allUnavailable(): boolean {
    return this.failures.length > 0 && this.failures.every((f) => f.unavailable);
  }

  /** The first failure's reason alone (when only one scheme was to be tried). */
  get first(): Said | undefined {
    return this.failures[0]?.said;
  }

  /** The finding of the scheme that worked, naming the ones that failed before it. */
  workedOver(finding: Pick<Finding, 'reason' | 'said'>, scheme: TransferScheme): Message {
    return this.failures.length > 0
      ? msg`${saidOf(finding)} over ${scheme.toUpperCase()} (${this.list()})`
      : msg`${saidOf(finding)} over ${scheme.toUpperCase()}`;
  }

  /** Every failure with its scheme: "HTTP: …; FTP: …". */
  list(): Message {
    return joined(
      '; ',
      this.failures.map((f) => msg`${f.scheme}: ${f.said}`),
    );
  }
}
