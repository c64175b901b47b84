/**
 * The Connect page's relay panel: where chargers are forwarded (the platform's URL, the id to
 * present, its password, an extra CA), and the live state of each relayed charger's platform leg
 * with the reason when it is down. Passwords go to the host and never come back.
 */
import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import type { RelayState, RelayTargetSummary } from '../../app/host/contract.ts';
import { useApp, useCommand, useHostContext, useNow } from '../hooks.ts';
import { Badge, CommandState } from '../components/common.tsx';
import { age, fileToBase64 } from '../format.ts';

const PHASE_TONE: Record<RelayState['phase'], 'ok' | 'warn' | 'bad' | 'idle' | 'info'> = {
  open: 'ok',
  replaying: 'info',
  connecting: 'warn',
  down: 'bad',
  closed: 'idle',
};

interface Draft {
  chargerId: string;
  url: string;
  presentAs: string;
  password: string;
  caFile: string;
  allowInsecure: boolean;
  replay: boolean;
  forwardChargerAuth: boolean;
  /** A client certificate chosen now (files read in the page, sent once, never shown back); null keeps the kept one. */
  clientCertificate: { certPem: string; keyPem: string } | { pfxBase64: string; passphrase: string } | null;
  removeClientCertificate: boolean;
}

const EMPTY: Draft = {
  chargerId: '*',
  url: '',
  presentAs: '',
  password: '',
  caFile: '',
  allowInsecure: false,
  replay: true,
  forwardChargerAuth: false,
  clientCertificate: null,
  removeClientCertificate: false,
};

/** The form shows a kept target as it is (the password field stays empty: "unchanged"). */
function draftOf(target: RelayTargetSummary | undefined, chargerId = '*'): Draft {
  if (!target) return { ...EMPTY, chargerId };
  return {
    chargerId: target.chargerId,
    url: target.url,
    presentAs: target.presentAs ?? '',
    password: '',
    caFile: target.caFile ?? '',
    allowInsecure: target.allowInsecure ?? false,
    replay: target.replay ?? true,
    forwardChargerAuth: target.forwardChargerAuth ?? false,
    clientCertificate: null,
    removeClientCertificate: false,
  };
}

export function RelayPanel() {
  const { t } = useTranslation();
  const { host, store } = useHostContext();
  const relay = useApp((s) => s.relay);
  const [draft, setDraft] = useState<Draft>(() => draftOf(relay.targets.find((t) => t.chargerId === '*') ?? relay.targets[0]));
  const [saved, runSave] = useCommand('relay.setTarget');
  const [removed, runRemove] = useCommand('relay.removeTarget');
  const now = useNow();
  const existing = relay.targets.find((t) => t.chargerId === draft.chargerId);
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));

  const reloadTargets = async () => {
    const targets = await host.invoke('relay.targets', {});
    store.setState((s) => ({ relay: { ...s.relay, targets } }));
  };
  const save = async () => {
    const result = await runSave({
      chargerId: draft.chargerId || '*',
      url: draft.url.trim(),
      presentAs: draft.presentAs.trim() || null,
      caFile: draft.caFile.trim() || null,
      allowInsecure: draft.allowInsecure,
      replay: draft.replay,
      forwardChargerAuth: draft.forwardChargerAuth,
      // Empty keeps the kept password; the host never sends it back to show.
      ...(draft.password ? { password: draft.password } : {}),
      // The same for the client certificate: sent when chosen, removed when asked, kept otherwise.
      ...(draft.clientCertificate ? { clientCertificate: draft.clientCertificate } : draft.removeClientCertificate ? { clientCertificate: null } : {}),
    });
    if (result) {
      set({ password: '', clientCertificate: null, removeClientCertificate: false });
      await reloadTargets();
    }
  };
  const remove = async (chargerId: string) => {
    if (await runRemove({ chargerId })) await reloadTargets();
  };
  const edit = (chargerId: string) =>
    setDraft(
      draftOf(
        relay.targets.find((x) => x.chargerId === chargerId),
        chargerId,
      ),
    );
  const states = Object.values(relay.states).sort((a, b) => a.chargerId.localeCompare(b.chargerId));

  return (
    <section className="card" data-testid="relay-panel">
      <h2>{t('relay.title')}</h2>
      <p className="muted">{t('relay.explained')}</p>
      {relay.targets.length > 0 && (
        <table className="relay-targets" data-testid="relay-targets">
          <tbody>
            {relay.targets.map((target) => (
              <tr key={target.chargerId}>
                <td>
                  <strong>{target.chargerId === '*' ? t('relay.everyChargerName') : target.chargerId}</strong>
                </td>
                <td>
                  <code>
                    {target.url}/{target.presentAs ?? (target.chargerId === '*' ? '<id>' : target.chargerId)}
                  </code>
                </td>
                <td>
                  {target.forwardChargerAuth ? (
                    t('relay.ownCredentials')
                  ) : target.hasPassword ? (
                    t('relay.passwordSet')
                  ) : (
                    <Badge tone="warn">{t('relay.noPassword')}</Badge>
                  )}
                </td>
                <td>{target.replay === false ? t('relay.noReplay') : t('relay.replayOn')}</td>
                <td>
                  <button type="button" className="small" onClick={() => edit(target.chargerId)}>
                    {t('relay.edit')}
                  </button>{' '}
                  <button type="button" className="small" onClick={() => remove(target.chargerId)} data-testid="relay-remove">
                    {t('relay.stop')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="form-grid" data-testid="relay-form">
        <label>
          {t('relay.for')}{' '}
          <input
            value={draft.chargerId}
            onChange={(e) => set({ chargerId: e.target.value.trim() })}
            placeholder={t('relay.everyCharger')}
            data-testid="relay-charger"
            spellCheck={false}
          />
        </label>
        <label>
          {t('relay.url')}{' '}
          <input
            value={draft.url}
            onChange={(e) => set({ url: e.target.value })}
            placeholder={t('relay.urlPlaceholder')}
            data-testid="relay-url"
            spellCheck={false}
            size={40}
          />
        </label>
        <label>
          {t('relay.presentAs')}{' '}
          <input
            value={draft.presentAs}
            onChange={(e) => set({ presentAs: e.target.value })}
            placeholder={t('relay.ownId')}
            data-testid="relay-present-as"
            spellCheck={false}
          />
        </label>
        <label>
          {t('relay.password')}{' '}
          <input
            type="password"
            value={draft.password}
            onChange={(e) => set({ password: e.target.value })}
            placeholder={
              draft.forwardChargerAuth ? t('relay.passwordNotUsed') : existing?.hasPassword ? t('relay.passwordUnchanged') : t('relay.passwordPlaceholder')
            }
            disabled={draft.forwardChargerAuth}
            autoComplete="new-password"
            data-testid="relay-password"
          />
        </label>
        <label>
          {t('relay.ca')}{' '}
          <input
            value={draft.caFile}
            onChange={(e) => set({ caFile: e.target.value })}
            placeholder={t('relay.caPlaceholder')}
            data-testid="relay-ca"
            spellCheck={false}
          />
        </label>
        <ClientCertificateField draft={draft} kept={existing?.clientCertificate ?? null} set={set} />
        <label className="check">
          <input type="checkbox" checked={draft.replay} onChange={(e) => set({ replay: e.target.checked })} data-testid="relay-replay" /> {t('relay.replay')}
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.forwardChargerAuth}
            onChange={(e) => set({ forwardChargerAuth: e.target.checked })}
            data-testid="relay-forward-auth"
          />{' '}
          {t('relay.forward')}
        </label>
        <label className="check">
          <input type="checkbox" checked={draft.allowInsecure} onChange={(e) => set({ allowInsecure: e.target.checked })} /> {t('relay.insecure')}
        </label>
        <div className="row">
          <button type="button" onClick={save} disabled={!draft.url.trim()} data-testid="relay-save">
            {existing ? t('relay.update') : t('relay.relayTo')}
          </button>
          <CommandState pending={saved}>{() => <span className="ok-text">{t('relay.saved')}</span>}</CommandState>
          <CommandState pending={removed} />
        </div>
      </div>
      <p className="muted small-text">{t('relay.note')}</p>
      {states.length > 0 && (
        <>
          <h3>{t('relay.relayed')}</h3>
          <table className="relay-states" data-testid="relay-states">
            <tbody>
              {states.map((s) => (
                <tr key={s.chargerId} data-testid="relay-state" data-phase={s.phase}>
                  <td>
                    <strong>{s.chargerId}</strong>
                  </td>
                  <td>
                    <Badge tone={PHASE_TONE[s.phase]}>{s.phase}</Badge> {age(now - Date.parse(s.since))}
                  </td>
                  <td>
                    <code>{s.url}</code>
                    {s.tls && (
                      <span className="muted">
                        {' '}
                        {s.tls.version} {s.tls.cipher}
                      </span>
                    )}
                  </td>
                  <td>
                    {s.reason && (
                      <span className={s.phase === 'down' ? 'error-text' : 'muted'}>
                        {s.phase === 'down' ? s.reason : t('relay.lastFailure', { reason: s.reason })}
                      </span>
                    )}
                    {s.phase === 'down' && s.retryAt && (
                      <span className="muted">
                        {' '}
                        {t('relay.retrying')} {age(Math.max(0, Date.parse(s.retryAt) - now))}
                      </span>
                    )}
                    {s.backlog > 0 && (
                      <span>
                        {' '}
                        · {s.backlog} {t('relay.kept')}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** The client certificate for a platform that asks for one: PEM certificate and key, or a PKCS#12 file and its passphrase. */
function ClientCertificateField({ draft, kept, set }: { draft: Draft; kept: RelayTargetSummary['clientCertificate']; set: (change: Partial<Draft>) => void }) {
  const { t } = useTranslation();
  const [pem, setPem] = useState<{ certPem?: string; keyPem?: string }>({});
  const [passphrase, setPassphrase] = useState('');
  const [pfx, setPfx] = useState<string | null>(null);
  const chosen = draft.clientCertificate;
  const takePem = async (which: 'certPem' | 'keyPem', file: File) => {
    const next = { ...pem, [which]: await file.text() };
    setPem(next);
    if (next.certPem && next.keyPem) set({ clientCertificate: { certPem: next.certPem, keyPem: next.keyPem }, removeClientCertificate: false });
  };
  const takePfx = async (file: File) => {
    const base64 = await fileToBase64(file);
    setPfx(base64);
    set({ clientCertificate: { pfxBase64: base64, passphrase }, removeClientCertificate: false });
  };
  return (
    <fieldset className="client-certificate" data-testid="relay-client-certificate">
      <legend>{t('relay.clientCertificate')}</legend>
      <p className="small-text muted">
        {chosen
          ? t('relay.clientCertificateChosen')
          : kept && !draft.removeClientCertificate
            ? kept.facts
              ? t('relay.clientCertificateKept', { subject: kept.facts.subject, until: kept.facts.validTo.slice(0, 10) })
              : t('relay.clientCertificateKeptPkcs12')
            : t('relay.clientCertificateNone')}
      </p>
      <label>
        {t('relay.certFile')} <input type="file" accept=".pem,.crt,.cer" onChange={(e) => e.target.files?.[0] && void takePem('certPem', e.target.files[0])} />
      </label>
      <label>
        {t('relay.keyFile')} <input type="file" accept=".pem,.key" onChange={(e) => e.target.files?.[0] && void takePem('keyPem', e.target.files[0])} />
      </label>
      <label>
        {t('relay.pfxFile')} <input type="file" accept=".p12,.pfx" onChange={(e) => e.target.files?.[0] && void takePfx(e.target.files[0])} />
      </label>
      <label>
        {t('relay.passphrase')}{' '}
        <input
          type="password"
          value={passphrase}
          autoComplete="off"
          onChange={(e) => {
            setPassphrase(e.target.value);
            if (pfx) set({ clientCertificate: { pfxBase64: pfx, passphrase: e.target.value } });
          }}
        />
      </label>
      {kept && (
        <label className="check">
          <input
            type="checkbox"
            checked={draft.removeClientCertificate}
            onChange={(e) => set({ removeClientCertificate: e.target.checked, clientCertificate: null })}
          />{' '}
          {t('relay.clientCertificateRemove')}
        </label>
      )}
    </fieldset>
  );
}
