/**
 * What the UI shows of one charger, derived from its model: identity, the live connection, clock
 * skew, heartbeat, connectors with their status timelines, transactions with both energies, the
 * last configuration read and the firmware progress. Small enough to send on every change; the
 * meter samples travel separately (they are the bulk).
 */
import {
  type ChargerModel,
  type ConfigurationRead,
  type ConnectionFact,
  type Identity,
  type RefusalFact,
  type SecurityFacts,
  type StatusChange,
} from './model.ts';
import type { CertificateFacts } from '../certs/facts.ts';

export interface TransactionView {
  readonly transactionId: number | null;
  readonly connectorId: number;
  readonly idTag: string | null;
  readonly startAt: number;
  readonly stopAt: number | null;
  readonly stopReason: string | null;
  readonly meterStartWh: number | null;
  readonly meterStopWh: number | null;
  /** Energy by the charger's register (stop or last reading minus start), Wh. */
  readonly registerWh: number | null;
  /** Energy by integrating the power samples, Wh. */
  readonly integratedWh: number;
  readonly maxPowerW: number;
  readonly samples: number;
  readonly registerDecreases: number;
}

export interface ChargerView {
  readonly chargerId: string;
  readonly identity: Identity | null;
  readonly connected: boolean;
  readonly connection:
    | (Pick<ConnectionFact, 'at' | 'scheme' | 'remote' | 'subprotocol' | 'tls' | 'hints' | 'ended' | 'lastHeardAt' | 'pings'> & {
        readonly authUser: string | null;
        readonly authAccepted: string;
        /** The client certificate it connected with (Security Profile 3). */
        readonly clientCertificate: CertificateFacts | null;
      })
    | null;
  readonly connections: number;
  readonly lastRefusal: RefusalFact | null;
  /** Latest charger clock minus ours (ms) and the largest seen; null until it sent a timestamp. */
  readonly skew: { readonly latestMs: number; readonly worstMs: number } | null;
  /** lateCount: silent stretches (nothing from the charger for longer than the interval + 20 %); lastMessageAt: its last message on this connection. */
  readonly heartbeat: {
    readonly count: number;
    readonly lastAt: number | null;
    readonly intervalS: number | null;
    readonly lateCount: number;
    readonly lastMessageAt: number | null;
  };
  readonly boots: number;
  readonly connectors: readonly {
    readonly id: number;
    readonly status: string | null;
    readonly errorCode: string | null;
    readonly timeline: readonly StatusChange[];
  }[];
  readonly transactions: readonly TransactionView[];
  readonly configuration: ConfigurationRead | null;
  readonly sampleIntervalS: number | null;
  /** The latest accepted changes of MeterValuesSampledData, with what each took away (a graph that stops says why). */
  readonly sampledDataChanges: readonly { readonly at: number; readonly value: string; readonly removed: readonly string[] }[];
  readonly firmwareStatus: readonly { readonly seq: number; readonly at: number; readonly status: string }[];
  /** The security extension: the charger's SecurityProfile key (when read), its latest security events, CSRs and certificates. */
  readonly security: {
    readonly profile: string | null;
    readonly events: SecurityFacts['events'];
    readonly requests: SecurityFacts['requests'];
    readonly signed: SecurityFacts['signed'];
    readonly signedFirmware: SecurityFacts['signedFirmware'];
  };
  readonly schema: { readonly framesFromCharger: number; readonly violations: number };
  readonly samplesTotal: number;
  readonly lastAt: number;
  readonly lastSeq: number;
}

export function chargerView(chargerId: string, m: ChargerModel): ChargerView {
  const last = m.connections.at(-1);
  let worst = 0;
  for (const s of m.skew) if (Math.abs(s.skewMs) > Math.abs(worst)) worst = s.skewMs;
  return {
    chargerId,
    identity: m.identity,
    connected: last !== undefined && last.ended === null,
    connection: last
      ? {
          at: last.at,
          scheme: last.scheme,
          remote: last.remote,
          subprotocol: last.subprotocol,
          tls: last.tls,
          hints: last.hints,
          ended: last.ended,
          lastHeardAt: last.lastHeardAt,
          pings: last.pings,
          authUser: last.auth.user ?? null,
          authAccepted: last.auth.accepted,
          clientCertificate: last.clientCertificate ?? null,
        }
      : null,
    connections: m.connections.length,
    lastRefusal: m.refusals.at(-1) ?? null,
    skew: m.skew.length > 0 ? { latestMs: m.skew.at(-1)!.skewMs, worstMs: worst } : null,
    heartbeat: {
      count: m.heartbeats.count,
      lastAt: m.heartbeats.lastAt,
      intervalS: m.heartbeats.intervalS,
      lateCount: (m.heartbeats.silences ?? []).length,
      lastMessageAt: m.connections.at(-1)?.lastPdu?.at ?? null,
    },
    boots: m.boots.length,
    connectors: m.connectors.map((c) => ({ id: c.id, status: c.status, errorCode: c.errorCode, timeline: c.timeline })),
    transactions: m.transactions.map((t) => {
      const start = t.meterStartWh ?? t.firstReading?.wh ?? null;
      const end = t.stop?.meterStopWh ?? t.lastReading?.wh ?? null;
      return {
        transactionId: t.transactionId,
        connectorId: t.connectorId,
        idTag: t.idTag,
        startAt: t.startAt,
        stopAt: t.stop?.at ?? null,
        stopReason: t.stop?.reason ?? null,
        meterStartWh: t.meterStartWh,
        meterStopWh: t.stop?.meterStopWh ?? null,
        registerWh: start !== null && end !== null ? end - start : null,
        integratedWh: t.integratedWh,
        maxPowerW: t.maxPowerW,
        samples: t.samples,
        registerDecreases: t.registerDecreases.length,
      };
    }),
    configuration: m.configuration,
    sampleIntervalS: m.sampleInterval?.seconds ?? null,
    sampledDataChanges: (m.sampledDataChanges ?? []).slice(-20).map(({ at, value, removed }) => ({ at, value, removed })),
    firmwareStatus: m.firmwareStatus,
    security: {
      profile: m.configuration?.keys.find((k) => k.key.toLowerCase() === 'securityprofile')?.value ?? null,
      events: (m.security?.events ?? []).slice(-20),
      requests: (m.security?.requests ?? []).slice(-5),
      signed: (m.security?.signed ?? []).slice(-5),
      signedFirmware: (m.security?.signedFirmware ?? []).slice(-10),
    },
    schema: { framesFromCharger: m.schema.framesFromCharger, violations: m.schema.violations.length },
    samplesTotal: m.samples.length,
    lastAt: m.lastAt,
    lastSeq: m.lastSeq,
  };
}
