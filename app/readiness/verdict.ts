/**
 * The overall verdict of a readiness run, decided in one place for the CLI, the UI and both reports.
 *
 * - ready: every required check passed (a warn counts only where its catalogue row accepts that warn,
 *   e.g. a clock 60–300 s off) and each "one of two" group has a pass;
 * - not ready: a required check failed (or warned beyond what its row accepts);
 * - incomplete: nothing required failed, but a required check was not judged (skipped, timed out,
 *   cancelled, the charger never connected). A cancelled run is always incomplete.
 *
 * A skip is never a pass: a charger that was never metered nor limited is not ready for a
 * smart-charging platform, it is unproven.
 */
import { CATALOGUE, type CheckDefinition, type CheckResult } from './catalogue.ts';
import type { Message } from '../lib/message.ts';

export type OverallVerdict = 'ready' | 'not-ready' | 'incomplete';

export const OVERALL_VERDICTS: readonly OverallVerdict[] = ['ready', 'not-ready', 'incomplete'];

/** A required check that was not judged, with its reason (which says what to do). */
export interface NotJudged {
  readonly id: string;
  readonly reason: string;
  readonly said?: Message;
}

export interface VerdictSummary {
  readonly verdict: OverallVerdict;
  /** Required checks that stand in the way: failed, or warned beyond what their row accepts. */
  readonly failed: readonly string[];
  /** Required checks not judged, each with what to do about it. */
  readonly notJudged: readonly NotJudged[];
}

const definitions = new Map(CATALOGUE.map((c) => [c.id, c]));

/** Whether a result counts as passed for the overall verdict. */
export function counts(result: Pick<CheckResult, 'id' | 'verdict'>, def: CheckDefinition | undefined = definitions.get(result.id)): boolean {
  return result.verdict === 'pass' || (result.verdict === 'warn' && def?.warnAccepted === true);
}

/**
 * The verdict over a run's results. `cancelled`: the run was cancelled (incomplete whatever it saw).
 * Results for ids outside the catalogue (a newer report read by an older app) are judged by their
 * `required` flag alone.
 */
export function overallVerdict(checks: readonly CheckResult[], run: { readonly cancelled: boolean }): VerdictSummary {
  const failed: string[] = [];
  const notJudged: NotJudged[] = [];
  const group: CheckResult[] = [];
  const unjudged = (c: CheckResult) => notJudged.push({ id: c.id, reason: c.reason, ...(c.said ? { said: c.said } : {}) });
  for (const c of checks) {
    if (!c.required) continue;
    const def = definitions.get(c.id);
    if (def?.requirement === 'either-smart') {
      group.push(c);
      continue;
    }
    if (counts(c, def)) continue;
    if (c.verdict === 'skip') unjudged(c);
    else failed.push(c.id);
  }
  // One of the two must pass; with none passed, a skipped one may still: unjudged, not failed.
  if (group.length > 0 && !group.some((c) => c.verdict === 'pass')) {
    const skipped = group.filter((c) => c.verdict === 'skip');
    if (skipped.length > 0) skipped.forEach(unjudged);
    else failed.push(...group.map((c) => c.id));
  }
  const verdict: OverallVerdict = run.cancelled ? 'incomplete' : failed.length > 0 ? 'not-ready' : notJudged.length > 0 ? 'incomplete' : 'ready';
  return { verdict, failed, notJudged };
}

/** The verdict of a report as kept: its own, or (a report written before there were three) decided again from its checks. */
export function verdictOf(report: {
  readonly verdict?: OverallVerdict;
  readonly checks: readonly CheckResult[];
  readonly cancelled?: boolean;
}): OverallVerdict {
  if (report.verdict && OVERALL_VERDICTS.includes(report.verdict)) return report.verdict;
  return overallVerdict(report.checks, { cancelled: report.cancelled === true }).verdict;
}

/** The exit status of `fieldkit check` for a verdict (2 is kept for usage and environment errors). */
export function exitCodeOf(verdict: OverallVerdict): number {
  return verdict === 'ready' ? 0 : verdict === 'not-ready' ? 1 : 3;
}

/** The verdict as printed (CLI, summary lines). */
export function verdictLabel(verdict: OverallVerdict): string {
  return verdict === 'ready' ? 'READY' : verdict === 'not-ready' ? 'NOT READY' : 'INCOMPLETE';
}
