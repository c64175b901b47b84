/**
 * Readiness runs started through the host: one at a time per charger, cancellable, progress
 * published as events so every UI watching sees it live. The host keeps each charger's run as a
 * page shows it (run-state.ts) and sends it whole with every change: a page opened, reloaded or in
 * a second tab during a run attaches to the run, and a finished run's result stays until the next.
 */
import type { CentralSystem } from '../central/central-system.ts';
import type { FileServer } from '../central/file-server.ts';
import { CATALOGUE } from '../readiness/catalogue.ts';
import type { FtpTransfers } from '../central/ftp-transfers.ts';
import type { ChargerModels } from '../charger/registry.ts';
import { centralDriver } from '../readiness/driver.ts';
import type { SuiteProgress } from '../readiness/session.ts';
import { runSuite, type ReadinessReport } from '../readiness/suite.ts';
import { IDLE_RUN, advanceRun, startedRun, type ReadinessRunState } from '../readiness/run-state.ts';
import { renderHtmlReport, type ReportLanguage } from '../readiness/report-html.ts';
import { readSession } from '../store/reader.ts';
import type { SessionRecord } from '../store/records.ts';
import type { ChargerModel } from '../charger/model.ts';
import { HostError, type CommandResults } from './contract.ts';
import { render, msg } from '../lib/message.ts';
import { MESSAGES_TH } from '../lib/messages-th.ts';

export type ReportFile = CommandResults['readiness.report'];

export interface ReadinessRunArgs {
  readonly chargerId: string;
  readonly sampleIntervalS?: number | undefined;
  readonly timeoutS?: number | undefined;
  readonly idleTimeoutS?: number | undefined;
}

export class ReadinessRuns {
  private readonly running = new Map<string, AbortController>();
  private readonly last = new Map<string, ReadinessReport>();
  private readonly runs = new Map<string, ReadinessRunState>();
  private version = 0;

  constructor(
    private readonly deps: {
      readonly central: CentralSystem;
      readonly models: ChargerModels;
      readonly fileServer?: FileServer;
      readonly ftp?: FtpTransfers;
      readonly saveReport?: (chargerId: string, report: ReadinessReport) => void;
      /** The latest report kept with the charger's session (a run of an earlier page, tab or app start). */
      readonly loadLatestReport?: (chargerId: string) => ReadinessReport | null;
    },
    private readonly publish: (chargerId: string, progress: SuiteProgress, run: ReadinessRunState) => void,
  ) {}

  /** The charger's run as a page shows it: the live one, or the last one of this host run, else idle. */
  state(chargerId: string): ReadinessRunState {
    return this.runs.get(chargerId) ?? IDLE_RUN;
  }

  private advance(chargerId: string, progress: SuiteProgress): void {
    const run = advanceRun(this.state(chargerId), progress, Date.now(), ++this.version);
    this.runs.set(chargerId, run);
    this.publish(chargerId, progress, run);
  }

  async run({ chargerId, sampleIntervalS, timeoutS, idleTimeoutS }: ReadinessRunArgs): Promise<ReadinessReport> {
    if (this.running.has(chargerId)) throw new HostError('failed', msg`a readiness check of ${chargerId} is already running`);
    const abort = new AbortController();
    this.running.set(chargerId, abort);
    this.runs.set(chargerId, startedRun(Date.now(), ++this.version));
    try {
      const report = await runSuite(
        centralDriver(
          this.deps.central,
          this.deps.models,
          chargerId,
          { ...(this.deps.fileServer ? { http: this.deps.fileServer } : {}), ...(this.deps.ftp ? { ftp: this.deps.ftp } : {}) },
          this.deps.central.state().host,
        ),
        {
          sampleIntervalS: sampleIntervalS ?? 10,
          connectTimeoutS: timeoutS ?? 300,
          physicalTimeoutS: timeoutS ?? 300,
          keepaliveIdleS: idleTimeoutS ?? 60,
          signal: abort.signal,
          onProgress: (progress) => this.advance(chargerId, progress),
        },
      );
      this.last.set(chargerId, report);
      try {
        this.deps.saveReport?.(chargerId, report);
      } catch {
        // Kept in memory for this run (readiness.report) even when the disk refuses it.
      }
      return report;
    } finally {
      this.running.delete(chargerId);
      // A run that ended without its report (a bug of the app) leaves no page waiting on it.
      const state = this.state(chargerId);
      if (state.running) this.runs.set(chargerId, { ...state, version: ++this.version, running: false, cancelling: false, prompt: null });
    }
  }

  /** The latest finished run of this charger: this run's, else the one kept with its session; null when none. */
  latest(chargerId: string): ReadinessReport | null {
    const kept = this.last.get(chargerId);
    if (kept) return kept;
    try {
      return this.deps.loadLatestReport?.(chargerId) ?? null;
    } catch {
      return null; // an unreadable report file is as good as none here; the library says why
    }
  }

  /** The last finished run's report as a file (readiness.report). */
  report(chargerId: string, format: 'json' | 'html', lang: ReportLanguage = 'en'): ReportFile {
    const report = this.latest(chargerId);
    if (!report) throw new HostError('failed', msg`no readiness report for ${chargerId} yet: run the suite first`);
    return reportFile(this.deps, report, format, lang);
  }

  /** The chargers whose readiness run is in progress. */
  runningIds(): string[] {
    return [...this.running.keys()];
  }

  /** Asks the run to stop; every page watching shows "cancelling" until the charger is restored and the run ends. */
  cancel(chargerId: string): boolean {
    const abort = this.running.get(chargerId);
    if (!abort) return false;
    if (!abort.signal.aborted) {
      abort.abort();
      this.advance(chargerId, { kind: 'cancelling' });
    }
    return true;
  }
}

/**
 * A report as a file: JSON as `fieldkit check --json` writes it, or the self-contained HTML with the
 * charger's records (its live session's, or `source`: a recorded session's model and records).
 */
export function reportFile(
  deps: { readonly central: CentralSystem; readonly models: ChargerModels },
  report: ReadinessReport,
  format: 'json' | 'html',
  lang: ReportLanguage = 'en',
  source?: { readonly model: ChargerModel; readonly records: () => Iterable<SessionRecord> },
): ReportFile {
  const stamp = report.finishedAt.replace(/[-:.]/g, '').slice(0, 15);
  const base = `readiness-${report.charger.replace(/[^\w.-]/g, '_')}-${stamp}`;
  if (format === 'json') return { fileName: `${base}.json`, mimeType: 'application/json', content: `${JSON.stringify(localised(report, lang), null, 2)}\n` };
  if (source) return { fileName: `${base}.html`, mimeType: 'text/html', content: renderHtmlReport(report, source.model, source.records(), lang) };
  const session = deps.central.sessionOf(report.charger);
  session?.flushNow();
  const records = session ? readSession(session.file).records : [];
  return { fileName: `${base}.html`, mimeType: 'text/html', content: renderHtmlReport(report, deps.models.builder(report.charger).model, records, lang) };
}

/**
 * The JSON report stays machine-readable: stable ids and the English reasons always; in Thai each
 * check also carries its Thai title, what passes and its reason, under `localised`.
 */
function localised(report: ReadinessReport, lang: ReportLanguage): unknown {
  if (lang === 'en') return report;
  return {
    ...report,
    lang,
    checks: report.checks.map((c) => {
      const th = CATALOGUE.find((d) => d.id === c.id)?.th;
      return th ? { ...c, localised: { lang, title: th.title, passes: th.passes, reason: render(c.said ?? c.reason, MESSAGES_TH) } } : c;
    }),
  };
}
