/**
 * What the central system's operations act on in a simulated charge point (operations.ts): its
 * parts and the few actions an operation starts. SimChargePoint implements it; operations.ts knows
 * only this, so the two files do not import each other.
 */
import type { Configuration } from './configuration.ts';
import type { Connector } from './connector.ts';
import type { LocalAuthList } from './local-list.ts';
import type { Quirks } from './quirks.ts';
import type { Reports } from './reports.ts';
import type { Electrical, ProfileStore } from './smart-charging.ts';
import type { Transactions } from './transactions.ts';
import type { Transfers } from './transfers.ts';
import type { SimSecurity } from './security.ts';

export interface Station {
  readonly id: string;
  readonly configuration: Configuration;
  readonly profiles: ProfileStore;
  readonly quirks: Quirks;
  readonly connectors: readonly Connector[];
  readonly localList: LocalAuthList;
  readonly transactions: Pick<Transactions, 'start' | 'stop'>;
  readonly transfers: Pick<Transfers, 'updateFirmware' | 'uploadDiagnostics' | 'firmwareStatus' | 'diagnosticsStatus'>;
  readonly reports: Pick<Reports, 'status' | 'meterValues'>;
  /** The security extension: certificates, ExtendedTriggerMessage. */
  readonly security: Pick<SimSecurity, 'handle'>;
  /** The fixed name of its diagnostics files, when it has one. */
  readonly diagnosticsFileName: string | undefined;
  /** The BootNotification it would send now (TriggerMessage). */
  bootPayload(): Record<string, unknown>;
  connector(id: number): Connector;
  electricalFacts(): Electrical;
  now(): number;
  timestamp(at?: number): string;
  log(line: string): void;
  tick(): void;
  send(action: string, payload: Record<string, unknown>): Promise<unknown>;
  reboot(kind: 'Soft' | 'Hard' | 'Firmware'): void;
}
