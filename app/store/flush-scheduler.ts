/**
 * Batches recording writes to one write(2) per session per event-loop turn, and lets the caller hold
 * an outgoing frame until the records before it are on disk. So a frame the peer has seen answered
 * is always in the recording, even after SIGKILL, at half the system calls of a write per record.
 *
 * The sessions waiting for the turn's write are kept in a plain array, not a Set: a long-lived Set
 * that is filled and cleared every turn gets a new hash table each time, and V8 allocates the table
 * of an old Set straight in the old generation, so every turn left garbage there for a full
 * collection to find (at 1 000 chargers, one every ~0.7 s: measured in docs/performance.md). A
 * target therefore says itself when it first has something to write (see markDirty).
 */
/**
 * Sessions waiting before the turn's write is done early, as soon as the frame being handled is
 * (a microtask, after its handler). With a thousand chargers a turn reads hundreds of sockets, and
 * every answer waited for the last of them: the median answer took as long as the whole turn. Written
 * 32 sessions at a time, each answer leaves about a millisecond after its call, with the same one
 * write(2) per session. Measured against the end of the turn only (docs/performance.md): p99 at 1 000
 * chargers 107 → 86–88 ms, calls/s +5 %; at 100 chargers within the noise.
 */
const EARLY_FLUSH_SESSIONS = 32;

export interface Flushable {
  flushNow(): void;
}

export class FlushScheduler {
  private dirty: Flushable[] = [];
  private waiting: (() => void)[] = [];
  /** Records wait to be written. */
  private scheduled = false;
  /** The end-of-turn write is scheduled (it may find nothing left after an early one). */
  private atTurnEndQueued = false;
  private earlyQueued = false;

  /**
   * `target` has records to write at the end of this turn. Call it once per turn, when its first
   * unwritten record arrives (the target keeps that fact; a second call only costs a second flushNow,
   * which finds nothing to write).
   */
  markDirty(target: Flushable): void {
    this.dirty.push(target);
    this.scheduled = true;
    if (!this.atTurnEndQueued) {
      this.atTurnEndQueued = true;
      // setImmediate runs after the poll phase: all sockets that were readable this turn share one flush.
      setImmediate(this.atTurnEnd);
    }
    if (this.dirty.length === EARLY_FLUSH_SESSIONS && !this.earlyQueued) {
      this.earlyQueued = true;
      queueMicrotask(this.early);
    }
  }

  /** Run fn once everything recorded so far is written (at once if nothing is waiting). */
  whenDurable(fn: () => void): void {
    if (!this.scheduled) fn();
    else this.waiting.push(fn);
  }

  flush(): void {
    this.scheduled = false;
    // Taken before anything runs: what is recorded meanwhile (a callback below) waits for the next write.
    const targets = this.dirty;
    this.dirty = [];
    for (let i = 0; i < targets.length; i++) targets[i]!.flushNow();
    const waiting = this.waiting;
    this.waiting = [];
    for (let i = 0; i < waiting.length; i++) waiting[i]!();
  }

  private readonly atTurnEnd = (): void => {
    this.atTurnEndQueued = false;
    if (this.scheduled) this.flush();
  };

  private readonly early = (): void => {
    this.earlyQueued = false;
    if (this.scheduled) this.flush();
  };
}

/** One scheduler per process: batching across sessions needs them to share the turn. */
export const defaultFlushScheduler = new FlushScheduler();
