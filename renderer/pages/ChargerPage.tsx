/** One charger: who it is, how it is connected, its clock and heartbeat, the live graphs with the status timeline, its transactions. */
import { useTranslation } from 'react-i18next';
import { useApp, useNow } from '../hooks.ts';
import { Badge } from '../components/common.tsx';
import { MeterCharts } from '../components/MeterCharts.tsx';
import { ReplayBar } from '../components/ReplayBar.tsx';
import { SimulatedCar } from './SimulatedCar.tsx';
import { age, clock, dateTime, kw, kwh, skew } from '../format.ts';
import type { ChargerView, RelayState } from '../../app/host/contract.ts';
import { said } from '../said.ts';
import { CertificateLine } from './SecurityPanel.tsx';
import { CertificatesCard } from './CertificatesCard.tsx';

export function ChargerPage({ chargerId }: { chargerId: string }) {
  const entry = useApp((s) => s.chargers[chargerId]);
  const relay = useApp((s) => s.relay.states[chargerId]);
  const recorded = useApp((s) => s.chargers[chargerId]?.summary?.recorded !== undefined);
  const now = useNow(1000);
  const { t } = useTranslation();
  const view = entry?.view;
  if (!entry || !view) return <div className="muted">{t('charger.waiting', { chargerId })}</div>;
  return (
    <div className="page charger-page" data-testid="charger-page">
      <ReplayBar chargerId={chargerId} />
      <div className="cards">
        <Identity view={view} />
        <Connection view={view} now={now} relay={relay} recorded={recorded} />
        <Health view={view} now={recorded ? view.lastAt : now} recorded={recorded} />
      </div>
      <section className="card">
        <h2>{t('charger.liveMeterValues')}</h2>
        {entry.series.length === 0 && <p className="muted">{t('charger.noMeterValues', { interval: view.sampleIntervalS ?? '?' })}</p>}
        {/* A recorded session's clock stops at its last record, and it is shown whole. */}
        <MeterCharts
          key={recorded ? 'recorded' : 'live'}
          series={entry.series}
          version={entry.seriesVersion}
          lanes={view.connectors}
          now={recorded ? view.lastAt : now}
          initialRange={recorded ? 'all' : '5m'}
        />
        <SampledDataChanges view={view} />
      </section>
      {!recorded && <SimulatedCar chargerId={chargerId} />}
      <CertificatesCard chargerId={chargerId} view={view} recorded={recorded} />
      <Transactions view={view} />
    </div>
  );
}

/** A graph whose data stops because the sampled data changed says so, with the time it changed. */
function SampledDataChanges({ view }: { view: ChargerView }) {
  const { t } = useTranslation();
  const stopping = view.sampledDataChanges.filter((c) => c.removed.length > 0).slice(-3);
  if (stopping.length === 0) return null;
  return (
    <ul className="notes small-text" data-testid="sampled-data-changes">
      {stopping.map((c) => (
        <li key={c.at}>{t('charger.sampledDataChanged', { at: clock(c.at), removed: c.removed.join(', '), value: c.value })}</li>
      ))}
    </ul>
  );
}

function Identity({ view }: { view: ChargerView }) {
  const { t } = useTranslation();
  const id = view.identity;
  return (
    <section className="card" data-testid="identity">
      <h2>{t('charger.identity')}</h2>
      {id ? (
        <dl>
          <dt>{t('charger.vendor')}</dt>
          <dd>{id.vendor ?? '–'}</dd>
          <dt>{t('charger.model')}</dt>
          <dd>{id.model ?? '–'}</dd>
          <dt>{t('charger.serial')}</dt>
          <dd>{id.serialNumber ?? id.chargeBoxSerialNumber ?? '–'}</dd>
          <dt>{t('charger.firmware')}</dt>
          <dd>{id.firmwareVersion ?? '–'}</dd>
          {id.meterType && (
            <>
              <dt>{t('charger.meter')}</dt>
              <dd>
                {id.meterType} {id.meterSerialNumber ?? ''}
              </dd>
            </>
          )}
        </dl>
      ) : (
        <p className="muted">{t('charger.noBoot')}</p>
      )}
    </section>
  );
}

function Connection({ view, now, relay, recorded }: { view: ChargerView; now: number; relay: RelayState | undefined; recorded: boolean }) {
  const { t } = useTranslation();
  const c = view.connection;
  // A recorded session is history: its last connection may have no end in the file, and "ago" would count from today.
  return (
    <section className="card" data-testid="connection">
      <h2>
        {t('charger.connection')}{' '}
        {recorded ? (
          <Badge tone="idle" title={t('charger.recordedTitle')}>
            {t('charger.recorded')}
          </Badge>
        ) : view.connected ? (
          <Badge tone="ok">{t('charger.online')}</Badge>
        ) : (
          <Badge tone="bad">{t('charger.offline')}</Badge>
        )}
      </h2>
      {c ? (
        <dl>
          <dt>{t('charger.transport')}</dt>
          <dd>
            <Badge tone={c.scheme === 'wss' ? 'ok' : 'warn'} title={c.scheme === 'ws' ? t('charger.plainWs') : undefined}>
              {c.scheme}
            </Badge>{' '}
            {c.subprotocol}
          </dd>
          {c.tls && (
            <>
              <dt>TLS</dt>
              <dd>
                {c.tls.version} {c.tls.cipher} {c.tls.policyCipher ? '' : <Badge tone="bad">{t('charger.notInPolicy')}</Badge>}
              </dd>
            </>
          )}
          <dt>{t('charger.from')}</dt>
          <dd>{c.remote}</dd>
          <dt>{t('charger.auth')}</dt>
          <dd data-testid="connection-auth">
            {c.authAccepted === 'certificate'
              ? t('charger.byCertificate')
              : `${c.authUser ? t('charger.basicUser', { user: c.authUser }) : t('charger.noAuth')} (${t(`charger.accepted.${c.authAccepted}`, { defaultValue: c.authAccepted })})`}
          </dd>
          {c.clientCertificate && (
            <>
              <dt>{t('charger.clientCertificate')}</dt>
              <dd data-testid="client-certificate">
                <CertificateLine facts={c.clientCertificate} />
                <div className="muted small-text fingerprint">SHA-256 {c.clientCertificate.sha256}</div>
              </dd>
            </>
          )}
          <dt>{c.ended ? t('charger.ended') : recorded ? t('charger.started') : t('charger.since')}</dt>
          <dd>
            {c.ended
              ? t('charger.endedBy', { at: dateTime(c.ended.at), by: c.ended.by, code: c.ended.code, reason: c.ended.reason })
              : recorded
                ? dateTime(c.at)
                : `${dateTime(c.at)} (${age(now - c.at)})`}
          </dd>
          <dt>{t('charger.lastHeard')}</dt>
          <dd data-testid="last-heard">
            {recorded ? dateTime(c.lastHeardAt) : t('charger.ago', { age: age(now - c.lastHeardAt) })} · {t('charger.pings', { count: c.pings })}
          </dd>
          {relay && relay.phase !== 'closed' && (
            <>
              <dt>{t('charger.platform')}</dt>
              <dd data-testid="charger-relay">
                <Badge tone={relay.phase === 'open' ? 'ok' : relay.phase === 'down' ? 'bad' : 'warn'}>{relay.phase}</Badge> {relay.url}
                {relay.phase === 'down' && relay.reason && <div className="error-text">{relay.reason}</div>}
                {relay.backlog > 0 && <div className="muted">{t('charger.backlog', { count: relay.backlog })}</div>}
              </dd>
            </>
          )}
        </dl>
      ) : (
        <p className="muted">{t('charger.neverConnected')}</p>
      )}
      {c?.hints.map((h, i) => (
        <div className="hint" key={i}>
          {said(h)}
        </div>
      ))}
    </section>
  );
}

/** recorded: a session shown read-only, where "ago" means nothing: its last heartbeat is given by its time. */
function Health({ view, now, recorded }: { view: ChargerView; now: number; recorded: boolean }) {
  const { t } = useTranslation();
  const s = view.skew;
  const skewTone = !s ? 'idle' : Math.abs(s.latestMs) <= 60_000 ? 'ok' : Math.abs(s.latestMs) <= 300_000 ? 'warn' : 'bad';
  const hb = view.heartbeat;
  const hbAge = hb.lastAt ? now - hb.lastAt : null;
  const hbLate = hbAge !== null && hb.intervalS !== null && hbAge > hb.intervalS * 1200;
  return (
    <section className="card" data-testid="health">
      <h2>{t('charger.clockAndHeartbeat')}</h2>
      <dl>
        <dt>{t('charger.clockSkew')}</dt>
        <dd>
          <Badge tone={skewTone} title={t('charger.skewTitle')}>
            {s ? skew(s.latestMs) : t('charger.noTimestamps')}
          </Badge>
          {s && Math.abs(s.worstMs) > Math.abs(s.latestMs) + 5000 && <span className="muted"> {t('charger.worst', { skew: skew(s.worstMs) })}</span>}
        </dd>
        <dt>{t('charger.heartbeat')}</dt>
        <dd>
          {recorded ? (
            <span data-testid="heartbeat-age" title={hb.lastAt ? dateTime(hb.lastAt) : undefined}>
              {hb.count === 0 ? t('charger.noneReceived') : '—'}
            </span>
          ) : hb.count === 0 ? (
            <span data-testid="heartbeat-age">{t('charger.noneYet')}</span>
          ) : (
            <Badge tone={hbLate ? 'warn' : 'ok'}>
              <span data-testid="heartbeat-age">{t('charger.ago', { age: age(hbAge ?? 0) })}</span>
            </Badge>
          )}{' '}
          {hb.intervalS !== null && (
            <span className="muted">
              {t('charger.heartbeatCounts', { interval: hb.intervalS, count: hb.count })}
              {hb.lateCount > 0 ? ` · ${t('charger.late', { count: hb.lateCount })}` : ''}
            </span>
          )}
        </dd>
        <dt>{t('charger.connectors')}</dt>
        <dd>
          {view.connectors.map((c) => (
            <span key={c.id} className="connector-status" data-testid={`connector-${c.id}-status`}>
              {c.id}: <strong>{c.status ?? '?'}</strong>
              {c.errorCode && c.errorCode !== 'NoError' ? ` (${c.errorCode})` : ''}{' '}
            </span>
          ))}
        </dd>
        <dt>{t('charger.frames')}</dt>
        <dd>
          {t('charger.framesFrom', { count: view.schema.framesFromCharger })}{' '}
          {view.schema.violations > 0 ? <Badge tone="warn">{t('charger.violations', { count: view.schema.violations })}</Badge> : t('charger.allValid')}
        </dd>
      </dl>
    </section>
  );
}

function Transactions({ view }: { view: ChargerView }) {
  const { t } = useTranslation();
  if (view.transactions.length === 0) return null;
  return (
    <section className="card">
      <h2>{t('charger.transactions')}</h2>
      <table className="grid" data-testid="transactions">
        <thead>
          <tr>
            <th>{t('charger.txId')}</th>
            <th>{t('charger.connector')}</th>
            <th>{t('charger.started')}</th>
            <th>{t('charger.stopped')}</th>
            <th>meterStart</th>
            <th>meterStop</th>
            <th title={t('charger.byRegisterTitle')}>{t('charger.byRegister')}</th>
            <th title={t('charger.byIntegrationTitle')}>{t('charger.byIntegration')}</th>
            <th>{t('charger.maxPower')}</th>
          </tr>
        </thead>
        <tbody>
          {[...view.transactions].reverse().map((tx) => (
            <tr key={`${tx.transactionId}-${tx.startAt}`}>
              <td>{tx.transactionId ?? '?'}</td>
              <td>{tx.connectorId}</td>
              <td>{dateTime(tx.startAt)}</td>
              <td>{tx.stopAt ? `${dateTime(tx.stopAt)}${tx.stopReason ? ` (${tx.stopReason})` : ''}` : t('charger.running')}</td>
              <td>{kwh(tx.meterStartWh)}</td>
              <td>{kwh(tx.meterStopWh)}</td>
              <td>
                {kwh(tx.registerWh)}
                {tx.registerDecreases > 0 && <Badge tone="bad">{t('charger.registerDown', { count: tx.registerDecreases })}</Badge>}
              </td>
              <td>{kwh(tx.integratedWh)}</td>
              <td>{kw(tx.maxPowerW)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
