/**
 * What the platform missed while it was unreachable, kept to send it once it is back: the charger's
 * StartTransaction, StopTransaction and MeterValues in order, with their original bytes (and so their
 * original timestamps), and the latest BootNotification and StatusNotification of each connector
 * (state, not history: the platform needs to know what the charger is and what it is doing now).
 *
 * A transaction that started during the outage got its id from the local central system; once the
 * platform answers the replayed StartTransaction with its own id, every later message of that
 * transaction (replayed or live) is sent with the platform's id instead. That is the one change the
 * relay ever makes to a charger's frame, and such frames are recorded as rewritten.
 */
import { CALL, serializeFrame, type CallFrame } from '../ocpp/frames.ts';

export const REPLAYED_ACTIONS = new Set(['BootNotification', 'StartTransaction', 'StopTransaction', 'MeterValues', 'StatusNotification']);

/** Messages that describe state: only the latest one per key is worth replaying. */
const LATEST_ONLY: Record<string, (payload: Record<string, unknown>) => unknown> = {
  BootNotification: () => 'boot',
  StatusNotification: (payload) => payload.connectorId,
};

export interface BacklogEntry {
  readonly id: string;
  readonly action: string;
  readonly payload: Record<string, unknown>;
  readonly raw: string;
  /** The transaction id the local central system gave a StartTransaction. */
  localTransactionId?: number;
}

/** Beyond this many messages the oldest MeterValues are dropped first (a week offline at 1/min). */
const MAX_ENTRIES = 20_000;

export class TransactionBacklog {
  private readonly entries: BacklogEntry[] = [];
  /** Local transaction id → the platform's, learnt from replayed StartTransaction answers. */
  private readonly transactionIds = new Map<number, number>();
  private droppedCount = 0;

  get size(): number {
    return this.entries.length;
  }

  get dropped(): number {
    return this.droppedCount;
  }

  /** Keep a charger CALL the platform did not see; false when it is not one that is replayed. */
  add(frame: CallFrame, raw: string): BacklogEntry | null {
    const { payload } = frame;
    if (!REPLAYED_ACTIONS.has(frame.action) || !isRecord(payload)) return null;
    const entry: BacklogEntry = { id: frame.id, action: frame.action, payload, raw };
    const keyOf = LATEST_ONLY[frame.action];
    if (keyOf) {
      const stale = this.entries.findIndex((e) => e.action === frame.action && keyOf(e.payload) === keyOf(payload));
      if (stale >= 0) this.entries.splice(stale, 1);
    }
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) {
      const oldestMeter = this.entries.findIndex((e) => e.action === 'MeterValues');
      this.entries.splice(oldestMeter >= 0 ? oldestMeter : 0, 1);
      this.droppedCount++;
    }
    return entry;
  }

  /** The next message to replay, without taking it (it is taken once the platform answered). */
  peek(): BacklogEntry | undefined {
    return this.entries[0];
  }

  shift(): BacklogEntry | undefined {
    return this.entries.shift();
  }

  /** The platform answered a replayed StartTransaction: later messages of that transaction carry its id. */
  learn(entry: BacklogEntry, answer: unknown): void {
    const upstreamId = isRecord(answer) ? answer.transactionId : undefined;
    if (entry.localTransactionId !== undefined && typeof upstreamId === 'number') this.transactionIds.set(entry.localTransactionId, upstreamId);
  }

  /** The frame as the platform must see it: with the platform's transaction id where it differs. */
  forUpstream(frame: CallFrame, raw: string): { readonly raw: string; readonly rewritten: boolean } {
    if (!isRecord(frame.payload) || typeof frame.payload.transactionId !== 'number') return { raw, rewritten: false };
    const upstreamId = this.transactionIds.get(frame.payload.transactionId);
    if (upstreamId === undefined) return { raw, rewritten: false };
    return {
      raw: serializeFrame({ type: CALL, id: frame.id, action: frame.action, payload: { ...frame.payload, transactionId: upstreamId } }),
      rewritten: true,
    };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
