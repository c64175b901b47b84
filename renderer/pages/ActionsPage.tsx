/**
 * Operations a central system sends: triggers, reset, unlock, availability, remote start/stop,
 * firmware (served by the app, progress from FirmwareStatusNotification and the file server),
 * diagnostics (received by the app, offered as a file), DataTransfer, and a raw CALL composer
 * validated against the schema before sending.
 */
import { useTranslation } from 'react-i18next';
import { readNumber } from '../state/number-text.ts';
import { useEffect, useState, type ReactNode } from 'react';
import { NONE, useApp, useChargerCall, useCommand, useHostContext } from '../hooks.ts';
import { Badge, CommandState, Outcome } from '../components/common.tsx';
import { base64ToBytes, clock, download, fileToBase64 } from '../format.ts';
import type { CentralAction, OcppRequest, TransfersState } from '../../app/host/contract.ts';
import { said } from '../said.ts';

function Action({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="card action" data-testid={testId}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export function ActionsPage({ chargerId }: { chargerId: string }) {
  const { t } = useTranslation();
  const view = useApp((s) => s.chargers[chargerId]?.view);
  const connectorIds = view?.connectors.filter((c) => c.id > 0).map((c) => c.id) ?? [1];
  const openTx = view?.transactions.filter((t) => t.stopAt === null) ?? [];
  return (
    <div className="page actions-page">
      <div className="cards">
        <Trigger chargerId={chargerId} connectorIds={connectorIds} />
        <Simple chargerId={chargerId} title={t('actions.reset')} action="Reset" fields={[{ name: 'type', options: ['Soft', 'Hard'] }]} />
        <Simple
          chargerId={chargerId}
          title={t('actions.unlock')}
          action="UnlockConnector"
          fields={[{ name: 'connectorId', options: connectorIds.map(String), number: true }]}
        />
        <Simple
          chargerId={chargerId}
          title={t('actions.availability')}
          action="ChangeAvailability"
          fields={[
            { name: 'connectorId', options: ['0', ...connectorIds.map(String)], number: true },
            { name: 'type', options: ['Inoperative', 'Operative'] },
          ]}
        />
        <Simple
          chargerId={chargerId}
          title={t('actions.remoteStart')}
          action="RemoteStartTransaction"
          fields={[
            { name: 'connectorId', options: connectorIds.map(String), number: true },
            { name: 'idTag', text: 'FIELDKIT' },
          ]}
        />
        <Simple
          chargerId={chargerId}
          title={t('actions.remoteStop')}
          action="RemoteStopTransaction"
          fields={[{ name: 'transactionId', options: openTx.map((t) => String(t.transactionId)), number: true }]}
        />
        <Simple
          chargerId={chargerId}
          title={t('actions.dataTransfer')}
          action="DataTransfer"
          fields={[
            { name: 'vendorId', text: '' },
            { name: 'messageId', text: '', optional: true },
            { name: 'data', text: '', optional: true },
          ]}
        />
      </div>
      <Firmware chargerId={chargerId} />
      <Diagnostics chargerId={chargerId} />
      <RawCall chargerId={chargerId} />
    </div>
  );
}

function Trigger({ chargerId, connectorIds }: { chargerId: string; connectorIds: number[] }) {
  const { t } = useTranslation();
  const messages = useApp((s) => s.info?.triggerMessages ?? NONE);
  const [message, setMessage] = useState('StatusNotification');
  const [connector, setConnector] = useState('');
  const [state, call, forget] = useChargerCall();
  return (
    <Action title={t('actions.trigger')} testId="action-trigger">
      <div className="row">
        <select value={message} onChange={(e) => setMessage(e.target.value)} data-testid="trigger-message">
          {messages.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
        <select value={connector} onChange={(e) => setConnector(e.target.value)} aria-label={t('actions.connector')}>
          <option value="">{t('actions.noConnector')}</option>
          {[0, ...connectorIds].map((c) => (
            <option key={c} value={c}>
              {t('actions.connectorN', { id: c })}
            </option>
          ))}
        </select>
        <button
          type="button"
          onClick={() => call(chargerId, 'TriggerMessage', { requestedMessage: message, ...(connector ? { connectorId: Number(connector) } : {}) })}
          data-testid="trigger-send"
        >
          {t('actions.send')}
        </button>
      </div>
      <Outcome pending={state} onForget={forget} testId="trigger-result" />
    </Action>
  );
}

interface Field {
  readonly name: string;
  readonly options?: readonly string[];
  readonly text?: string;
  readonly number?: boolean;
  readonly optional?: boolean;
}

function Simple({ chargerId, title, action, fields }: { chargerId: string; title: string; action: CentralAction; fields: readonly Field[] }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((f) => [f.name, f.options?.[0] ?? f.text ?? ''])));
  const [state, call, forget] = useChargerCall();
  // Numbers read as typed or chosen: an empty one (no transaction to choose) is "required", never 0.
  const read = fields.map((f) => {
    const text = values[f.name] || f.options?.[0] || '';
    if (!f.number) return { f, value: text, problem: null };
    const r = readNumber(text, { integer: true, optional: f.optional });
    return { f, value: r.value ?? '', problem: r.problem };
  });
  const problems = read.filter((r) => r.problem !== null);
  const payload = Object.fromEntries(read.filter((r) => !(r.f.optional && r.value === '')).map((r) => [r.f.name, r.value] as const));
  return (
    <Action title={title} testId={`action-${action}`}>
      <div className="row">
        {fields.map((f) =>
          f.options ? (
            <label key={f.name}>
              {f.name}{' '}
              <select value={values[f.name] || f.options[0] || ''} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}>
                {f.options.length === 0 && <option value="">{t('actions.none')}</option>}
                {f.options.map((o) => (
                  <option key={o}>{o}</option>
                ))}
              </select>
            </label>
          ) : (
            <label key={f.name}>
              {f.name}
              {f.optional ? ` ${t('actions.optional')}` : ''}{' '}
              <input value={values[f.name] ?? ''} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })} />
            </label>
          ),
        )}
        {/* Built from the form's fields: the host checks it against the action's schema before it is sent. */}
        <button type="button" disabled={problems.length > 0} onClick={() => call(chargerId, action, payload as OcppRequest<CentralAction>)}>
          {t('actions.send')}
        </button>
        {problems.map(({ f, problem }) => (
          <span key={f.name} className="error-text">
            {f.name}: {problem && t(`form.${problem.key}`, problem.values ?? {})}
          </span>
        ))}
      </div>
      <Outcome pending={state} onForget={forget} />
    </Action>
  );
}

function useTransfers(active: boolean): TransfersState | null {
  const { host } = useHostContext();
  const [state, setState] = useState<TransfersState | null>(null);
  useEffect(() => {
    if (!active) return;
    let live = true;
    const poll = () =>
      host.invoke('transfers.state', {}).then(
        (s) => live && setState(s),
        () => {},
      );
    void poll();
    const timer = setInterval(poll, 1000);
    return () => ((live = false), clearInterval(timer));
  }, [host, active]);
  return state;
}

function Firmware({ chargerId }: { chargerId: string }) {
  const { t } = useTranslation();
  const statuses = useApp((s) => s.chargers[chargerId]?.view?.firmwareStatus ?? NONE);
  const [file, setFile] = useState<File | null>(null);
  const [offer, runOffer] = useCommand('firmware.offer');
  const [state, call, forget] = useChargerCall();
  const [since, setSince] = useState<number | null>(null);
  const transfers = useTransfers(since !== null);
  const [scheme, setScheme] = useState<Scheme>('http');
  const start = async () => {
    if (!file) return;
    const offered = await runOffer({ chargerId, name: file.name, contentBase64: await fileToBase64(file), scheme });
    if (!offered) return;
    setSince(Date.now());
    await call(chargerId, 'UpdateFirmware', { location: offered.url, retrieveDate: new Date().toISOString(), retries: 1, retryInterval: 30 });
  };
  const offered = offer.state === 'done' ? offer.value : null;
  const path = offered?.scheme === 'http' ? decodeURIComponent(new URL(offered.url).pathname) : null;
  const fetched = path === null ? [] : (transfers?.requests.filter((r) => r.path === path) ?? []);
  const ftpEvents = offered?.scheme === 'ftp' && since !== null ? (transfers?.ftp.events.filter((e) => e.at >= since - 1000) ?? []) : [];
  const recent = since === null ? [] : statuses.filter((f) => f.at >= since - 1000);
  return (
    <Action title={t('actions.firmware')} testId="action-firmware">
      <p className="muted small-text">{t('actions.firmwareExplained')}</p>
      <div className="row">
        <input type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="firmware-file" />
        <SchemePicker value={scheme} onChange={setScheme} testId="firmware-scheme" />
        <button type="button" disabled={!file} onClick={start} data-testid="firmware-send">
          {t('actions.firmwareSend')}
        </button>
        <CommandState pending={offer}>
          {(o) => (
            <span className="small-text">
              {t('actions.serving', { bytes: o.bytes, scheme: o.scheme.toUpperCase(), why: said(o.why) })} <code>{redactUserinfo(o.url)}</code>
            </span>
          )}
        </CommandState>
      </div>
      <Outcome pending={state} onForget={forget} />
      {since !== null && (
        <ol className="progress" data-testid="firmware-progress">
          <li>
            {offered?.scheme === 'ftp'
              ? ftpEvents.length === 0
                ? t('actions.waitingFtpLogin')
                : ftpEvents
                    .map((e) => `${clock(e.at)} ${e.remote} ${e.detail}${e.bytes !== undefined ? ` ${t('actions.ftpBytes', { bytes: e.bytes })}` : ''}`)
                    .join('; ')
              : fetched.length === 0
                ? t('actions.waitingDownload')
                : fetched.map((r) => `${clock(r.at)} ${t('actions.fetchedIt', { remote: r.remote, status: r.status, bytes: r.bytes })}`).join('; ')}
          </li>
          {recent.map((f) => (
            <li key={f.seq}>
              {clock(f.at)} <Badge tone={/Failed/.test(f.status) ? 'bad' : f.status === 'Installed' ? 'ok' : 'info'}>{f.status}</Badge>
            </li>
          ))}
        </ol>
      )}
    </Action>
  );
}

function Diagnostics({ chargerId }: { chargerId: string }) {
  const { t } = useTranslation();
  const { host } = useHostContext();
  const [location, runLocation] = useCommand('diagnostics.location');
  const [state, call, forget] = useChargerCall<'GetDiagnostics'>();
  const [watching, setWatching] = useState<number | null>(null);
  const [scheme, setScheme] = useState<Scheme>('auto');
  const transfers = useTransfers(watching !== null);
  const start = async () => {
    const loc = await runLocation({ chargerId, scheme });
    if (!loc) return;
    setWatching(Date.now());
    await call(chargerId, 'GetDiagnostics', { location: loc.location });
  };
  const save = async (name: string) => {
    const file = await host.invoke('diagnostics.read', { name });
    download(name, base64ToBytes(file.contentBase64), 'application/octet-stream');
  };
  const expected = state.state === 'done' && state.value.ok ? state.value.payload.fileName : undefined;
  return (
    <Action title={t('actions.diagnostics')} testId="action-diagnostics">
      <p className="muted small-text">{t('actions.diagnosticsExplained')}</p>
      <div className="row">
        <SchemePicker value={scheme} onChange={setScheme} testId="diagnostics-scheme" />
        <button type="button" onClick={start} data-testid="diagnostics-send">
          {t('actions.diagnosticsSend')}
        </button>
        <CommandState pending={location}>
          {(l) => (
            <span className="small-text" data-testid="diagnostics-location">
              {t('actions.uploadOver', { scheme: l.scheme.toUpperCase(), why: said(l.why) })} <code>{redactUserinfo(l.location)}</code>
            </span>
          )}
        </CommandState>
      </div>
      {watching !== null && location.state === 'done' && location.value.scheme === 'ftp' && (
        <ol className="progress small-text" data-testid="diagnostics-ftp-events">
          {(transfers?.ftp.events.filter((e) => e.at >= watching - 1000) ?? []).map((e, i) => (
            <li key={i} className={e.kind === 'refused' || e.kind === 'failed' ? 'error-text' : ''}>
              {clock(e.at)} {e.remote} {e.detail}
              {e.bytes !== undefined ? ` (${e.bytes} bytes)` : ''}
            </li>
          ))}
        </ol>
      )}
      <Outcome pending={state} onForget={forget} />
      {expected === undefined && state.state === 'done' && state.value.ok && <p className="muted">{t('actions.noDiagnostics')}</p>}
      {transfers?.uploadProblem && <p className="error-text">{transfers.uploadProblem}</p>}
      {transfers && transfers.received.length > 0 && (
        <ul data-testid="diagnostics-files">
          {[...transfers.received].reverse().map((r) => (
            <li key={r.name}>
              {clock(r.at)} {r.name} ({t('actions.bytesFrom', { bytes: r.bytes, remote: r.remote })}){' '}
              <button type="button" className="small" onClick={() => save(r.name)}>
                {t('actions.save')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {watching !== null && expected && !transfers?.received.some((r) => r.name === expected) && (
        <p className="muted">{t('actions.waitingUpload', { file: expected })}</p>
      )}
    </Action>
  );
}

type Scheme = 'http' | 'ftp' | 'auto';

/** HTTP, FTP, or ask the charger (SupportedFileTransferProtocols). */
function SchemePicker({ value, onChange, testId }: { value: Scheme; onChange: (scheme: Scheme) => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <label>
      {t('actions.over')}{' '}
      <select value={value} onChange={(e) => onChange(e.target.value as Scheme)} data-testid={testId}>
        <option value="auto">{t('actions.askCharger')}</option>
        <option value="http">HTTP</option>
        <option value="ftp">FTP</option>
      </select>
    </label>
  );
}

/** A location's one-time login is the charger's to use: on screen the password shows as dots. */
function redactUserinfo(url: string): string {
  return url.replace(/^(ftp:\/\/[^:/@]+:)[^@/]+@/, '$1••••@');
}

function RawCall({ chargerId }: { chargerId: string }) {
  const { t } = useTranslation();
  const { host } = useHostContext();
  const catalogue = useApp((s) => s.info?.centralActions ?? NONE);
  const [action, setAction] = useState('GetConfiguration');
  const [text, setText] = useState('{}');
  const [issues, setIssues] = useState<string[]>([]);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [state, call, forget] = useChargerCall();
  useEffect(() => {
    let live = true;
    const timer = setTimeout(async () => {
      let payload: unknown;
      try {
        payload = JSON.parse(text);
      } catch (err) {
        if (live) setIssues([t('actions.notJson', { problem: (err as Error).message })]);
        return;
      }
      if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return live && setIssues([t('actions.notObject')]);
      const result = await host
        .invoke('ocpp.validate', { action, payload, chargerId })
        .catch((e: Error) => ({ issues: [{ path: '', message: e.message }], warnings: [] }));
      if (!live) return;
      setIssues(result.issues.map((i) => `${i.path || t('actions.payloadRoot')}: ${i.message}`));
      setWarnings(result.warnings.map((w) => w.message));
    }, 200);
    return () => ((live = false), clearTimeout(timer));
  }, [host, action, text, chargerId, t]);
  // What the host warns of (a new AuthorizationKey, a read-only key) is asked before the call leaves, as on the other pages.
  const send = () => {
    if (warnings.length > 0 && !window.confirm(`${warnings.join('\n')}\n\n${t('actions.sendAnyway', { action })}`)) return;
    void call(chargerId, action as CentralAction, JSON.parse(text) as OcppRequest<CentralAction>);
  };
  const pick = (name: string) => {
    setAction(name);
    const example = catalogue.find((a) => a.action === name)?.example;
    setText(JSON.stringify(example ?? {}, null, 2));
  };
  return (
    <Action title={t('actions.raw')} testId="action-raw">
      <div className="row">
        <select value={action} onChange={(e) => pick(e.target.value)} data-testid="raw-action">
          {catalogue.map((a) => (
            <option key={a.action} value={a.action}>
              {a.action} ({a.profile})
            </option>
          ))}
        </select>
        <button type="button" className="small" onClick={() => pick(action)}>
          {t('actions.example')}
        </button>
      </div>
      <textarea className="json-input" rows={8} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} data-testid="raw-payload" />
      {issues.length > 0 ? (
        <ul className="issues" data-testid="raw-issues">
          {issues.map((i) => (
            <li key={i}>{i}</li>
          ))}
        </ul>
      ) : (
        <p className="ok-text small-text">{t('actions.valid', { action })}</p>
      )}
      <button
        type="button"
        disabled={issues.length > 0}
        // Typed by hand: the composer's own check above and the host's schema check before sending judge it.
        onClick={send}
        data-testid="raw-send"
      >
        {t('actions.sendAction', { action })}
      </button>
      <Outcome pending={state} onForget={forget} testId="raw-result" />
    </Action>
  );
}
