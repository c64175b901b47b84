/**
 * Batches recording writes to one write(2) per session per event-loop turn, and lets the caller hold
 * an outgoing frame until the records before it are on disk. So a frame the peer has seen answered
 * is always in the recording, even after SIGKILL, at half the system calls of a write per record.
 */
export interface Flushable {
  flushNow(): void;
}

export class FlushScheduler {
  private readonly dirty = new Set<Flushable>();
  private waiting: (() => void)[] = [];
  private scheduled = false;

  markDirty(target: Flushable): void {
    this.dirty.add(target);
    if (!this.scheduled) {
      this.scheduled = true;
      // setImmediate runs after the poll phase: all sockets that were readable this turn share one flush.
      setImmediate(() => this.flush());
    }
  }

  /** Run fn once everything recorded so far is written (at once if nothing is waiting). */
  whenDurable(fn: () => void): void {
    if (!this.scheduled) fn();
    else this.waiting.push(fn);
  }

  flush(): void {
    this.scheduled = false;
    const targets = [...this.dirty];
    this.dirty.clear();
    for (const target of targets) target.flushNow();
    const waiting = this.waiting;
    this.waiting = [];
    for (const fn of waiting) fn();
  }
}

/** One scheduler per process: batching across sessions needs them to share the turn. */
export const defaultFlushScheduler = new FlushScheduler();
