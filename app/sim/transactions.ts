/**
 * Transactions on the simulated charger: Authorize and StartTransaction for a car and a tag (waiting
 * for the connection when offline), StopTransaction with the meter and the begin/end readings, and
 * what a start or stop does to the connector's profiles and availability.
 */
import type { Configuration } from './configuration.ts';
import type { Connector } from './connector.ts';
import type { Outbox } from './outbox.ts';
import type { Quirks } from './quirks.ts';
import type { Reports } from './reports.ts';
import type { ChargingProfile, ProfileStore, TransactionContext } from './smart-charging.ts';

export interface TransactionsDeps {
  readonly configuration: Configuration;
  readonly profiles: ProfileStore;
  readonly quirks: Quirks;
  readonly outbox: Outbox;
  readonly reports: Reports;
  connected(): boolean;
  now(): number;
  timestamp(at?: number): string;
  tick(): void;
  log(line: string): void;
}

export function transactionContext(connector: Connector): TransactionContext | undefined {
  return connector.transaction ? { transactionId: connector.transaction.id, startedAt: connector.transaction.startedAt } : undefined;
}

export class Transactions {
  constructor(private readonly deps: TransactionsDeps) {}

  async start(connector: Connector, idTag: string, profile?: ChargingProfile, reservationId?: number): Promise<void> {
    const { outbox, reports, configuration, profiles } = this.deps;
    if (connector.transaction || connector.starting) return;
    if (!this.deps.connected()) {
      // Starting needs the central system's transaction id: wait for the connection.
      connector.pendingStart = { idTag, remote: false, ...(profile ? { profile } : {}), expiresAt: Infinity };
      return;
    }
    connector.starting = true;
    connector.pendingStart = null;
    try {
      const auth = (await outbox.send('Authorize', { idTag })) as { idTagInfo?: { status?: string } } | undefined;
      if (auth?.idTagInfo?.status !== 'Accepted') {
        this.deps.log(`connector ${connector.id}: ${idTag} not authorised (${auth?.idTagInfo?.status ?? 'no answer'})`);
        return;
      }
      const meterStart = Math.round(connector.energyWh);
      const startedAt = this.deps.now();
      const beginValues = reports.readings(connector, 'Transaction.Begin', configuration.list('StopTxnSampledData'));
      const started = (await outbox.send('StartTransaction', {
        connectorId: connector.id,
        idTag,
        meterStart,
        timestamp: this.deps.timestamp(startedAt),
        ...(reservationId !== undefined ? { reservationId } : {}),
      })) as { transactionId?: number; idTagInfo?: { status?: string } } | undefined;
      if (typeof started?.transactionId !== 'number') {
        this.deps.log(`connector ${connector.id}: StartTransaction got no transaction id`);
        return;
      }
      connector.reservation = null;
      connector.transaction = { id: started.transactionId, idTag, startedAt, meterStart, beginValues, beginTimestamp: this.deps.timestamp(startedAt) };
      this.deps.log(`connector ${connector.id}: transaction ${started.transactionId} started (meterStart ${meterStart} Wh)`);
      if (started.idTagInfo?.status !== 'Accepted') {
        await this.stop(connector, 'DeAuthorized');
        return;
      }
      if (profile) profiles.set(connector.id, { ...profile, transactionId: started.transactionId }, this.deps.now(), transactionContext(connector));
    } finally {
      connector.starting = false;
      this.deps.tick();
    }
  }

  async stop(connector: Connector, reason: string): Promise<void> {
    const tx = connector.transaction;
    if (!tx) return;
    this.deps.tick();
    connector.transaction = null;
    connector.finishing = connector.plugged || connector.finishing;
    this.deps.profiles.transactionEnded(connector.id);
    const endValues = this.deps.reports.readings(connector, 'Transaction.End', this.deps.configuration.list('StopTxnSampledData'));
    const payload: Record<string, unknown> = {
      transactionId: tx.id,
      idTag: tx.idTag,
      meterStop: Math.round(connector.energyWh),
      timestamp: this.deps.timestamp(),
      reason,
    };
    if (endValues.length > 0) {
      payload.transactionData = [
        { timestamp: tx.beginTimestamp, sampledValue: tx.beginValues },
        { timestamp: this.deps.timestamp(), sampledValue: endValues },
      ];
    }
    if (this.deps.quirks.has('no-meter-stop')) delete payload.meterStop;
    this.deps.log(`connector ${connector.id}: transaction ${tx.id} stopped (${reason}, ${Math.round(connector.energyWh - tx.meterStart)} Wh)`);
    if (connector.inoperativeScheduled) {
      connector.operative = false;
      connector.inoperativeScheduled = false;
    }
    this.deps.tick();
    await this.deps.outbox.send('StopTransaction', payload);
  }
}
