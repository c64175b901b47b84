/**
 * What the charger reports about its connectors: StatusNotification when a connector's status or
 * error code changes (or when asked), and MeterValues with the configured measurands.
 */
import type { Configuration } from './configuration.ts';
import type { Connector, ConnectorStatus } from './connector.ts';
import { sampledValues, type ReadingContext } from './meter.ts';
import type { Outbox } from './outbox.ts';
import type { Quirks } from './quirks.ts';

export interface ReportsDeps {
  readonly connectors: readonly Connector[];
  readonly configuration: Configuration;
  readonly quirks: Quirks;
  readonly outbox: Outbox;
  connected(): boolean;
  /** Bring the physics up to now before reading the meter. */
  tick(): void;
  timestamp(at?: number): string;
  onStatus(report: { connectorId: number; status: ConnectorStatus; errorCode: string }): void;
}

export class Reports {
  constructor(private readonly deps: ReportsDeps) {}

  readings(connector: Connector, context: ReadingContext, measurands: readonly string[]) {
    return sampledValues(connector.electrical(), measurands, context, this.deps.quirks);
  }

  async meterValues(connector: Connector, context: ReadingContext, measurands = this.deps.configuration.list('MeterValuesSampledData')): Promise<void> {
    this.deps.tick();
    const sampledValue = this.readings(connector, context, measurands);
    if (sampledValue.length === 0) return;
    await this.deps.outbox.send('MeterValues', {
      connectorId: connector.id,
      ...(connector.transaction ? { transactionId: connector.transaction.id } : {}),
      meterValue: [{ timestamp: this.deps.timestamp(), sampledValue }],
    });
  }

  /** Connector 0 is the charger as a whole: Unavailable only when every connector is. force: send even if nothing changed. */
  async status(connectorId: number, force = false): Promise<void> {
    const { connectors, quirks } = this.deps;
    const connector = connectorId > 0 ? connectors[connectorId - 1] : undefined;
    if (connectorId > 0 && !connector) return;
    const status: ConnectorStatus = connector
      ? connector.status(quirks.has('charging-status-at-zero-power'))
      : connectors.every((c) => !c.operative)
        ? 'Unavailable'
        : 'Available';
    const errorCode = connector?.fault ?? 'NoError';
    if (connector) {
      if (!force && connector.reportedStatus === status && connector.reportedErrorCode === errorCode) return;
      connector.reportedStatus = status;
      connector.reportedErrorCode = errorCode;
    }
    this.deps.onStatus({ connectorId, status, errorCode });
    await this.deps.outbox.send('StatusNotification', { connectorId, errorCode, status, timestamp: this.deps.timestamp() });
  }

  /** Whatever changed since the last report, while connected. */
  changes(): void {
    if (!this.deps.connected()) return;
    for (const connector of this.deps.connectors) void this.status(connector.id);
  }
}
