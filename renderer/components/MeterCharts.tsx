/**
 * The live graphs of one charger: power, current and voltage per phase, the energy of the session;
 * a time range (5 min, 1 h, the whole session), pause, drag-to-zoom, and the status timeline under
 * the power graph, on the same time axis.
 *
 * What keeps it cheap with a day of 1-second samples: samples are decimated to the plot's width
 * before a chart sees them, the charts draw on a canvas (TimeChart), and the picture is redrawn only
 * when it can move by a pixel column —
 * the window's edges sit on a grid of round bucket widths (time-scale.ts), so between two grid steps
 * the rows, ticks and every prop of each chart stay the same objects and the memoised charts skip
 * rendering. The live value in each title is read from the newest sample on every update.
 */
import { memo, useCallback, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { decimate, search, type Row } from '../state/decimate.ts';
import type { SeriesBuffer, SeriesKey } from '../state/series.ts';
import { SERIES_KEYS } from '../state/series.ts';
import { ticksThatFit, timeTicks, timeWindow } from '../state/time-scale.ts';
import { valueScale, type ValueScale } from '../../app/lib/value-scale.ts';
import { StatusTimeline, type Lane } from './StatusTimeline.tsx';
import { TimeChart, type TimeLine } from './TimeChart.tsx';
import { PLOT_LEFT, PLOT_RIGHT } from './plot-layout.ts';
import { useWidth } from './useWidth.ts';
import { clock } from '../format.ts';

const RANGES = { '5m': 5 * 60_000, '1h': 3_600_000, all: Infinity } as const;
export type Range = keyof typeof RANGES;

interface LineSpec {
  readonly key: SeriesKey;
  readonly name: string;
  readonly colour: string;
  readonly dash?: readonly number[];
}

interface ChartSpec {
  /** Also the catalogue's key of its title and of what it measures (charts.<id>.title, .quantity). */
  readonly id: string;
  readonly unit: string;
  readonly scale: number;
  /** The axis starts at 0 (power, current, energy); voltage hugs its values. */
  readonly zero: boolean;
  readonly height: number;
  readonly lines: readonly LineSpec[];
}

/** IEC phase colours (brown, black, grey) as installers know them; L3 dashed so it reads apart from L1 in print. */
function phaseLines(prefix: 'i' | 'v'): readonly LineSpec[] {
  return [
    { key: `${prefix}L1` as SeriesKey, name: 'L1', colour: '#8d6e63' },
    { key: `${prefix}L2` as SeriesKey, name: 'L2', colour: '#212121' },
    { key: `${prefix}L3` as SeriesKey, name: 'L3', colour: '#9e9e9e', dash: [5, 3] },
  ];
}

const CHARTS: readonly ChartSpec[] = [
  {
    id: 'power',
    unit: 'kW',
    scale: 1 / 1000,
    zero: true,
    height: 180,
    lines: [{ key: 'powerW', name: 'charts.activeImport', colour: '#1e88e5' }],
  },
  { id: 'current', unit: 'A', scale: 1, zero: true, height: 120, lines: phaseLines('i') },
  { id: 'voltage', unit: 'V', scale: 1, zero: false, height: 120, lines: phaseLines('v') },
  {
    id: 'energy',
    unit: 'kWh',
    scale: 1 / 1000,
    zero: true,
    height: 120,
    lines: [{ key: 'sessionWh', name: 'charts.energy.title', colour: '#43a047' }],
  },
];

const OVERLAY_COLOUR = '#e53935';
/** Half the width of a time label (HH:MM:SS in the axis font), with a little air. */
const TIME_LABEL_HALF_PX = 26;

export interface Overlay {
  /** Extra stepped line on the power chart (a composite schedule), kW by time. */
  readonly points: readonly { readonly t: number; readonly kw: number | null }[];
  readonly name: string;
}

type ChartRow = Row<SeriesKey> & { overlay?: number | null };

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
  const { t } = useTranslation();
  const [range, setRange] = useState<Range>(initialRange);
  const [pausedAt, setPausedAt] = useState<number | null>(null);
  const [zoom, setZoom] = useState<[number, number] | null>(null);
  const [drag, setDrag] = useState<[number, number] | null>(null);
  const [connector, setConnector] = useState<number | 'all'>('all');
  const [ref, width] = useWidth<HTMLDivElement>();
  const connectors = useMemo(() => series.connectors(), [series, version]); // eslint-disable-line react-hooks/exhaustive-deps -- the version counter stands for the mutable buffer's contents

  const plotWidth = Math.max(50, width - PLOT_LEFT - PLOT_RIGHT);
  // About one point per two pixels (round bucket widths land between 3 and 6 pixels a bucket); a
  // bucket gives two points, its minimum and maximum, so peaks survive.
  const maxBuckets = Math.max(1, Math.floor(plotWidth / 3));
  const end = pausedAt ?? now;
  const sessionStart = series.length > 0 ? series.t[0]! : end - 60_000;
  const grid = zoom
    ? { from: zoom[0], to: zoom[1], buckets: maxBuckets }
    : timeWindow({ end, span: RANGES[range] === Infinity ? undefined : RANGES[range], start: sessionStart, maxBuckets });
  const { from, to: sampledTo, buckets } = grid;
  // A schedule on the power graph reaches into the future: the window shows it (up to its own width again).
  const overlayEnd = overlay?.points.reduce((m, p) => Math.max(m, p.t), -Infinity) ?? -Infinity;
  const ahead = zoom ? 0 : Math.min(Math.max(0, overlayEnd - sampledTo), sampledTo - from);
  const to = sampledTo + (ahead > 0 ? Math.ceil(ahead / ((sampledTo - from) / buckets)) * ((sampledTo - from) / buckets) : 0);
  const keep = connector === 'all' ? undefined : (i: number) => series.connector[i] === connector;
  // Not on `version`: between two steps of the grid new samples cannot move the picture by a pixel.
  // A new buffer (history arrived, a session opened) is a new `series`.
  const rows = useMemo(
    () => decimate(series, SERIES_KEYS, from, sampledTo, 2 * buckets, keep),
    [series, from, sampledTo, buckets, connector], // eslint-disable-line react-hooks/exhaustive-deps -- keep follows connector
  );
  // Only ticks whose whole label fits ("07:23:05" needs ~26 px each side of its tick).
  const ticks = useMemo(
    () => ticksThatFit(timeTicks(from, to, Math.max(2, Math.floor(plotWidth / 110))), from, to, plotWidth, PLOT_RIGHT, TIME_LABEL_HALF_PX),
    [from, to, plotWidth],
  );
  const newWhilePaused = pausedAt !== null ? series.length - search(series.t, series.length, pausedAt, false) : 0;
  const latest = latestIndex(series, keep);
  const timeAt = (e: React.MouseEvent<HTMLElement>) => {
    const x = e.clientX - e.currentTarget.getBoundingClientRect().left - PLOT_LEFT;
    return from + Math.min(1, Math.max(0, x / plotWidth)) * (to - from);
  };
  // Only the phases the charger has: a line with no value in the window nor in the newest sample is
  // not drawn or listed (a single-phase charger shows L1, not empty L2 and L3).
  const presentKey = CHARTS.filter((c) => charts.includes(c.id))
    .map((c) => c.lines.filter((l) => (latest >= 0 && !Number.isNaN(series.series[l.key][latest]!)) || rows.some((r) => typeof r[l.key] === 'number')))
    .map((lines) => lines.map((l) => l.key).join(','))
    .join('|');
  const shownCharts = useMemo(
    () =>
      CHARTS.filter((c) => charts.includes(c.id)).map((c, i): ChartSpec => {
        const present = presentKey.split('|')[i]!.split(',').filter(Boolean);
        // Per-phase charts list what the charger sends (nothing yet: no phase); one-line charts keep their line.
        return c.lines.length === 1 || present.length === c.lines.length ? c : { ...c, lines: c.lines.filter((l) => present.includes(l.key)) };
      }),
    [charts, presentKey],
  );

  return (
    <div className="charts" ref={ref}>
      <div className="chart-controls">
        <div className="segmented" role="group" aria-label={t('charts.timeRange')}>
          {(Object.keys(RANGES) as Range[]).map((r) => (
            <button
              key={r}
              type="button"
              className={range === r && !zoom ? 'active' : ''}
              onClick={() => (setRange(r), setZoom(null))}
              data-testid={`range-${r}`}
            >
              {t(`charts.range.${r}`)}
            </button>
          ))}
        </div>
        <button type="button" onClick={() => setPausedAt(pausedAt === null ? Date.now() : null)} data-testid="pause">
          {pausedAt === null ? t('charts.pause') : newWhilePaused > 0 ? t('charts.resumeNew', { count: newWhilePaused }) : t('charts.resume')}
        </button>
        {zoom && (
          <button type="button" onClick={() => setZoom(null)}>
            {t('charts.resetZoom')}
          </button>
        )}
        {connectors.length > 1 && (
          <label>
            {t('charts.connector')}{' '}
            <select value={String(connector)} onChange={(e) => setConnector(e.target.value === 'all' ? 'all' : Number(e.target.value))}>
              <option value="all">{t('charts.allConnectors')}</option>
              {connectors.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="muted">
          {clock(from)} – {clock(to)} · {t('charts.shown', { count: rows.length, samples: series.length })} · {t('charts.dragToZoom')}
        </span>
        {extra}
      </div>
      {shownCharts.map((spec, n) => {
        const live = latest < 0 ? null : liveValues(series, latest, spec);
        const sent = live !== null && live.some((v) => v.value !== null);
        const lastPower = spec.id === 'power' && live ? live[0]!.value : null;
        return (
          <div key={spec.id}>
            <div
              className="chart"
              data-testid={`chart-${spec.id}`}
              data-points={rows.length}
              data-last={spec.id === 'power' ? String(latest < 0 ? '' : (nullIfNaN(series.series.powerW[latest]!) ?? '')) : undefined}
              // Drag to zoom, from the pointer's position on the plot (the chart's own cursor is not used for it).
              onMouseDown={(e) => setDrag([timeAt(e), timeAt(e)])}
              onMouseMove={(e) => drag && setDrag([drag[0], timeAt(e)])}
              onMouseUp={() => {
                if (drag && Math.abs(drag[1] - drag[0]) > 1000) setZoom([Math.min(...drag), Math.max(...drag)]);
                setDrag(null);
              }}
              onMouseLeave={() => setDrag(null)}
            >
              <div className="chart-title">
                <span>
                  {t(`charts.${spec.id}.title`)} ({spec.unit})
                </span>
                <ChartLegend spec={spec} live={live} overlay={spec.id === 'power' ? overlay : undefined} />
                {spec.id === 'power' && (
                  <span className="live-value" data-testid="live-power">
                    {lastPower === null ? '–' : `${(lastPower * spec.scale).toFixed(2)} kW`}
                  </span>
                )}
                {!sent && rows.length === 0 && <span className="muted"> · {t('charts.sentNone', { quantity: t(`charts.${spec.id}.quantity`) })}</span>}
              </div>
              <MeterChart
                spec={spec}
                rows={rows}
                overlay={spec.id === 'power' ? overlay : undefined}
                from={from}
                to={to}
                ticks={ticks}
                width={width}
                // The time axis under the first graph (the timeline follows it) and under the last.
                showTime={n === 0 || n === shownCharts.length - 1}
                drag={drag}
              />
            </div>
            {n === 0 && <StatusTimeline lanes={lanes} from={from} to={to} width={width} now={Math.min(end, sampledTo)} />}
          </div>
        );
      })}
    </div>
  );
}

/** One graph. Memoised: it renders only when its rows, window, width or the drag selection change. */
const MeterChart = memo(function MeterChart({
  spec,
  rows,
  overlay,
  from,
  to,
  ticks,
  width,
  showTime,
  drag,
}: {
  spec: ChartSpec;
  rows: readonly Row<SeriesKey>[];
  overlay: Overlay | undefined;
  from: number;
  to: number;
  ticks: readonly number[];
  width: number;
  showTime: boolean;
  drag: [number, number] | null;
}) {
  const data = useMemo(() => {
    const own = rowsFor(rows, spec);
    return overlay ? mergeOverlay(own, overlay, from, to) : own;
  }, [rows, spec, overlay, from, to]);
  const scale = useMemo(() => axisFor(data, spec), [data, spec]);
  const columns = useMemo(() => toColumns(data, spec, overlay !== undefined), [data, spec, overlay]);
  const valueTicks = useMemo(() => scale.ticks.map((v) => v / spec.scale), [scale, spec]);
  const valueDomain = useMemo(() => [scale.domain[0] / spec.scale, scale.domain[1] / spec.scale] as const, [scale, spec]);
  const { t } = useTranslation();
  const lines = useMemo<TimeLine[]>(
    () => [
      // Phase names (L1…) are not in the catalogues: t() gives them back as they are.
      ...spec.lines.map((l) => ({ name: t(l.name), colour: l.colour, dash: l.dash })),
      ...(overlay ? [{ name: overlay.name, colour: OVERLAY_COLOUR, dash: [6, 3], width: 2, stepped: true }] : []),
    ],
    [spec, overlay, t],
  );
  const formatValue = useCallback((v: number) => (v * spec.scale).toFixed(scale.decimals), [spec, scale.decimals]);
  const describe = useCallback(
    (i: number) => {
      const row = data[i]!;
      const register = spec.id === 'energy' && typeof row.energyWh === 'number' ? (row.energyWh / 1000).toFixed(3) : null;
      return register === null ? clock(row.t) : `${clock(row.t)} · ${t('charts.register', { kwh: register })}`;
    },
    [data, spec, t],
  );
  const plotWidth = Math.max(1, width - PLOT_LEFT - PLOT_RIGHT);
  const x = (t: number) => PLOT_LEFT + ((Math.min(to, Math.max(from, t)) - from) / (to - from)) * plotWidth;
  return (
    <div className="chart-plot">
      <TimeChart
        width={width}
        height={spec.height}
        from={from}
        to={to}
        data={columns}
        lines={lines}
        timeTicks={ticks}
        valueTicks={valueTicks}
        valueDomain={valueDomain}
        formatTime={clock}
        formatValue={formatValue}
        describe={describe}
        showTime={showTime}
      />
      {drag && (
        <div
          className="drag-area"
          style={{ left: x(Math.min(...drag)), width: Math.max(1, x(Math.max(...drag)) - x(Math.min(...drag))), height: spec.height }}
        />
      )}
    </div>
  );
});

/** The chart's lines with their colour and the newest value of each (a legend that also reads out). */
function ChartLegend({ spec, live, overlay }: { spec: ChartSpec; live: readonly { name: string; value: number | null }[] | null; overlay?: Overlay }) {
  const { t } = useTranslation();
  return (
    <span className="legend" data-testid={`legend-${spec.id}`}>
      {spec.lines.map((l, i) => {
        const value = live?.[i]?.value ?? null;
        return (
          <span key={l.key} className="legend-item">
            <svg width="18" height="8" aria-hidden="true">
              <line x1="0" y1="4" x2="18" y2="4" stroke={l.colour} strokeWidth="2" strokeDasharray={l.dash?.join(' ')} />
            </svg>
            {t(l.name)}
            {/* The newest value beside its line (power has its own read-out beside the legend). */}
            {spec.id !== 'power' && value !== null && (
              <span className="muted" data-testid={`legend-value-${l.key}`}>
                {' '}
                {(value * spec.scale).toFixed(spec.id === 'energy' ? 2 : 1)}
              </span>
            )}
          </span>
        );
      })}
      {overlay && (
        <span className="legend-item">
          <svg width="18" height="8" aria-hidden="true">
            <line x1="0" y1="4" x2="18" y2="4" stroke={OVERLAY_COLOUR} strokeWidth="2" strokeDasharray="6 3" />
          </svg>
          {overlay.name}
        </span>
      )}
    </span>
  );
}

function nullIfNaN(v: number): number | null {
  return Number.isNaN(v) ? null : v;
}

/** Index of the newest sample (of the connector shown), or -1. */
function latestIndex(series: SeriesBuffer, keep?: (i: number) => boolean): number {
  for (let i = series.length - 1, looked = 0; i >= 0 && looked < 256; i--, looked++) if (!keep || keep(i)) return i;
  return -1;
}

function liveValues(series: SeriesBuffer, i: number, spec: ChartSpec): { name: string; value: number | null }[] {
  return spec.lines.map((l) => ({ name: l.name, value: nullIfNaN(series.series[l.key][i]!) }));
}

/** Rows as the columns a canvas chart takes: times, then each line's values (and the overlay's). */
function toColumns(rows: readonly ChartRow[], spec: ChartSpec, withOverlay: boolean): [number[], ...(number | null)[][]] {
  const t = rows.map((r) => r.t);
  const lines = spec.lines.map((l) => rows.map((r) => (typeof r[l.key] === 'number' ? (r[l.key] as number) : null)));
  if (withOverlay) lines.push(rows.map((r) => (typeof r.overlay === 'number' ? r.overlay : null)));
  return [t, ...lines];
}

/** The value axis of a chart from the values it draws (display units), including the overlay. */
function axisFor(data: readonly ChartRow[], spec: ChartSpec): ValueScale {
  let lo = Infinity;
  let hi = -Infinity;
  const include = (v: unknown) => {
    if (typeof v !== 'number') return;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  };
  for (const r of data) {
    for (const l of spec.lines) include(r[l.key]);
    include(r.overlay);
  }
  if (lo === Infinity) return valueScale(0, 0, { zero: spec.zero });
  return valueScale(lo * spec.scale, hi * spec.scale, { zero: spec.zero });
}

/** Each chart's rows with only its own keys (and the register, for the energy read-out). */
function rowsFor(rows: readonly Row<SeriesKey>[], spec: ChartSpec): ChartRow[] {
  return rows.map((r) => {
    const own: ChartRow = { t: r.t };
    for (const l of spec.lines) own[l.key] = r[l.key] ?? null;
    if (spec.id === 'energy') own.energyWh = r.energyWh ?? null; // for the tooltip's register reading
    return own;
  });
}

/**
 * The overlay's steps as rows of their own (W, like powerW), merged in time order with the samples.
 * The step in force at the window's left edge is drawn from that edge, and the last one carries on
 * to the right edge, so a schedule reads as a line across the graph, not a stub at its end.
 */
function mergeOverlay(rows: ChartRow[], overlay: Overlay, from: number, to: number): ChartRow[] {
  const points = [...overlay.points].sort((a, b) => a.t - b.t);
  if (points.length === 0) return rows;
  const w = (kw: number | null) => (kw === null ? null : kw * 1000);
  const before = points.filter((p) => p.t <= from).at(-1);
  const inside = points.filter((p) => p.t > from && p.t <= to);
  const steps: ChartRow[] = [];
  if (before) steps.push({ t: from, overlay: w(before.kw) });
  for (const p of inside) steps.push({ t: p.t, overlay: w(p.kw) });
  const last = steps.at(-1);
  if (last && last.t < to) steps.push({ t: to, overlay: last.overlay ?? null });
  return [...rows, ...steps].sort((a, b) => a.t - b.t);
}
