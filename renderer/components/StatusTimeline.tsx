/** One lane per connector under the graphs, on the same time axis: each status as a coloured band. */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatusChange } from '../../app/host/contract.ts';
import { clock } from '../format.ts';
import { PLOT_LEFT, PLOT_RIGHT } from './plot-layout.ts';

export const STATUS_COLOURS: Record<string, string> = {
  Available: '#4caf50',
  Preparing: '#90caf9',
  Charging: '#1e88e5',
  SuspendedEV: '#ffb300',
  SuspendedEVSE: '#fb8c00',
  Finishing: '#9575cd',
  Reserved: '#26a69a',
  Unavailable: '#9e9e9e',
  Faulted: '#e53935',
};

export interface Lane {
  readonly id: number;
  readonly timeline: readonly StatusChange[];
}

/** Memoised: the charts hand it the same window between two steps of their time grid. */
export const StatusTimeline = memo(function StatusTimeline({
  lanes,
  from,
  to,
  width,
  now,
}: {
  lanes: readonly Lane[];
  from: number;
  to: number;
  width: number;
  now: number;
}) {
  const { t } = useTranslation();
  const laneHeight = 22;
  const plot = Math.max(1, width - PLOT_LEFT - PLOT_RIGHT);
  const x = (t: number) => PLOT_LEFT + ((t - from) / (to - from)) * plot;
  const seen = [...new Set(lanes.flatMap((l) => l.timeline.map((c) => c.status)))];
  return (
    <>
      <svg className="timeline" width={width} height={lanes.length * laneHeight + 4} data-testid="status-timeline" role="img" aria-label={t('timeline.label')}>
        {lanes.map((lane, n) => {
          const y = n * laneHeight + 2;
          const segments = lane.timeline.map((change, i) => ({ change, start: change.at, end: lane.timeline[i + 1]?.at ?? Math.max(now, change.at) }));
          return (
            <g key={lane.id} data-testid={`timeline-lane-${lane.id}`}>
              <text x={4} y={y + 15} className="lane-label">
                {lane.id === 0 ? t('timeline.charger') : t('timeline.connector', { id: lane.id })}
              </text>
              {segments
                .filter((s) => s.end >= from && s.start <= to)
                .map((s) => {
                  const x0 = x(Math.max(s.start, from));
                  const x1 = x(Math.min(s.end, to));
                  return (
                    <rect
                      key={s.change.seq}
                      x={x0}
                      y={y}
                      width={Math.max(1, x1 - x0)}
                      height={laneHeight - 4}
                      fill={STATUS_COLOURS[s.change.status] ?? '#607d8b'}
                      data-status={s.change.status}
                      data-seq={s.change.seq}
                    >
                      <title>{`${s.change.status}${s.change.errorCode && s.change.errorCode !== 'NoError' ? ` (${s.change.errorCode})` : ''} ${t('timeline.from', { at: clock(s.start) })}${s.change.info ? ` — ${s.change.info}` : ''}`}</title>
                    </rect>
                  );
                })}
            </g>
          );
        })}
      </svg>
      {seen.length > 0 && (
        <div className="legend status-key" data-testid="status-key">
          {seen.map((status) => (
            <span key={status} className="legend-item">
              <span className="swatch" style={{ background: STATUS_COLOURS[status] ?? '#607d8b' }} />
              {status}
            </span>
          ))}
        </div>
      )}
    </>
  );
});
