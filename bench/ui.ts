/**
 * `npm run bench:ui`: the meter charts with a day of 1-second samples for 3 phases, in Debian's
 * Chromium, while live samples arrive. Prints the first render, the re-render per update and the
 * frame times (p50/p95/p99/max). Figures only; nothing passes or fails on a time.
 * BENCH_SECONDS (default 5) sets how long the live phase runs.
 */
import { createServer } from 'node:http';
import { createReadStream, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { chromium } from '@playwright/test';
import { tempDir } from '../app/testing/central-fixture.ts';

const here = fileURLToPath(new URL('./ui', import.meta.url));
const out = tempDir('fieldkit-bench-ui-');
const seconds = Number(process.env.BENCH_SECONDS ?? 5);

const profileDir = process.env.BENCH_PROF ? (process.env.BENCH_PROF_DIR ?? 'bench-profiles') : null;
// A profile needs readable names: the bundle is left unminified then.
await build({
  root: here,
  base: './',
  plugins: [react()],
  logLevel: 'warn',
  configFile: false,
  mode: profileDir ? 'development' : 'production',
  build: { outDir: out, emptyOutDir: true, minify: !profileDir },
});
const server = createServer((req, res) => {
  const file = normalize(join(out, (req.url ?? '/').split('?')[0] === '/' ? 'index.html' : (req.url ?? '').split('?')[0]!));
  if (!file.startsWith(out) || !existsSync(file)) return void res.writeHead(404).end();
  res.writeHead(200, { 'Content-Type': extname(file) === '.js' ? 'text/javascript' : extname(file) === '.css' ? 'text/css' : 'text/html' });
  createReadStream(file).pipe(res);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const browser = await chromium.launch({
  executablePath: process.env.FIELDKIT_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const cdp = profileDir ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/?seconds=${seconds}`);
  await page.waitForFunction(() => (window as unknown as { __bench?: unknown }).__bench !== undefined, null, { timeout: (seconds + 60) * 1000 });
  const r = (await page.evaluate(() => (window as unknown as { __bench: unknown }).__bench)) as {
    decimateMs: number;
    samples: number;
    fillMs: number;
    firstRenderMs: number;
    frames: Record<'all' | '5m', number[]>;
    renders: Record<'all' | '5m', number[]>;
    points: Record<'all' | '5m', number>;
  };
  if (cdp && profileDir) {
    const { profile } = await cdp.send('Profiler.stop');
    mkdirSync(profileDir, { recursive: true });
    const file = join(profileDir, `ui-${Date.now()}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    console.log(`CPU profile of the page: ${file}`);
  }
  const pct = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? NaN;
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  const f = (v: number) => v.toFixed(1).padStart(7);
  console.log(`charts: ${r.samples} samples (a day at 1 s, 3 phases), Chromium headless (software rendering), a live sample every 250 ms`);
  console.log(`load into the series buffer        ${f(r.fillMs)} ms`);
  console.log(`decimate a day to the plot width    ${f(r.decimateMs)} ms`);
  console.log(`first render (4 charts+timeline)   ${f(r.firstRenderMs)} ms`);
  for (const range of ['all', '5m'] as const) {
    const label = range === 'all' ? 'whole day' : 'last 5 min';
    const renders = r.renders[range];
    console.log(`${label}: ${r.points[range]} points per chart`);
    console.log(
      `  main-thread work per live update  mean ${f(mean(renders))} ms  p50 ${f(pct(renders, 50))} ms  p95 ${f(pct(renders, 95))} ms  max ${f(Math.max(...renders))} ms  (${renders.length} updates)`,
    );
    const frames = r.frames[range];
    console.log(
      `  frame time while updating         p50 ${f(pct(frames, 50))} ms  p95 ${f(pct(frames, 95))} ms  p99 ${f(pct(frames, 99))} ms  max ${f(Math.max(...frames))} ms  (${frames.length} frames)`,
    );
  }
} finally {
  await browser.close();
  server.close();
  rmSync(out, { recursive: true, force: true });
}
