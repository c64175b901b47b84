/**
 * The sessions library: every recorded session with its charger, time span, frames and readiness
 * verdict; search by charger, vendor, model or day; show one read-only, export it for support (the
 * dialog lists what will be redacted first), CSV and HAR exports, delete with a confirmation; the
 * disk the library takes and how long it keeps sessions. A bundle received from a site opens here.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { said } from '../said.ts';
import type { BundleDiagnostics, CommandResults, SessionSummary } from '../../app/host/contract.ts';
import { useApp, useCommand, useHostContext } from '../hooks.ts';
import { actions } from '../state/app-store.ts';
import { Badge, CommandState, DropZone } from '../components/common.tsx';
import { base64ToBytes, download, fileToBase64 } from '../format.ts';

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`);
const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

export function SessionsPage() {
  const { t } = useTranslation();
  const { host } = useHostContext();
  const [text, setText] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [listing, setListing] = useState<CommandResults['sessions.list'] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [exporting, setExporting] = useState<SessionSummary | null>(null);

  const refresh = useCallback(() => {
    host.invoke('sessions.list', { ...(text ? { text } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) }).then(
      (l) => (setListing(l), setProblem(null)),
      (err: Error) => setProblem(err.message),
    );
  }, [host, text, from, to]);
  useEffect(() => {
    const timer = setTimeout(refresh, 200);
    return () => clearTimeout(timer);
  }, [refresh]);

  return (
    <div className="page sessions-page" data-testid="sessions-page">
      <OpenBundle />
      <OpenedBundleDiagnostics />
      <section className="card">
        <div className="row">
          <input
            type="search"
            placeholder={t('sessions.search')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            data-testid="sessions-search"
            size={36}
          />
          <label>
            {t('sessions.from')} <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label>
            {t('sessions.to')} <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          {listing && (
            <span className="muted" data-testid="sessions-usage">
              {t('sessions.usage', { count: listing.usage.sessions, size: size(listing.usage.bytes) })}
            </span>
          )}
          {listing && <Retention days={listing.retentionDays} onChanged={refresh} />}
        </div>
        {problem && <p className="error-text">{problem}</p>}
        <table className="grid sessions" data-testid="sessions-table">
          <thead>
            <tr>
              <th>{t('sessions.started')}</th>
              <th>{t('sessions.charger')}</th>
              <th>{t('sessions.span')}</th>
              <th>{t('sessions.frames')}</th>
              <th>{t('sessions.readiness')}</th>
              <th>{t('sessions.size')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {listing?.sessions.map((s) => (
              <SessionRow key={s.id} session={s} onExport={() => setExporting(s)} onDeleted={refresh} />
            ))}
          </tbody>
        </table>
        {listing?.sessions.length === 0 && <p className="muted">{text || from || to ? t('sessions.noneMatch') : t('sessions.noneYet')}</p>}
      </section>
      {exporting && <ExportDialog session={exporting} onClose={() => setExporting(null)} />}
    </div>
  );
}

function SessionRow({ session: s, onExport, onDeleted }: { session: SessionSummary; onExport: () => void; onDeleted: () => void }) {
  const { t } = useTranslation();
  const { store } = useHostContext();
  const [confirming, setConfirming] = useState(false);
  const [deleted, runDelete] = useCommand('sessions.delete');
  const [shown, show] = useCommand('sessions.show');
  const [file, exportFile] = useCommand('sessions.exportFile');
  const open = async () => {
    const result = await show({ sessionId: s.id });
    if (result) actions.select(store, result.chargerId, 'charger');
  };
  const exportAs = async (kind: 'messages-csv' | 'meter-csv' | 'har') => {
    const result = await exportFile({ sessionId: s.id, kind });
    if (result) download(result.fileName, result.content, result.mimeType);
  };
  return (
    <tr data-testid="session-row" data-session={s.id}>
      <td>{when(s.started)}</td>
      <td>
        <strong>{s.chargerId ?? '–'}</strong>
        <div className="muted small-text">
          {[s.vendor, s.model, s.serialNumber].filter(Boolean).join(' · ')} {s.source !== 'central' && <Badge tone="info">{s.source}</Badge>}
        </div>
      </td>
      <td className="small-text">
        {when(s.started)} → {when(s.ended).slice(s.started.slice(0, 10) === s.ended.slice(0, 10) ? 11 : 0)}
      </td>
      <td>{s.frames}</td>
      <td>
        {s.verdict ? (
          <Badge tone={s.verdict.verdict === 'ready' ? 'ok' : s.verdict.verdict === 'not-ready' ? 'bad' : 'warn'}>
            {t(`sessions.verdict.${s.verdict.verdict}`)}
          </Badge>
        ) : (
          <span className="muted">–</span>
        )}
      </td>
      <td>{size(s.bytes)}</td>
      <td className="row">
        <button type="button" className="small" onClick={open} data-testid="session-show">
          {t('sessions.show')}
        </button>
        <button type="button" className="small" onClick={onExport} data-testid="session-export">
          {t('sessions.export')}
        </button>
        <button type="button" className="small" onClick={() => exportAs('messages-csv')}>
          {t('sessions.logCsv')}
        </button>
        <button type="button" className="small" onClick={() => exportAs('meter-csv')}>
          {t('sessions.meterCsv')}
        </button>
        <button type="button" className="small" onClick={() => exportAs('har')}>
          HAR
        </button>
        {confirming ? (
          <span className="confirm">
            {t('sessions.deleteForGood')}{' '}
            <button
              type="button"
              className="small danger"
              onClick={async () => (await runDelete({ sessionId: s.id })) && onDeleted()}
              data-testid="session-delete-confirm"
            >
              {t('sessions.delete')}
            </button>
            <button type="button" className="small" onClick={() => setConfirming(false)}>
              {t('sessions.keep')}
            </button>
          </span>
        ) : (
          <button type="button" className="small" onClick={() => setConfirming(true)} data-testid="session-delete">
            {t('sessions.deleteEllipsis')}
          </button>
        )}
        <CommandState pending={deleted} />
        <CommandState pending={shown} />
        <CommandState pending={file} />
      </td>
    </tr>
  );
}

function ExportDialog({ session, onClose }: { session: SessionSummary; onClose: () => void }) {
  const { t } = useTranslation();
  const { host } = useHostContext();
  const [hideIdTags, setHideIdTags] = useState(false);
  const [includeUnchecked, setIncludeUnchecked] = useState(false);
  const [preview, setPreview] = useState<CommandResults['sessions.redactions'] | null>(null);
  const [exported, runExport] = useCommand('sessions.export');
  useEffect(() => {
    let stale = false;
    host.invoke('sessions.redactions', { sessionId: session.id, hideIdTags }).then(
      (p) => !stale && setPreview(p),
      () => {},
    );
    return () => void (stale = true);
  }, [host, session.id, hideIdTags]);
  const save = async () => {
    const result = await runExport({ sessionId: session.id, hideIdTags, includeUncheckedDiagnostics: includeUnchecked });
    if (result) download(result.fileName, base64ToBytes(result.contentBase64), 'application/zip');
  };
  return (
    <section className="card dialog" role="dialog" aria-label={t('sessions.exportForSupport')} data-testid="export-dialog">
      <h2>{t('sessions.exportTitle', { chargerId: session.chargerId })}</h2>
      <p className="small-text">{t('sessions.exportExplained')}</p>
      <label>
        <input type="checkbox" checked={hideIdTags} onChange={(e) => setHideIdTags(e.target.checked)} data-testid="export-hide-tags" /> {t('sessions.hideTags')}
      </label>
      <h3>{t('sessions.redacted')}</h3>
      <ul data-testid="export-redactions">
        {preview?.redactions.map((r) => (
          <li key={r.kind} data-kind={r.kind}>
            {r.what}: <strong>{r.count}</strong> {t('sessions.found')}
          </li>
        ))}
        <li>{t('sessions.passwordsNever')}</li>
      </ul>
      {preview && preview.diagnostics.length > 0 && (
        <>
          <h3>{t('sessions.diagnosticsFiles')}</h3>
          <p className="small-text muted">{t('sessions.diagnosticsExplained')}</p>
          <ul data-testid="export-diagnostics">
            {preview.diagnostics.map((d) => (
              <li key={d.name}>
                <code>{d.name}</code> ({size(d.bytes)})
              </li>
            ))}
          </ul>
          <label>
            <input type="checkbox" checked={includeUnchecked} onChange={(e) => setIncludeUnchecked(e.target.checked)} data-testid="export-unchecked" />{' '}
            {t('sessions.includeUnchecked')}
          </label>
        </>
      )}
      <div className="row">
        <button type="button" className="primary" onClick={save} data-testid="export-save">
          {t('sessions.exportButton')}
        </button>
        <button type="button" onClick={onClose}>
          {t('sessions.close')}
        </button>
        <CommandState pending={exported}>{(r) => <span className="ok-text">{t('sessions.saved', { file: r.fileName })}</span>}</CommandState>
      </div>
      {exported.state === 'done' && exported.value.manifest.diagnostics && <DiagnosticsNotes diagnostics={exported.value.manifest.diagnostics} />}
    </section>
  );
}

function Retention({ days, onChanged }: { days: number | null; onChanged: () => void }) {
  const { t } = useTranslation();
  const [set, run] = useCommand('sessions.setRetention');
  const change = async (value: string) => {
    if (await run({ days: value === '' ? null : Number(value) })) onChanged();
  };
  return (
    <label>
      {t('sessions.keepSessions')}{' '}
      <select value={days === null ? '' : String(days)} onChange={(e) => void change(e.target.value)} data-testid="sessions-retention">
        <option value="">{t('sessions.forEver')}</option>
        {[7, 30, 90, 365].map((d) => (
          <option key={d} value={d}>
            {t('sessions.days', { count: d })}
          </option>
        ))}
        {days !== null && ![7, 30, 90, 365].includes(days) && <option value={days}>{t('sessions.days', { count: days })}</option>}
      </select>
      <CommandState pending={set}>
        {(r) => (r.deleted.length > 0 ? <span className="muted"> {t('sessions.olderDeleted', { count: r.deleted.length })}</span> : null)}
      </CommandState>
    </label>
  );
}

/** A bundle from a site: pick it or drop it; it opens read-only beside the live chargers. */
function OpenBundle() {
  const { t } = useTranslation();
  const { store } = useHostContext();
  const [opened, open] = useCommand('bundle.open');
  const openFile = async (file: File) => {
    const result = await open({ name: file.name.replace(/[/\\]/g, '_'), contentBase64: await fileToBase64(file) });
    if (result) actions.bundleOpened(store, result);
  };
  return (
    <DropZone testId="bundle-open" accept=".fieldkit,application/zip" inputTestId="bundle-file" onFile={(f) => void openFile(f)}>
      <h2>{t('sessions.openBundle')}</h2>
      <p className="muted small-text">{t('sessions.openBundleExplained')}</p>
      <CommandState pending={opened} />
    </DropZone>
  );
}

/** The diagnostics files of the bundles opened this run, each saved as it was packed. */
function OpenedBundleDiagnostics() {
  const { t } = useTranslation();
  const { host, store } = useHostContext();
  const opened = useApp((s) => s.bundleDiagnostics);
  const save = async (chargerId: string, entry: string) => {
    try {
      const file = await host.invoke('bundle.diagnostics', { chargerId, entry });
      download(file.name, base64ToBytes(file.contentBase64), 'application/octet-stream');
    } catch (err) {
      actions.notify(store, 'error', (err as Error).message);
    }
  };
  const bundles = Object.entries(opened);
  if (bundles.length === 0) return null;
  return (
    <section className="card" data-testid="opened-bundle-diagnostics">
      <h2>{t('sessions.bundleDiagnostics')}</h2>
      {bundles.map(([chargerId, files]) => (
        <div key={chargerId}>
          <h3>{chargerId}</h3>
          <DiagnosticsNotes diagnostics={files} onSave={(entry) => void save(chargerId, entry)} />
        </div>
      ))}
    </section>
  );
}

/** How each diagnostics file went into a bundle (or why not); with onSave, a button to save each one packed. */
function DiagnosticsNotes({ diagnostics, onSave }: { diagnostics: readonly BundleDiagnostics[]; onSave?: (entry: string) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <h3>{t('sessions.diagnosticsFiles')}</h3>
      <ul data-testid="bundle-diagnostics">
        {diagnostics.map((d) => (
          <li key={d.name} data-how={d.how}>
            <code>{d.name}</code> <Badge tone={d.how === 'scrubbed' ? 'ok' : d.how === 'as-is' ? 'warn' : 'idle'}>{t(`sessions.packed.${d.how}`)}</Badge>{' '}
            <span className="small-text muted">{said(d.said, d.note)}</span>
            {onSave && d.entry && (
              <>
                {' '}
                <button type="button" onClick={() => onSave(d.entry!)} data-testid="bundle-diagnostics-save">
                  {t('sessions.save')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
