/** A readiness run's report: what the suite returns, the host keeps, the library stores and both report files render. */
import type { Identity } from '../charger/model.ts';
import type { CheckResult } from './catalogue.ts';
import { z } from 'zod';
import { saidSchema } from '../lib/said-schema.ts';
import { render, type Message } from '../lib/message.ts';
import { OVERALL_VERDICTS, overallVerdict, type NotJudged, type OverallVerdict } from './verdict.ts';

/** What the clean-up did: in English (actions, problem) and as messages beside them, for the reader's language. */
export interface CleanupReport {
  readonly done: boolean;
  readonly actions: readonly string[];
  readonly problem: string | null;
  /** The same actions as messages (absent in reports written before there were). */
  readonly actionsSaid?: readonly Message[];
  readonly problemSaid?: Message | null;
}

/** A clean-up report from its messages: the English beside each, as every reader reads one or the other. */
export function cleanupReport(done: boolean, actions: readonly Message[], problem: Message | null): CleanupReport {
  return { done, actions: actions.map((a) => render(a)), problem: problem && render(problem), actionsSaid: actions, problemSaid: problem };
}

export interface ReadinessReport {
  readonly charger: string;
  /** ready, not-ready or incomplete (verdict.ts): the one word every reader shows. */
  readonly verdict: OverallVerdict;
  /** True only when the verdict is ready (kept for readers of the first report format). */
  readonly ready: boolean;
  /** Required checks that stand in the way of ready (failed, or warned beyond what their row accepts). */
  readonly failed: readonly string[];
  /** Required checks that were not judged, each with what to do about it. */
  readonly notJudged: readonly NotJudged[];
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly cancelled: boolean;
  readonly identity: Identity | null;
  readonly connection: { readonly scheme: string; readonly remote: string; readonly tls: string | null } | null;
  readonly checks: readonly CheckResult[];
  readonly cleanup: CleanupReport;
}

/** A report kept with a recorded session (a bundle's, the library's), by its file name. */
export interface RecordedReport {
  readonly name: string;
  readonly report: ReadinessReport;
}

const said = saidSchema;
const check = z
  .object({
    id: z.string().max(128),
    required: z.boolean(),
    verdict: z.enum(['pass', 'fail', 'warn', 'skip']),
    reason: z.string().max(16_384),
    said: said.optional(),
    evidence: z.array(z.number()).max(100_000),
  })
  .loose();
const reportSchema = z
  .object({
    charger: z.string().max(1_024),
    verdict: z.enum(OVERALL_VERDICTS).optional(),
    ready: z.boolean(),
    failed: z.array(z.string().max(128)).max(256).optional(),
    notJudged: z
      .array(z.object({ id: z.string().max(128), reason: z.string().max(16_384), said: said.optional() }).loose())
      .max(256)
      .optional(),
    startedAt: z.string().max(64),
    finishedAt: z.string().max(64),
    cancelled: z.boolean(),
    identity: z.record(z.string(), z.unknown()).nullable(),
    connection: z.object({ scheme: z.string(), remote: z.string(), tls: z.string().nullable() }).loose().nullable(),
    checks: z.array(check).max(256),
    cleanup: z
      .object({
        done: z.boolean(),
        actions: z.array(z.string()).max(256),
        problem: z.string().nullable(),
        actionsSaid: z.array(saidSchema).max(256).optional(),
        problemSaid: saidSchema.nullable().optional(),
      })
      .loose(),
  })
  .loose();

/**
 * A report read from a file (a bundle from a site, a report folder): checked before it is shown, and
 * its verdict decided again from its checks by today's rule, so the word shown always agrees with the
 * rows under it (a report written before there were three verdicts said READY over skipped checks).
 * null when it is not a readiness report.
 */
export function parseReport(json: string): ReadinessReport | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = reportSchema.safeParse(value);
  if (!parsed.success) return null;
  const report = parsed.data as unknown as ReadinessReport;
  const { verdict, failed, notJudged } = overallVerdict(report.checks, { cancelled: report.cancelled });
  return { ...report, verdict, ready: verdict === 'ready', failed, notJudged };
}
