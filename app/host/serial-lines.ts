/**
 * Console lines go to the UI in batches, one event per console at most every 100 ms: a 1 MB burst
 * is some 16 000 lines, which must not be 16 000 events.
 */
import type { ConsoleLine } from '../serial/console.ts';

export const LINES_TICK_MS = 100;

export class LineBatches {
  private readonly waiting = new Map<string, ConsoleLine[]>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly publish: (consoleId: string, lines: ConsoleLine[]) => void) {}

  add(consoleId: string, line: ConsoleLine): void {
    let lines = this.waiting.get(consoleId);
    if (!lines) this.waiting.set(consoleId, (lines = []));
    lines.push(line);
    this.timer ??= setTimeout(() => this.flush(), LINES_TICK_MS);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batches = [...this.waiting];
    this.waiting.clear();
    for (const [consoleId, lines] of batches) this.publish(consoleId, lines);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.waiting.clear();
  }
}
