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
import { readNumber, type NumberProblem } from '../state/number-text.ts';
import { profileFieldLabel } from '../state/profile-fields.ts';

/** A period as typed: numbers kept as text until the profile is built (an emptied field is not 0). */
interface Period {
  startPeriod: string;
  limit: string;
  numberPhases: string;
}

/** A problem with the form, named by the field's label. */
interface FormProblem {
  readonly field: string;
  readonly message: string;
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
  const [profileId, setProfileId] = useState('501');
  const [stackLevel, setStackLevel] = useState('1');
  const [purpose, setPurpose] = useState<(typeof PURPOSES)[number]>(openTx.length > 0 ? 'TxProfile' : 'TxDefaultProfile');
  const [kind, setKind] = useState<(typeof KINDS)[number]>('Relative');
  const [recurrency, setRecurrency] = useState<'Daily' | 'Weekly'>('Daily');
  const [unit, setUnit] = useState<'A' | 'W'>('A');
  const [periods, setPeriods] = useState<Period[]>([{ startPeriod: '0', limit: '6', numberPhases: '' }]);
  const [duration, setDuration] = useState('');
  const [validTo, setValidTo] = useState('');
  const [checked, setIssues] = useState<readonly { path: string; message: string }[]>([]);
  const [checkedWarnings, setWarnings] = useState<readonly { path: string; message: string }[]>([]);
  const [sent, send, forgetSend] = useChargerCall<'SetChargingProfile'>();
  const [composite, getComposite, forgetComposite] = useCommand('charger.compositeSchedule');
  const [cleared, clear, forgetClear] = useChargerCall<'ClearChargingProfile'>();
  const [compositeDuration, setCompositeDuration] = useState('3600');

  const tx = openTx.find((t) => t.connectorId === connectorId);
  // The schedule starts at the current minute: the payload changes once a minute, not every second.
  const minute = Math.floor(now / 60_000) * 60_000;
  const label = (path: string) => profileFieldLabel(path, (key, values) => t(key, values ?? {}), unit);
  // The numbers as typed, read once: a problem names its field and keeps the profile from being built.
  const numbers = useMemo(() => {
    const problems: { path: string; problem: NumberProblem }[] = [];
    const read = (path: string, text: string, rule: Parameters<typeof readNumber>[1]) => {
      const r = readNumber(text, rule);
      if (r.problem) problems.push({ path, problem: r.problem });
      return r.value;
    };
    const read_ = {
      profileId: read('csChargingProfiles.chargingProfileId', profileId, { integer: true }),
      stackLevel: read('csChargingProfiles.stackLevel', stackLevel, { integer: true }),
      duration: read('csChargingProfiles.chargingSchedule.duration', duration, { integer: true, optional: true }),
      periods: periods.map((p, i) => ({
        startPeriod: read(`csChargingProfiles.chargingSchedule.chargingSchedulePeriod.${i}.startPeriod`, p.startPeriod, { integer: true }),
        limit: read(`csChargingProfiles.chargingSchedule.chargingSchedulePeriod.${i}.limit`, p.limit, {}),
      })),
    };
    return { ...read_, problems };
  }, [profileId, stackLevel, duration, periods]);
  const composeFor = readNumber(compositeDuration, { integer: true, min: 1, max: 7 * 24 * 3600 });
  const formProblems: FormProblem[] = numbers.problems.map(({ path, problem }) => ({
    field: label(path),
    message: t(`form.${problem.key}`, problem.values ?? {}),
  }));
  const payload = useMemo((): SetChargingProfile | null => {
    if (numbers.problems.length > 0) return null;
    type Profile = SetChargingProfile['csChargingProfiles'];
    const schedule: Profile['chargingSchedule'] = {
      chargingRateUnit: unit,
      chargingSchedulePeriod: periods.map((p, i) => ({
        startPeriod: numbers.periods[i]!.startPeriod!,
        limit: numbers.periods[i]!.limit!,
        ...(p.numberPhases ? { numberPhases: Number(p.numberPhases) } : {}),
      })),
    };
    if (numbers.duration !== null) schedule.duration = numbers.duration;
    if (kind !== 'Relative') schedule.startSchedule = new Date(minute).toISOString();
    const profile: Profile = {
      chargingProfileId: numbers.profileId!,
      stackLevel: numbers.stackLevel!,
      chargingProfilePurpose: purpose,
      chargingProfileKind: kind,
      chargingSchedule: schedule,
    };
    if (kind === 'Recurring') profile.recurrencyKind = recurrency;
    if (purpose === 'TxProfile' && tx?.transactionId !== null && tx?.transactionId !== undefined) profile.transactionId = tx.transactionId;
    if (validTo) profile.validTo = new Date(validTo).toISOString();
    return { connectorId: purpose === 'ChargePointMaxProfile' ? 0 : connectorId, csChargingProfiles: profile };
  }, [numbers, unit, periods, kind, purpose, recurrency, tx, validTo, connectorId, minute]);

  // What the host said about the last profile built; nothing while the form cannot build one.
  const issues = payload ? checked : [];
  const warnings = payload ? checkedWarnings : [];

  // The host checks the payload against the OCPP schema as it is built.
  useEffect(() => {
    let live = true;
    if (!payload) return;
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
            <input inputMode="numeric" value={profileId} onChange={(e) => setProfileId(e.target.value)} data-testid="profile-id" />
          </label>
          <label>
            {t('smart.stackLevel')}
            <input inputMode="numeric" value={stackLevel} onChange={(e) => setStackLevel(e.target.value)} />
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
            <input inputMode="numeric" value={duration} onChange={(e) => setDuration(e.target.value)} />
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
                    inputMode="numeric"
                    value={p.startPeriod}
                    disabled={i === 0}
                    aria-label={label(`csChargingProfiles.chargingSchedule.chargingSchedulePeriod.${i}.startPeriod`)}
                    onChange={(e) => setPeriod(i, { startPeriod: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    inputMode="decimal"
                    value={p.limit}
                    aria-label={label(`csChargingProfiles.chargingSchedule.chargingSchedulePeriod.${i}.limit`)}
                    onChange={(e) => setPeriod(i, { limit: e.target.value })}
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
            setPeriods([
              ...periods,
              { startPeriod: String((readNumber(periods.at(-1)?.startPeriod ?? '').value ?? 0) + 900), limit: periods.at(-1)?.limit ?? '', numberPhases: '' },
            ])
          }
        >
          {t('smart.addPeriod')}
        </button>
        <Preview periods={numbers.periods.map((p) => ({ startPeriod: p.startPeriod ?? 0, limit: p.limit ?? 0 }))} unit={unit} duration={numbers.duration} />
        {(formProblems.length > 0 || issues.length > 0) && (
          <ul className="issues" data-testid="profile-issues">
            {[...formProblems, ...issues.map((i) => ({ field: label(i.path), message: i.message }))].map((p) => (
              <li key={p.field + p.message}>
                <strong>{p.field}</strong>: {p.message}
              </li>
            ))}
          </ul>
        )}
        {warnings.length > 0 && (
          <ul className="warnings" data-testid="profile-warnings">
            {warnings.map((w) => (
              <li key={w.path + w.message}>
                <strong>{label(w.path)}</strong>: {w.message}
              </li>
            ))}
          </ul>
        )}
        <div className="row">
          <button
            type="button"
            className="primary"
            disabled={!payload || issues.length > 0}
            onClick={() => {
              if (!payload) return;
              if (warnings.length > 0 && !window.confirm(`${warnings.map((w) => `${label(w.path)}: ${w.message}`).join('\n')}\n\n${t('smart.sendAnyway')}`))
                return;
              send(chargerId, 'SetChargingProfile', payload);
            }}
            data-testid="profile-send"
          >
            {t('smart.send')}
          </button>
          <button
            type="button"
            disabled={numbers.profileId === null}
            onClick={() => numbers.profileId !== null && clear(chargerId, 'ClearChargingProfile', { id: numbers.profileId })}
            data-testid="profile-clear"
          >
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
            {t('smart.duration')}{' '}
            <input inputMode="numeric" value={compositeDuration} onChange={(e) => setCompositeDuration(e.target.value)} data-testid="composite-duration" />
          </label>
          <button
            type="button"
            disabled={composeFor.value === null}
            onClick={() =>
              composeFor.value !== null &&
              getComposite({
                chargerId,
                connectorId: purpose === 'ChargePointMaxProfile' ? 0 : connectorId,
                duration: composeFor.value,
                chargingRateUnit: unit,
              })
            }
            data-testid="composite-get"
          >
            GetCompositeSchedule
          </button>
          {composeFor.problem && (
            <span className="error-text" data-testid="composite-problem">
              {t('smart.duration')}: {t(`form.${composeFor.problem.key}`, composeFor.problem.values ?? {})}
            </span>
          )}
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
function Preview({ periods, unit, duration }: { periods: readonly { startPeriod: number; limit: number }[]; unit: string; duration: number | null }) {
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
