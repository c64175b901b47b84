/**
 * What the charger sends on its own initiative. Transaction messages (StartTransaction,
 * StopTransaction, MeterValues) wait out a disconnection and go first after the next boot, as the
 * spec asks of a charger; anything else sent while offline is lost, as on a real one.
 */
import { breaksSchema, shapeOutgoing, type Quirks } from './quirks.ts';
import type { SimLink } from './link.ts';

const OFFLINE_QUEUED = new Set(['StartTransaction', 'StopTransaction', 'MeterValues']);

export class Outbox {
  private readonly offline: { action: string; payload: Record<string, unknown> }[] = [];

  constructor(
    private readonly link: SimLink,
    private readonly quirks: Quirks,
    private readonly log: (line: string) => void,
  ) {}

  /** The answer's payload, or undefined when the message could not be delivered (or was queued). */
  async send(action: string, payload: Record<string, unknown>): Promise<unknown> {
    const shaped = shapeOutgoing(this.quirks, payload);
    if (!this.link.connected) {
      if (OFFLINE_QUEUED.has(action)) this.offline.push({ action, payload: shaped });
      return undefined;
    }
    try {
      return (await this.link.call(action, shaped, breaksSchema(this.quirks))).payload;
    } catch (err) {
      this.log(`${action} failed: ${(err as Error).message}`);
      if (OFFLINE_QUEUED.has(action) && !this.link.connected) this.offline.push({ action, payload: shaped });
      return undefined;
    }
  }

  /** After a boot: what waited for the connection, oldest first. */
  async flush(): Promise<void> {
    for (const item of this.offline.splice(0)) await this.send(item.action, item.payload);
  }
}
