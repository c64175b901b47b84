/**
 * The live graphs of one charger: power, current and voltage per phase, energy; a time range
 * (5 min, 1 h, the whole session), pause, drag-to-zoom, and the status timeline aligned underneath.
 * Samples are decimated to the plot's width before recharts sees them, so a day of 1-second samples
 * costs what a few hundred points cost.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceArea, Tooltip, XAxis, YAxis } from 'recharts';
import { decimate, search, type Row } from '../state/decimate.ts';
import type { SeriesBuffer, SeriesKey } from '../state/series.ts';
import { SERIES_KEYS } from '../state/series.ts';
import { StatusTimeline, type Lane } from './StatusTimeline.tsx';
import { PLOT_LEFT, PLOT_RIGHT } from './plot-layout.ts';
import { useWidth } from './useWidth.ts';
import { clock } from '../format.ts';

const RANGES = { '5m': 5 * 60_000, '1h': 3_600_000, all: Infinity } as const;
export type Range = keyof typeof RANGES;

interface ChartSpec {
  readonly id: string;
  readonly title: string;
  readonly unit: string;
  readonly scale: number;
  readonly lines: readonly { readonly key: SeriesKey; readonly name: string; readonly colour: string }[];
}

function phaseLines(prefix: 'i' | 'v'): ChartSpec['lines'] {
  const colours = ['#8d6e63', '#424242', '#9e9e9e'];
  return (['L1', 'L2', 'L3'] as const).map((phase, n) => ({ key: `${prefix}${phase}` as SeriesKey, name: phase, colour: colours[n]! }));
}

const CHARTS: readonly ChartSpec[] = [
  { id: 'power', title: 'Power', unit: 'kW', scale: 1 / 1000, lines: [{ key: 'powerW', name: 'Active import', colour: '#1e88e5' }] },
  { id: 'current', title: 'Current', unit: 'A', scale: 1, lines: phaseLines('i') },
  { id: 'voltage', title: 'Voltage', unit: 'V', scale: 1, lines: phaseLines('v') },
  { id: 'energy', title: 'Energy register', unit: 'kWh', scale: 1 / 1000, lines: [{ key: 'energyWh', name: 'Energy', colour: '#43a047' }] },
];

export interface Overlay {
  /** Extra stepped line on the power chart (a composite schedule), kW by time. */
  readonly points: readonly { readonly t: number; readonly kw: number | null }[];
  readonly name: string;
}

export function MeterCharts({
  series,
  version,
  lanes,
  now,
  overlay,
  charts = ['power', 'current', 'voltage', 'energy'],
  extra,
  initialRange = '5m',
}: {
  series: SeriesBuffer;
  version: number;
  lanes: readonly Lane[];
  now: number;
  overlay?: Overlay;
  charts?: readonly string[];
  extra?: ReactNode;
  initialRange?: Range;
}) {
  const [range, setRange] = useState<Range>(initialRange);
  const [pausedAt, setPausedAt] = useState<number | null>(null);
  const [zoom, setZoom] = useState<[number, number] | null>(null);
  const [drag, setDrag] = useState<[number, number] | null>(null);
  const [connector, setConnector] = useState<number | 'all'>('all');
  const [ref, width] = useWidth<HTMLDivElement>();
  const connectors = useMemo(() => series.connectors(), [series, version]); // eslint-disable-line react-hooks/exhaustive-deps -- the version counter stands for the mutable buffer's contents

  const end = pausedAt ?? now;
  const sessionStart = series.length > 0 ? series.t[0]! : end - 60_000;
  const [from, to] = zoom ?? [RANGES[range] === Infinity ? Math.min(sessionStart, end - 60_000) : end - RANGES[range], end];
  const plotWidth = Math.max(50, width - PLOT_LEFT - PLOT_RIGHT);
  // One point per two pixels: each bucket keeps its min and max, so peaks survive at half the drawing cost.
  const rows = useMemo(
    () =>
      decimate(
        series,
        SERIES_KEYS,
        from,
        to,
        Math.max(2, Math.floor(plotWidth / 2)),
        connector === 'all' ? undefined : (i) => series.connector[i] === connector,
      ),
    // version: the buffer is mutated in place; it says when it grew.
    [series, version, from, to, plotWidth, connector], // eslint-disable-line react-hooks/exhaustive-deps -- the version counter stands for the mutable buffer's contents
  );
  const newWhilePaused = pausedAt !== null ? series.length - search(series.t, series.length, pausedAt, false) : 0;
  const lastPower = rows.at(-1)?.powerW ?? null;
  const timeAt = (e: React.MouseEvent<HTMLElement>) => {
    const x = e.clientX - e.currentTarget.getBoundingClientRect().left - PLOT_LEFT;
    return from + Math.min(1, Math.max(0, x / plotWidth)) * (to - from);
  };

  return (
    <div className="charts" ref={ref}>
      <div className="chart-controls">
        <div className="segmented" role="group" aria-label="Time range">
          {(Object.keys(RANGES) as Range[]).map((r) => (
            <button
              key={r}
              type="button"
              className={range === r && !zoom ? 'active' : ''}
              onClick={() => (setRange(r), setZoom(null))}
              data-testid={`range-${r}`}
            >
              {r === 'all' ? 'Whole session' : r === '5m' ? '5 min' : '1 h'}
            </button>
          ))}
        </div>
        <button type="button" onClick={() => setPausedAt(pausedAt === null ? Date.now() : null)} data-testid="pause">
          {pausedAt === null ? 'Pause' : `Resume${newWhilePaused > 0 ? ` (${newWhilePaused} new)` : ''}`}
        </button>
        {zoom && (
          <button type="button" onClick={() => setZoom(null)}>
            Reset zoom
          </button>
        )}
        {connectors.length > 1 && (
          <label>
            Connector{' '}
            <select value={String(connector)} onChange={(e) => setConnector(e.target.value === 'all' ? 'all' : Number(e.target.value))}>
              <option value="all">all</option>
              {connectors.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="muted">
          {clock(from)} – {clock(to)} · {rows.length} points shown of {series.length} samples · drag across a graph to zoom
        </span>
        {extra}
      </div>
      {CHARTS.filter((c) => charts.includes(c.id)).map((spec) => {
        const own = rowsFor(rows, spec);
        const data = spec.id === 'power' && overlay ? mergeOverlay(own, overlay) : own;
        const shown = spec.lines.filter((l) => rows.some((r) => r[l.key] !== null && r[l.key] !== undefined));
        return (
          <div
            key={spec.id}
            className="chart"
            data-testid={`chart-${spec.id}`}
            data-points={rows.length}
            data-last={spec.id === 'power' ? String(lastPower ?? '') : undefined}
            // Drag to zoom, from the pointer's position on the plot (not recharts' hover state, which lags the pointer).
            onMouseDown={(e) => setDrag([timeAt(e), timeAt(e)])}
            onMouseMove={(e) => drag && setDrag([drag[0], timeAt(e)])}
            onMouseUp={() => {
              if (drag && Math.abs(drag[1] - drag[0]) > 1000) setZoom([Math.min(...drag), Math.max(...drag)]);
              setDrag(null);
            }}
            onMouseLeave={() => setDrag(null)}
          >
            <div className="chart-title">
              {spec.title} ({spec.unit})
              {spec.id === 'power' && (
                <span className="live-value" data-testid="live-power">
                  {lastPower === null ? '–' : `${(lastPower / 1000).toFixed(2)} kW`}
                </span>
              )}
              {shown.length === 0 && <span className="muted"> · the charger sent no {spec.title.toLowerCase()} in this range</span>}
            </div>
            <LineChart width={width} height={spec.id === 'power' ? 180 : 120} data={data} margin={{ top: 4, right: PLOT_RIGHT, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e0e0e0" />
              <XAxis
                dataKey="t"
                type="number"
                domain={[from, to]}
                allowDataOverflow
                tickFormatter={(t: number) => clock(t)}
                hide={spec.id !== 'energy'}
                scale="time"
                minTickGap={48}
              />
              <YAxis
                width={PLOT_LEFT}
                tickCount={4}
                tickFormatter={(v: number) => fmt(v * spec.scale)}
                domain={spec.id === 'voltage' ? ['auto', 'auto'] : [0, 'auto']}
              />
              <Tooltip
                labelFormatter={(t) => clock(Number(t))}
                formatter={(v) => (typeof v === 'number' ? `${fmt(v * spec.scale)} ${spec.unit}` : String(v))}
                isAnimationActive={false}
              />
              {spec.lines.map((l) => (
                <Line
                  key={l.key}
                  dataKey={l.key}
                  name={l.name}
                  stroke={l.colour}
                  dot={false}
                  isAnimationActive={false}
                  connectNulls={false}
                  strokeWidth={1.5}
                />
              ))}
              {spec.id === 'power' && overlay && (
                <Line
                  dataKey="overlay"
                  name={overlay.name}
                  stroke="#e53935"
                  strokeDasharray="6 3"
                  dot={false}
                  type="stepAfter"
                  isAnimationActive={false}
                  connectNulls
                />
              )}
              {drag && <ReferenceArea x1={Math.min(...drag)} x2={Math.max(...drag)} fill="#1e88e5" fillOpacity={0.1} />}
            </LineChart>
          </div>
        );
      })}
      <StatusTimeline lanes={lanes} from={from} to={to} width={width} now={end} />
    </div>
  );
}

function fmt(v: number): string {
  const a = Math.abs(v);
  return a >= 1000 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : v.toFixed(2);
}

/** Each chart gets rows with only its own keys: recharts copies every row it is given, key by key. */
function rowsFor(rows: readonly Row<SeriesKey>[], spec: ChartSpec): Row<SeriesKey>[] {
  return rows.map((r) => {
    const own: Row<SeriesKey> = { t: r.t };
    for (const l of spec.lines) own[l.key] = r[l.key] ?? null;
    return own;
  });
}

/** The overlay's steps as rows of their own (W, like powerW), merged in time order with the samples. */
function mergeOverlay(rows: Row<SeriesKey>[], overlay: Overlay): (Row<SeriesKey> & { overlay?: number | null })[] {
  const extra = overlay.points.map((p) => ({ t: p.t, overlay: p.kw === null ? null : p.kw * 1000 }));
  return [...rows, ...extra].sort((a, b) => a.t - b.t);
}
