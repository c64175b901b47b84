/**
 * The readiness suite for one charger: run it, watch the checklist fill with verdicts and reasons
 * (each linking to its evidence frames), follow the prompts for physical steps, cancel at any time
 * (the suite restores the charger), and export the report as HTML or JSON.
 *
 * The page shows the run the host keeps, never a run of its own: opened in a second tab, after a
 * reload or after a trip to another page, it attaches to the live run (steps, prompt, Cancel) or
 * shows the finished one with its Export buttons. A recorded session (an opened bundle, the library)
 * shows the reports recorded with it, read-only.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readNumber } from '../state/number-text.ts';
import type { CheckResult, CommandResults, HostApi, ReadinessReport } from '../../app/host/contract.ts';
import { NONE, useApp, useHostContext, useNow } from '../hooks.ts';
import { actions, newerRun, type AppStore } from '../state/app-store.ts';
import { IDLE_RUN } from '../../app/readiness/run-state.ts';
import { Badge, verdictTone } from '../components/common.tsx';
import { age, clock, dateTime, download } from '../format.ts';
import { useSimulated } from './SimulatedCar.tsx';
import { said } from '../said.ts';

type Kept = CommandResults['readiness.state'];

export function ReadinessPage({ chargerId }: { chargerId: string }) {
  const { host, store } = useHostContext();
  const { t, i18n } = useTranslation();
  const run = useApp((s) => s.readiness[chargerId] ?? IDLE_RUN);
  const checks = useApp((s) => s.info?.checks ?? NONE);
  // As typed: an emptied field is "required", never 0 (the run is not started with it).
  const [sampleIntervalText, setSampleInterval] = useState('10');
  const [timeoutText, setTimeoutS] = useState('300');
  const sampleInterval = readNumber(sampleIntervalText, { integer: true, min: 1, max: 3600 });
  const timeout = readNumber(timeoutText, { integer: true, min: 10, max: 86400 });
  const formProblems = [
    sampleInterval.problem && { field: t('readiness.sampleInterval'), problem: sampleInterval.problem },
    timeout.problem && { field: t('readiness.waitFor'), problem: timeout.problem },
  ].filter((p) => p !== null);
  const [runError, setRunError] = useState<string | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const now = useNow(1000);
  const thai = i18n.language === 'th';
  const [simulated] = useSimulated(chargerId);
  const kept = useKeptReadiness(host, store, chargerId, run.running);
  const readOnly = kept?.readOnly === true;
  const [chosen, setChosen] = useState<string | null>(null);
  const recorded = kept?.recorded ?? NONE;
  const shownRecorded = recorded.find((r) => r.name === chosen) ?? recorded.at(-1) ?? null;
  // A simulated charger's car is the app's own: the prompt gets a button instead of a trip to the car park.
  const answerPrompt = (prompt: 'plug-in' | 'unplug') =>
    host.invoke('sim.answerPrompt', { chargerId, prompt }).then(
      ({ did }) => actions.notify(store, 'info', did),
      (err: Error) => actions.notify(store, 'error', err.message),
    );
  const begin = () => {
    if (sampleInterval.value === null || timeout.value === null) return;
    setRunError(null);
    setExported(null);
    // The run's events (or, when another tab started one, the host's state) fill the page.
    host.invoke('readiness.run', { chargerId, sampleIntervalS: sampleInterval.value, timeoutS: timeout.value }).catch((err: Error) => {
      setRunError(err.message);
      void refreshRun(host, store, chargerId);
    });
  };
  const cancel = () => host.invoke('readiness.cancel', { chargerId }).catch((err: Error) => actions.notify(store, 'error', err.message));
  const exportAs = async (format: 'html' | 'json') => {
    try {
      const file = await host.invoke('readiness.report', { chargerId, format, lang: thai ? 'th' : 'en' });
      download(file.fileName, file.content, file.mimeType);
      setExported(file.fileName);
    } catch (err) {
      actions.notify(store, 'error', (err as Error).message);
    }
  };
  // What the page shows: the live run; else this host run's finished run; else the report kept with the session (or recorded with it).
  const report: ReadinessReport | null = run.running ? null : readOnly ? (shownRecorded?.report ?? null) : (run.report ?? kept?.latest ?? null);
  const judgedLive = !report && !run.running;
  const live = useLivePassive(host, chargerId, judgedLive);
  const verdicts = report ? Object.fromEntries(report.checks.map((c) => [c.id, c])) : judgedLive ? (live ?? {}) : run.verdicts;
  const lastStep = run.steps.at(-1);

  return (
    <div className="page readiness-page" data-testid="readiness-page" data-running={String(run.running)}>
      <section className="card">
        {readOnly ? (
          <RecordedReports recorded={recorded} shown={shownRecorded?.name ?? null} onChoose={setChosen} />
        ) : (
          <>
            <div className="row">
              <label>
                {t('readiness.sampleInterval')}{' '}
                <input
                  inputMode="numeric"
                  size={5}
                  value={sampleIntervalText}
                  onChange={(e) => setSampleInterval(e.target.value)}
                  disabled={run.running}
                  data-testid="readiness-interval"
                />
              </label>
              <label>
                {t('readiness.waitFor')}{' '}
                <input
                  inputMode="numeric"
                  size={6}
                  value={timeoutText}
                  onChange={(e) => setTimeoutS(e.target.value)}
                  disabled={run.running}
                  data-testid="readiness-timeout"
                />
              </label>
              {run.running ? (
                run.cancelling ? (
                  <span className="muted" data-testid="readiness-cancelling">
                    <span className="spinner" /> {t('readiness.cancelling')}
                  </span>
                ) : (
                  <button type="button" onClick={cancel} data-testid="readiness-cancel">
                    {t('readiness.cancel')}
                  </button>
                )
              ) : (
                <button type="button" className="primary" onClick={begin} disabled={formProblems.length > 0} data-testid="readiness-run">
                  {t('readiness.run')}
                </button>
              )}
              {formProblems.map((p) => (
                <span key={p.field} className="error-text" data-testid="readiness-form-problem">
                  {p.field}: {t(`form.${p.problem.key}`, p.problem.values ?? {})}
                </span>
              ))}
            </div>
            <p className="muted small-text">{t('readiness.restores')}</p>
          </>
        )}
        {judgedLive && (
          <p className="small-text" data-testid="readiness-live">
            <Badge tone="info">{t('readiness.live')}</Badge> {readOnly ? t('readiness.liveRecorded') : t('readiness.liveExplained')}
          </p>
        )}
        {run.prompt && (
          <div className="banner prompt" data-testid="readiness-prompt">
            <strong>{said(run.prompt.said, run.prompt.message)}</strong> —{' '}
            {t('readiness.waitingUpTo', { timeout: run.prompt.timeoutS, age: age(now - run.prompt.since) })}
            {simulated && !run.cancelling && (
              <button type="button" className="primary" onClick={() => answerPrompt(run.prompt!.kind)} data-testid="readiness-prompt-simulate">
                {run.prompt.kind === 'plug-in' ? t('readiness.plugSimulated') : t('readiness.unplugSimulated')}
              </button>
            )}
          </div>
        )}
        {run.running && lastStep && (
          <p data-testid="readiness-step">
            <span className="spinner" /> {lastStep.step}: {said(lastStep.said, lastStep.message)}
          </p>
        )}
        {runError && <p className="error-text">{t('readiness.couldNotRun', { message: runError })}</p>}
        {report && <Verdict report={report} now={now} />}
        {report && (
          <div className="row">
            <button type="button" onClick={() => exportAs('html')} data-testid="export-html">
              {t('readiness.exportHtml')}
            </button>
            <button type="button" onClick={() => exportAs('json')} data-testid="export-json">
              {t('readiness.exportJson')}
            </button>
            {exported && <span className="muted">{t('readiness.saved', { file: exported })}</span>}
          </div>
        )}
      </section>
      <section className="card">
        <div className="table-scroll">
          <table className="grid checklist" data-testid="checklist">
            <colgroup>
              <col className="col-check" />
              <col className="col-counts" />
              <col className="col-verdict" />
              <col />
              <col className="col-evidence" />
            </colgroup>
            <thead>
              <tr>
                <th>{t('readiness.check')}</th>
                <th>{t('readiness.counts')}</th>
                <th>{t('readiness.verdict')}</th>
                <th>{t('readiness.reason')}</th>
                <th>{t('readiness.evidence')}</th>
              </tr>
            </thead>
            <tbody>
              {checks.map((c) => {
                const v: CheckResult | undefined = verdicts[c.id];
                return (
                  <tr key={c.id} data-check={c.id} data-verdict={v?.verdict ?? ''}>
                    <td>
                      <strong>{thai ? c.th.title : c.title}</strong>
                      <div className="muted small-text">
                        <code>{c.id}</code>
                      </div>
                    </td>
                    <td className="small-text">{t(`readiness.requirement.${c.requirement}`)}</td>
                    <td>
                      {v ? (
                        <Badge tone={verdictTone(v.verdict)}>{t(`readiness.verdicts.${v.verdict}`)}</Badge>
                      ) : run.running ? (
                        <span className="muted">…</span>
                      ) : (
                        ''
                      )}
                    </td>
                    <td className="small-text">{v ? said(v.said, v.reason) : <span className="muted">{thai ? c.th.passes : c.passes}</span>}</td>
                    <td className="small-text evidence">
                      {v?.evidence.slice(0, 6).map((seq) => (
                        <button key={seq} type="button" className="link" onClick={() => actions.showFrame(store, chargerId, seq)}>
                          #{seq}
                        </button>
                      ))}
                      {v && v.evidence.length > 6 ? ` +${v.evidence.length - 6}` : ''}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      {run.steps.length > 0 && !readOnly && (
        <section className="card">
          <h2>{t('readiness.steps')}</h2>
          <ol className="steps">
            {run.steps.map((s, i) => (
              <li key={i}>
                {clock(s.at)} <strong>{s.step}</strong> {said(s.said, s.message)}
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}

/** The overall verdict in one word, when it was reached, and what stands in the way of ready. */
function Verdict({ report, now }: { report: ReadinessReport; now: number }) {
  const { t } = useTranslation();
  const verdict = report.verdict;
  const tone = verdict === 'ready' ? 'ok' : verdict === 'not-ready' ? 'bad' : 'warn';
  return (
    <div className={`verdict ${tone}`} data-testid="readiness-verdict" data-verdict={verdict} data-ready={String(verdict === 'ready')}>
      {t(`readiness.overall.${verdict}`)}
      {report.cancelled ? ` ${t('readiness.cancelled')}` : ''}
      <div className="small-text" data-testid="readiness-finished-at">
        {t('readiness.finishedAt', { at: dateTime(Date.parse(report.finishedAt)), age: age(now - Date.parse(report.finishedAt)) })}
      </div>
      {verdict === 'not-ready' && report.failed.length > 0 && (
        <div className="small-text" data-testid="readiness-failed">
          {t('readiness.toFix', { checks: report.failed.join(', ') })}
        </div>
      )}
      {verdict === 'incomplete' && report.notJudged.length > 0 && (
        <div className="small-text" data-testid="readiness-not-judged">
          {t('readiness.notJudged')}
          <ul>
            {report.notJudged.map((n) => (
              <li key={n.id}>
                <code>{n.id}</code>: {said(n.said, n.reason)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {!report.cleanup.done && (
        <div className="error-text">{t('readiness.cleanupIncomplete', { problem: said(report.cleanup.problemSaid, report.cleanup.problem ?? '') })}</div>
      )}
    </div>
  );
}

/** A recorded session's reports: read-only, newest shown first, each with its time and verdict. */
function RecordedReports({ recorded, shown, onChoose }: { recorded: Kept['recorded']; shown: string | null; onChoose: (name: string) => void }) {
  const { t } = useTranslation();
  if (recorded.length === 0)
    return (
      <p className="muted" data-testid="readiness-read-only">
        {t('readiness.recordedNone')}
      </p>
    );
  return (
    <div className="row" data-testid="readiness-read-only">
      <span>{t('readiness.recordedReports', { count: recorded.length })}</span>
      {recorded.length > 1 && (
        <select value={shown ?? ''} onChange={(e) => onChoose(e.target.value)} data-testid="readiness-recorded">
          {recorded.map((r) => (
            <option key={r.name} value={r.name}>
              {dateTime(Date.parse(r.report.finishedAt))} · {t(`readiness.overall.${r.report.verdict}`)}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}

/** The host's state of this charger's run, seeded into the store (the newer copy wins), with what is kept beside it. */
function refreshRun(host: HostApi, store: AppStore, chargerId: string): Promise<Kept | null> {
  return host.invoke('readiness.state', { chargerId }).then(
    (kept) => {
      store.setState((s) => ({ readiness: { ...s.readiness, [chargerId]: newerRun(s.readiness[chargerId], kept.run) } }));
      return kept;
    },
    () => null,
  );
}

/**
 * What the host keeps for this charger's Readiness page: asked when the page opens (a reload, a
 * second tab, a trip to another page) and again when a run ends.
 */
function useKeptReadiness(host: HostApi, store: AppStore, chargerId: string, running: boolean): Kept | null {
  const [kept, setKept] = useState<{ chargerId: string; value: Kept } | null>(null);
  useEffect(() => {
    let stale = false;
    void refreshRun(host, store, chargerId).then((value) => !stale && value && setKept({ chargerId, value }));
    return () => {
      stale = true;
    };
  }, [host, store, chargerId, running]);
  return kept?.chargerId === chargerId ? kept.value : null;
}

/** The passive checks judged now, refreshed every few seconds while nothing else is shown. */
function useLivePassive(host: HostApi, chargerId: string, enabled: boolean): Record<string, CheckResult> | null {
  const [checks, setChecks] = useState<Record<string, CheckResult> | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    const fetchNow = () =>
      host.invoke('readiness.passive', { chargerId }).then(
        (r) => !stopped && setChecks(Object.fromEntries(r.checks.map((c) => [c.id, c]))),
        () => {},
      );
    void fetchNow();
    const timer = setInterval(fetchNow, 3_000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [host, chargerId, enabled]);
  return enabled ? checks : null;
}
