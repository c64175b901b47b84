/**
 * The readiness suite for one charger: run it, watch the checklist fill with verdicts and reasons
 * (each linking to its evidence frames), follow the prompts for physical steps, cancel at any time
 * (the suite restores the charger), and export the report as HTML or JSON.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckResult, CommandResults, HostApi } from '../../app/host/contract.ts';
import { NONE, useApp, useCommand, useHostContext, useNow } from '../hooks.ts';
import { actions, IDLE_READINESS } from '../state/app-store.ts';
import { Badge, CommandState, verdictTone } from '../components/common.tsx';
import { age, clock, download } from '../format.ts';
import { useSimulated } from './SimulatedCar.tsx';
import { said } from '../said.ts';

export function ReadinessPage({ chargerId }: { chargerId: string }) {
  const { host, store } = useHostContext();
  const run = useApp((s) => s.readiness[chargerId] ?? IDLE_READINESS);
  const checks = useApp((s) => s.info?.checks ?? NONE);
  const [sampleInterval, setSampleInterval] = useState(10);
  const [timeout, setTimeoutS] = useState(300);
  const [result, start] = useCommand('readiness.run');
  const [cancel, runCancel] = useCommand('readiness.cancel');
  const [exported, setExported] = useState<string | null>(null);
  const now = useNow(1000);
  const { t, i18n } = useTranslation();
  const thai = i18n.language === 'th';
  const [simulated] = useSimulated(chargerId);
  // A simulated charger's car is the app's own: the prompt gets a button instead of a trip to the car park.
  const answerPrompt = (prompt: 'plug-in' | 'unplug') =>
    host.invoke('sim.answerPrompt', { chargerId, prompt }).then(
      () => {},
      (err: Error) => actions.notify(store, 'error', err.message),
    );

  const begin = () => {
    store.setState((s) => ({ readiness: { ...s.readiness, [chargerId]: { ...IDLE_READINESS, running: true } } }));
    void start({ chargerId, sampleIntervalS: sampleInterval, timeoutS: timeout });
  };
  const exportAs = async (format: 'html' | 'json') => {
    try {
      const file = await host.invoke('readiness.report', { chargerId, format, lang: thai ? 'th' : 'en' });
      download(file.fileName, file.content, file.mimeType);
      setExported(file.fileName);
    } catch (err) {
      actions.notify(store, 'error', (err as Error).message);
    }
  };
  // A run finished before this page was opened (a reload, another tab, an earlier start of the app).
  const earlier = useLatestReport(host, chargerId, run.running || result.state !== 'idle');
  const report = result.state === 'done' ? result.value : run.running || Object.keys(run.verdicts).length > 0 ? null : earlier;
  const judgedLive = !report && !run.running && Object.keys(run.verdicts).length === 0;
  const live = useLivePassive(host, chargerId, judgedLive);
  const verdicts = report ? Object.fromEntries(report.checks.map((c) => [c.id, c])) : judgedLive ? (live ?? {}) : run.verdicts;
  const ready = report?.ready ?? run.ready;
  const lastStep = run.steps.at(-1);

  return (
    <div className="page readiness-page" data-testid="readiness-page">
      <section className="card">
        <div className="row">
          <label>
            {t('readiness.sampleInterval')}{' '}
            <input
              type="number"
              min={1}
              max={3600}
              value={sampleInterval}
              onChange={(e) => setSampleInterval(Number(e.target.value))}
              data-testid="readiness-interval"
            />
          </label>
          <label>
            {t('readiness.waitFor')} <input type="number" min={10} max={86400} value={timeout} onChange={(e) => setTimeoutS(Number(e.target.value))} />
          </label>
          {run.running ? (
            <button type="button" onClick={() => runCancel({ chargerId })} data-testid="readiness-cancel">
              {t('readiness.cancel')}
            </button>
          ) : (
            <button type="button" className="primary" onClick={begin} data-testid="readiness-run">
              {t('readiness.run')}
            </button>
          )}
          <CommandState pending={cancel}>{(c) => (c.cancelled ? <span className="muted">{t('readiness.cancelling')}</span> : null)}</CommandState>
        </div>
        <p className="muted small-text">{t('readiness.restores')}</p>
        {judgedLive && (
          <p className="small-text" data-testid="readiness-live">
            <Badge tone="info">{t('readiness.live')}</Badge> {t('readiness.liveExplained')}
          </p>
        )}
        {run.prompt && (
          <div className="banner prompt" data-testid="readiness-prompt">
            <strong>{t(`readiness.prompt.${run.prompt.kind}`)}</strong> —{' '}
            {t('readiness.waitingUpTo', { timeout: run.prompt.timeoutS, age: age(now - run.prompt.since) })}
            {simulated && (
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
        {result.state === 'error' && <p className="error-text">{t('readiness.couldNotRun', { message: result.message })}</p>}
        {ready !== null && !run.running && (
          <div className={`verdict ${ready ? 'ok' : 'bad'}`} data-testid="readiness-verdict" data-ready={String(ready)}>
            {ready ? t('readiness.ready') : t('readiness.notReady')}
            {report?.cancelled ? ` ${t('readiness.cancelled')}` : ''}
            {report && (
              <div className="small-text" data-testid="readiness-finished-at">
                {t('readiness.finishedAt', { at: clock(Date.parse(report.finishedAt)), age: age(now - Date.parse(report.finishedAt)) })}
              </div>
            )}
            {report && !report.cleanup.done && <div className="error-text">{t('readiness.cleanupIncomplete', { problem: report.cleanup.problem })}</div>}
          </div>
        )}
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
        <table className="grid checklist" data-testid="checklist">
          <thead>
            <tr>
              <th>{t('readiness.check')}</th>
              <th />
              <th>{t('readiness.verdict')}</th>
              <th>{t('readiness.reason')}</th>
              <th>{t('readiness.evidence')}</th>
            </tr>
          </thead>
          <tbody>
            {checks.map((c) => {
              const v = verdicts[c.id];
              return (
                <tr key={c.id} data-check={c.id} data-verdict={v?.verdict ?? ''}>
                  <td>
                    <strong>{thai ? c.th.title : c.title}</strong>
                    <div className="muted small-text">
                      <code>{c.id}</code>
                    </div>
                  </td>
                  <td className="small-text">{t(`readiness.requirement.${c.requirement}`)}</td>
                  <td>{v ? <Badge tone={verdictTone(v.verdict)}>{v.verdict.toUpperCase()}</Badge> : run.running ? <span className="muted">…</span> : ''}</td>
                  <td className="small-text">{v ? said(v.said, v.reason) : <span className="muted">{thai ? c.th.passes : c.passes}</span>}</td>
                  <td className="small-text">
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
      </section>
      {run.steps.length > 0 && (
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

/** The latest finished run the host keeps for this charger; asked again after each run of this page. */
function useLatestReport(host: HostApi, chargerId: string, busy: boolean) {
  const [latest, setLatest] = useState<CommandResults['readiness.latest']['report']>(null);
  useEffect(() => {
    if (busy) return;
    let stale = false;
    host.invoke('readiness.latest', { chargerId }).then(
      ({ report }) => !stale && setLatest(report),
      () => !stale && setLatest(null),
    );
    return () => {
      stale = true;
    };
  }, [host, chargerId, busy]);
  return latest;
}
