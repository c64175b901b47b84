/**
 * Smart charging: a profile builder with a preview, send, the composite schedule drawn over the
 * live power, and clear. The builder only assembles fields; the host checks them (the schema, and
 * numbers that make no sense): errors block the send, warnings ask first.
 */
import type { OcppRequest } from '../../app/host/contract.ts';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Line, LineChart, XAxis, YAxis, Tooltip, CartesianGrid } from 'recharts';
import { useApp, useChargerCall, useCommand, useHostContext, useNow } from '../hooks.ts';
import { Outcome } from '../components/common.tsx';
import { MeterCharts, type Overlay } from '../components/MeterCharts.tsx';

interface Period {
  startPeriod: number;
  limit: number;
  numberPhases: string;
}

type SetChargingProfile = OcppRequest<'SetChargingProfile'>;

const PURPOSES = ['TxProfile', 'TxDefaultProfile', 'ChargePointMaxProfile'] as const;
const KINDS = ['Absolute', 'Relative', 'Recurring'] as const;

export function SmartPage({ chargerId }: { chargerId: string }) {
  const { t } = useTranslation();
  const { host } = useHostContext();
  const entry = useApp((s) => s.chargers[chargerId]);
  const view = entry?.view;
  const now = useNow(1000);
  const openTx = view?.transactions.filter((t) => t.stopAt === null) ?? [];
  const [connectorId, setConnectorId] = useState(openTx[0]?.connectorId ?? 1);
  const [profileId, setProfileId] = useState(501);
  const [stackLevel, setStackLevel] = useState(1);
  const [purpose, setPurpose] = useState<(typeof PURPOSES)[number]>(openTx.length > 0 ? 'TxProfile' : 'TxDefaultProfile');
  const [kind, setKind] = useState<(typeof KINDS)[number]>('Relative');
  const [recurrency, setRecurrency] = useState<'Daily' | 'Weekly'>('Daily');
  const [unit, setUnit] = useState<'A' | 'W'>('A');
  const [periods, setPeriods] = useState<Period[]>([{ startPeriod: 0, limit: 6, numberPhases: '' }]);
  const [duration, setDuration] = useState('');
  const [validTo, setValidTo] = useState('');
  const [issues, setIssues] = useState<readonly { path: string; message: string }[]>([]);
  const [warnings, setWarnings] = useState<readonly { path: string; message: string }[]>([]);
  const [sent, send, forgetSend] = useChargerCall<'SetChargingProfile'>();
  const [composite, getComposite, forgetComposite] = useCommand('charger.compositeSchedule');
  const [cleared, clear, forgetClear] = useChargerCall<'ClearChargingProfile'>();
  const [compositeDuration, setCompositeDuration] = useState(3600);

  const tx = openTx.find((t) => t.connectorId === connectorId);
  // The schedule starts at the current minute: the payload changes once a minute, not every second.
  const minute = Math.floor(now / 60_000) * 60_000;
  const payload = useMemo((): SetChargingProfile => {
    type Profile = SetChargingProfile['csChargingProfiles'];
    const schedule: Profile['chargingSchedule'] = {
      chargingRateUnit: unit,
      chargingSchedulePeriod: periods.map((p) => ({
        startPeriod: p.startPeriod,
        limit: p.limit,
        ...(p.numberPhases ? { numberPhases: Number(p.numberPhases) } : {}),
      })),
    };
    if (duration) schedule.duration = Number(duration);
    if (kind !== 'Relative') schedule.startSchedule = new Date(minute).toISOString();
    const profile: Profile = {
      chargingProfileId: profileId,
      stackLevel,
      chargingProfilePurpose: purpose,
      chargingProfileKind: kind,
      chargingSchedule: schedule,
    };
    if (kind === 'Recurring') profile.recurrencyKind = recurrency;
    if (purpose === 'TxProfile' && tx?.transactionId !== null && tx?.transactionId !== undefined) profile.transactionId = tx.transactionId;
    if (validTo) profile.validTo = new Date(validTo).toISOString();
    return { connectorId: purpose === 'ChargePointMaxProfile' ? 0 : connectorId, csChargingProfiles: profile };
  }, [unit, periods, duration, kind, profileId, stackLevel, purpose, recurrency, tx, validTo, connectorId, minute]);

  // The host checks the payload against the OCPP schema as it is built.
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      host.invoke('ocpp.validate', { action: 'SetChargingProfile', payload, chargerId }).then(
        (r) => live && (setIssues(r.issues), setWarnings(r.warnings)),
        () => {},
      );
    }, 150);
    return () => ((live = false), clearTimeout(timer));
  }, [host, payload, chargerId]);

  // The host turns the schedule into kW over time (amps × the charger's own voltage): nothing is computed here.
  const overlay = useMemo<Overlay | undefined>(() => {
    if (composite.state !== 'done' || !composite.value.steps) return undefined;
    const { steps } = composite.value;
    return { points: steps.points, name: `composite schedule${steps.voltsPerPhase !== null ? ` (A × ${Math.round(steps.voltsPerPhase)} V)` : ''}` };
  }, [composite]);

  const setPeriod = (i: number, p: Partial<Period>) => setPeriods(periods.map((x, n) => (n === i ? { ...x, ...p } : x)));
  if (!view || !entry) return <div className="muted">{t('smart.waiting', { chargerId })}</div>;
  const connectors = view.connectors.filter((c) => c.id > 0).map((c) => c.id);

  return (
    <div className="page smart-page">
      <section className="card" data-testid="profile-builder">
        <h2>{t('smart.profile')}</h2>
        <div className="form-grid">
          <label>
            {t('smart.purpose')}
            <select value={purpose} onChange={(e) => setPurpose(e.target.value as typeof purpose)} data-testid="profile-purpose">
              {PURPOSES.map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
          </label>
          <label>
            {t('smart.connector')}
            <select
              value={purpose === 'ChargePointMaxProfile' ? 0 : connectorId}
              disabled={purpose === 'ChargePointMaxProfile'}
              onChange={(e) => setConnectorId(Number(e.target.value))}
            >
              {purpose === 'ChargePointMaxProfile' && <option value={0}>{t('smart.wholeCharger')}</option>}
              {(connectors.length ? connectors : [1]).map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('smart.profileId')}
            <input type="number" value={profileId} onChange={(e) => setProfileId(Number(e.target.value))} min={1} />
          </label>
          <label>
            {t('smart.stackLevel')}
            <input type="number" value={stackLevel} onChange={(e) => setStackLevel(Number(e.target.value))} min={0} />
          </label>
          <label>
            {t('smart.kind')}
            <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
              {KINDS.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
          </label>
          {kind === 'Recurring' && (
            <label>
              {t('smart.recurrency')}
              <select value={recurrency} onChange={(e) => setRecurrency(e.target.value as typeof recurrency)}>
                <option>Daily</option>
                <option>Weekly</option>
              </select>
            </label>
          )}
          <label>
            {t('smart.unit')}
            <select value={unit} onChange={(e) => setUnit(e.target.value as 'A' | 'W')} data-testid="profile-unit">
              <option value="A">{t('smart.unitA')}</option>
              <option value="W">{t('smart.unitW')}</option>
            </select>
          </label>
          <label>
            {t('smart.durationOptional')}
            <input type="number" value={duration} onChange={(e) => setDuration(e.target.value)} min={0} />
          </label>
          <label>
            {t('smart.validTo')}
            <input type="datetime-local" value={validTo} onChange={(e) => setValidTo(e.target.value)} />
          </label>
        </div>
        {purpose === 'TxProfile' && !tx && <p className="warn-text">{t('smart.needsTransaction', { connectorId })}</p>}
        {purpose === 'TxProfile' && tx && <p className="muted small-text">{t('smart.forTransaction', { id: tx.transactionId })}</p>}
        <table className="grid periods">
          <thead>
            <tr>
              <th>{t('smart.start')}</th>
              <th>{t('smart.limit', { unit })}</th>
              <th>{t('smart.phases')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {periods.map((p, i) => (
              <tr key={i}>
                <td>
                  <input
                    type="number"
                    value={p.startPeriod}
                    min={0}
                    disabled={i === 0}
                    onChange={(e) => setPeriod(i, { startPeriod: Number(e.target.value) })}
                  />
                </td>
                <td>
                  <input
                    type="number"
                    value={p.limit}
                    min={0}
                    step={unit === 'A' ? 0.1 : 100}
                    onChange={(e) => setPeriod(i, { limit: Number(e.target.value) })}
                    data-testid={`period-limit-${i}`}
                  />
                </td>
                <td>
                  <select value={p.numberPhases} onChange={(e) => setPeriod(i, { numberPhases: e.target.value })}>
                    <option value="">{t('smart.default')}</option>
                    <option value="1">1</option>
                    <option value="3">3</option>
                  </select>
                </td>
                <td>
                  {i > 0 && (
                    <button type="button" className="small" onClick={() => setPeriods(periods.filter((_, n) => n !== i))}>
                      {t('smart.remove')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button
          type="button"
          className="small"
          onClick={() =>
            setPeriods([...periods, { startPeriod: (periods.at(-1)?.startPeriod ?? 0) + 900, limit: periods.at(-1)?.limit ?? 0, numberPhases: '' }])
          }
        >
          {t('smart.addPeriod')}
        </button>
        <Preview periods={periods} unit={unit} duration={duration ? Number(duration) : null} />
        {issues.length > 0 && (
          <ul className="issues" data-testid="profile-issues">
            {issues.map((i) => (
              <li key={i.path + i.message}>
                {i.path || '(profile)'}: {i.message}
              </li>
            ))}
          </ul>
        )}
        {warnings.length > 0 && (
          <ul className="warnings" data-testid="profile-warnings">
            {warnings.map((w) => (
              <li key={w.path + w.message}>
                {w.path || '(profile)'}: {w.message}
              </li>
            ))}
          </ul>
        )}
        <div className="row">
          <button
            type="button"
            className="primary"
            disabled={issues.length > 0}
            onClick={() => {
              if (warnings.length > 0 && !window.confirm(`${warnings.map((w) => w.message).join('\n')}\n\n${t('smart.sendAnyway')}`)) return;
              send(chargerId, 'SetChargingProfile', payload);
            }}
            data-testid="profile-send"
          >
            {t('smart.send')}
          </button>
          <button type="button" onClick={() => clear(chargerId, 'ClearChargingProfile', { id: profileId })} data-testid="profile-clear">
            {t('smart.clearProfile', { id: profileId })}
          </button>
          <button type="button" onClick={() => clear(chargerId, 'ClearChargingProfile', {})}>
            {t('smart.clearAll')}
          </button>
        </div>
        <Outcome pending={sent} onForget={forgetSend} testId="profile-result" />
        <Outcome pending={cleared} onForget={forgetClear} testId="clear-result" />
      </section>
      <section className="card">
        <h2>{t('smart.livePower')}</h2>
        <div className="row">
          <label>
            {t('smart.duration')} <input type="number" value={compositeDuration} min={60} onChange={(e) => setCompositeDuration(Number(e.target.value))} />
          </label>
          <button
            type="button"
            onClick={() =>
              getComposite({
                chargerId,
                connectorId: purpose === 'ChargePointMaxProfile' ? 0 : connectorId,
                duration: compositeDuration,
                chargingRateUnit: unit,
              })
            }
            data-testid="composite-get"
          >
            GetCompositeSchedule
          </button>
        </div>
        <Outcome
          pending={
            composite.state === 'done' ? (composite.value.outcome.ok ? { state: 'idle' } : { state: 'done', value: composite.value.outcome }) : composite
          }
          onForget={forgetComposite}
        />
        <MeterCharts series={entry.series} version={entry.seriesVersion} lanes={view.connectors} now={now} overlay={overlay} charts={['power']} />
      </section>
    </div>
  );
}

/** The schedule as steps over its duration (or an hour past the last period). */
function Preview({ periods, unit, duration }: { periods: readonly Period[]; unit: string; duration: number | null }) {
  // A duration that makes no sense (0, negative) is an error shown above; the preview still draws an hour.
  const end = duration !== null && duration > 0 ? duration : Math.max(0, ...periods.map((p) => p.startPeriod)) + 3600;
  const data = [...periods.map((p) => ({ s: p.startPeriod, limit: p.limit })), { s: end, limit: periods.at(-1)?.limit ?? 0 }];
  return (
    <div className="preview" data-testid="profile-preview">
      <LineChart width={520} height={140} data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e0e0e0" />
        <XAxis dataKey="s" type="number" domain={[0, end]} tickFormatter={(s: number) => (end <= 600 ? `${s} s` : `${Math.round(s / 60)} min`)} />
        <YAxis width={48} domain={[0, 'auto']} />
        <Tooltip labelFormatter={(s) => `${Number(s)} s`} formatter={(v) => `${String(v)} ${unit}`} isAnimationActive={false} />
        <Line dataKey="limit" type="stepAfter" stroke="#e53935" dot isAnimationActive={false} />
      </LineChart>
    </div>
  );
}
