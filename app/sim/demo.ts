/**
 * The demo: two simulated chargers on the local central system, one with a car already charging,
 * the other getting a car on a schedule, so a new user sees live data at once.
 */
import { SimChargePoint } from './charge-point.ts';

export interface DemoTarget {
  readonly wsPort: number | null;
  readonly wssPort: number | null;
  /** PEM certificates of the wss endpoint: the demo chargers trust exactly these. */
  readonly trustedCertificates: readonly string[];
  readonly setPassword: (chargerId: string, password: string) => void;
}

export interface Demo {
  readonly chargers: readonly SimChargePoint[];
  stop(): Promise<void>;
}

export const DEMO_PASSWORD = 'demo-password-123';

export function startDemo(target: DemoTarget, options: { sampleIntervalSeconds?: number; log?: (line: string) => void } = {}): Demo {
  const sample = options.sampleIntervalSeconds ?? 5;
  const chargers: SimChargePoint[] = [];
  const add = (id: string, scheme: 'ws' | 'wss', port: number, setup: Partial<ConstructorParameters<typeof SimChargePoint>[0]>) => {
    target.setPassword(id, DEMO_PASSWORD);
    const sim = new SimChargePoint({
      url: `${scheme}://127.0.0.1:${port}/ocpp`,
      id,
      password: DEMO_PASSWORD,
      ca: target.trustedCertificates.join('\n'),
      meterValueSampleInterval: sample,
      ...setup,
    });
    if (options.log) sim.on('log', options.log);
    sim.start();
    chargers.push(sim);
    return sim;
  };
  const timers: ReturnType<typeof setTimeout>[] = [];
  const secure = target.wssPort !== null;
  const port = (secure ? target.wssPort : target.wsPort)!;
  const scheme = secure ? 'wss' : 'ws';
  const first = add('DEMO-1', scheme, port, { connectors: 2, phases: 3, maxCurrent: 32, vendor: 'FieldKit', model: 'Demo Wallbox 22' });
  const second = add('DEMO-2', target.wsPort !== null ? 'ws' : scheme, target.wsPort ?? port, {
    connectors: 1,
    phases: 1,
    maxCurrent: 32,
    vendor: 'FieldKit',
    model: 'Demo Home 7',
  });
  // A car on DEMO-1 as soon as it is online; DEMO-2's car comes and goes every few minutes.
  const whenOnline = (sim: SimChargePoint, fn: () => void) => {
    const off = sim.on('connection', ({ state }) => {
      if (state === 'connected') {
        off();
        fn();
      }
    });
  };
  whenOnline(first, () => first.plugIn(1, { socPercent: 42, maxCurrent: 16, phases: 3 }));
  const cycle = () => {
    second.plugIn(1, { socPercent: 70, maxCurrent: 32, phases: 1, capacityWh: 40_000 });
    timers.push(setTimeout(() => second.unplug(1), 4 * 60_000));
    timers.push(setTimeout(cycle, 5 * 60_000));
  };
  whenOnline(second, () => timers.push(setTimeout(cycle, 20_000)));
  return {
    chargers,
    stop: async () => {
      for (const timer of timers) clearTimeout(timer);
      await Promise.all(chargers.map((c) => c.stop()));
    },
  };
}
