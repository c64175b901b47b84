/**
 * The checks that only read the charger model: they judge what the charger did, whoever made it do
 * it (the suite, the user, the platform through the relay). Each returns a finding with a reason a
 * person can act on and the sequence numbers it was decided on.
 */
import { heartbeatLimitMs, type ChargerModel, type ConnectionFact, type MeterSample, type TransactionModel } from '../charger/model.ts';
import { fail, pass, skip, warn, type Finding } from './catalogue.ts';
import { PATH_HINT_PREFIX, chargerIdFromPath } from '../central/handshake.ts';
import { msg, render, type Message } from '../lib/message.ts';

export interface PassiveContext {
  /** The evaluation time (ms): the wall clock live, the last record's time for a recording. */
  readonly now: number;
  readonly firmwareInScope: boolean;
  /** Silence that counts as a keep-alive failure; the platform's load balancer uses 60 s. */
  readonly keepaliveIdleMs: number;
  readonly reconnectWithinMs: number;
}

export const DEFAULT_PASSIVE: Omit<PassiveContext, 'now'> = { firmwareInScope: false, keepaliveIdleMs: 60_000, reconnectWithinMs: 120_000 };

/** Power above this counts as "power flows". */
export const FLOW_W = 100;

/** Charger messages and answers the platform depends on: a schema violation in one of them fails core.schema. */
const RELIED_ON = new Set([
  'BootNotification',
  'StatusNotification',
  'MeterValues',
  'StartTransaction',
  'StopTransaction',
  'Heartbeat',
  'Authorize',
  'GetConfiguration',
  'ChangeConfiguration',
  'SetChargingProfile',
  'ClearChargingProfile',
  'TriggerMessage',
  'RemoteStartTransaction',
  'RemoteStopTransaction',
]);

// A duration as a message of its own: the Thai reader gets วินาที, not "s".
const seconds = (ms: number) => msg`${Math.round(ms / 1000)} s`;

function lastConnection(m: ChargerModel): ConnectionFact | undefined {
  return m.connections.at(-1);
}

function neverConnected(m: ChargerModel): Finding {
  const refusal = m.refusals.at(-1);
  if (!refusal) return skip(msg`the charger never connected`);
  return skip(msg`the charger never connected (refused at ${refusal.stage}: ${refusal.said ?? refusal.reason})`, [refusal.seq]);
}

export function transportWss(m: ChargerModel): Finding {
  const c = lastConnection(m);
  if (c)
    return c.scheme === 'wss'
      ? pass(msg`connected over wss from ${c.remote}`, [c.seq])
      : fail(msg`connected over plain ws: set the charger's central system URL to the wss:// address`, [c.seq]);
  const plain = m.refusals.find((r) => r.scheme === 'ws');
  if (plain) return fail(msg`tried plain ws (refused at ${plain.stage}): use the wss:// address`, [plain.seq]);
  return neverConnected(m);
}

export function transportTls(m: ChargerModel): Finding {
  const c = lastConnection(m);
  if (c?.scheme === 'ws') return skip(msg`no TLS: the charger connected over plain ws (see transport.wss)`, [c.seq]);
  if (c?.tls) {
    const { version, cipher, policyCipher } = c.tls;
    if (version === 'TLSv1.2' && policyCipher) return pass(msg`${version} with ${cipher}`, [c.seq]);
    return fail(msg`negotiated ${version ?? '?'} with ${cipher ?? '?'}: the platform accepts only TLS 1.2 with the ELB 2018-06 ciphers`, [c.seq]);
  }
  const tls = m.refusals.filter((r) => r.stage === 'tls').at(-1);
  if (tls) return fail(tls.hints[0] ? msg`TLS handshake refused: ${tls.reason}; ${tls.hints[0]}` : msg`TLS handshake refused: ${tls.reason}`, [tls.seq]);
  return neverConnected(m);
}

export function transportSubprotocol(m: ChargerModel): Finding {
  const c = lastConnection(m);
  if (c && c.subprotocol !== 'ocpp1.6') return fail(msg`negotiated "${c.subprotocol}" instead of ocpp1.6`, [c.seq]);
  // The path is part of the upgrade too: admitted here, but the same URL on the platform fails.
  const pathHint = c?.hints.find((h) => render(h).startsWith(PATH_HINT_PREFIX) || /appears twice in the path|contains '\/\/'/.test(render(h)));
  if (c && pathHint) return warn(msg`negotiated ocpp1.6, but ${pathHint}`, [c.seq]);
  if (c) return pass(msg`negotiated ocpp1.6`, [c.seq]);
  const refused = m.refusals.filter((r) => r.stage === 'subprotocol').at(-1);
  if (refused) return fail(msg`${refused.said ?? refused.reason}: the charger must offer Sec-WebSocket-Protocol: ocpp1.6`, [refused.seq]);
  return neverConnected(m);
}

/**
 * The id the charger named on this connection (its URL's last segment): what its Basic Auth user is
 * compared with. Like with like: a recorded session shown under another id ("CP1@a1b2c3") still
 * compares the user with the id the charger used.
 */
function namedId(m: ChargerModel, c: ConnectionFact): string | null {
  if (c.path) {
    const named = chargerIdFromPath(c.path);
    if (named.ok) return named.id;
  }
  return m.chargerId;
}

export function authBasic(m: ChargerModel): Finding {
  let c = lastConnection(m);
  // Logged in by its client certificate: judged on its latest connection that used a password, if any.
  if (c && c.auth.accepted === 'certificate' && c.auth.scheme !== 'basic') {
    const byPassword = [...m.connections].reverse().find((x) => x.auth.scheme === 'basic');
    if (!byPassword)
      return fail(
        msg`the charger logged in with its client certificate and sent no Basic Auth: the platform admits chargers by Basic Auth today (client certificates are planned), so it needs its password for the platform too (Security Profile 2)`,
        [c.seq],
      );
    c = byPassword;
  }
  if (c) {
    const { auth } = c;
    const named = namedId(m, c);
    if (auth.scheme !== 'basic') return fail(msg`no Basic Auth header was sent: set the charger's password (AuthorizationKey / security profile 2)`, [c.seq]);
    // A model folded before connections kept their path, shown under its recording's id "CP1@a1b2c3".
    const recordedAs = !c.path && named !== null && auth.user !== undefined && named.startsWith(`${auth.user}@`);
    if (auth.user !== named && !recordedAs) return fail(msg`the Basic Auth user is "${auth.user}", not the charge point id "${named}"`, [c.seq]);
    if (auth.accepted !== 'password')
      return skip(
        msg`Basic Auth was sent as ${auth.user}, but no password is set for ${named} to check it against: set the charger's password in the app (the Connect page, or --password for fieldkit check) and run again`,
        [c.seq],
      );
    return pass(msg`Basic Auth as ${auth.user} with the configured password`, [c.seq]);
  }
  const refused = m.refusals.filter((r) => r.stage === 'auth').at(-1);
  if (refused) return fail(msg`refused: ${refused.said ?? refused.reason}`, [refused.seq]);
  return neverConnected(m);
}

/** auth.certificate: the latest connection admitted by a sound client certificate, or the rule the latest one broke. */
export function authCertificate(m: ChargerModel): Finding {
  const last = lastConnection(m);
  const refused = m.refusals.filter((r) => r.stage === 'certificate').at(-1);
  if (refused && (!last || refused.seq > last.seq)) return fail(msg`refused: ${refused.said ?? refused.reason}`, [refused.seq]);
  const byCertificate = [...m.connections].reverse().find((c) => c.auth.accepted === 'certificate' && c.clientCertificate);
  if (byCertificate?.clientCertificate) {
    const cert = byCertificate.clientCertificate;
    return pass(
      msg`connected with a client certificate for ${cert.commonName} issued by ${cert.issuer}, valid until ${cert.validTo.slice(0, 10)} (${cert.key})`,
      [byCertificate.seq],
    );
  }
  if (!last) return neverConnected(m);
  return skip(
    msg`the charger connected without a client certificate (Security Profile 2): to check Profile 3, choose it on the Connect page (or serve --security-profile 3) and give the charger a certificate ("renew" on the Charger page, or fieldkit certs issue)`,
    [last.seq],
  );
}

/** security.events: the SecurityEventNotifications seen, by type. */
export function securityEvents(m: ChargerModel): Finding {
  const events = m.security?.events ?? [];
  if (events.length === 0) return skip(msg`no SecurityEventNotification seen (the charger sent none while watched, or does not report security events)`);
  const types = [...new Set(events.map((e) => e.type))];
  return pass(
    msg`${events.length} SecurityEventNotification(s): ${types.join(', ')}`,
    events.slice(-10).map((e) => e.seq),
  );
}

export function clockSkew(m: ChargerModel): Finding {
  if (m.skew.length === 0) return skip(msg`the charger sent no timestamps yet`);
  const sorted = [...m.skew].sort((a, b) => a.skewMs - b.skewMs);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const evidence = [median.seq];
  const off = Math.abs(median.skewMs);
  const text =
    median.skewMs > 0
      ? msg`the charger's clock is ${seconds(off)} ahead of the host's (median of ${m.skew.length} timestamps)`
      : msg`the charger's clock is ${seconds(off)} behind the host's (median of ${m.skew.length} timestamps)`;
  if (off <= 60_000) return pass(text, evidence);
  if (off <= 300_000) return warn(msg`${text}: enable NTP on the charger`, evidence);
  return fail(msg`${text}: set the time or enable NTP (a wrong clock also breaks TLS certificate checks)`, evidence);
}

export function coreBoot(m: ChargerModel): Finding {
  if (m.connections.length === 0) return neverConnected(m);
  const valid = m.boots.filter((b) => b.valid);
  const accepted = valid.find((b) => b.answer?.status === 'Accepted');
  if (accepted)
    return pass(msg`BootNotification from ${m.identity?.vendor ?? '?'} ${m.identity?.model ?? '?'}, firmware ${m.identity?.firmwareVersion ?? '?'}`, [
      accepted.seq,
      accepted.answer!.seq,
    ]);
  const invalid = m.boots.find((b) => !b.valid);
  if (invalid) {
    const why = m.schema.violations.find((v) => v.seq === invalid.seq)?.messages[0] ?? 'schema violation';
    return fail(msg`the BootNotification breaks the OCPP 1.6 schema: ${why}`, [invalid.seq]);
  }
  return fail(msg`no BootNotification arrived after connecting`, [m.connections.at(-1)!.seq]);
}

/**
 * OCPP 1.6 §4.6: a charger may skip its Heartbeat when it sent another message within the interval.
 * Passes when within every interval (+20 %) after a BootNotification something came from the charger;
 * fails on a whole stretch with nothing (said with its length); skipped until a connection was watched
 * that long. The same rule, from the same model, before a run and in it.
 */
export function coreHeartbeat(m: ChargerModel, ctx: PassiveContext): Finding {
  const hb = m.heartbeats;
  if (hb.intervalS === null) return m.connections.length === 0 ? neverConnected(m) : skip(msg`no heartbeat interval was given (no accepted BootNotification)`);
  const limitMs = heartbeatLimitMs(hb.intervalS);
  const silences = hb.silences ?? [];
  if (silences.length > 0) {
    const worst = silences.reduce((a, b) => (b.gapMs > a.gapMs ? b : a));
    return fail(
      msg`nothing came from the charger for ${seconds(worst.gapMs)}, neither a Heartbeat nor another message (interval ${worst.intervalS} s + 20 %): it must send a Heartbeat when it has nothing else to send`,
      [worst.fromSeq, worst.toSeq],
    );
  }
  const c = m.connections.at(-1);
  if (c && !c.ended && c.lastPdu && ctx.now - c.lastPdu.at > limitMs)
    return fail(msg`nothing has come from the charger for ${seconds(ctx.now - c.lastPdu.at)} (interval ${hb.intervalS} s + 20 %)`, [c.lastPdu.seq]);
  // How long a connection was watched after its BootNotification was answered: one interval (+20 %) is needed to judge.
  let watchedMs = 0;
  for (const [index, connection] of m.connections.entries()) {
    const booted = m.boots.find((b) => b.connection === index && b.answer);
    if (booted) watchedMs = Math.max(watchedMs, (connection.ended?.at ?? ctx.now) - booted.at);
  }
  if (watchedMs < limitMs)
    return skip(msg`watched for ${seconds(watchedMs)} after the BootNotification; one heartbeat interval + 20 % (${seconds(limitMs)}) is needed to judge`);
  return pass(
    msg`never silent for longer than the heartbeat interval (${hb.intervalS} s + 20 %): ${hb.count} Heartbeats, longest gap between messages ${seconds(hb.longestGapMs)}`,
    hb.lastSeq !== null ? [hb.lastSeq] : [],
  );
}

export function coreSchema(m: ChargerModel): Finding {
  if (m.schema.framesFromCharger === 0) return neverConnected(m);
  const violations = m.schema.violations.filter((v) => v.kind !== 'protocol' || v.type === 2);
  if (violations.length === 0) return pass(msg`${m.schema.framesFromCharger} frames from the charger, all valid OCPP 1.6`);
  const serious = violations.filter((v) => v.kind === 'frame' || RELIED_ON.has(v.action ?? ''));
  const first = (serious[0] ?? violations[0])!;
  const actions = [...new Set((serious.length > 0 ? serious : violations).map((v) => `${v.action ?? 'frame'}${v.type === 3 ? ' answer' : ''}`))].join(', ');
  const text = msg`${violations.length} of ${m.schema.framesFromCharger} frames break the schema (${actions}); first: ${first.messages[0] ?? '?'}`;
  const evidence = (serious.length > 0 ? serious : violations).slice(0, 10).map((v) => v.seq);
  return serious.length > 0 ? fail(text, evidence) : warn(text, evidence);
}

export function coreProfiles(m: ChargerModel, ctx: PassiveContext): Finding {
  const key = m.configuration?.keys.find((k) => k.key === 'SupportedFeatureProfiles');
  if (!m.configuration) return skip(msg`the configuration was not read`);
  if (!key || key.value === null) return fail(msg`GetConfiguration does not report SupportedFeatureProfiles`, [m.configuration.resultSeq]);
  const listed = key.value.split(',').map((s) => s.trim().toLowerCase());
  const wanted = ['Core', 'SmartCharging', 'RemoteTrigger', ...(ctx.firmwareInScope ? ['FirmwareManagement'] : [])];
  const missing = wanted.filter((w) => !listed.includes(w.toLowerCase()));
  if (missing.length > 0) return fail(msg`SupportedFeatureProfiles (${key.value}) lacks ${missing.join(', ')}`, [m.configuration.resultSeq]);
  return pass(msg`SupportedFeatureProfiles: ${key.value}`, [m.configuration.resultSeq]);
}

/** Periodic samples taken during a transaction. */
export function transactionSamples(m: ChargerModel): MeterSample[] {
  return m.samples.filter((s) => s.transactionId !== null && s.context === 'Sample.Periodic' && s.source === 'MeterValues');
}

/**
 * The samples folded after a record, found from the end: samples are appended in seq order, and the
 * suite asks this on every record while it waits, so it must not walk a day of samples each time.
 */
export function samplesAfter(m: ChargerModel, seq: number): MeterSample[] {
  return m.samples.after(seq);
}

const noTransaction = () => skip(msg`no transaction was metered: plug in a car and let it charge during the check`);

export function meterPower(m: ChargerModel): Finding {
  const samples = transactionSamples(m);
  if (samples.length === 0) return noTransaction();
  const measured = samples.filter((s) => s.powerSource === 'measured');
  if (measured.length > 0) return pass(msg`Power.Active.Import in ${measured.length} of ${samples.length} MeterValues`, [measured[0]!.seq]);
  const derived = samples.filter((s) => s.powerSource === 'current×voltage');
  if (derived.length > 0)
    return pass(msg`no Power.Active.Import, but Current.Import and Voltage in ${derived.length} MeterValues (power is computed from them)`, [derived[0]!.seq]);
  const carried = [...new Set(samples.flatMap((s) => s.measurands))].join(', ');
  return fail(
    carried
      ? msg`MeterValues carry only ${carried}: enable Power.Active.Import in the charger's meter settings`
      : msg`MeterValues carry no measurands: enable Power.Active.Import in the charger's meter settings`,
    samples.slice(0, 3).map((s) => s.seq),
  );
}

export function meterEnergyRegister(m: ChargerModel): Finding {
  const samples = transactionSamples(m);
  if (samples.length === 0) return noTransaction();
  const withRegister = samples.filter((s) => s.energyWh !== null);
  if (withRegister.length === 0)
    return fail(
      msg`MeterValues do not carry Energy.Active.Import.Register: add it to MeterValuesSampledData`,
      samples.slice(0, 3).map((s) => s.seq),
    );
  for (const tx of m.transactions) {
    const drop = tx.registerDecreases[0];
    if (drop)
      return fail(
        msg`the energy register went down from ${drop.fromWh} to ${drop.toWh} Wh during transaction ${tx.transactionId ?? '?'} (a reboot resetting the meter?)`,
        [drop.seq],
      );
  }
  return pass(msg`Energy.Active.Import.Register in ${withRegister.length} MeterValues, never decreasing`, [withRegister[0]!.seq, withRegister.at(-1)!.seq]);
}

/** MeterValueSampleInterval over time: each accepted change (and reads) with the seq it applies from. */
function intervalRegimes(m: ChargerModel): { seconds: number; fromSeq: number }[] {
  const regimes: { seconds: number; fromSeq: number }[] = [];
  for (const call of m.calls) {
    if (call.action !== 'ChangeConfiguration' || call.payload.key !== 'MeterValueSampleInterval' || !call.answer?.ok) continue;
    if ((call.answer.payload as { status?: string })?.status !== 'Accepted') continue;
    const s = Number(call.payload.value);
    if (s > 0) regimes.push({ seconds: s, fromSeq: call.answer.seq });
  }
  if (regimes.length === 0 && m.sampleInterval) regimes.push({ seconds: m.sampleInterval.seconds, fromSeq: m.sampleInterval.sinceSeq });
  return regimes;
}

export function meterInterval(m: ChargerModel): Finding {
  const regimes = intervalRegimes(m);
  if (regimes.length === 0) return skip(msg`MeterValueSampleInterval was neither read nor set`);
  const samples = transactionSamples(m);
  const gaps: { seconds: number; gapMs: number; from: MeterSample; to: MeterSample }[] = [];
  for (let i = 0; i < regimes.length; i++) {
    const regime = regimes[i]!;
    const until = regimes[i + 1]?.fromSeq ?? Infinity;
    const within = samples.filter((s) => s.seq > regime.fromSeq && s.seq < until);
    const byConnector = new Map<number, MeterSample[]>();
    for (const s of within) byConnector.set(s.connectorId, [...(byConnector.get(s.connectorId) ?? []), s]);
    for (const list of byConnector.values()) {
      // The first sample after a change restarts the sampler: judge the gaps after it.
      for (let j = 2; j < list.length; j++) {
        const from = list[j - 1]!;
        const to = list[j]!;
        if (m.connections.some((c) => c.seq > from.seq && c.seq < to.seq)) continue; // a reconnection in between
        gaps.push({ seconds: regime.seconds, gapMs: to.at - from.at, from, to });
      }
    }
  }
  if (gaps.length === 0) return skip(msg`too few MeterValues during a transaction to measure the interval`);
  const bad = gaps.filter((g) => Math.abs(g.gapMs - g.seconds * 1000) > g.seconds * 1000 * 0.2);
  if (bad.length > 0) {
    const b = bad[0]!;
    return fail(
      msg`MeterValues ${(b.gapMs / 1000).toFixed(1)} s apart where MeterValueSampleInterval is ${b.seconds} s (${bad.length} of ${gaps.length} intervals off by more than 20 %)`,
      [b.from.seq, b.to.seq],
    );
  }
  return pass(msg`${gaps.length} intervals measured, all within 20 % of MeterValueSampleInterval`, [gaps[0]!.from.seq, gaps.at(-1)!.to.seq]);
}

function deliveredAllowanceWh(tx: TransactionModel, ms: number): number {
  const power = tx.maxPowerW > 0 ? tx.maxPowerW : 22_000;
  return ((power * Math.abs(ms)) / 3_600_000) * 1.2;
}

export function txMeterStartStop(m: ChargerModel): Finding {
  const ended = m.transactions.filter((t) => t.stop);
  if (ended.length === 0)
    return skip(m.transactions.length > 0 ? msg`no transaction ended during the check` : msg`no transaction ran: plug in a car during the check`);
  for (const tx of ended) {
    const stop = tx.stop!;
    const name = msg`transaction ${tx.transactionId ?? '?'}`;
    if (tx.meterStartWh === null)
      return fail(msg`StartTransaction of ${name} has no meterStart: the session would look like the meter's lifetime total`, [tx.startSeq]);
    if (stop.meterStopWh === null) return fail(msg`StopTransaction of ${name} has no meterStop`, [stop.seq]);
    if (stop.meterStopWh < tx.meterStartWh)
      return fail(msg`meterStop ${stop.meterStopWh} Wh is below meterStart ${tx.meterStartWh} Wh in ${name}`, [tx.startSeq, stop.seq]);
    if (tx.firstReading) {
      const r = tx.firstReading;
      const tolerance = 0.01 * Math.max(Math.abs(r.wh), Math.abs(tx.meterStartWh)) + 1;
      const delivered = deliveredAllowanceWh(tx, r.at - tx.startAt);
      if (r.wh < tx.meterStartWh - tolerance || r.wh - tx.meterStartWh > tolerance + delivered) {
        return fail(
          msg`meterStart ${tx.meterStartWh} Wh does not agree with the register (${r.wh} Wh ${seconds(r.at - tx.startAt)} later) in ${name}: kWh sent as Wh, or a different meter?`,
          [tx.startSeq, r.seq],
        );
      }
    }
    if (tx.lastReading) {
      const r = tx.lastReading;
      const tolerance = 0.01 * Math.max(Math.abs(r.wh), Math.abs(stop.meterStopWh)) + 1;
      const delivered = deliveredAllowanceWh(tx, stop.at - r.at);
      if (stop.meterStopWh < r.wh - tolerance || stop.meterStopWh - r.wh > tolerance + delivered) {
        return fail(msg`meterStop ${stop.meterStopWh} Wh does not agree with the last register reading ${r.wh} Wh in ${name}`, [r.seq, stop.seq]);
      }
    }
  }
  const last = ended.at(-1)!;
  const agree: Message = last.firstReading
    ? msg`meterStart ${last.meterStartWh} Wh and meterStop ${last.stop!.meterStopWh} Wh agree with the register`
    : msg`meterStart ${last.meterStartWh} Wh and meterStop ${last.stop!.meterStopWh} Wh agree with the register (no register readings to compare with)`;
  return pass(agree, [last.startSeq, last.stop!.seq]);
}

/** The status the connector had reported when a record arrived. */
function statusAt(m: ChargerModel, connectorId: number, seq: number): { status: string; seq: number } | null {
  const timeline = m.connectors.find((c) => c.id === connectorId)?.timeline ?? [];
  let found: { status: string; seq: number } | null = null;
  for (const change of timeline) {
    if (change.seq > seq) break;
    found = change;
  }
  return found;
}

export function powerOf(s: MeterSample): number | null {
  return s.powerW ?? s.registerRateW;
}

export function statusSemantics(m: ChargerModel): Finding {
  for (const tx of m.transactions) {
    const timeline = m.connectors.find((c) => c.id === tx.connectorId)?.timeline ?? [];
    const end = tx.stop?.seq ?? Infinity;
    const available = timeline.find((s) => s.status === 'Available' && s.seq > tx.startSeq && s.seq < end);
    if (available)
      return fail(msg`connector ${tx.connectorId} reported Available during transaction ${tx.transactionId ?? '?'}, with a car plugged in`, [
        tx.startSeq,
        available.seq,
      ]);
  }
  const samples = transactionSamples(m);
  if (samples.length === 0) return noTransaction();
  // Two samples in a row under the same reported status, both contradicting it: not a moment of transition.
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1]!;
    const b = samples[i]!;
    if (a.connectorId !== b.connectorId || a.transactionId !== b.transactionId) continue;
    const sa = statusAt(m, a.connectorId, a.seq);
    const sb = statusAt(m, b.connectorId, b.seq);
    if (!sa || !sb || sa.seq !== sb.seq) continue;
    const pa = powerOf(a);
    const pb = powerOf(b);
    if (pa === null || pb === null) continue;
    if (sb.status === 'Charging' && pa < FLOW_W && pb < FLOW_W)
      return fail(msg`connector ${b.connectorId} reports Charging while no power flows (${Math.round(pb)} W): it must report SuspendedEVSE or SuspendedEV`, [
        sb.seq,
        a.seq,
        b.seq,
      ]);
    if (/^Suspended/.test(sb.status) && pa > FLOW_W * 5 && pb > FLOW_W * 5)
      return fail(msg`connector ${b.connectorId} reports ${sb.status} while ${Math.round(pb)} W flows`, [sb.seq, a.seq, b.seq]);
  }
  const seen = [...new Set(m.connectors.flatMap((c) => c.timeline.map((s) => s.status)))].join(' → ');
  return pass(msg`statuses agree with the power measured (${seen})`);
}

export function connectivityReconnect(m: ChargerModel, ctx: PassiveContext): Finding {
  const closedByUs = m.connections.filter((c) => c.ended?.by === 'central' && c.ended.reason !== 'replaced by a new connection');
  const last = closedByUs.at(-1);
  if (!last) return skip(msg`the central system did not close the connection during the check`);
  const next = m.connections.find((c) => c.seq > last.ended!.seq);
  if (next) {
    const after = next.at - last.ended!.at;
    if (after <= ctx.reconnectWithinMs)
      return pass(msg`reconnected ${(after / 1000).toFixed(1)} s after the central system closed the connection`, [last.ended!.seq, next.seq]);
    return fail(msg`reconnected only after ${seconds(after)} (the platform expects it within ${seconds(ctx.reconnectWithinMs)})`, [last.ended!.seq, next.seq]);
  }
  if (ctx.now - last.ended!.at > ctx.reconnectWithinMs)
    return fail(msg`did not reconnect within ${seconds(ctx.reconnectWithinMs)} after the central system closed the connection`, [last.ended!.seq]);
  return skip(msg`waiting for the charger to reconnect`, [last.ended!.seq]);
}

export function connectivityKeepalive(m: ChargerModel, ctx: PassiveContext): Finding {
  if (m.connections.length === 0) return neverConnected(m);
  let watchedMs = 0;
  let worst: { ms: number; from: number; to: number } | null = null;
  for (const c of m.connections) {
    const end = c.ended?.at ?? ctx.now;
    watchedMs += end - c.at;
    const open = c.ended ? null : { ms: ctx.now - c.lastHeardAt, from: c.lastHeardSeq, to: c.lastHeardSeq };
    const longest = c.longestSilence ? { ms: c.longestSilence.ms, from: c.longestSilence.fromSeq, to: c.longestSilence.toSeq } : null;
    for (const s of [open, longest]) if (s && (!worst || s.ms > worst.ms)) worst = s;
  }
  const pings = m.connections.reduce((n, c) => n + c.pings, 0);
  if (worst && worst.ms >= ctx.keepaliveIdleMs) {
    return fail(
      msg`the connection was silent for ${seconds(worst.ms)} (${pings} WebSocket pings seen): a load balancer with a ${seconds(ctx.keepaliveIdleMs)} idle timeout drops it; set WebSocketPingInterval below ${seconds(ctx.keepaliveIdleMs)}`,
      [worst.from, worst.to],
    );
  }
  if (watchedMs < ctx.keepaliveIdleMs) return skip(msg`watched the connection for only ${seconds(watchedMs)}; needs ${seconds(ctx.keepaliveIdleMs)} to judge`);
  return pass(
    msg`never silent for ${seconds(ctx.keepaliveIdleMs)} in ${seconds(watchedMs)} (longest silence ${seconds(worst?.ms ?? 0)}, ${pings} WebSocket pings)`,
  );
}

/** Every passive check by id. The suite adds the active ones (config, smart, trigger, firmware). */
export function passiveFindings(m: ChargerModel, ctx: PassiveContext): Map<string, Finding> {
  return new Map<string, Finding>([
    ['transport.wss', transportWss(m)],
    ['transport.tls12-policy', transportTls(m)],
    ['transport.subprotocol', transportSubprotocol(m)],
    ['auth.basic', authBasic(m)],
    ['auth.certificate', authCertificate(m)],
    ['clock.skew', clockSkew(m)],
    ['core.boot', coreBoot(m)],
    ['core.heartbeat', coreHeartbeat(m, ctx)],
    ['core.schema', coreSchema(m)],
    ['core.profiles', coreProfiles(m, ctx)],
    ['meter.power', meterPower(m)],
    ['meter.energy-register', meterEnergyRegister(m)],
    ['meter.interval', meterInterval(m)],
    ['tx.meter-start-stop', txMeterStartStop(m)],
    ['status.semantics', statusSemantics(m)],
    ['connectivity.reconnect', connectivityReconnect(m, ctx)],
    ['connectivity.keepalive', connectivityKeepalive(m, ctx)],
    ['security.events', securityEvents(m)],
  ]);
}
