/**
 * The suite's working context: waiting for the charger to show something (with a timeout and
 * cancellation), calling it, and finding the evidence of each call in the model.
 */
import { NamedError } from '../lib/named-error.ts';
import type { CentralCall, ChargerModel } from '../charger/model.ts';
import type { CheckResult } from './catalogue.ts';
import type { CallOutcome } from '../central/call-outcome.ts';
import type { SuiteDriver } from './driver.ts';

export type SuiteProgress =
  | { readonly kind: 'step'; readonly step: string; readonly message: string }
  | { readonly kind: 'prompt'; readonly prompt: 'plug-in' | 'unplug'; readonly message: string; readonly timeoutS: number }
  | { readonly kind: 'prompt-done'; readonly prompt: 'plug-in' | 'unplug'; readonly message: string }
  | { readonly kind: 'verdict'; readonly result: CheckResult }
  | { readonly kind: 'finished'; readonly ready: boolean };

export class SuiteCancelled extends NamedError {
  constructor() {
    super('the suite was cancelled');
  }
}

export class SuiteSession {
  constructor(
    readonly driver: SuiteDriver,
    private readonly signal: AbortSignal | undefined,
    private readonly report: (progress: SuiteProgress) => void,
  ) {}

  get model(): ChargerModel {
    return this.driver.model();
  }

  get cancelled(): boolean {
    return this.signal?.aborted === true;
  }

  progress(progress: SuiteProgress): void {
    try {
      this.report(progress);
    } catch {
      // A listener's failure is not the suite's.
    }
  }

  step(step: string, message: string): void {
    this.progress({ kind: 'step', step, message });
  }

  throwIfCancelled(): void {
    if (this.cancelled) throw new SuiteCancelled();
  }

  /**
   * Resolves with the probe's first truthy value, re-checked on every record folded and every
   * quarter second (for conditions on time), or with undefined after timeoutMs. Rejects on cancel.
   */
  waitFor<T>(probe: () => T | undefined | null | false, timeoutMs: number): Promise<T | undefined> {
    this.throwIfCancelled();
    return new Promise<T | undefined>((resolve, reject) => {
      let finished = false;
      const finish = (value: T | undefined, error?: Error) => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        clearInterval(poll);
        off();
        this.signal?.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve(value);
      };
      const check = () => {
        const value = probe();
        if (value) finish(value);
      };
      const onAbort = () => finish(undefined, new SuiteCancelled());
      const timer = setTimeout(() => finish(undefined), Math.max(0, timeoutMs));
      const poll = setInterval(check, 250);
      const off = this.driver.onChange(check);
      this.signal?.addEventListener('abort', onAbort);
      check();
    });
  }

  /** A pause that cancellation ends early. */
  async sleep(ms: number): Promise<void> {
    await this.waitFor(() => false, ms);
  }

  /** Calls the charger; returns the outcome and the call as the model recorded it (its seqs are the evidence). */
  async call(action: string, payload: Record<string, unknown>, timeoutMs?: number): Promise<{ result: CallOutcome; record: CentralCall | undefined }> {
    this.throwIfCancelled();
    const mark = this.model.lastSeq;
    const result = await this.driver.call(action, payload, timeoutMs);
    const record = [...this.model.calls].reverse().find((c) => c.action === action && c.callSeq > mark);
    return { result, record };
  }
}

/** The seqs of a call and its answer. */
export function callEvidence(record: CentralCall | undefined): number[] {
  if (!record) return [];
  return record.answer ? [record.callSeq, record.answer.seq] : [record.callSeq];
}

/** What a failed call means in words. */
export function callFailure(action: string, result: CallOutcome): string {
  if (result.ok) return '';
  switch (result.kind) {
    case 'callerror':
      return `${action} was answered with CALLERROR ${result.code ?? ''}`.trim();
    case 'timeout':
      return `${action} got no answer in time`;
    case 'aborted':
      return `the connection closed before ${action} was answered`;
    default:
      return `${action} could not be sent: ${result.message}`;
  }
}

export function statusOf(result: CallOutcome): string | null {
  const status = result.ok ? (result.payload as { status?: unknown } | null)?.status : undefined;
  return typeof status === 'string' ? status : null;
}
