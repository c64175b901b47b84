/**
 * The chart bench page: the app's own MeterCharts with a whole day of 1-second, 3-phase samples,
 * then live samples appended the way the feed applies them (a batch every 250 ms), first with the
 * whole day shown, then the last five minutes. Reports frame
 * times measured with requestAnimationFrame, and the cost of each re-render, on window.__bench.
 */
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { MeterCharts } from '../../renderer/components/MeterCharts.tsx';
import { SeriesBuffer } from '../../renderer/state/series.ts';
import type { MeterSample } from '../../app/charger/model.ts';
import '../../renderer/styles.css';
import { decimate } from '../../renderer/state/decimate.ts';
import { SERIES_KEYS } from '../../renderer/state/series.ts';

const DAY = 86_400;
const start = Date.now() - DAY * 1000;
const sample = (i: number): MeterSample => {
  const a = 16 + 10 * Math.sin(i / 900) + Math.random();
  return {
    seq: i + 1,
    source: 'MeterValues',
    at: start + i * 1000,
    receivedAt: start + i * 1000,
    connectorId: 1,
    transactionId: 1,
    context: 'Sample.Periodic',
    powerW: a * 230 * 3,
    powerSource: 'measured',
    registerRateW: null,
    currentA: [a, a * 0.98, a * 1.02],
    voltageV: [230 + Math.random(), 231 + Math.random(), 229 + Math.random()],
    energyWh: i * 3,
    socPercent: null,
    offeredA: null,
    measurands: [],
    units: {},
  };
};

const series = new SeriesBuffer(400_000);
const t0 = performance.now();
const day: MeterSample[] = [];
for (let i = 0; i < DAY; i++) day.push(sample(i));
series.append(day);
const fillMs = performance.now() - t0;
const lanes = [{ id: 1, timeline: [{ seq: 1, at: start, status: 'Charging', errorCode: 'NoError', info: null }] }];
const root = createRoot(document.getElementById('root')!);
let version = 0;
let range: 'all' | '5m' = 'all';
const render = () =>
  root.render(<MeterCharts key={range} series={series} version={version} lanes={lanes} now={start + (series.length - 1) * 1000} initialRange={range} />);

const d0 = performance.now();
for (let k = 0; k < 5; k++) decimate(series, SERIES_KEYS, start, start + DAY * 1000, 1120);
const decimateMs = (performance.now() - d0) / 5;
const firstStart = performance.now();
flushSync(render);
const firstRenderMs = performance.now() - firstStart;

const frames: Record<string, number[]> = { all: [], '5m': [] };
const renders: Record<string, number[]> = { all: [], '5m': [] };
let last = performance.now();
let running = true;
const onFrame = (now: number) => {
  frames[range]!.push(now - last);
  last = now;
  if (running) requestAnimationFrame(onFrame);
};
requestAnimationFrame(onFrame);
let next = DAY;
// One sample per update, a second apart (the charger's clock runs 4x faster than the wall here).
const timer = setInterval(() => {
  series.append([sample(next++)]);
  version++;
  const s = performance.now();
  const phase = range;
  flushSync(render);
  // The canvas charts draw in a microtask queued during the render: measured once that has run too.
  queueMicrotask(() => renders[phase]!.push(performance.now() - s));
}, 250);
const seconds = Number(new URLSearchParams(location.search).get('seconds') ?? 5);
// Half the time on the whole day, half on the last five minutes (redrawn every grid step, 2 s).
setTimeout(
  () => {
    range = '5m';
    flushSync(render);
  },
  (seconds * 1000) / 2,
);
setTimeout(() => {
  running = false;
  clearInterval(timer);
  const points = Number(document.querySelector('[data-testid="chart-power"]')?.getAttribute('data-points'));
  range = 'all';
  flushSync(render);
  const dayPoints = Number(document.querySelector('[data-testid="chart-power"]')?.getAttribute('data-points'));
  (window as unknown as { __bench: unknown }).__bench = {
    decimateMs,
    samples: series.length,
    fillMs,
    firstRenderMs,
    frames,
    renders,
    points: { '5m': points, all: dayPoints },
  };
}, seconds * 1000);
