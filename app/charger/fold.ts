/**
 * Folding a charger's records into its model, one record at a time. Deterministic: it reads only
 * the records (their receive times, not the wall clock), so folding live and folding the recording
 * of the same session give the same model.
 */
import { isoMillis, parseIsoTime } from '../lib/iso-time.ts';
import type { CertificateRequestEvent, CertificateSignedEvent, ConnectedEvent, DisconnectedEvent, RefusedEvent } from '../central/connection-events.ts';
import { frameOf, type FrameRecord, type SessionRecord } from '../store/records.ts';
import { numeric, ReadingScratch } from './meter-values.ts';
import {
  heartbeatLimitMs,
  type CentralCall,
  type ChargerModel,
  type ConnectorModel,
  type MeterSample,
  type RefusalFact,
  type SecurityFacts,
  type TransactionModel,
} from './model.ts';
import { MeterSeries } from './meter-series.ts';
import { SkewSeries } from './skew-series.ts';
import { removedBy } from './sampled-data.ts';

/** Caps, so a day-long session cannot grow the model without bound. */
const MAX_SAMPLES = 400_000;
const MAX_LIST = 5_000;

type Payload = Record<string, unknown>;

interface LastReading {
  at: number;
  energyWh: number | null;
  powerW: number | null;
  transactionId: number | null;
}

/** The charger's calls whose answer (ours) the model reads: see onOurAnswer. */
const ANSWER_READ: ReadonlySet<string> = new Set(['BootNotification', 'StartTransaction']);

/** The reading of the entry being folded: one for all builders (folding is synchronous). */
const SCRATCH = new ReadingScratch();

interface PendingChargerCall {
  readonly action: string;
  readonly payload: Payload;
  readonly seq: number;
  readonly at: number;
}

export function emptyModel(chargerId: string | null): ChargerModel {
  return {
    chargerId,
    identity: null,
    boots: [],
    connections: [],
    refusals: [],
    connectors: [],
    transactions: [],
    samples: new MeterSeries(MAX_SAMPLES),
    skew: new SkewSeries(),
    heartbeats: { count: 0, lastSeq: null, lastAt: null, intervalS: null, silences: [], longestGapMs: 0 },
    configuration: null,
    sampleInterval: null,
    sampledDataChanges: [],
    calls: [],
    firmwareStatus: [],
    diagnosticsStatus: [],
    security: emptySecurity(),
    schema: { framesFromCharger: 0, violations: [] },
    lastAt: 0,
    lastSeq: 0,
  };
}

const emptySecurity = (): SecurityFacts => ({ events: [], requests: [], signed: [], signedFirmware: [] });
/** A model adopted from an older bundle has no security facts yet: they start empty. */
const securityOf = (m: ChargerModel): SecurityFacts => (m.security ??= emptySecurity());

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
/** Numbers the charger sent, also as strings. */
const num = numeric;
const time = (v: unknown): number | null => {
  if (typeof v !== 'string') return null;
  const t = parseIsoTime(v);
  return Number.isFinite(t) ? t : null;
};

function push<T>(list: T[], item: T, cap = MAX_LIST): void {
  list.push(item);
  if (list.length > cap) list.splice(0, list.length - cap);
}

export class ChargerModelBuilder {
  readonly model: ChargerModel;
  private readonly chargerCalls = new Map<string, PendingChargerCall>();
  private readonly centralCalls = new Map<string, CentralCall>();
  /** Per connector, what the next sample is compared with (register rate, power integration). */
  private readonly lastByConnector = new Map<number, LastReading>();

  /** model: a model folded elsewhere (a bundle's snapshot) that this builder continues from. */
  constructor(chargerId: string | null, model?: ChargerModel) {
    this.model = model ?? emptyModel(chargerId);
    // A model folded by an earlier version (a bundle's snapshot) gains what the model keeps since.
    if (!this.model.sampledDataChanges) (this.model as { sampledDataChanges?: unknown[] }).sampledDataChanges = [];
  }

  /** Fold one record (frame or connection event) of this charger. */
  fold(record: SessionRecord): ChargerModel {
    const m = this.model;
    const at = isoMillis(record.at);
    m.lastAt = Math.max(m.lastAt, at);
    m.lastSeq = Math.max(m.lastSeq, record.seq);
    if (record.t === 'event') this.onEvent(record.seq, at, record.event);
    else this.onFrame(record, at);
    return m;
  }

  foldAll(records: Iterable<SessionRecord>): ChargerModel {
    for (const record of records) this.fold(record);
    return this.model;
  }

  /** The central call with this message id (the suite uses it for evidence). */
  call(messageId: string): CentralCall | undefined {
    return this.centralCalls.get(messageId);
  }

  private currentConnection() {
    const last = this.model.connections.at(-1);
    return last && !last.ended ? last : undefined;
  }

  private heard(seq: number, at: number): void {
    const c = this.currentConnection();
    if (!c) return;
    const silence = at - c.lastHeardAt;
    if (!c.longestSilence || silence > c.longestSilence.ms) c.longestSilence = { ms: silence, fromSeq: c.lastHeardSeq, toSeq: seq };
    c.lastHeardAt = at;
    c.lastHeardSeq = seq;
  }

  private onEvent(seq: number, at: number, event: { readonly kind: string }): void {
    const m = this.model;
    switch (event.kind) {
      case 'connected': {
        const e = event as ConnectedEvent;
        const previous = this.currentConnection();
        if (previous) previous.ended = { seq, at, by: 'central', code: 1000, reason: 'replaced by a new connection' };
        push(
          m.connections,
          {
            seq,
            at,
            scheme: e.scheme,
            remote: e.remote,
            local: e.local ?? null,
            subprotocol: e.subprotocol,
            path: e.path ?? null,
            tls: e.tls,
            auth: e.auth,
            hints: e.hints,
            ended: null,
            lastHeardAt: at,
            lastHeardSeq: seq,
            longestSilence: null,
            pings: 0,
            lastPdu: null,
            clientCertificate: e.clientCertificate ?? null,
          },
          1_000,
        );
        // Our calls in flight died with the old connection; the charger's too.
        this.chargerCalls.clear();
        break;
      }
      case 'disconnected': {
        const e = event as DisconnectedEvent;
        const c = this.currentConnection();
        if (c) {
          // Silent up to the end counts too: the charger had the connection and said nothing.
          if (c.lastPdu) this.judgeSilence(c.lastPdu, seq, at);
          c.ended = { seq, at, by: e.by, code: e.code, reason: e.reason };
        }
        break;
      }
      case 'refused':
        push(m.refusals, refusalFact(seq, at, event as RefusedEvent), 1_000);
        break;
      case 'certificate-request': {
        const e = event as CertificateRequestEvent;
        push(securityOf(m).requests, {
          seq,
          at,
          accepted: e.accepted,
          reason: e.reason ?? null,
          ...(e.said ? { said: e.said } : {}),
          certificate: e.certificate ?? null,
        });
        break;
      }
      case 'certificate-signed': {
        const e = event as CertificateSignedEvent;
        push(securityOf(m).signed, { seq, at, status: e.status, certificate: e.certificate });
        break;
      }
      case 'ping': {
        const c = this.currentConnection();
        if (c) c.pings++;
        this.heard(seq, at);
        break;
      }
    }
  }

  private onFrame(record: FrameRecord, at: number): void {
    const m = this.model;
    if (record.dir === 'rx') {
      m.schema.framesFromCharger++;
      this.heard(record.seq, at);
      this.pdu(record.seq, at);
      if (record.issues.length > 0) {
        const worst = record.issues.some((i) => i.kind === 'frame') ? 'frame' : record.issues.some((i) => i.kind === 'schema') ? 'schema' : 'protocol';
        push(m.schema.violations, {
          seq: record.seq,
          action: record.action ?? null,
          type: record.type ?? null,
          messages: record.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)),
          kind: worst,
        });
      }
    }
    if (record.issues.length > 0 && record.issues.some((i) => i.kind === 'frame')) return;
    // Parsed once, on arrival; a recording read from disk is parsed here.
    const frame = frameOf(record);
    if (!frame) return;
    const id = frame.id;
    if (frame.type === 2) {
      const payload = (frame.payload && typeof frame.payload === 'object' ? frame.payload : {}) as Payload;
      const action = record.action ?? frame.action;
      if (record.dir === 'rx') {
        // Only the calls whose answers the model reads wait for them: not one entry per MeterValues.
        // (A reused id still replaces what waited under it, as before.)
        if (ANSWER_READ.has(action)) this.chargerCalls.set(id, { action, payload, seq: record.seq, at });
        else if (this.chargerCalls.size > 0) this.chargerCalls.delete(id);
        this.onChargerCall(action, payload, record.seq, at, record.issues.length === 0);
      } else {
        const call: CentralCall = { messageId: id, action, callSeq: record.seq, at, payload: redactCall(action, payload), answer: null };
        this.centralCalls.set(id, call);
        if (this.centralCalls.size > MAX_LIST) this.centralCalls.delete(this.centralCalls.keys().next().value as string);
        push(m.calls, call);
      }
      return;
    }
    const answerPayload = frame.type === 3 ? frame.payload : undefined;
    if (record.dir === 'tx') {
      const call = this.chargerCalls.get(id);
      if (!call) return;
      this.chargerCalls.delete(id);
      if (frame.type === 3) this.onOurAnswer(call, (answerPayload ?? {}) as Payload, record.seq, at);
    } else {
      const call = this.centralCalls.get(id);
      if (!call || call.answer) return;
      call.answer = {
        seq: record.seq,
        at,
        ok: frame.type === 3,
        payload: frame.type === 3 ? redactAnswer(call.action, answerPayload) : frame.description,
        ...(frame.type === 4 ? { errorCode: frame.code } : {}),
      };
      if (frame.type === 3) this.onChargerAnswer(call, (answerPayload ?? {}) as Payload, record.seq, at);
    }
  }

  private connector(id: number): ConnectorModel {
    let c = this.model.connectors.find((x) => x.id === id);
    if (!c) {
      c = { id, status: null, errorCode: null, timeline: [] };
      this.model.connectors.push(c);
      this.model.connectors.sort((a, b) => a.id - b.id);
    }
    return c;
  }

  private skew(seq: number, at: number, chargerTime: number | null): void {
    if (chargerTime !== null) this.model.skew.push(seq, chargerTime - at);
  }

  /** The open transaction with this id, else the first open one on the connector (a loop: this runs for every MeterValues). */
  private openTransaction(connectorId: number, transactionId: number | null): TransactionModel | undefined {
    let onConnector: TransactionModel | undefined;
    for (const t of this.model.transactions) {
      if (t.stop) continue;
      if (transactionId !== null && t.transactionId === transactionId) return t;
      onConnector ??= t.connectorId === connectorId ? t : undefined;
    }
    return onConnector;
  }

  private onChargerCall(action: string, p: Payload, seq: number, at: number, valid: boolean): void {
    const m = this.model;
    switch (action) {
      case 'BootNotification':
        m.identity = {
          vendor: str(p.chargePointVendor),
          model: str(p.chargePointModel),
          serialNumber: str(p.chargePointSerialNumber),
          chargeBoxSerialNumber: str(p.chargeBoxSerialNumber),
          firmwareVersion: str(p.firmwareVersion),
          iccid: str(p.iccid),
          imsi: str(p.imsi),
          meterType: str(p.meterType),
          meterSerialNumber: str(p.meterSerialNumber),
        };
        push(m.boots, { seq, at, valid, answer: null, connection: m.connections.length - 1 }, 1_000);
        break;
      case 'Heartbeat': {
        const hb = m.heartbeats;
        hb.count++;
        hb.lastAt = at;
        hb.lastSeq = seq;
        break;
      }
      case 'StatusNotification': {
        const connectorId = num(p.connectorId) ?? 0;
        const c = this.connector(connectorId);
        const status = str(p.status) ?? '?';
        const errorCode = str(p.errorCode) ?? 'NoError';
        c.status = status;
        c.errorCode = errorCode;
        push(c.timeline, { seq, at, status, errorCode, info: str(p.info) });
        this.skew(seq, at, time(p.timestamp));
        break;
      }
      case 'StartTransaction': {
        const connectorId = num(p.connectorId) ?? 0;
        push(
          m.transactions,
          {
            transactionId: null,
            connectorId,
            idTag: str(p.idTag),
            startSeq: seq,
            startAt: time(p.timestamp) ?? at,
            meterStartWh: num(p.meterStart),
            stop: null,
            firstReading: null,
            lastReading: null,
            registerDecreases: [],
            integratedWh: 0,
            maxPowerW: 0,
            samples: 0,
          },
          10_000,
        );
        this.skew(seq, at, time(p.timestamp));
        break;
      }
      case 'StopTransaction': {
        const transactionId = num(p.transactionId);
        // A StopTransaction sent again (the charger missed our answer) changes nothing.
        const tx = m.transactions.find((t) => !t.stop && t.transactionId === transactionId);
        const stopAt = time(p.timestamp) ?? at;
        if (tx) {
          this.meterValues(tx.connectorId, transactionId, p.transactionData, seq, at, 'StopTransaction');
          tx.stop = { seq, at: stopAt, meterStopWh: num(p.meterStop), reason: str(p.reason) };
        }
        this.skew(seq, at, time(p.timestamp));
        break;
      }
      case 'MeterValues':
        this.meterValues(num(p.connectorId) ?? 0, num(p.transactionId), p.meterValue, seq, at, 'MeterValues');
        break;
      case 'FirmwareStatusNotification':
        push(m.firmwareStatus, { seq, at, status: str(p.status) ?? '?' });
        break;
      case 'DiagnosticsStatusNotification':
        push(m.diagnosticsStatus, { seq, at, status: str(p.status) ?? '?' });
        break;
      case 'SecurityEventNotification':
        push(securityOf(m).events, { seq, at, type: str(p.type) ?? '?', techInfo: str(p.techInfo), timestamp: str(p.timestamp) });
        break;
      case 'SignedFirmwareStatusNotification':
        push(securityOf(m).signedFirmware, { seq, at, status: str(p.status) ?? '?' });
        break;
    }
  }

  private meterValues(connectorId: number, transactionId: number | null, meterValue: unknown, seq: number, at: number, source: MeterSample['source']): void {
    if (!Array.isArray(meterValue)) return;
    const tx = this.openTransaction(connectorId, transactionId);
    const entries = meterValue as { timestamp?: unknown; sampledValue?: unknown }[];
    for (let n = 0; n < entries.length; n++) {
      const entry = entries[n];
      if (!entry || typeof entry !== 'object') continue;
      const chargerTime = time(entry.timestamp);
      // Clock skew only from the newest reading of a MeterValues: a StopTransaction's transactionData
      // and the older readings of a batch carry when they were measured, not the charger's time now.
      if (source === 'MeterValues' && n === entries.length - 1) this.skew(seq, at, chargerTime);
      const reading = SCRATCH.read(entry.sampledValue);
      const sampleAt = chargerTime ?? at;
      const previous = this.lastByConnector.get(connectorId);
      const dtS = previous ? (sampleAt - previous.at) / 1000 : 0;
      const registerRateW =
        previous && previous.energyWh !== null && reading.energyWh !== null && dtS > 0 ? ((reading.energyWh - previous.energyWh) * 3600) / dtS : null;
      const sampleTransactionId = transactionId ?? tx?.transactionId ?? null;
      this.model.samples.pushReading(seq, source, sampleAt, at, connectorId, sampleTransactionId, registerRateW, reading);
      if (tx) this.toTransaction(tx, seq, sampleAt, sampleTransactionId, reading, previous);
      // The newest reading per connector, kept in place: one small object per connector, not one per sample.
      if (!previous)
        this.lastByConnector.set(connectorId, { at: sampleAt, energyWh: reading.energyWh, powerW: reading.powerW, transactionId: sampleTransactionId });
      else if (sampleAt >= previous.at) {
        previous.at = sampleAt;
        previous.energyWh = reading.energyWh;
        previous.powerW = reading.powerW;
        previous.transactionId = sampleTransactionId;
      }
    }
  }

  private toTransaction(
    tx: TransactionModel,
    seq: number,
    at: number,
    transactionId: number | null,
    reading: ReadingScratch,
    previous: LastReading | undefined,
  ): void {
    tx.samples++;
    const { powerW, energyWh } = reading;
    if (powerW !== null) {
      tx.maxPowerW = Math.max(tx.maxPowerW, powerW);
      if (previous && previous.powerW !== null && previous.transactionId === transactionId && at > previous.at) {
        tx.integratedWh += (((previous.powerW + powerW) / 2) * (at - previous.at)) / 3_600_000;
      }
    }
    if (energyWh === null) return;
    const register = { seq, at, wh: energyWh };
    // Readings can arrive out of time order (StopTransaction's transactionData repeats the start): order them by their timestamps.
    if (!tx.firstReading || register.at < tx.firstReading.at) tx.firstReading = register;
    if (tx.lastReading && register.at < tx.lastReading.at) return;
    if (tx.lastReading && energyWh < tx.lastReading.wh) tx.registerDecreases.push({ seq, fromWh: tx.lastReading.wh, toWh: energyWh });
    tx.lastReading = register;
  }

  /** A message from the charger: the heartbeat rule counts from the last one (OCPP 1.6 §4.6: any message will do). */
  private pdu(seq: number, at: number): void {
    const c = this.currentConnection();
    if (!c?.lastPdu) return; // not booted on this connection yet: nothing to count from
    const gap = at - c.lastPdu.at;
    if (gap > this.model.heartbeats.longestGapMs) this.model.heartbeats.longestGapMs = gap;
    this.judgeSilence(c.lastPdu, seq, at);
    // Moved in place: a new object per message lived until the next one and died old, in the collector's dearest space.
    const last = c.lastPdu as { at: number; seq: number };
    last.at = at;
    last.seq = seq;
  }

  private judgeSilence(since: { readonly at: number; readonly seq: number }, seq: number, at: number): void {
    const hb = this.model.heartbeats;
    if (hb.intervalS === null || at - since.at <= heartbeatLimitMs(hb.intervalS)) return;
    push(hb.silences, { fromSeq: since.seq, toSeq: seq, gapMs: at - since.at, intervalS: hb.intervalS });
  }

  /** Our answers to the charger's calls: the heartbeat interval and transaction ids we gave. */
  private onOurAnswer(call: PendingChargerCall, answer: Payload, seq: number, at: number): void {
    const m = this.model;
    if (call.action === 'BootNotification') {
      const boot = m.boots.find((b) => b.seq === call.seq);
      const interval = num(answer.interval);
      if (boot) boot.answer = { seq, status: str(answer.status) ?? '?', interval };
      if (interval !== null && interval > 0 && answer.status === 'Accepted') {
        m.heartbeats.intervalS = interval;
        // From this answer on, the charger owes a message within every interval.
        const c = this.currentConnection();
        if (c) c.lastPdu = { at, seq };
      }
    } else if (call.action === 'StartTransaction') {
      const tx = m.transactions.find((t) => t.startSeq === call.seq);
      if (tx) tx.transactionId = num(answer.transactionId);
    }
  }

  /** The charger's answers to our calls: configuration read and changed. */
  private onChargerAnswer(call: CentralCall, answer: Payload, seq: number, at: number): void {
    const m = this.model;
    if (call.action === 'GetConfiguration') {
      const keys = Array.isArray(answer.configurationKey) ? (answer.configurationKey as Payload[]) : [];
      const read = keys.map((k) => ({
        key: String(k.key),
        value: k.key === 'AuthorizationKey' ? null : k.value === undefined ? null : String(k.value),
        readonly: k.readonly === true,
      }));
      const merged = new Map((m.configuration?.keys ?? []).map((k) => [k.key, k]));
      for (const k of read) merged.set(k.key, k);
      const unknownKeys = Array.isArray(answer.unknownKey) ? answer.unknownKey.map(String) : [];
      m.configuration = { callSeq: call.callSeq, resultSeq: seq, at, keys: [...merged.values()], unknownKeys };
      const interval = read.find((k) => k.key === 'MeterValueSampleInterval');
      const seconds = interval ? num(interval.value) : null;
      if (seconds !== null && seconds !== m.sampleInterval?.seconds) m.sampleInterval = { seconds, sinceSeq: seq, sinceAt: at };
    } else if (call.action === 'ChangeConfiguration') {
      const accepted = answer.status === 'Accepted';
      if (accepted && call.payload.key === 'MeterValueSampleInterval') {
        const seconds = num(call.payload.value);
        if (seconds !== null) m.sampleInterval = { seconds, sinceSeq: seq, sinceAt: at };
      }
      const status = answer.status;
      if ((status === 'Accepted' || status === 'RebootRequired') && String(call.payload.key).toLowerCase() === 'metervaluessampleddata') {
        const value = String(call.payload.value ?? '');
        const before =
          m.sampledDataChanges?.at(-1)?.value ?? m.configuration?.keys.find((k) => k.key.toLowerCase() === 'metervaluessampleddata')?.value ?? null;
        push(m.sampledDataChanges!, { seq, at, value, removed: removedBy(before, value) }, 1_000);
      }
      if (accepted && call.payload.key === 'HeartbeatInterval') {
        const seconds = num(call.payload.value);
        if (seconds !== null && seconds > 0) m.heartbeats.intervalS = seconds;
      }
    }
  }
}

/** AuthorizationKey is a secret: the model (and whatever shows or exports it) never holds its value. */
function redactCall(action: string, payload: Payload): Payload {
  if (action === 'ChangeConfiguration' && payload.key === 'AuthorizationKey') return { ...payload, value: '(hidden)' };
  return payload;
}

function redactAnswer(action: string, payload: unknown): unknown {
  if (action !== 'GetConfiguration' || !payload || typeof payload !== 'object') return payload;
  const p = payload as Payload;
  if (!Array.isArray(p.configurationKey)) return payload;
  return { ...p, configurationKey: (p.configurationKey as Payload[]).map((k) => (k && k.key === 'AuthorizationKey' ? { ...k, value: undefined } : k)) };
}

export function refusalFact(seq: number, at: number, e: RefusedEvent): RefusalFact {
  return {
    seq,
    at,
    stage: e.stage,
    scheme: e.scheme,
    reason: e.reason,
    ...(e.said ? { said: e.said } : {}),
    hints: e.hints ?? (e.tls?.hint ? [e.tls.hint] : []),
    ...(e.auth ? { auth: e.auth } : {}),
    ...(e.remote ? { remote: e.remote } : {}),
    ...(e.claimedId ? { claimedId: e.claimedId } : {}),
    ...(e.certificate ? { certificate: e.certificate } : {}),
  };
}

/** Folds a whole recording (all records of one charger's session). */
export function foldRecords(chargerId: string | null, records: Iterable<SessionRecord>): ChargerModel {
  const builder = new ChargerModelBuilder(chargerId);
  for (const r of records) if ((r.charger === chargerId || chargerId === null) && r.leg !== 'upstream') builder.fold(r);
  return builder.model;
}
