/**
 * A readiness run as a page shows it: the steps so far, the verdicts so far, the prompt waiting for
 * the installer, whether it is being cancelled, and the report once it finished. The host keeps one
 * per charger and sends it whole with every change, so a page opened (or reloaded, or in a second
 * tab) in the middle of a run shows the run, not the state of the page that started it.
 */
import type { CheckResult } from './catalogue.ts';
import type { ReadinessReport } from './report.ts';
import type { SuiteProgress } from './session.ts';
import type { Message } from '../lib/message.ts';

/** Steps kept per run (a run has a few dozen; a stuck charger's retries must not grow it without end). */
export const MAX_RUN_STEPS = 200;

export interface RunStep {
  readonly at: number;
  readonly step: string;
  /** In English; said: the same as a message, for the UI's language. */
  readonly message: string;
  readonly said?: Message;
}

export interface RunPrompt {
  readonly kind: 'plug-in' | 'unplug';
  readonly message: string;
  readonly said?: Message;
  readonly timeoutS: number;
  /** When it was asked (ms since the epoch, the host's clock). */
  readonly since: number;
}

export interface ReadinessRunState {
  /** Grows with every change of any run in this host: of two copies of a run, the higher is the newer. */
  readonly version: number;
  readonly running: boolean;
  /** Cancel was asked for: the suite is restoring the charger before it ends. */
  readonly cancelling: boolean;
  readonly startedAt: number | null;
  readonly steps: readonly RunStep[];
  readonly verdicts: Readonly<Record<string, CheckResult>>;
  readonly prompt: RunPrompt | null;
  /** This run's report once it finished. */
  readonly report: ReadinessReport | null;
}

export const IDLE_RUN: ReadinessRunState = {
  version: 0,
  running: false,
  cancelling: false,
  startedAt: null,
  steps: [],
  verdicts: {},
  prompt: null,
  report: null,
};

export function startedRun(at: number, version: number): ReadinessRunState {
  return { ...IDLE_RUN, version, running: true, startedAt: at };
}

const step = (run: ReadinessRunState, next: RunStep) => [...run.steps, next].slice(-MAX_RUN_STEPS);

/** The run after one progress event of the suite, as version `version`. */
export function advanceRun(run: ReadinessRunState, p: SuiteProgress, now: number, version: number): ReadinessRunState {
  return { ...advanced(run, p, now), version };
}

function advanced(run: ReadinessRunState, p: SuiteProgress, now: number): ReadinessRunState {
  switch (p.kind) {
    case 'step':
      return { ...run, steps: step(run, { at: now, step: p.step, message: p.message, ...(p.said ? { said: p.said } : {}) }) };
    case 'prompt':
      return { ...run, prompt: { kind: p.prompt, message: p.message, ...(p.said ? { said: p.said } : {}), timeoutS: p.timeoutS, since: now } };
    case 'prompt-done':
      return { ...run, prompt: null, steps: step(run, { at: now, step: p.prompt, message: p.message, ...(p.said ? { said: p.said } : {}) }) };
    case 'verdict':
      return { ...run, verdicts: { ...run.verdicts, [p.result.id]: p.result } };
    case 'cancelling':
      return { ...run, cancelling: true, prompt: null };
    case 'finished':
      return { ...run, running: false, cancelling: false, prompt: null, report: p.report };
  }
}
