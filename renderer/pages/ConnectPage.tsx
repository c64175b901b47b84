/**
 * "Point your charger at": the exact URLs per interface with copy buttons, the id and password to
 * enter, the certificate fingerprint, and a waiting state that says what it waits for and what to
 * check when nothing arrives.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { refusalLines } from '../state/refusals.ts';
import { SecurityPanel } from './SecurityPanel.tsx';
import { useApp, useCommand, useHostContext, useNow } from '../hooks.ts';
import { Badge, CommandState, CopyButton } from '../components/common.tsx';
import { age, clock } from '../format.ts';
import { RelayPanel } from './RelayPanel.tsx';
import { said } from '../said.ts';

export function ConnectPage() {
  const { t } = useTranslation();
  const connect = useApp((s) => s.connect);
  const central = useApp((s) => s.central);
  const listenerRefusals = useApp((s) => s.listenerRefusals);
  const chargers = useApp((s) => s.chargers);
  const [id, setId] = useState('CP1');
  const [password, setPassword] = useState('');
  const [setPw, runSetPw] = useCommand('central.setPassword');
  const [restore, runRestore] = useCommand('central.restorePassword');
  const [stop, runStop] = useCommand('central.stop');
  const [start, runStart] = useCommand('central.start');
  const [ports, setPorts] = useState<{ ws: string; wss: string } | null>(null);
  const [openedAt] = useState(() => Date.now());
  const now = useNow();
  const { host, store } = useHostContext();
  if (!connect) return <div className="muted">{t('connect.loading')}</div>;
  const connected = Object.values(chargers).filter((c) => c.summary?.connected);
  // Refused before the charger could name itself: who tried is all there is.
  const refusals = refusalLines(
    Object.values(chargers),
    listenerRefusals,
    (r) => r.claimedId ?? (r.remote ? t('connect.unidentifiedFrom', { remote: r.remote }) : t('connect.unidentified')),
  );
  const urlFor = (url: string) => url.replace('CP_ID', encodeURIComponent(id || 'CP_ID'));
  const waitingFor = now - openedAt;

  const restart = async () => {
    const portOf = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : Number(v));
    const wanted = ports ? { wsPort: portOf(ports.ws), wssPort: portOf(ports.wss) } : {};
    if (central?.running) await runStop({});
    if (await runStart(wanted)) setPorts(null);
  };

  const hasPassword = connect.passwordsFor.includes(id);
  const keyChange = connect.keyChanges.find((k) => k.chargerId === id);
  const savePassword = async (value: string | null) => {
    if (value === null && !hasPassword) return;
    await runSetPw({ chargerId: id, password: value });
    setPassword('');
    store.setState({ connect: await host.invoke('connect.info', {}) });
  };
  const restorePassword = async () => {
    await runRestore({ chargerId: id });
    store.setState({ connect: await host.invoke('connect.info', {}) });
  };

  return (
    <div className="page connect-page">
      <section className="card">
        <h2>{t('connect.pointAt')}</h2>
        <p className="muted">{t('connect.pointAtExplained')}</p>
        <label className="inline">
          {t('connect.cpId')} <input value={id} onChange={(e) => setId(e.target.value.trim())} data-testid="cp-id" spellCheck={false} />
        </label>
        <table className="urls" data-testid="connect-urls">
          <tbody>
            {connect.urls.map((u) => (
              <tr key={u.url}>
                <td>
                  <Badge tone={u.scheme === 'wss' ? 'ok' : 'warn'}>{u.scheme}</Badge>
                </td>
                <td>{u.address === '127.0.0.1' ? t('connect.thisComputer') : u.address}</td>
                <td>
                  <code>{urlFor(u.url)}</code>
                </td>
                <td>
                  <CopyButton text={urlFor(u.url)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {connect.urls.length === 0 && <p className="error-text">{t('connect.notListening')}</p>}
        {connect.certificateKeys.length > 0 && (
          <div className="small-text" data-testid="fingerprints">
            <p>{t('connect.certificate', { source: t(`connect.certificateSource.${connect.certificateSource ?? 'generated'}`) })}</p>
            <ul className="fingerprints">
              {connect.certificateKeys.map((k) => (
                <li key={k.sha256} data-key-type={k.keyType}>
                  <strong>{k.keyType}</strong> <code className="fingerprint">{k.sha256}</code>
                </li>
              ))}
            </ul>
            <p className="muted">{t('connect.pinning')}</p>
          </div>
        )}
        <div className="row" data-testid="central-ports">
          <label>
            {t('connect.wsPort')}{' '}
            <input
              type="number"
              min={1}
              max={65535}
              value={ports?.ws ?? String(central?.wsPort ?? '')}
              placeholder={t('connect.off')}
              onChange={(e) => setPorts({ ws: e.target.value, wss: ports?.wss ?? String(central?.wssPort ?? '') })}
              data-testid="ws-port"
            />
          </label>
          <label>
            {t('connect.wssPort')}{' '}
            <input
              type="number"
              min={1}
              max={65535}
              value={ports?.wss ?? String(central?.wssPort ?? '')}
              placeholder={t('connect.off')}
              onChange={(e) => setPorts({ ws: ports?.ws ?? String(central?.wsPort ?? ''), wss: e.target.value })}
              data-testid="wss-port"
            />
          </label>
          {central?.running && !ports ? (
            <button type="button" onClick={() => runStop({})} data-testid="central-stop">
              {t('connect.stop')}
            </button>
          ) : (
            <button type="button" onClick={restart} data-testid="central-start">
              {central?.running ? t('connect.restart') : t('connect.start')}
            </button>
          )}
          <CommandState pending={start.state === 'error' ? start : stop} />
        </div>
        <p className="muted small-text">{t('connect.portsExplained')}</p>
      </section>

      <section className="card">
        <h2>{t('connect.credentials')}</h2>
        {connect.acceptAny ? (
          <p>{t('connect.acceptAny')}</p>
        ) : (
          <>
            <p>
              {t('connect.passwordsFor')} <strong>{connect.passwordsFor.join(', ') || t('connect.nobody')}</strong>
            </p>
            <form
              className="row"
              onSubmit={(e) => {
                // Enter saves, as in any form.
                e.preventDefault();
                if (id && password) void savePassword(password);
              }}
            >
              <label>
                {t('connect.passwordFor')} <code>{id || '…'}</code>{' '}
                <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" data-testid="cp-password" />
              </label>
              <button type="submit" disabled={!id || !password} data-testid="cp-password-set">
                {t('connect.setPassword')}
              </button>
              {hasPassword && (
                <button type="button" onClick={() => void savePassword(null)} data-testid="cp-password-remove">
                  {t('connect.removePassword')}
                </button>
              )}
              <CommandState pending={setPw}>{() => <span className="ok-text">{t('connect.saved')}</span>}</CommandState>
            </form>
            {keyChange && (
              <p className="warn-text small-text" data-testid="key-changed">
                {t('connect.keyChanged', { id, at: clock(Date.parse(keyChange.at)) })}{' '}
                <button type="button" onClick={() => void restorePassword()} data-testid="cp-password-restore">
                  {t('connect.restorePassword')}
                </button>
                <CommandState pending={restore}>{(r) => (r.restored ? <span className="ok-text">{t('connect.restored')}</span> : null)}</CommandState>
              </p>
            )}
            <p className="muted small-text">{t('connect.samePassword')}</p>
            <p className={connect.passwordStorage.kept === 'encrypted' ? 'muted small-text' : 'warn-text small-text'} data-testid="password-storage">
              {connect.passwordStorage.kept === 'encrypted'
                ? t('connect.keptEncrypted')
                : t('connect.keptThisRun', { reason: said(connect.passwordStorage.reason) })}
            </p>
          </>
        )}
      </section>

      <SecurityPanel connect={connect} chargerId={id} />

      <RelayPanel />

      <section className="card" data-testid="waiting">
        <h2>{t('connect.chargers')}</h2>
        {connected.length > 0 ? (
          <ul>
            {connected.map((c) => (
              <li key={c.id}>
                <Badge tone="ok">{t('connect.connected')}</Badge> <strong>{c.id}</strong>{' '}
                {t('connect.overFrom', { scheme: c.summary?.scheme, remote: c.summary?.remote })}{' '}
                {c.summary?.tls?.version ? `(${c.summary.tls.version} ${c.summary.tls.cipher})` : ''}
                {c.summary?.relay && <span className="muted"> · {t('connect.relayedTo', { url: c.summary.relay.url })}</span>}
              </li>
            ))}
          </ul>
        ) : (
          <div className="waiting">
            <p>
              <span className="spinner" /> {t('connect.waiting', { age: age(waitingFor) })}
            </p>
            {waitingFor > 45_000 && (
              <ul className="hints">
                <li>{t('connect.hintNetwork')}</li>
                <li>{t('connect.hintFirewall', { ws: central?.wsPort ?? '–', wss: central?.wssPort ?? '–' })}</li>
                <li>{t('connect.hintId')}</li>
                <li>{t('connect.hintClock')}</li>
                <li>{t('connect.hintRetry')}</li>
              </ul>
            )}
          </div>
        )}
        {refusals.length > 0 && (
          <>
            <h3>{t('connect.refused')}</h3>
            <ul data-testid="refusals">
              {refusals.slice(0, 10).map(({ who, refusal: r, recordedIn }) => (
                <li key={`${who}-${r.at}-${r.seq}`}>
                  {clock(r.at)} <strong>{who}</strong> {t('connect.refusedAt', { stage: r.stage })}: {said(r.said, r.reason)}
                  {recordedIn !== undefined && <span className="muted"> {t('connect.refusalRecorded', { origin: recordedIn })}</span>}
                  {r.hints
                    .filter((h) => said(h) !== said(r.said, r.reason))
                    .map((h, i) => (
                      <div key={i} className="hint">
                        {said(h)}
                      </div>
                    ))}
                </li>
              ))}
            </ul>
          </>
        )}
        <p className="muted small-text">{t('connect.recordedIn', { dir: connect.dataDir })}</p>
      </section>
    </div>
  );
}
