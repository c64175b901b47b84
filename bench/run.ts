/**
 * `npm run bench`: the central system (full schema validation and recording) against a bare ws
 * server under the same load, each in its own child process, the load generator in this one.
 * Runs are interleaved (bare, central, then central, bare, …) and the ratios are medians of the
 * pairs, because absolute figures swing up to 2× between runs on a shared machine. Prints figures
 * and ratios; asserts nothing. Goals (docs/performance.md): ≥ 90 % of bare calls/s at 1 000
 * chargers, p99 within 1.5× of bare, ≤ 100 KiB per connected charger (the last line: each further charger).
 * BENCH_SECONDS: time per run (default 4); BENCH_ROUNDS: pairs per size (default 3);
 * BENCH_CHARGERS: sizes (default 1,100,1000).
 */
import { runLoad, type LoadResult } from './load.ts';
import { startChild, type ServerStats } from './children.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SIZES = (process.env.BENCH_CHARGERS ?? '1,100,1000').split(',').map(Number);

type Measured = LoadResult & ServerStats & { clientCpuSeconds: number; startRssMb: number };

async function measure(name: 'central' | 'bare', chargers: number): Promise<Measured> {
  const server = await startChild(name);
  const idle = await server.stats();
  // Server and load CPU are counted over the timed window only, after every charger has booted.
  let before: ServerStats = { cpuSeconds: 0, maxRssMb: 0 };
  let clientBefore = process.cpuUsage();
  const load = await runLoad(server.ready.port, chargers, SECONDS, async () => {
    before = await server.stats();
    clientBefore = process.cpuUsage();
  });
  const clientCpu = process.cpuUsage(clientBefore);
  const after = await server.stats();
  await server.stop();
  return {
    ...load,
    cpuSeconds: after.cpuSeconds - before.cpuSeconds,
    maxRssMb: after.maxRssMb,
    startRssMb: idle.maxRssMb,
    clientCpuSeconds: (clientCpu.user + clientCpu.system) / 1e6,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const fmt = (n: number, digits = 1, width = 9) => n.toFixed(digits).padStart(width);
const cpuPerCallUs = (r: Measured) => (r.cpuSeconds / Math.max(1, r.calls)) * 1e6;

console.log(`OCPP Field Kit bench: MeterValues round trips (~900 bytes) on loopback, ${SECONDS} s per run, ${ROUNDS} interleaved pairs per size`);
console.log(
  `${'server'.padEnd(8)} ${'chargers'.padStart(8)} ${'calls/s'.padStart(9)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)} ${'cpu µs/call'.padStart(12)} ${'rss MB'.padStart(9)} ${'load cpu s'.padStart(10)}`,
);
const summary: string[] = [];
/** Peak RSS per size and server (medians), for what one more connected charger costs. */
const peakRss = new Map<number, { bare: number; central: number }>();
for (const chargers of SIZES) {
  const pairs: Record<'bare' | 'central', Measured>[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? (['bare', 'central'] as const) : (['central', 'bare'] as const);
    const pair = {} as Record<'bare' | 'central', Measured>;
    for (const name of order) {
      const r = (pair[name] = await measure(name, chargers));
      console.log(
        `${name.padEnd(8)} ${String(chargers).padStart(8)} ${fmt(r.callsPerSecond, 0)} ${fmt(r.p50Ms, 2)} ${fmt(r.p99Ms, 2)} ${fmt(cpuPerCallUs(r), 1, 12)} ${fmt(r.maxRssMb, 0)} ${fmt(r.clientCpuSeconds, 2, 10)}`,
      );
    }
    pairs.push(pair);
  }
  const throughput = median(pairs.map((p) => p.central.callsPerSecond / p.bare.callsPerSecond));
  const p99 = median(pairs.map((p) => p.central.p99Ms / p.bare.p99Ms));
  const cpu = median(pairs.map((p) => cpuPerCallUs(p.central) / cpuPerCallUs(p.bare)));
  // What each connected charger costs the central system beyond the bare server's own per-socket cost.
  const perCharger = median(pairs.map((p) => ((p.central.maxRssMb - p.central.startRssMb - (p.bare.maxRssMb - p.bare.startRssMb)) * 1024) / chargers));
  const line = `  -> ${String(chargers).padStart(4)} chargers: central/bare calls/s ${(throughput * 100).toFixed(0)} %, p99 ×${p99.toFixed(2)}, server cpu per call ×${cpu.toFixed(2)}, peak RSS above bare ${perCharger.toFixed(0)} KiB per charger (medians of ${ROUNDS})`;
  console.log(line);
  summary.push(line);
  peakRss.set(chargers, { bare: median(pairs.map((p) => p.bare.maxRssMb)), central: median(pairs.map((p) => p.central.maxRssMb)) });
}
// The ratio above divides fixed costs (the collector's headroom under load, code) by the chargers;
// between two sizes only what each further charger costs remains.
const [small, large] = [Math.min(...SIZES.filter((n) => n >= 100)), Math.max(...SIZES)];
if (peakRss.has(small) && peakRss.has(large) && large > small) {
  const a = peakRss.get(small)!;
  const b = peakRss.get(large)!;
  const perCharger = (server: 'bare' | 'central') => ((b[server] - a[server]) * 1024) / (large - small);
  const line = `  -> each further charger (${small} → ${large}): central ${perCharger('central').toFixed(0)} KiB, bare ws ${perCharger('bare').toFixed(0)} KiB, difference ${(perCharger('central') - perCharger('bare')).toFixed(0)} KiB`;
  console.log(line);
  summary.push(line);
}
console.log(`\nSummary\n${summary.join('\n')}`);
