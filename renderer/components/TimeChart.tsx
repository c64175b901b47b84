/**
 * One time-series graph on a canvas (uPlot): lines over a fixed time window, our own tick times and
 * value ticks, a hover read-out. Made for live data: the chart object is created once per set of
 * lines, and a new window or new rows only hand it new arrays (`setData`, `setScale`) — no
 * component tree is rebuilt, which is what a redraw of an SVG chart library costs.
 */
import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { PLOT_LEFT, PLOT_RIGHT } from './plot-layout.ts';

export interface TimeLine {
  readonly name: string;
  readonly colour: string;
  readonly dash?: readonly number[];
  readonly width?: number;
  /** Holds its value until the next point (a schedule), and bridges gaps. */
  readonly stepped?: boolean;
}

export interface TimeChartProps {
  readonly width: number;
  readonly height: number;
  readonly from: number;
  readonly to: number;
  /** Times (ms), then one column per line, null where a line has no value. */
  readonly data: readonly [readonly number[], ...(readonly (number | null)[])[]];
  readonly lines: readonly TimeLine[];
  readonly timeTicks: readonly number[];
  readonly valueTicks: readonly number[];
  readonly valueDomain: readonly [number, number];
  readonly formatTime: (t: number) => string;
  readonly formatValue: (v: number) => string;
  /** The hover read-out's heading for the point at index i (time, and anything else worth saying). */
  readonly describe: (i: number) => string;
  readonly showTime: boolean;
}

const GRID = { stroke: '#e0e0e0', width: 1, dash: [3, 3] };
const AXIS_FONT = '11px system-ui, sans-serif';

export const TimeChart = memo(function TimeChart(props: TimeChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  // uPlot's callbacks read the current props through this: the chart is not rebuilt when they change.
  const current = useRef(props);
  current.current = props;
  const [hover, setHover] = useState<number | null>(null);
  const linesKey = props.lines.map((l) => `${l.name}|${l.colour}|${l.dash?.join(',') ?? ''}|${l.stepped ? 1 : 0}`).join(';') + `|${props.showTime}`;

  useLayoutEffect(() => {
    const p = current.current;
    const opts: uPlot.Options = {
      width: p.width,
      height: p.height,
      // Room above and below the plot for the first and last value labels, which are drawn centred on their tick.
      padding: [8, PLOT_RIGHT, p.showTime ? 0 : 8, 0],
      legend: { show: false },
      cursor: { drag: { x: false, y: false, setScale: false }, points: { size: 6 } },
      select: { show: false, left: 0, top: 0, width: 0, height: 0 },
      scales: {
        x: { time: false, range: () => [current.current.from, current.current.to] },
        y: { range: () => [current.current.valueDomain[0], current.current.valueDomain[1]] },
      },
      axes: [
        {
          show: p.showTime,
          font: AXIS_FONT,
          stroke: '#666',
          grid: GRID,
          ticks: { show: false },
          splits: () => [...current.current.timeTicks],
          values: (_u, splits) => splits.map((t) => current.current.formatTime(t)),
          size: 24,
        },
        {
          font: AXIS_FONT,
          stroke: '#666',
          grid: GRID,
          ticks: { show: false },
          size: PLOT_LEFT,
          splits: () => [...current.current.valueTicks],
          values: (_u, splits) => splits.map((v) => current.current.formatValue(v)),
        },
      ],
      series: [
        {},
        ...p.lines.map((l): uPlot.Series => ({
          label: l.name,
          stroke: l.colour,
          width: l.width ?? 1.5,
          dash: l.dash ? [...l.dash] : undefined,
          spanGaps: l.stepped ?? false,
          paths: l.stepped ? uPlot.paths.stepped!({ align: 1 }) : undefined,
          points: { show: (u: uPlot) => u.data[0].length === 1 },
        })),
      ],
      hooks: {
        setCursor: [(u) => setHover(u.cursor.idx ?? null)],
      },
    };
    const made = new uPlot(opts, toAligned(p.data), host.current!);
    chart.current = made;
    return () => {
      made.destroy();
      chart.current = null;
    };
  }, [linesKey]);

  useEffect(() => {
    chart.current?.setSize({ width: props.width, height: props.height });
  }, [props.width, props.height]);

  useEffect(() => {
    // New rows, a new window or a new value axis: the range functions read them from `current`.
    chart.current?.setData(toAligned(props.data), true);
  }, [props.data, props.from, props.to, props.valueDomain, props.valueTicks, props.timeTicks]);

  const readout = hover !== null && hover < props.data[0].length ? hover : null;
  return (
    <div className="time-chart" style={{ width: props.width, height: props.height }}>
      <div ref={host} />
      {readout !== null && (
        <div className="chart-readout" data-testid="chart-readout">
          <strong>{props.describe(readout)}</strong>
          {props.lines.map((l, n) => {
            const v = props.data[n + 1]![readout];
            return v === null || v === undefined ? null : (
              <span key={l.name}>
                <span className="swatch" style={{ background: l.colour }} /> {l.name} {props.formatValue(v)}
              </span>
            );
          })}
        </div>
      )}
    </div>
  );
});

function toAligned(data: TimeChartProps['data']): uPlot.AlignedData {
  return data as unknown as uPlot.AlignedData;
}
