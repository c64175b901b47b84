/**
 * What the central system's operations act on in a simulated charge point (operations.ts): its
 * parts and the few actions an operation starts. SimChargePoint implements it; operations.ts knows
 * only this, so the two files do not import each other.
 */
import type { Configuration } from './configuration.ts';
import type { Connector } from './connector.ts';
import type { ReadingContext } from './meter.ts';
import type { Quirks } from './quirks.ts';
import type { ChargingProfile, Electrical, ProfileStore, TransactionContext } from './smart-charging.ts';

export interface Station {
  readonly id: string;
  readonly configuration: Configuration;
  readonly profiles: ProfileStore;
  readonly quirks: Quirks;
  readonly connectors: Connector[];
  localList: { version: number; entries: Map<string, unknown> };
  readonly firmwareStatus: string;
  readonly diagnosticsStatus: string;
  /** The BootNotification it would send now (TriggerMessage). */
  bootPayload(): Record<string, unknown>;
  connector(id: number): Connector;
  electricalFacts(): Electrical;
  transactionContext(connector: Connector): TransactionContext | undefined;
  now(): number;
  timestamp(at?: number): string;
  log(line: string): void;
  tick(): void;
  send(action: string, payload: Record<string, unknown>): Promise<unknown>;
  sendStatus(connectorId: number, force?: boolean): Promise<void>;
  sendMeterValues(connector: Connector, context: ReadingContext, measurands?: string[]): Promise<void>;
  startTransaction(connector: Connector, idTag: string, profile?: ChargingProfile, reservationId?: number): Promise<void>;
  stopTransaction(connector: Connector, reason: string): Promise<void>;
  reboot(kind: 'Soft' | 'Hard' | 'Firmware'): void;
  updateFirmware(location: string, retrieveAt: number, retries: number, retryIntervalSeconds: number): Promise<void>;
  uploadDiagnostics(location: string, fileName: string): Promise<void>;
}
