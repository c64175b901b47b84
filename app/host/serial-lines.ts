/**
 * Console lines go to the UI in batches, one event per console per host tick (event-batches.ts): a
 * 1 MB burst is some 16 000 lines, which must not be 16 000 events.
 */
import type { ConsoleLine } from '../serial/console.ts';

export class LineBatches {
  private readonly waiting = new Map<string, ConsoleLine[]>();

  constructor(
    private readonly publish: (consoleId: string, lines: ConsoleLine[]) => void,
    /** Asks for the next tick (lines are waiting). */
    private readonly wake: () => void,
  ) {}

  add(consoleId: string, line: ConsoleLine): void {
    let lines = this.waiting.get(consoleId);
    if (!lines) this.waiting.set(consoleId, (lines = []));
    lines.push(line);
    this.wake();
  }

  /** On the host's tick: one event per console with what arrived since the last. */
  collect(): void {
    if (this.waiting.size === 0) return;
    const batches = [...this.waiting];
    this.waiting.clear();
    for (const [consoleId, lines] of batches) this.publish(consoleId, lines);
  }

  stop(): void {
    this.waiting.clear();
  }
}
