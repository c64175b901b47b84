/**
 * The car of a charger this app simulates (the demo): plug, unplug, start and stop charging, pause,
 * the car's own current limit and a fault, per connector. Shown only for simulated chargers, so a
 * demo (and the readiness suite against it) can be driven from the screen alone.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandArgs, SimulatedCharger } from '../../app/host/contract.ts';
import { useHostContext } from '../hooks.ts';
import { Badge } from '../components/common.tsx';

type Action = CommandArgs<'sim.act'>['action'];

/** The simulated charger's state, refreshed every second while shown; null for a real charger. */
export function useSimulated(chargerId: string): [SimulatedCharger | null, () => void] {
  const { host } = useHostContext();
  const [state, setState] = useState<SimulatedCharger | null>(null);
  const refresh = useCallback(() => {
    host.invoke('sim.list', {}).then(
      (list) => setState(list.find((c) => c.chargerId === chargerId) ?? null),
      () => setState(null),
    );
  }, [host, chargerId]);
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, 1000);
    return () => clearInterval(timer);
  }, [refresh]);
  return [state, refresh];
}

export function SimulatedCar({ chargerId }: { chargerId: string }) {
  const { t } = useTranslation();
  const { host } = useHostContext();
  const [sim, refresh] = useSimulated(chargerId);
  const [error, setError] = useState<string | null>(null);
  const [amps, setAmps] = useState<Record<number, string>>({});
  if (!sim) return null;
  const act = (connectorId: number, action: Action) => {
    setError(null);
    host.invoke('sim.act', { chargerId, connectorId, action }).then(refresh, (err: Error) => setError(err.message));
  };
  return (
    <section className="card" data-testid="simulated-car">
      <h2>
        {t('car.title')} <Badge tone="info">{t('car.demo')}</Badge>
      </h2>
      <p className="muted small-text">{t('car.explained')}</p>
      <table className="grid">
        <thead>
          <tr>
            <th>{t('car.connector')}</th>
            <th>{t('car.car')}</th>
            <th>{t('car.charging')}</th>
            <th>{t('car.limit')}</th>
            <th>{t('car.fault')}</th>
          </tr>
        </thead>
        <tbody>
          {sim.connectors.map((c) => (
            <tr key={c.id} data-testid={`sim-connector-${c.id}`}>
              <td>
                {c.id} <span className="muted">{c.status ?? ''}</span>
              </td>
              <td>
                {c.plugged ? (
                  <>
                    <span className="muted">{c.socPercent ?? '?'} % · </span>
                    <button type="button" className="small" onClick={() => act(c.id, { kind: 'unplug' })} data-testid={`sim-unplug-${c.id}`}>
                      {t('car.unplug')}
                    </button>
                  </>
                ) : (
                  <button type="button" className="small" onClick={() => act(c.id, { kind: 'plug' })} data-testid={`sim-plug-${c.id}`}>
                    {t('car.plug')}
                  </button>
                )}
              </td>
              <td>
                {c.transactionId !== null ? (
                  <>
                    <span className="muted">{t('car.transaction', { id: c.transactionId })} · </span>
                    <button type="button" className="small" onClick={() => act(c.id, { kind: 'stop' })} data-testid={`sim-stop-${c.id}`}>
                      {t('car.stop')}
                    </button>{' '}
                    <button
                      type="button"
                      className="small"
                      onClick={() => act(c.id, { kind: c.paused ? 'resume' : 'pause' })}
                      data-testid={`sim-pause-${c.id}`}
                    >
                      {c.paused ? t('car.resumes') : t('car.pauses')}
                    </button>
                  </>
                ) : (
                  <button type="button" className="small" disabled={!c.plugged} onClick={() => act(c.id, { kind: 'start' })} data-testid={`sim-start-${c.id}`}>
                    {t('car.start')}
                  </button>
                )}
              </td>
              <td>
                <input
                  type="number"
                  min={0}
                  max={80}
                  step={1}
                  disabled={!c.plugged}
                  value={amps[c.id] ?? (c.evMaxCurrentA !== null ? String(c.evMaxCurrentA) : '')}
                  onChange={(e) => setAmps({ ...amps, [c.id]: e.target.value })}
                  data-testid={`sim-amps-${c.id}`}
                />{' '}
                <button
                  type="button"
                  className="small"
                  disabled={!c.plugged || amps[c.id] === undefined || amps[c.id] === ''}
                  onClick={() => {
                    act(c.id, { kind: 'max-current', amps: Number(amps[c.id]) });
                    setAmps(({ [c.id]: _set, ...rest }) => rest);
                  }}
                >
                  {t('car.set')}
                </button>
              </td>
              <td>
                {c.fault ? (
                  <>
                    <Badge tone="bad">{c.fault}</Badge>{' '}
                    <button type="button" className="small" onClick={() => act(c.id, { kind: 'clear-fault' })} data-testid={`sim-clear-fault-${c.id}`}>
                      {t('car.clear')}
                    </button>
                  </>
                ) : (
                  <button
                    type="button"
                    className="small"
                    onClick={() => act(c.id, { kind: 'fault', errorCode: 'GroundFailure' })}
                    data-testid={`sim-fault-${c.id}`}
                  >
                    {t('car.groundFault')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error && <p className="error-text">{error}</p>}
    </section>
  );
}
