/**
 * `npm run bench`: the central system (full schema validation and recording) against a bare ws
 * server under the same load, each in its own child process. Prints figures and ratios; asserts
 * nothing. Targets: ≥ 70 % of the bare server's calls/s at 1000 chargers, p99 < 20 ms at 100.
 * BENCH_SECONDS sets the time per run (default 5).
 */
import { runLoad, type LoadResult } from './load.ts';
import { startChild, type ServerStats } from './children.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const SIZES = (process.env.BENCH_CHARGERS ?? '1,100,1000').split(',').map(Number);

type Measured = LoadResult & ServerStats & { clientCpuSeconds: number };

async function measure(name: 'central' | 'bare', chargers: number): Promise<Measured> {
  const server = await startChild(name);
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
  return { ...load, cpuSeconds: after.cpuSeconds - before.cpuSeconds, maxRssMb: after.maxRssMb, clientCpuSeconds: (clientCpu.user + clientCpu.system) / 1e6 };
}

const fmt = (n: number, digits = 1) => n.toFixed(digits).padStart(9);

console.log(`OCPP Field Kit bench: MeterValues round trips on loopback, ${SECONDS} s per run, plain ws, load generator in this process`);
console.log(
  `${'server'.padEnd(8)} ${'chargers'.padStart(8)} ${'calls/s'.padStart(9)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)} ${'cpu s'.padStart(9)} ${'rss MB'.padStart(9)} ${'load cpu s'.padStart(10)}`,
);
for (const chargers of SIZES) {
  const results: Record<string, Measured> = {};
  for (const name of ['bare', 'central'] as const) {
    const r = (results[name] = await measure(name, chargers));
    console.log(
      `${name.padEnd(8)} ${String(chargers).padStart(8)} ${fmt(r.callsPerSecond, 0)} ${fmt(r.p50Ms, 2)} ${fmt(r.p99Ms, 2)} ${fmt(r.cpuSeconds, 2)} ${fmt(r.maxRssMb, 0)} ${fmt(r.clientCpuSeconds, 2).padStart(10)}`,
    );
  }
  const ratio = results.central!.callsPerSecond / results.bare!.callsPerSecond;
  console.log(`  -> central/bare calls/s at ${chargers} chargers: ${(ratio * 100).toFixed(0)} %; central p99 ${results.central!.p99Ms.toFixed(2)} ms`);
}
