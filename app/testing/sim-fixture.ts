/** Test support: simulated chargers on a test central system, and ways to wait for what they send. */
import { SimChargePoint, type SimOptions } from '../sim/charge-point.ts';
import type { FrameRecord } from '../store/records.ts';
import { until, type CentralFixture } from './central-fixture.ts';

/** A simulator tuned for tests: fast ticks, 1 s samples, quick reconnects and reboots. */
export async function startSim(
  fx: CentralFixture,
  options: Partial<SimOptions> & { id?: string; scheme?: 'ws' | 'wss' } = {},
  waitForConnection = true,
): Promise<SimChargePoint> {
  const id = options.id ?? 'CP1';
  const sim = new SimChargePoint({
    url: options.scheme === 'ws' ? fx.wsUrl : fx.wssUrl,
    id,
    password: id === 'CP2' ? 'secret-2' : 'secret-1',
    insecure: true,
    meterValueSampleInterval: 1,
    tickMs: 100,
    reconnectBaseMs: 100,
    rebootMs: 200,
    callTimeoutMs: 3_000,
    ...options,
  });
  sim.start();
  if (waitForConnection) await until(() => sim.connected, `${id} connected`, 8_000);
  return sim;
}

/** The payload of a CALL frame. */
export function payloadOf(frame: FrameRecord): Record<string, unknown> {
  return (JSON.parse(frame.raw) as [number, string, string, Record<string, unknown>])[3];
}

/** Waits for a frame that arrives after `since` frames were recorded and matches. */
export function nextFrame(fx: CentralFixture, since: number, match: (f: FrameRecord) => boolean, what: string, timeoutMs = 8_000): Promise<FrameRecord> {
  return until(() => fx.frames.slice(since).find(match), what, timeoutMs);
}

export const isCall = (action: string) => (f: FrameRecord) => f.dir === 'rx' && f.type === 2 && f.action === action;

export interface Sample {
  readonly value: string | number;
  readonly measurand?: string;
  readonly phase?: string;
  readonly unit?: string;
  readonly context?: string;
  readonly location?: string;
}

export function samplesOf(frame: FrameRecord): Sample[] {
  const payload = payloadOf(frame) as { meterValue: { sampledValue: Sample[] }[] };
  return payload.meterValue.flatMap((m) => m.sampledValue);
}

export function measurand(samples: readonly Sample[], name: string, phase?: string): Sample | undefined {
  return samples.find((s) => (s.measurand ?? 'Energy.Active.Import.Register') === name && (phase === undefined || s.phase === phase));
}
