/** One charger: who it is, how it is connected, its clock and heartbeat, the live graphs with the status timeline, its transactions. */
import { useApp, useNow } from '../hooks.ts';
import { Badge } from '../components/common.tsx';
import { MeterCharts } from '../components/MeterCharts.tsx';
import { ReplayBar } from '../components/ReplayBar.tsx';
import { SimulatedCar } from './SimulatedCar.tsx';
import { age, dateTime, kw, kwh, skew } from '../format.ts';
import type { ChargerView, RelayState } from '../../app/host/contract.ts';

export function ChargerPage({ chargerId }: { chargerId: string }) {
  const entry = useApp((s) => s.chargers[chargerId]);
  const relay = useApp((s) => s.relay.states[chargerId]);
  const recorded = useApp((s) => s.chargers[chargerId]?.summary?.recorded !== undefined);
  const now = useNow(1000);
  const view = entry?.view;
  if (!entry || !view) return <div className="muted">Waiting for {chargerId}'s first messages…</div>;
  return (
    <div className="page charger-page" data-testid="charger-page">
      <ReplayBar chargerId={chargerId} />
      <div className="cards">
        <Identity view={view} />
        <Connection view={view} now={now} relay={relay} recorded={recorded} />
        <Health view={view} now={recorded ? view.lastAt : now} />
      </div>
      <section className="card">
        <h2>Live meter values</h2>
        {entry.series.length === 0 && (
          <p className="muted">No MeterValues yet. They come during a transaction, every MeterValueSampleInterval ({view.sampleIntervalS ?? '?'} s).</p>
        )}
        {/* A recorded session's clock stops at its last record, and it is shown whole. */}
        <MeterCharts
          key={recorded ? 'recorded' : 'live'}
          series={entry.series}
          version={entry.seriesVersion}
          lanes={view.connectors}
          now={recorded ? view.lastAt : now}
          initialRange={recorded ? 'all' : '5m'}
        />
      </section>
      {!recorded && <SimulatedCar chargerId={chargerId} />}
      <Transactions view={view} />
    </div>
  );
}

function Identity({ view }: { view: ChargerView }) {
  const id = view.identity;
  return (
    <section className="card" data-testid="identity">
      <h2>Identity</h2>
      {id ? (
        <dl>
          <dt>Vendor</dt>
          <dd>{id.vendor ?? '–'}</dd>
          <dt>Model</dt>
          <dd>{id.model ?? '–'}</dd>
          <dt>Serial</dt>
          <dd>{id.serialNumber ?? id.chargeBoxSerialNumber ?? '–'}</dd>
          <dt>Firmware</dt>
          <dd>{id.firmwareVersion ?? '–'}</dd>
          {id.meterType && (
            <>
              <dt>Meter</dt>
              <dd>
                {id.meterType} {id.meterSerialNumber ?? ''}
              </dd>
            </>
          )}
        </dl>
      ) : (
        <p className="muted">No BootNotification yet.</p>
      )}
    </section>
  );
}

function Connection({ view, now, relay, recorded }: { view: ChargerView; now: number; relay: RelayState | undefined; recorded: boolean }) {
  const c = view.connection;
  // A recorded session is history: its last connection may have no end in the file, and "ago" would count from today.
  return (
    <section className="card" data-testid="connection">
      <h2>
        Connection{' '}
        {recorded ? (
          <Badge tone="idle" title="A recorded session: what the charger did then, not now">
            recorded
          </Badge>
        ) : view.connected ? (
          <Badge tone="ok">online</Badge>
        ) : (
          <Badge tone="bad">offline</Badge>
        )}
      </h2>
      {c ? (
        <dl>
          <dt>Transport</dt>
          <dd>
            <Badge tone={c.scheme === 'wss' ? 'ok' : 'warn'} title={c.scheme === 'ws' ? 'The platform refuses plain ws' : undefined}>
              {c.scheme}
            </Badge>{' '}
            {c.subprotocol}
          </dd>
          {c.tls && (
            <>
              <dt>TLS</dt>
              <dd>
                {c.tls.version} {c.tls.cipher} {c.tls.policyCipher ? '' : <Badge tone="bad">not in the platform policy</Badge>}
              </dd>
            </>
          )}
          <dt>From</dt>
          <dd>{c.remote}</dd>
          <dt>Auth</dt>
          <dd>
            {c.authUser ? `Basic, user ${c.authUser}` : 'none'} ({c.authAccepted})
          </dd>
          <dt>{c.ended ? 'Ended' : recorded ? 'Started' : 'Since'}</dt>
          <dd>
            {c.ended
              ? `${dateTime(c.ended.at)} by ${c.ended.by} (${c.ended.code} ${c.ended.reason})`
              : recorded
                ? dateTime(c.at)
                : `${dateTime(c.at)} (${age(now - c.at)})`}
          </dd>
          <dt>Last heard</dt>
          <dd data-testid="last-heard">
            {recorded ? dateTime(c.lastHeardAt) : `${age(now - c.lastHeardAt)} ago`} · {c.pings} pings
          </dd>
          {relay && relay.phase !== 'closed' && (
            <>
              <dt>Platform</dt>
              <dd data-testid="charger-relay">
                <Badge tone={relay.phase === 'open' ? 'ok' : relay.phase === 'down' ? 'bad' : 'warn'}>{relay.phase}</Badge> {relay.url}
                {relay.phase === 'down' && relay.reason && <div className="error-text">{relay.reason}</div>}
                {relay.backlog > 0 && <div className="muted">{relay.backlog} messages kept for replay</div>}
              </dd>
            </>
          )}
        </dl>
      ) : (
        <p className="muted">Never connected in this run.</p>
      )}
      {c?.hints.map((h) => (
        <div className="hint" key={h}>
          {h}
        </div>
      ))}
    </section>
  );
}

function Health({ view, now }: { view: ChargerView; now: number }) {
  const s = view.skew;
  const skewTone = !s ? 'idle' : Math.abs(s.latestMs) <= 60_000 ? 'ok' : Math.abs(s.latestMs) <= 300_000 ? 'warn' : 'bad';
  const hb = view.heartbeat;
  const hbAge = hb.lastAt ? now - hb.lastAt : null;
  const hbLate = hbAge !== null && hb.intervalS !== null && hbAge > hb.intervalS * 1200;
  return (
    <section className="card" data-testid="health">
      <h2>Clock and heartbeat</h2>
      <dl>
        <dt>Clock skew</dt>
        <dd>
          <Badge tone={skewTone} title="The charger's timestamps minus this computer's clock">
            {s ? skew(s.latestMs) : 'no timestamps yet'}
          </Badge>
          {s && Math.abs(s.worstMs) > Math.abs(s.latestMs) + 5000 && <span className="muted"> worst {skew(s.worstMs)}</span>}
        </dd>
        <dt>Heartbeat</dt>
        <dd>
          {hb.count === 0 ? 'none yet' : <Badge tone={hbLate ? 'warn' : 'ok'}>{age(hbAge ?? 0)} ago</Badge>}{' '}
          {hb.intervalS !== null && (
            <span className="muted">
              interval {hb.intervalS} s · {hb.count} received{hb.lateCount > 0 ? ` · ${hb.lateCount} late` : ''}
            </span>
          )}
        </dd>
        <dt>Connectors</dt>
        <dd>
          {view.connectors.map((c) => (
            <span key={c.id} className="connector-status" data-testid={`connector-${c.id}-status`}>
              {c.id}: <strong>{c.status ?? '?'}</strong>
              {c.errorCode && c.errorCode !== 'NoError' ? ` (${c.errorCode})` : ''}{' '}
            </span>
          ))}
        </dd>
        <dt>Frames</dt>
        <dd>
          {view.schema.framesFromCharger} from the charger,{' '}
          {view.schema.violations > 0 ? <Badge tone="warn">{view.schema.violations} schema violations</Badge> : 'all valid'}
        </dd>
      </dl>
    </section>
  );
}

function Transactions({ view }: { view: ChargerView }) {
  if (view.transactions.length === 0) return null;
  return (
    <section className="card">
      <h2>Transactions</h2>
      <table className="grid" data-testid="transactions">
        <thead>
          <tr>
            <th>Id</th>
            <th>Connector</th>
            <th>Started</th>
            <th>Stopped</th>
            <th>meterStart</th>
            <th>meterStop</th>
            <th title="stop (or last) register reading minus start">Energy by register</th>
            <th title="power integrated over the samples">Energy by integration</th>
            <th>Max power</th>
          </tr>
        </thead>
        <tbody>
          {[...view.transactions].reverse().map((t) => (
            <tr key={`${t.transactionId}-${t.startAt}`}>
              <td>{t.transactionId ?? '?'}</td>
              <td>{t.connectorId}</td>
              <td>{dateTime(t.startAt)}</td>
              <td>{t.stopAt ? `${dateTime(t.stopAt)}${t.stopReason ? ` (${t.stopReason})` : ''}` : 'running'}</td>
              <td>{kwh(t.meterStartWh)}</td>
              <td>{kwh(t.meterStopWh)}</td>
              <td>
                {kwh(t.registerWh)}
                {t.registerDecreases > 0 && <Badge tone="bad">register went down {t.registerDecreases}×</Badge>}
              </td>
              <td>{kwh(t.integratedWh)}</td>
              <td>{kw(t.maxPowerW)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
