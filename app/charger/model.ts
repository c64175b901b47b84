/**
 * The model of one charger, as its frames and connection facts tell it: who it is, how it connects,
 * what its connectors did, its transactions and meter series (normalised to W, A, V, Wh), its clock,
 * heartbeats, keep-alive and last configuration read. Every fact keeps the sequence numbers of the
 * records it came from, so a check can show its evidence. Built by `ChargerModelBuilder` (fold.ts).
 */
import type { MeterSeries } from './meter-series.ts';
import type { SkewSeries } from './skew-series.ts';
import type { Scheme, TlsFacts } from '../central/connection-events.ts';
import type { PresentedCredentials } from '../central/handshake.ts';
import type { Message, Said } from '../lib/message.ts';
import type { CertificateFacts } from '../certs/facts.ts';

export interface Identity {
  readonly vendor: string | null;
  readonly model: string | null;
  readonly serialNumber: string | null;
  readonly chargeBoxSerialNumber: string | null;
  readonly firmwareVersion: string | null;
  readonly iccid: string | null;
  readonly imsi: string | null;
  readonly meterType: string | null;
  readonly meterSerialNumber: string | null;
}

export interface BootFact {
  readonly seq: number;
  readonly at: number;
  /** Schema-valid and well-formed. */
  readonly valid: boolean;
  /** The status we answered (Accepted …) and its result frame, once it passed. */
  answer: { readonly seq: number; readonly status: string; readonly interval: number | null } | null;
  /** Which connection (index into connections) it arrived on; -1 when none was recorded. */
  readonly connection: number;
}

export interface ConnectionFact {
  readonly seq: number;
  readonly at: number;
  readonly scheme: Scheme;
  readonly remote: string;
  readonly local: string | null;
  readonly subprotocol: string;
  /** The URL path it connected on (its last segment names the charger); null in models folded before it was kept. */
  readonly path: string | null;
  readonly tls: TlsFacts | null;
  readonly auth: PresentedCredentials & { readonly accepted: string };
  readonly hints: readonly Said[];
  ended: { readonly seq: number; readonly at: number; readonly by: string; readonly code: number; readonly reason: string } | null;
  /** Last thing heard from the charger (frame or ping) on this connection, and the longest silence. */
  lastHeardAt: number;
  lastHeardSeq: number;
  longestSilence: { readonly ms: number; readonly fromSeq: number; readonly toSeq: number } | null;
  pings: number;
  /**
   * The last OCPP message from the charger on this connection since its BootNotification was answered
   * (the answer itself to begin with): where the heartbeat rule counts from. null before the boot.
   */
  lastPdu?: { readonly at: number; readonly seq: number } | null;
  /** The client certificate it presented (Security Profile 3); absent in models folded before it was kept. */
  readonly clientCertificate?: CertificateFacts | null;
}

export interface RefusalFact {
  readonly seq: number;
  readonly at: number;
  readonly stage: string;
  readonly scheme: Scheme;
  readonly reason: string;
  /** The reason as a message, when the recording has it (for a reader in another language). */
  readonly said?: Message;
  readonly hints: readonly Said[];
  readonly auth?: PresentedCredentials;
  /** Who tried (address:port) and, for a refusal not filed under a charger, the id it named. */
  readonly remote?: string;
  readonly claimedId?: string;
  /** The client certificate refused (Security Profile 3). */
  readonly certificate?: CertificateFacts;
}

/** The 1.6 security extension as the charger lived it: its security events, CSRs, certificates sent, signed firmware. */
export interface SecurityFacts {
  readonly events: { readonly seq: number; readonly at: number; readonly type: string; readonly techInfo: string | null; readonly timestamp: string | null }[];
  /** SignCertificate: each CSR, signed (with the certificate made) or refused (with why). */
  readonly requests: {
    readonly seq: number;
    readonly at: number;
    readonly accepted: boolean;
    readonly reason: string | null;
    readonly said?: Message;
    readonly certificate: CertificateFacts | null;
  }[];
  /** CertificateSigned: what the charger answered. */
  readonly signed: { readonly seq: number; readonly at: number; readonly status: string; readonly certificate: CertificateFacts }[];
  readonly signedFirmware: { readonly seq: number; readonly at: number; readonly status: string }[];
}

export interface StatusChange {
  readonly seq: number;
  readonly at: number;
  readonly status: string;
  readonly errorCode: string;
  readonly info: string | null;
}

export interface ConnectorModel {
  readonly id: number;
  status: string | null;
  errorCode: string | null;
  readonly timeline: StatusChange[];
}

export type { MeterSample } from './meter-series.ts';

export interface RegisterReading {
  readonly seq: number;
  readonly at: number;
  readonly wh: number;
}

export interface TransactionModel {
  transactionId: number | null;
  readonly connectorId: number;
  readonly idTag: string | null;
  readonly startSeq: number;
  readonly startAt: number;
  readonly meterStartWh: number | null;
  stop: { readonly seq: number; readonly at: number; readonly meterStopWh: number | null; readonly reason: string | null } | null;
  firstReading: RegisterReading | null;
  lastReading: RegisterReading | null;
  /** Each time the register went down within the transaction. */
  readonly registerDecreases: { readonly seq: number; readonly fromWh: number; readonly toWh: number }[];
  /** Energy from integrating power over the samples (trapezoids), Wh. */
  integratedWh: number;
  maxPowerW: number;
  samples: number;
}

export type { SkewSample } from './skew-series.ts';

/** A stretch between two records of the charger (the boot's answer or a message, up to a message or the end of the connection). */
export interface HeartbeatGap {
  readonly fromSeq: number;
  readonly toSeq: number;
  readonly gapMs: number;
  readonly intervalS: number;
}

/**
 * OCPP 1.6 §4.6: a charger may skip a Heartbeat when it sent another message within the interval.
 * A stretch counts as silent when nothing at all came from the charger for more than the heartbeat
 * interval + 20 % (the readiness rule; the Health card counts the same).
 */
export const HEARTBEAT_SLACK = 1.2;
export function heartbeatLimitMs(intervalS: number): number {
  return intervalS * 1000 * HEARTBEAT_SLACK;
}

export interface ConfigurationKey {
  readonly key: string;
  readonly value: string | null;
  readonly readonly: boolean;
}

export interface ConfigurationRead {
  readonly callSeq: number;
  readonly resultSeq: number;
  readonly at: number;
  readonly keys: readonly ConfigurationKey[];
  readonly unknownKeys: readonly string[];
}

/** A CALL the central system (the user, the suite) sent, and how the charger answered. */
export interface CentralCall {
  readonly messageId: string;
  readonly action: string;
  readonly callSeq: number;
  readonly at: number;
  readonly payload: Record<string, unknown>;
  answer: { readonly seq: number; readonly at: number; readonly ok: boolean; readonly payload: unknown; readonly errorCode?: string } | null;
}

export interface SchemaViolation {
  readonly seq: number;
  readonly action: string | null;
  /** 2 CALL, 3 CALLRESULT, 4 CALLERROR, null when not even a frame. */
  readonly type: number | null;
  readonly messages: readonly string[];
  readonly kind: 'frame' | 'schema' | 'protocol';
}

export interface ChargerModel {
  readonly chargerId: string | null;
  identity: Identity | null;
  readonly boots: BootFact[];
  readonly connections: ConnectionFact[];
  readonly refusals: RefusalFact[];
  readonly connectors: ConnectorModel[];
  readonly transactions: TransactionModel[];
  /** Meter samples in columns (MeterSeries); over the contract and in a bundle, a plain list. */
  readonly samples: MeterSeries;
  /** Charger time minus receive time per timestamp (SkewSeries); over the contract and in a bundle, a plain list. */
  readonly skew: SkewSeries;
  readonly heartbeats: {
    count: number;
    lastSeq: number | null;
    lastAt: number | null;
    intervalS: number | null;
    /** Stretches after a BootNotification with nothing from the charger for longer than the interval + 20 %. */
    readonly silences: HeartbeatGap[];
    /** The longest time between two messages from the charger (or from the boot to its first) within a connection. */
    longestGapMs: number;
  };
  configuration: ConfigurationRead | null;
  /** MeterValueSampleInterval in force as far as we know (ChangeConfiguration Accepted, or read), with the seq it took effect. */
  sampleInterval: { readonly seconds: number; readonly sinceSeq: number; readonly sinceAt: number } | null;
  /**
   * Accepted changes of MeterValuesSampledData, with the measurands each took away (a graph whose
   * data stops then says why). Absent in models folded before it was kept.
   */
  readonly sampledDataChanges?: { readonly seq: number; readonly at: number; readonly value: string; readonly removed: readonly string[] }[];
  readonly calls: CentralCall[];
  readonly firmwareStatus: { readonly seq: number; readonly at: number; readonly status: string }[];
  /** DiagnosticsStatusNotifications: Uploading, Uploaded, UploadFailed, Idle. */
  readonly diagnosticsStatus: { readonly seq: number; readonly at: number; readonly status: string }[];
  /** Absent in models folded before the security extension was kept. */
  security?: SecurityFacts;
  readonly schema: { framesFromCharger: number; readonly violations: SchemaViolation[] };
  /** Time of the newest record folded (the model's "now" when folding a recording). */
  lastAt: number;
  lastSeq: number;
}
