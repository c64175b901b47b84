/**
 * `npm run bench:ui`: the meter charts with a day of 1-second samples for 3 phases, in Debian's
 * Chromium, while live samples arrive. Prints the first render, the re-render per update and the
 * frame times (p50/p95/p99/max). Figures only; nothing passes or fails on a time.
 * BENCH_SECONDS (default 5) sets how long the live phase runs.
 */
import { createServer } from 'node:http';
import { createReadStream, existsSync, rmSync } from 'node:fs';
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

await build({ root: here, base: './', plugins: [react()], logLevel: 'warn', configFile: false, build: { outDir: out, emptyOutDir: true } });
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
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/?seconds=${seconds}`);
  await page.waitForFunction(() => (window as unknown as { __bench?: unknown }).__bench !== undefined, null, { timeout: (seconds + 60) * 1000 });
  const r = (await page.evaluate(() => (window as unknown as { __bench: unknown }).__bench)) as {
    decimateMs: number;
    samples: number;
    fillMs: number;
    firstRenderMs: number;
    frames: number[];
    renders: number[];
    points: number;
  };
  const pct = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? NaN;
  const f = (v: number) => v.toFixed(1).padStart(7);
  console.log(`charts: ${r.samples} samples (a day at 1 s, 3 phases), ${r.points} points drawn per chart, Chromium headless (software rendering)`);
  console.log(`load into the series buffer      ${f(r.fillMs)} ms`);
  console.log(`decimate a day to the plot width  ${f(r.decimateMs)} ms`);
  console.log(`first render (4 charts+timeline) ${f(r.firstRenderMs)} ms`);
  console.log(
    `re-render per live update        p50 ${f(pct(r.renders, 50))} ms  p95 ${f(pct(r.renders, 95))} ms  max ${f(Math.max(...r.renders))} ms  (${r.renders.length} updates)`,
  );
  console.log(
    `frame time while updating        p50 ${f(pct(r.frames, 50))} ms  p95 ${f(pct(r.frames, 95))} ms  p99 ${f(pct(r.frames, 99))} ms  max ${f(Math.max(...r.frames))} ms  (${r.frames.length} frames)`,
  );
} finally {
  await browser.close();
  server.close();
  rmSync(out, { recursive: true, force: true });
}
