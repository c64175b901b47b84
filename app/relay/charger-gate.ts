/**
 * OCPP-J lets a central system have one CALL outstanding at a charger. Through the relay two parties
 * call the charger: the platform and the app (the user, the readiness suite). The gate lets one CALL
 * through at a time, first come first served, and holds the other until the charger has answered or
 * the call has timed out.
 */
export interface GateTurn {
  readonly id: string;
  readonly from: 'platform' | 'injected';
  /** Puts the CALL on the wire (called once, when it is this turn's go). */
  readonly send: () => void;
  /** The charger did not answer in time: the gate moves on. */
  readonly onTimeout?: () => void;
  readonly timeoutMs: number;
}

export class ChargerGate {
  private current: (GateTurn & { timer: ReturnType<typeof setTimeout> }) | undefined;
  private readonly queue: GateTurn[] = [];

  /** CALLs waiting for their turn plus the one at the charger. */
  get size(): number {
    return this.queue.length + (this.current ? 1 : 0);
  }

  /** Message ids in flight or waiting: an injected id must not equal any of them. */
  has(id: string): boolean {
    return this.current?.id === id || this.queue.some((t) => t.id === id);
  }

  enter(turn: GateTurn): void {
    this.queue.push(turn);
    this.pump();
  }

  /** The charger answered message id: true when that was the outstanding CALL (and the next goes). */
  answered(id: string): boolean {
    if (this.current?.id !== id) return false;
    clearTimeout(this.current.timer);
    this.current = undefined;
    this.pump();
    return true;
  }

  /** Drop waiting turns of one party (the platform went away: its calls are void). */
  drop(from: GateTurn['from']): GateTurn[] {
    const dropped = this.queue.filter((t) => t.from === from);
    this.queue.splice(0, this.queue.length, ...this.queue.filter((t) => t.from !== from));
    return dropped;
  }

  /** Empty the gate (the charger left); returns the turns that never got an answer. */
  clear(): GateTurn[] {
    const left = [...(this.current ? [this.current] : []), ...this.queue.splice(0)];
    if (this.current) clearTimeout(this.current.timer);
    this.current = undefined;
    return left;
  }

  private pump(): void {
    if (this.current) return;
    const next = this.queue.shift();
    if (!next) return;
    const timer = setTimeout(() => {
      if (this.current?.id !== next.id) return;
      this.current = undefined;
      next.onTimeout?.();
      this.pump();
    }, next.timeoutMs);
    this.current = { ...next, timer };
    next.send();
  }
}
