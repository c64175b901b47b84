/**
 * The load: N chargers on loopback, each boots, then sends realistic MeterValues (energy, power,
 * current and voltage per phase) and awaits each answer before the next, for a fixed time.
 */
import WebSocket from 'ws';

export interface LoadResult {
  readonly chargers: number;
  readonly calls: number;
  readonly seconds: number;
  readonly callsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export function meterValues(n: number, energyWh: number): string {
  const at = new Date().toISOString();
  const phase = (measurand: string, unit: string, value: number, ph: string) => ({
    value: value.toFixed(1),
    measurand,
    unit,
    phase: ph,
    context: 'Sample.Periodic',
  });
  const sampledValue = [
    { value: energyWh.toFixed(0), measurand: 'Energy.Active.Import.Register', unit: 'Wh', context: 'Sample.Periodic' },
    { value: '11040', measurand: 'Power.Active.Import', unit: 'W', context: 'Sample.Periodic' },
    ...['L1', 'L2', 'L3'].map((ph) => phase('Current.Import', 'A', 16 + Math.random(), ph)),
    ...['L1-N', 'L2-N', 'L3-N'].map((ph) => phase('Voltage', 'V', 229 + Math.random() * 2, ph)),
  ];
  return JSON.stringify([2, `mv-${n}`, 'MeterValues', { connectorId: 1, transactionId: 1, meterValue: [{ timestamp: at, sampledValue }] }]);
}

/** Where the chargers connect: a port of a plain ws server on loopback, or a base URL (wss with its CA). */
export type LoadTarget = number | { readonly url: string; readonly ca?: string };

async function openCharger(target: LoadTarget, id: string): Promise<WebSocket> {
  const base = typeof target === 'number' ? `ws://127.0.0.1:${target}/ocpp` : target.url;
  const ca = typeof target === 'number' ? undefined : target.ca;
  const ws = new WebSocket(`${base}/${id}`, ['ocpp1.6'], {
    headers: { Authorization: `Basic ${Buffer.from(`${id}:bench`).toString('base64')}` },
    ...(ca ? { ca } : {}),
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return ws;
}

function roundTrip(ws: WebSocket, text: string): Promise<void> {
  return new Promise((resolve) => {
    ws.once('message', () => resolve());
    ws.send(text);
  });
}

/**
 * How long the same load runs, unmeasured, before the timed window (BENCH_WARMUP seconds, default 2):
 * a fresh server process compiles its hot paths in its first seconds, and with the process pinned to
 * one core the compiler's thread takes that core from the answers. A relay measured cold showed its
 * first 2.5 s as most of its calls over 3 ms; a server runs all day, so the figures are its steady state.
 */
export const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP ?? 2);

/**
 * onSteady runs once every charger is connected, booted and warmed up, just before the timed window
 * (profiling hooks). Without a pace each charger sends its next call as soon as the last is answered
 * (the most the server can take); with perChargerPerSecond it sends at that rate, starting at a
 * random offset (latency at a given load, not at saturation).
 */
export async function runLoad(
  port: LoadTarget,
  chargers: number,
  seconds: number,
  onSteady?: () => Promise<void>,
  perChargerPerSecond?: number,
): Promise<LoadResult> {
  const sockets: WebSocket[] = [];
  // Connect in batches so a thousand chargers do not overflow the listen backlog.
  for (let i = 0; i < chargers; i += 100) {
    sockets.push(...(await Promise.all(Array.from({ length: Math.min(100, chargers - i) }, (_, k) => openCharger(port, `BENCH${i + k}`)))));
  }
  await Promise.all(
    sockets.map((ws, i) =>
      roundTrip(
        ws,
        JSON.stringify([2, `boot-${i}`, 'BootNotification', { chargePointVendor: 'Bench', chargePointModel: 'Load', chargePointSerialNumber: `SN${i}` }]),
      ),
    ),
  );
  const energy = sockets.map((_, i) => 10_000 + i);
  const gapMs = perChargerPerSecond ? 1000 / perChargerPerSecond : 0;
  /** Every charger sends MeterValues until `forMs` have passed; the latencies go to `latencies` when given. */
  const drive = (forMs: number, latencies?: number[]) => {
    const end = performance.now() + forMs;
    return Promise.all(
      sockets.map(async (ws, i) => {
        if (gapMs > 0) await sleep(Math.random() * gapMs);
        for (let n = 0; performance.now() < end; n++) {
          const sent = performance.now();
          await roundTrip(ws, meterValues(n, (energy[i]! += 3)));
          latencies?.push(performance.now() - sent);
          if (gapMs > 0) await sleep(sent + gapMs - performance.now());
        }
      }),
    );
  };
  if (WARMUP_SECONDS > 0) await drive(WARMUP_SECONDS * 1000);
  await onSteady?.();
  const latencies: number[] = [];
  const start = performance.now();
  await drive(seconds * 1000, latencies);
  const elapsed = (performance.now() - start) / 1000;
  for (const ws of sockets) ws.terminate();
  latencies.sort((a, b) => a - b);
  const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { chargers, calls: latencies.length, seconds: elapsed, callsPerSecond: latencies.length / elapsed, p50Ms: pick(0.5), p99Ms: pick(0.99) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
