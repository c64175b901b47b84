/**
 * The one-shot timers a simulated charger sets (reconnect, reboot, boot retry, transfer waits), kept
 * in one place so stopping the charger clears every one of them.
 */
export class TimerBag {
  private readonly pending = new Set<ReturnType<typeof setTimeout>>();

  later(fn: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      fn();
    }, ms);
    this.pending.add(timer);
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.later(resolve, ms));
  }

  clear(): void {
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
  }
}
