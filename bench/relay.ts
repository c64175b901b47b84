/**
 * `npm run bench:relay` (also part of `npm run bench`): what the relay adds. The same load (MeterValues
 * round trips, one outstanding per charger) runs straight at a bare WSS platform and through the
 * app's relay (charger → ws → relay, recording both legs → wss → the same platform), each server in
 * its own process: the relay alone on the server's core, the platform with the load generator on the
 * other (pinning.ts). Paced runs alternate direct and relay over several rounds (the order rotating),
 * and the added p50/p99 is the median over the rounds of relay minus direct in the same round: a p99
 * over one 5 s window moved by ±2 ms between identical runs, as a handful of busy moments on either
 * core fell into it or not. Then one saturated run each. Asserts nothing. Targets: added p99 under
 * 2 ms at 100 chargers paced, saturated calls/s at least 70 % of direct.
 *
 * BENCH_SECONDS: time per paced run (default 8); BENCH_RELAY_ROUNDS (default 3); BENCH_RELAY_CHARGERS
 * (default 1,100); BENCH_RELAY_RATE: calls/s in all when paced (default 1000); BENCH_WARMUP (load.ts).
 */
import { runLoad, WARMUP_SECONDS, type LoadResult } from './load.ts';
import { startChild } from './children.ts';
import { pinSelfToLoadCore, pinning } from './pinning.ts';
import { median } from './median.ts';

pinSelfToLoadCore();

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_RELAY_ROUNDS ?? 3);
const SIZES = (process.env.BENCH_RELAY_CHARGERS ?? '1,100').split(',').map(Number);
/**
 * Latency is measured at a paced load: about 1000 calls/s in all (far above a site's real rate), at
 * most 100/s per charger so that one charger still gives 500 samples; throughput at saturation.
 */
const TOTAL_RATE = Number(process.env.BENCH_RELAY_RATE ?? 1000);
const paceFor = (chargers: number) => Math.min(100, Math.max(1, TOTAL_RATE / chargers));
const range = (values: number[]) => `${Math.min(...values).toFixed(2)} … ${Math.max(...values).toFixed(2)}`;

const fmt = (n: number, digits = 2) => n.toFixed(digits).padStart(9);

console.log(
  `OCPP Field Kit relay bench: MeterValues round trips on loopback, ${SECONDS} s per run after ${WARMUP_SECONDS} s of the same load unmeasured, ${ROUNDS} paced rounds; platform over wss (test CA)`,
);
console.log(`pinning: ${pinning.on ? 'relay on core 0, load generator and platform on core 1' : `off (${pinning.why})`}`);
console.log(`latency at ~${TOTAL_RATE} calls/s in all (at most 100/s per charger); throughput with each charger sending as fast as it is answered`);
console.log(`${'path'.padEnd(8)} ${'chargers'.padStart(8)} ${'load'.padStart(10)} ${'calls/s'.padStart(9)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)}`);
const line = (name: string, chargers: number, load: string, r: LoadResult) =>
  console.log(`${name.padEnd(8)} ${String(chargers).padStart(8)} ${load.padStart(10)} ${fmt(r.callsPerSecond, 0)} ${fmt(r.p50Ms)} ${fmt(r.p99Ms)}`);
const summary: string[] = [];
for (const chargers of SIZES) {
  const platform = await startChild<{ caFile: string; ca: string }>('platform', {}, 'load');
  const platformUrl = `wss://127.0.0.1:${platform.ready.port}/ocpp`;
  const relay = await startChild('relay', { PLATFORM_URL: platformUrl, PLATFORM_CA_FILE: platform.ready.caFile });
  const targets = { direct: { url: platformUrl, ca: platform.ready.ca }, relay: relay.ready.port } as const;
  const paths = ['direct', 'relay'] as const;
  const addedP50: number[] = [];
  const addedP99: number[] = [];
  const pacedRate: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const results: Partial<Record<(typeof paths)[number], LoadResult>> = {};
    for (const path of round % 2 === 0 ? paths : [...paths].reverse()) {
      results[path] = await runLoad(targets[path], chargers, SECONDS, undefined, paceFor(chargers));
      line(path, chargers, 'paced', results[path]);
    }
    addedP50.push(results.relay!.p50Ms - results.direct!.p50Ms);
    addedP99.push(results.relay!.p99Ms - results.direct!.p99Ms);
    pacedRate.push(results.relay!.callsPerSecond);
  }
  const saturated = { direct: await runLoad(targets.direct, chargers, SECONDS), relay: await runLoad(targets.relay, chargers, SECONDS) };
  line('direct', chargers, 'saturated', saturated.direct);
  line('relay', chargers, 'saturated', saturated.relay);
  await relay.stop();
  await platform.stop();
  const result = `  -> at ${chargers} chargers the relay adds p50 ${median(addedP50).toFixed(2)} ms (${range(addedP50)}), p99 ${median(addedP99).toFixed(2)} ms (${range(addedP99)}) at ${Math.round(median(pacedRate))} calls/s; saturated relay/direct calls/s ${((saturated.relay.callsPerSecond / saturated.direct.callsPerSecond) * 100).toFixed(0)} %`;
  console.log(result);
  summary.push(result);
}
console.log(`\nSummary (medians over ${ROUNDS} paced rounds, ranges in brackets; ${pinning.on ? 'pinned' : 'not pinned'})\n${summary.join('\n')}`);
