/**
 * "Point your charger at": the exact URLs per interface with copy buttons, the id and password to
 * enter, the certificate fingerprint, and a waiting state that says what it waits for and what to
 * check when nothing arrives.
 */
import { useState } from 'react';
import { useApp, useCommand, useHostContext, useNow } from '../hooks.ts';
import { Badge, CommandState, CopyButton } from '../components/common.tsx';
import { age, clock } from '../format.ts';
import { RelayPanel } from './RelayPanel.tsx';

export function ConnectPage() {
  const connect = useApp((s) => s.connect);
  const central = useApp((s) => s.central);
  const listenerRefusals = useApp((s) => s.listenerRefusals);
  const chargers = useApp((s) => s.chargers);
  const [id, setId] = useState('CP1');
  const [password, setPassword] = useState('');
  const [setPw, runSetPw] = useCommand('central.setPassword');
  const [stop, runStop] = useCommand('central.stop');
  const [start, runStart] = useCommand('central.start');
  const [ports, setPorts] = useState<{ ws: string; wss: string } | null>(null);
  const [openedAt] = useState(() => Date.now());
  const now = useNow();
  const { host, store } = useHostContext();
  if (!connect) return <div className="muted">Loading…</div>;
  const connected = Object.values(chargers).filter((c) => c.summary?.connected);
  const refusals = [
    ...Object.values(chargers)
      .map((c) => c.view?.lastRefusal && { id: c.id, r: c.view.lastRefusal })
      .filter((x): x is NonNullable<typeof x> => Boolean(x)),
    // Refused before the charger could name itself: who tried is all there is.
    ...listenerRefusals.map((r) => ({ id: r.claimedId ?? `unidentified client${r.remote ? ` from ${r.remote}` : ''}`, r })),
  ].sort((a, b) => b.r.at - a.r.at);
  const urlFor = (url: string) => url.replace('CP_ID', encodeURIComponent(id || 'CP_ID'));
  const waitingFor = now - openedAt;

  const restart = async () => {
    const portOf = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : Number(v));
    const wanted = ports ? { wsPort: portOf(ports.ws), wssPort: portOf(ports.wss) } : {};
    if (central?.running) await runStop({});
    if (await runStart(wanted)) setPorts(null);
  };

  const savePassword = async () => {
    await runSetPw({ chargerId: id, password: password || null });
    store.setState({ connect: await host.invoke('connect.info', {}) });
  };

  return (
    <div className="page connect-page">
      <section className="card">
        <h2>Point your charger at</h2>
        <p className="muted">Enter one of these as the charger's central system (OCPP) URL. The platform requires wss; ws is offered for bench tests.</p>
        <label className="inline">
          Charge point id <input value={id} onChange={(e) => setId(e.target.value.trim())} data-testid="cp-id" spellCheck={false} />
        </label>
        <table className="urls" data-testid="connect-urls">
          <tbody>
            {connect.urls.map((u) => (
              <tr key={u.url}>
                <td>
                  <Badge tone={u.scheme === 'wss' ? 'ok' : 'warn'}>{u.scheme}</Badge>
                </td>
                <td>{u.address === '127.0.0.1' ? 'this computer only' : u.address}</td>
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
        {connect.urls.length === 0 && <p className="error-text">The central system is not listening. Start it below.</p>}
        {connect.certificateFingerprints.length > 0 && (
          <p className="small-text">
            wss certificate ({connect.certificateSource}), SHA-256:{' '}
            {connect.certificateFingerprints.map((f) => (
              <code key={f} className="fingerprint">
                {f}
              </code>
            ))}
            . A charger that pins certificates needs this one; most need "accept self-signed" for a local test.
          </p>
        )}
        <div className="row" data-testid="central-ports">
          <label>
            ws port{' '}
            <input
              type="number"
              min={1}
              max={65535}
              value={ports?.ws ?? String(central?.wsPort ?? '')}
              placeholder="off"
              onChange={(e) => setPorts({ ws: e.target.value, wss: ports?.wss ?? String(central?.wssPort ?? '') })}
              data-testid="ws-port"
            />
          </label>
          <label>
            wss port{' '}
            <input
              type="number"
              min={1}
              max={65535}
              value={ports?.wss ?? String(central?.wssPort ?? '')}
              placeholder="off"
              onChange={(e) => setPorts({ ws: ports?.ws ?? String(central?.wsPort ?? ''), wss: e.target.value })}
              data-testid="wss-port"
            />
          </label>
          {central?.running && !ports ? (
            <button type="button" onClick={() => runStop({})} data-testid="central-stop">
              Stop the central system
            </button>
          ) : (
            <button type="button" onClick={restart} data-testid="central-start">
              {central?.running ? 'Restart on these ports' : 'Start the central system'}
            </button>
          )}
          <CommandState pending={start.state === 'error' ? start : stop} />
        </div>
        <p className="muted small-text">
          An empty port turns that scheme off. Chargers connected now are disconnected by a restart; they reconnect to the new URL only if you change it in the
          charger.
        </p>
      </section>

      <section className="card">
        <h2>Credentials (Basic Auth)</h2>
        {connect.acceptAny ? (
          <p>Any charger is admitted whatever it presents (bench mode); what it presents is still recorded.</p>
        ) : (
          <>
            <p>
              User name = the charge point id. Passwords are set for:{' '}
              <strong>{connect.passwordsFor.join(', ') || 'nobody yet — every charger will be refused'}</strong>
            </p>
            <div className="row">
              <label>
                Password for <code>{id || '…'}</code>{' '}
                <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" data-testid="cp-password" />
              </label>
              <button type="button" onClick={savePassword} disabled={!id}>
                {password ? 'Set password' : 'Remove password'}
              </button>
              <CommandState pending={setPw}>{() => <span className="ok-text">Saved</span>}</CommandState>
            </div>
            <p className="muted small-text">
              Enter the same password in the charger (often called AuthorizationKey). A key of 32–40 hex characters is sent as bytes by some chargers: the log
              says so when that happens.
            </p>
            <p className={connect.passwordStorage.kept === 'encrypted' ? 'muted small-text' : 'warn-text small-text'} data-testid="password-storage">
              {connect.passwordStorage.kept === 'encrypted'
                ? 'Passwords are kept between runs, encrypted by the operating system.'
                : `Passwords are kept for this run only: ${connect.passwordStorage.reason ?? ''}.`}
            </p>
          </>
        )}
      </section>

      <RelayPanel />

      <section className="card" data-testid="waiting">
        <h2>Chargers</h2>
        {connected.length > 0 ? (
          <ul>
            {connected.map((c) => (
              <li key={c.id}>
                <Badge tone="ok">connected</Badge> <strong>{c.id}</strong> over {c.summary?.scheme} from {c.summary?.remote}{' '}
                {c.summary?.tls?.version ? `(${c.summary.tls.version} ${c.summary.tls.cipher})` : ''}
                {c.summary?.relay && <span className="muted"> · relayed to {c.summary.relay.url}</span>}
              </li>
            ))}
          </ul>
        ) : (
          <div className="waiting">
            <p>
              <span className="spinner" /> Waiting for a charger to open a WebSocket to one of the URLs above… ({age(waitingFor)})
            </p>
            {waitingFor > 45_000 && (
              <ul className="hints">
                <li>Is the charger on the same network as this computer? Use the address of the network it is on, not 127.0.0.1.</li>
                <li>
                  A firewall on this computer may block ports {central?.wsPort ?? '–'} and {central?.wssPort ?? '–'}: allow OCPP Field Kit through it.
                </li>
                <li>Some chargers append their id to the URL themselves: then enter the URL without the id.</li>
                <li>For wss the charger's clock must be right, or it refuses the certificate.</li>
                <li>Chargers often retry only every few minutes: a reboot of the charger makes it try now.</li>
              </ul>
            )}
          </div>
        )}
        {refusals.length > 0 && (
          <>
            <h3>Refused connections</h3>
            <ul data-testid="refusals">
              {refusals.slice(0, 10).map(({ id: cid, r }) => (
                <li key={`${cid}-${r.seq}`}>
                  {clock(r.at)} <strong>{cid}</strong> refused at {r.stage}: {r.reason}
                  {r.hints.map((h) => (
                    <div key={h} className="hint">
                      {h}
                    </div>
                  ))}
                </li>
              ))}
            </ul>
          </>
        )}
        <p className="muted small-text">Sessions are recorded in {connect.dataDir}</p>
      </section>
    </div>
  );
}
