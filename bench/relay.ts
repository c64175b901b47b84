/**
 * `npm run bench:relay` (also part of `npm run bench`): what the relay adds. The same load (MeterValues
 * round trips, one outstanding per charger) runs once straight at a bare WSS platform and once through
 * the app's relay (charger → ws → relay, recording both legs → wss → the same platform), each server
 * in its own process: the relay alone on the server's core, the platform with the load generator on
 * the other (pinning.ts). Prints p50/p99, calls/s, the added latency and the throughput ratio;
 * asserts nothing. Targets: added p99 under 2 ms at 100 chargers paced, saturated calls/s at least
 * 70 % of direct.
 */
import { runLoad, type LoadResult } from './load.ts';
import { startChild } from './children.ts';
import { pinSelfToLoadCore, pinning } from './pinning.ts';

pinSelfToLoadCore();

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const SIZES = (process.env.BENCH_RELAY_CHARGERS ?? '1,100').split(',').map(Number);
/**
 * Latency is measured at a paced load: about 1000 calls/s in all (far above a site's real rate), at
 * most 100/s per charger so that one charger still gives 500 samples; throughput at saturation.
 */
const TOTAL_RATE = Number(process.env.BENCH_RELAY_RATE ?? 1000);
const paceFor = (chargers: number) => Math.min(100, Math.max(1, TOTAL_RATE / chargers));

const fmt = (n: number, digits = 2) => n.toFixed(digits).padStart(9);

console.log(`OCPP Field Kit relay bench: MeterValues round trips on loopback, ${SECONDS} s per run; platform over wss (test CA)`);
console.log(`pinning: ${pinning.on ? 'relay on core 0, load generator and platform on core 1' : `off (${pinning.why})`}`);
console.log(`latency at ~${TOTAL_RATE} calls/s in all (at most 100/s per charger); throughput with each charger sending as fast as it is answered`);
console.log(`${'path'.padEnd(8)} ${'chargers'.padStart(8)} ${'load'.padStart(10)} ${'calls/s'.padStart(9)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)}`);
const line = (name: string, chargers: number, load: string, r: LoadResult) =>
  console.log(`${name.padEnd(8)} ${String(chargers).padStart(8)} ${load.padStart(10)} ${fmt(r.callsPerSecond, 0)} ${fmt(r.p50Ms)} ${fmt(r.p99Ms)}`);
for (const chargers of SIZES) {
  const platform = await startChild<{ caFile: string; ca: string }>('platform', {}, 'load');
  const platformUrl = `wss://127.0.0.1:${platform.ready.port}/ocpp`;
  const direct = { url: platformUrl, ca: platform.ready.ca };
  const relay = await startChild('relay', { PLATFORM_URL: platformUrl, PLATFORM_CA_FILE: platform.ready.caFile });
  const results: Record<string, LoadResult> = {};
  for (const [path, target] of [
    ['direct', direct],
    ['relay', relay.ready.port],
  ] as const) {
    results[`${path}-paced`] = await runLoad(target, chargers, SECONDS, undefined, paceFor(chargers));
    line(path, chargers, 'paced', results[`${path}-paced`]!);
    results[`${path}-max`] = await runLoad(target, chargers, SECONDS);
    line(path, chargers, 'saturated', results[`${path}-max`]!);
  }
  await relay.stop();
  await platform.stop();
  const [d, r] = [results['direct-paced']!, results['relay-paced']!];
  console.log(
    `  -> at ${chargers} chargers the relay adds p50 ${(r.p50Ms - d.p50Ms).toFixed(2)} ms, p99 ${(r.p99Ms - d.p99Ms).toFixed(2)} ms at ${Math.round(r.callsPerSecond)} calls/s; saturated relay/direct calls/s ${((results['relay-max']!.callsPerSecond / results['direct-max']!.callsPerSecond) * 100).toFixed(0)} %`,
  );
}
