/**
 * The suite's working context: waiting for the charger to show something (with a timeout and
 * cancellation), calling it, and finding the evidence of each call in the model.
 */
import { NamedError } from '../lib/named-error.ts';
import type { CentralCall, ChargerModel } from '../charger/model.ts';
import type { CheckResult } from './catalogue.ts';
import type { ReadinessReport } from './report.ts';
import type { OverallVerdict } from './verdict.ts';
import type { CallOutcome } from '../central/call-outcome.ts';
import type { SuiteDriver } from './driver.ts';
import { msg, render, type Message } from '../lib/message.ts';

/** message in English; said: the same as a message, for a reader in another language (lib/message.ts). */
export type SuiteProgress =
  | { readonly kind: 'step'; readonly step: string; readonly message: string; readonly said?: Message }
  | { readonly kind: 'prompt'; readonly prompt: 'plug-in' | 'unplug'; readonly message: string; readonly said?: Message; readonly timeoutS: number }
  | { readonly kind: 'prompt-done'; readonly prompt: 'plug-in' | 'unplug'; readonly message: string; readonly said?: Message }
  | { readonly kind: 'verdict'; readonly result: CheckResult }
  | { readonly kind: 'cancelling' }
  | { readonly kind: 'finished'; readonly ready: boolean; readonly verdict: OverallVerdict; readonly report: ReadinessReport };

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

  step(step: string, message: Message): void {
    this.progress({ kind: 'step', step, message: render(message), said: message });
  }

  /** Asks the person at the charger to do something (plug in, unplug), for at most timeoutS. */
  prompt(prompt: 'plug-in' | 'unplug', message: Message, timeoutS: number): void {
    this.progress({ kind: 'prompt', prompt, message: render(message), said: message, timeoutS });
  }

  promptDone(prompt: 'plug-in' | 'unplug', message: Message): void {
    this.progress({ kind: 'prompt-done', prompt, message: render(message), said: message });
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
export function callFailure(action: string, result: CallOutcome): Message {
  if (result.ok) return msg``;
  switch (result.kind) {
    case 'callerror':
      return result.code ? msg`${action} was answered with CALLERROR ${result.code}` : msg`${action} was answered with CALLERROR`;
    case 'timeout':
      return msg`${action} got no answer in time`;
    case 'aborted':
      return msg`the connection closed before ${action} was answered`;
    default:
      return msg`${action} could not be sent: ${result.message}`;
  }
}

export function statusOf(result: CallOutcome): string | null {
  const status = result.ok ? (result.payload as { status?: unknown } | null)?.status : undefined;
  return typeof status === 'string' ? status : null;
}
