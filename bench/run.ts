/**
 * `npm run bench`: what users run, against the peer, on cores of their own. Four servers, each in its
 * own process on the server's core (pinning.ts), driven by the same load from this process on the
 * other core: a bare ws server (parse and reply: the floor), ocpp-rpc's server in strictMode (the
 * peer: validates every call and answer), the central system alone (validation and recording), and
 * `fieldkit serve` as the command line starts it (the UI server up, nobody connected). Runs are
 * interleaved, the order rotating each round, and the ratios are medians over the rounds. Prints
 * calls/s, p50/p99, server CPU per call, peak RSS per connection, each as a ratio to bare and to the
 * peer; asserts nothing. Goal (docs/performance.md): serve ≥ the peer on calls/s, ≤ on p99 and on
 * memory per connection, at 100 and 1 000 chargers.
 * BENCH_SECONDS: time per run (default 8); BENCH_WARMUP: seconds of the same load before it, unmeasured (default 2); BENCH_ROUNDS: rounds per size (default 2);
 * BENCH_CHARGERS: sizes (default 1,100,1000); BENCH_SERVERS: which (default bare,peer,central,serve);
 * BENCH_PIN=0: no pinning.
 */
import { runLoad, WARMUP_SECONDS, type LoadResult } from './load.ts';
import { startChild, startServe, type BenchChild, type ServerStats } from './children.ts';
import { pinSelfToLoadCore, pinning } from './pinning.ts';
import { median } from './median.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const SIZES = (process.env.BENCH_CHARGERS ?? '1,100,1000').split(',').map(Number);
const ALL = ['bare', 'peer', 'central', 'serve'] as const;
type Server = (typeof ALL)[number];
const SERVERS = (process.env.BENCH_SERVERS?.split(',') ?? [...ALL]).filter((s): s is Server => (ALL as readonly string[]).includes(s));

type Measured = LoadResult & { cpuSeconds: number; peakRssMb: number; idleRssMb: number };

pinSelfToLoadCore();

function start(name: Server): Promise<BenchChild<object>> {
  return name === 'serve' ? startServe() : startChild(name);
}

async function measure(name: Server, chargers: number): Promise<Measured> {
  const server = await start(name);
  const idle = await server.stats();
  // Server CPU is counted over the timed window only, after every charger has booted.
  let before: ServerStats = { cpuSeconds: 0, maxRssMb: 0 };
  const load = await runLoad(server.ready.port, chargers, SECONDS, async () => {
    before = await server.stats();
  });
  const after = await server.stats();
  await server.stop();
  return { ...load, cpuSeconds: after.cpuSeconds - before.cpuSeconds, peakRssMb: after.maxRssMb, idleRssMb: idle.maxRssMb };
}

const fmt = (n: number, digits = 1, width = 9) => (Number.isFinite(n) ? n.toFixed(digits) : '-').padStart(width);
const cpuPerCallUs = (r: Measured) => (r.cpuSeconds / Math.max(1, r.calls)) * 1e6;
/** What each connection costs at the peak: the RSS above the idle server, per charger (KiB). */
const perConnectionKiB = (r: Measured) => ((r.peakRssMb - r.idleRssMb) * 1024) / r.chargers;

console.log(
  `OCPP Field Kit bench: MeterValues round trips (~900 bytes, one outstanding per charger) on loopback, ${SECONDS} s per run after ${WARMUP_SECONDS} s of the same load unmeasured, ${ROUNDS} rounds per size`,
);
console.log(`pinning: ${pinning.on ? pinning.why : `off (${pinning.why}): figures swing with the other process's load`}`);
console.log(
  `${'server'.padEnd(8)} ${'chargers'.padStart(8)} ${'calls/s'.padStart(9)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)} ${'cpu µs/call'.padStart(12)} ${'peak MB'.padStart(9)} ${'KiB/conn'.padStart(9)}`,
);
const summary: string[] = [];
for (const chargers of SIZES) {
  const rounds: Partial<Record<Server, Measured>>[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Each server goes first once in a while: what runs after a heavy run may find the core warmer.
    const order = SERVERS.map((_, i) => SERVERS[(i + round) % SERVERS.length]!);
    const results: Partial<Record<Server, Measured>> = {};
    for (const name of order) {
      const r = (results[name] = await measure(name, chargers));
      console.log(
        `${name.padEnd(8)} ${String(chargers).padStart(8)} ${fmt(r.callsPerSecond, 0)} ${fmt(r.p50Ms, 2)} ${fmt(r.p99Ms, 2)} ${fmt(cpuPerCallUs(r), 1, 12)} ${fmt(r.peakRssMb, 0)} ${fmt(perConnectionKiB(r), 0)}`,
      );
    }
    rounds.push(results);
  }
  const ratio = (name: Server, base: Server, of: (r: Measured) => number) => median(rounds.map((r) => of(r[name]!) / of(r[base]!)));
  for (const name of SERVERS.filter((s) => s !== 'bare')) {
    const against = (base: Server) =>
      SERVERS.includes(base) && base !== name
        ? `${base}: calls/s ${(ratio(name, base, (r) => r.callsPerSecond) * 100).toFixed(0)} %, p99 ×${ratio(name, base, (r) => r.p99Ms).toFixed(2)}, cpu/call ×${ratio(name, base, cpuPerCallUs).toFixed(2)}, KiB/conn ×${ratio(name, base, perConnectionKiB).toFixed(2)}`
        : null;
    const comparisons = [against('bare'), name === 'peer' ? null : against('peer')].filter(Boolean);
    if (comparisons.length === 0) continue; // nothing to compare with in this run (BENCH_SERVERS)
    const line = `  -> ${String(chargers).padStart(4)} chargers, ${name.padEnd(7)} vs ${comparisons.join('; vs ')}`;
    console.log(line);
    summary.push(line);
  }
}
console.log(`\nSummary (medians of ${ROUNDS} rounds; ${pinning.on ? 'pinned' : 'not pinned'})\n${summary.join('\n')}`);
