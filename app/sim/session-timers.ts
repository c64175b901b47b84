/**
 * The periodic work of a booted charger: heartbeats, WebSocket pings, periodic and clock-aligned
 * meter values. Each runs only while the session is up and restarts when its configuration key
 * changes, as a real charger applies a ChangeConfiguration at once.
 */
import type { Configuration } from './configuration.ts';

export interface SessionWork {
  heartbeat(): void;
  ping(): void;
  /** Every MeterValueSampleInterval seconds. */
  sample(): void;
  /** On the clock's ClockAlignedDataInterval boundaries. */
  aligned(): void;
}

type Name = 'heartbeat' | 'ping' | 'sample' | 'aligned';

const KEY_OF: Record<Name, string> = {
  heartbeat: 'HeartbeatInterval',
  ping: 'WebSocketPingInterval',
  sample: 'MeterValueSampleInterval',
  aligned: 'ClockAlignedDataInterval',
};

export class SessionTimers {
  private running = false;
  private readonly timers = new Map<Name, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly configuration: Configuration,
    private readonly clock: () => number,
    private readonly work: SessionWork,
  ) {
    configuration.onChange((key) => {
      const name = (Object.keys(KEY_OF) as Name[]).find((n) => KEY_OF[n] === key);
      if (name) this.restart(name);
    });
  }

  start(): void {
    this.running = true;
    for (const name of Object.keys(KEY_OF) as Name[]) this.restart(name);
  }

  stop(): void {
    this.running = false;
    for (const name of this.timers.keys()) this.cancel(name);
  }

  private cancel(name: Name): void {
    // clearTimeout clears intervals too: one map holds both kinds.
    clearTimeout(this.timers.get(name));
    this.timers.delete(name);
  }

  private restart(name: Name): void {
    this.cancel(name);
    const seconds = this.configuration.number(KEY_OF[name]);
    if (!this.running || seconds <= 0) return;
    const period = seconds * 1000;
    if (name !== 'aligned') {
      this.timers.set(
        name,
        setInterval(() => this.work[name](), period),
      );
      return;
    }
    this.timers.set(
      name,
      setTimeout(
        () => {
          this.work.aligned();
          this.restart('aligned');
        },
        period - (this.clock() % period),
      ),
    );
  }
}
