/** The frame of the app: chargers and pages on the left, the page, notices, the host's state. */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, switchLanguage, type Language } from './i18n/index.ts';
import { useApp, useHostContext } from './hooks.ts';
import { PAGES, actions, type PageId } from './state/app-store.ts';
import { ConnectPage } from './pages/ConnectPage.tsx';
import { ChargerPage } from './pages/ChargerPage.tsx';
import { LogPage } from './pages/LogPage.tsx';
import { ConfigPage } from './pages/ConfigPage.tsx';
import { SmartPage } from './pages/SmartPage.tsx';
import { ActionsPage } from './pages/ActionsPage.tsx';
import { ReadinessPage } from './pages/ReadinessPage.tsx';
import { ConsolePage } from './pages/ConsolePage.tsx';
import { SessionsPage } from './pages/SessionsPage.tsx';

/** Pages about the app rather than one charger. */
const GLOBAL_PAGES = new Set<PageId>(['connect', 'log', 'console', 'sessions']);
import { Badge } from './components/common.tsx';
import { fileToBase64 } from './format.ts';
import { PageErrorBoundary } from './components/PageErrorBoundary.tsx';

export function App() {
  const { t } = useTranslation();
  const { store, host } = useHostContext();
  const hostState = useApp((s) => s.hostState);
  const hostProblem = useApp((s) => s.hostProblem);
  const page = useApp((s) => s.page);
  const selected = useApp((s) => s.selected);
  const notices = useApp((s) => s.notices);

  // The page lives in the URL hash so a reload (or a bookmark) comes back to it.
  useEffect(() => {
    const fromHash = () => {
      const [p, charger] = window.location.hash.slice(1).split('/');
      if (PAGES.includes(p as PageId)) actions.select(store, charger ? decodeURIComponent(charger) : store.getState().selected, p as PageId);
    };
    fromHash();
    window.addEventListener('hashchange', fromHash);
    return () => window.removeEventListener('hashchange', fromHash);
  }, [store]);
  useEffect(() => {
    const hash = `#${page}${selected ? `/${encodeURIComponent(selected)}` : ''}`;
    if (window.location.hash !== hash) window.history.replaceState(null, '', hash);
  }, [page, selected]);

  // A .fieldkit bundle dropped anywhere on the window opens read-only (other drops are the pages' own).
  const openDropped = async (e: React.DragEvent) => {
    const file = e.dataTransfer.files[0];
    if (!file?.name.toLowerCase().endsWith('.fieldkit')) return;
    e.preventDefault();
    try {
      const opened = await host.invoke('bundle.open', { name: file.name.replace(/[/\\]/g, '_'), contentBase64: await fileToBase64(file) });
      actions.bundleOpened(store, opened);
    } catch (err) {
      actions.notify(store, 'error', (err as Error).message);
    }
  };

  return (
    <div
      className="app"
      data-app-state={hostState === 'ready' ? 'loaded' : hostState}
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => void openDropped(e)}
    >
      <Sidebar />
      <main>
        <header className="page-header">
          <h1>{t(`page.${page}`)}</h1>
          {selected && !GLOBAL_PAGES.has(page) && <span className="muted">{selected}</span>}
        </header>
        {hostState === 'lost' && <div className="banner bad">{t('app.hostLost', { reason: hostProblem })}</div>}
        {hostState === 'connecting' && <div className="banner">{t('app.connecting')}</div>}
        <div className="notices" aria-live="polite">
          {notices.map((n) => (
            <div key={n.id} className={`banner ${n.level === 'error' ? 'bad' : n.level === 'warn' ? 'warn' : ''}`}>
              {n.text}
              <button type="button" className="small" onClick={() => actions.dismiss(store, n.id)}>
                {t('app.dismiss')}
              </button>
            </div>
          ))}
        </div>
        <PageErrorBoundary key={`${page}:${selected ?? ''}`}>
          {page === 'connect' && <ConnectPage />}
          {page === 'log' && <LogPage />}
          {page === 'console' && <ConsolePage />}
          {page === 'sessions' && <SessionsPage />}
          {!GLOBAL_PAGES.has(page) && (selected ? <ChargerScoped page={page} chargerId={selected} /> : <div className="empty">{t('app.noChargerYet')}</div>)}
        </PageErrorBoundary>
      </main>
    </div>
  );
}

function ChargerScoped({ page, chargerId }: { page: PageId; chargerId: string }) {
  switch (page) {
    case 'charger':
      return <ChargerPage chargerId={chargerId} />;
    case 'config':
      return <ConfigPage chargerId={chargerId} />;
    case 'smart':
      return <SmartPage chargerId={chargerId} />;
    case 'actions':
      return <ActionsPage chargerId={chargerId} />;
    case 'readiness':
      return <ReadinessPage chargerId={chargerId} />;
    default:
      return null;
  }
}

function Sidebar() {
  const { t, i18n } = useTranslation();
  const { host, store } = useHostContext();
  // A recording shown read-only can be closed: its model and records are let go.
  const closeRecording = (id: string) => host.invoke('sessions.close', { chargerId: id }).catch((err: Error) => actions.notify(store, 'error', err.message));
  const page = useApp((s) => s.page);
  const selected = useApp((s) => s.selected);
  const chargers = useApp((s) => s.chargers);
  const central = useApp((s) => s.central);
  const info = useApp((s) => s.info);
  const ids = Object.keys(chargers).sort();
  return (
    <nav className="sidebar">
      <div className="brand">
        OCPP Field Kit <span className="muted">{info?.version}</span>
      </div>
      <div className="central-state">
        {central?.running ? <Badge tone="ok">{t('app.centralRunning')}</Badge> : <Badge tone="bad">{t('app.centralStopped')}</Badge>}
      </div>
      <ul className="pages">
        {PAGES.map((p) => (
          <li key={p}>
            <button type="button" className={page === p ? 'active' : ''} onClick={() => actions.go(store, p)} data-testid={`nav-${p}`}>
              {t(`page.${p}`)}
            </button>
          </li>
        ))}
      </ul>
      <div className="section-title">{t('app.chargers')}</div>
      {ids.length === 0 && <div className="muted small-text">{t('app.noChargers')}</div>}
      <ul className="chargers">
        {ids.map((id) => {
          const c = chargers[id]!;
          const connected = c.summary?.connected ?? c.view?.connected ?? false;
          const statuses = c.view?.connectors.filter((k) => k.id > 0).map((k) => k.status ?? '?') ?? [];
          return (
            <li key={id} className={c.summary?.recorded ? 'recorded' : undefined}>
              <button
                type="button"
                className={selected === id ? 'active' : ''}
                onClick={() => actions.select(store, id, page === 'connect' ? 'charger' : page)}
                data-testid={`charger-${id}`}
                data-connected={connected}
              >
                <span className={`dot ${connected ? 'on' : 'off'}`} />
                {id}
                {c.summary?.recorded && <span className="muted small-text"> {t('app.recorded')}</span>}
                <span className="muted small-text"> {statuses.join(' · ')}</span>
              </button>
              {c.summary?.recorded && (
                <button
                  type="button"
                  className="close-recording"
                  title={t('app.closeRecording')}
                  aria-label={t('app.closeRecording')}
                  onClick={() => void closeRecording(id)}
                  data-testid={`close-${id}`}
                >
                  ×
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <label className="language small-text">
        {t('app.language')}{' '}
        <select value={i18n.language} onChange={(e) => void switchLanguage(e.target.value as Language)} data-testid="language">
          {(Object.keys(LANGUAGES) as Language[]).map((code) => (
            <option key={code} value={code} lang={code}>
              {LANGUAGES[code]}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}
