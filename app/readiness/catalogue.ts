/**
 * The readiness catalogue of docs/requirements.md as data: stable ids, whether each is
 * required, and what passes. Reports, the CLI's JSON and the UI all use these ids.
 */
import { CATALOGUE_TH } from './catalogue-th.ts';
import { msg, reasonOf, type Message, type Said } from '../lib/message.ts';

export type Verdict = 'pass' | 'fail' | 'warn' | 'skip';

/** 'either-smart': one of smart.tx-profile / smart.max-profile must pass, the other failing is a warn. 'firmware': required only when firmware is in scope. */
export type Requirement = 'required' | 'optional' | 'either-smart' | 'firmware';

export interface CheckDefinition {
  readonly id: string;
  readonly requirement: Requirement;
  readonly title: string;
  readonly passes: string;
  /**
   * A warn of this check still counts towards "ready": its row names the warn as acceptable (a clock
   * 60–300 s off, RebootRequired, a few violations in messages the platform does not rely on).
   */
  readonly warnAccepted?: boolean;
  /** The same in Thai (catalogue-th.ts): the UI and the HTML report show it to a Thai reader. */
  readonly th: { readonly title: string; readonly passes: string };
}

const CATALOGUE_EN: readonly Omit<CheckDefinition, 'th'>[] = [
  {
    id: 'transport.wss',
    requirement: 'required',
    title: 'Connects over wss',
    passes: 'the charger connected over TLS (wss); a plain ws connection fails this check',
  },
  {
    id: 'transport.tls12-policy',
    requirement: 'required',
    title: 'TLS 1.2 with the platform cipher policy',
    passes: 'TLS 1.2 was negotiated with a cipher of ELBSecurityPolicy-TLS-1-2-Ext-2018-06',
  },
  { id: 'transport.subprotocol', requirement: 'required', title: 'Offers ocpp1.6', passes: 'the upgrade offered ocpp1.6' },
  {
    id: 'auth.basic',
    requirement: 'required',
    title: 'Basic Auth',
    passes: 'a Basic Auth header was sent, user = charge point identity, password = the configured one',
  },
  {
    id: 'auth.certificate',
    requirement: 'optional',
    title: 'Client certificate (Security Profile 3)',
    passes:
      'the charger connected with a TLS client certificate that chains to a trusted CA, is valid now and names the charge point identity (CN); optional until the platform requires Security Profile 3',
  },
  {
    id: 'clock.skew',
    requirement: 'required',
    title: 'Clock',
    passes: 'charger timestamps are within 60 s of the host clock (a warn up to 300 s still counts as ready)',
    warnAccepted: true,
  },
  { id: 'core.boot', requirement: 'required', title: 'BootNotification', passes: 'a schema-valid BootNotification arrived after connecting' },
  {
    id: 'core.heartbeat',
    requirement: 'optional',
    title: 'Heartbeat',
    passes: 'within every heartbeat interval given in the BootNotification response (+20 %) the charger sent a Heartbeat or another message (OCPP 1.6 §4.6)',
  },
  {
    id: 'core.schema',
    requirement: 'required',
    title: 'Valid OCPP-J',
    passes:
      'every frame from the charger is well-formed OCPP-J and valid against the OCPP 1.6 schemas (a warn for violations only in messages the platform does not rely on still counts as ready)',
    warnAccepted: true,
  },
  {
    id: 'core.profiles',
    requirement: 'optional',
    title: 'Feature profiles',
    passes: 'SupportedFeatureProfiles lists Core, SmartCharging and RemoteTrigger (and FirmwareManagement when firmware is in scope)',
  },
  {
    id: 'config.sampled-data',
    requirement: 'required',
    title: 'MeterValuesSampledData',
    passes:
      'ChangeConfiguration MeterValuesSampledData=Energy.Active.Import.Register,Power.Active.Import is Accepted and reported back (RebootRequired, or Current.Import and Voltage instead of Power.Active.Import, is a warn that still counts as ready)',
    warnAccepted: true,
  },
  {
    id: 'config.sample-interval',
    requirement: 'required',
    title: 'MeterValueSampleInterval',
    passes: 'ChangeConfiguration MeterValueSampleInterval=60 is Accepted and reported back (RebootRequired is a warn that still counts as ready)',
    warnAccepted: true,
  },
  {
    id: 'meter.power',
    requirement: 'required',
    title: 'Power in MeterValues',
    passes: 'during a transaction MeterValues carry Power.Active.Import, or Current.Import and Voltage',
  },
  {
    id: 'meter.energy-register',
    requirement: 'required',
    title: 'Energy register',
    passes: 'MeterValues carry Energy.Active.Import.Register and it never decreases within a transaction',
  },
  { id: 'meter.interval', requirement: 'optional', title: 'Sample interval kept', passes: 'MeterValues arrive at the configured interval (±20 %)' },
  {
    id: 'tx.meter-start-stop',
    requirement: 'required',
    title: 'meterStart and meterStop',
    passes: 'StartTransaction has meterStart, StopTransaction has meterStop, both agree with the register readings (±1 %)',
  },
  {
    id: 'status.semantics',
    requirement: 'required',
    title: 'Status meanings',
    passes: 'Available only when unplugged; Charging only while power flows; Suspended when plugged in and not charging',
  },
  {
    id: 'smart.tx-profile',
    requirement: 'either-smart',
    title: 'TxProfile accepted',
    passes: 'SetChargingProfile with purpose TxProfile is Accepted during a transaction (one of two: this or ChargePointMaxProfile)',
  },
  {
    id: 'smart.max-profile',
    requirement: 'either-smart',
    title: 'ChargePointMaxProfile accepted',
    passes: 'SetChargingProfile with purpose ChargePointMaxProfile on connector 0 is Accepted (one of two: this or TxProfile)',
  },
  {
    id: 'smart.off',
    requirement: 'required',
    title: 'Limit 0 stops charging',
    passes: 'under a limit of 0 the charger stops delivering power within two sample intervals and reports a Suspended status',
  },
  {
    id: 'smart.on',
    requirement: 'required',
    title: 'Lifting the limit resumes',
    passes: 'after the limit is lifted, power resumes within two sample intervals',
  },
  { id: 'smart.limit', requirement: 'optional', title: 'Limit honoured', passes: 'a non-zero limit is honoured within 10 %' },
  {
    id: 'trigger.boot',
    requirement: 'required',
    title: 'Trigger BootNotification',
    passes: 'TriggerMessage BootNotification is Accepted and a BootNotification follows within 30 s',
  },
  {
    id: 'trigger.status',
    requirement: 'required',
    title: 'Trigger StatusNotification',
    passes: 'TriggerMessage StatusNotification is Accepted and a StatusNotification follows within 30 s',
  },
  {
    id: 'firmware.update',
    requirement: 'firmware',
    title: 'Firmware update',
    passes: 'UpdateFirmware is Accepted, the charger fetches the file from the app and reports Downloading → Downloaded → Installing → Installed',
  },
  {
    id: 'diagnostics.upload',
    requirement: 'optional',
    title: 'Diagnostics upload',
    passes: 'GetDiagnostics is Accepted with a file name, a non-empty file arrives at the app (FTP or HTTP) and the charger reports Uploading → Uploaded',
  },
  {
    id: 'connectivity.reconnect',
    requirement: 'optional',
    title: 'Reconnects',
    passes: 'after the central system closes the connection, the charger reconnects within 120 s',
  },
  {
    id: 'connectivity.keepalive',
    requirement: 'optional',
    title: 'Keep-alive',
    passes: 'the connection is never silent for 60 s or more (WebSocket pings or OCPP traffic)',
  },
  {
    id: 'security.events',
    requirement: 'optional',
    title: 'Security events',
    passes: 'the charger reports security events with SecurityEventNotification (OCPP 1.6 security extension); those seen are listed',
  },
];

/** Every check in English and Thai (a check without its Thai text is a mistake the catalogue test names). */
export const CATALOGUE: readonly CheckDefinition[] = CATALOGUE_EN.map((c) => ({ ...c, th: CATALOGUE_TH[c.id] ?? { title: c.title, passes: c.passes } }));

export const CHECK_IDS = CATALOGUE.map((c) => c.id);

export interface CheckResult {
  readonly id: string;
  readonly required: boolean;
  readonly verdict: Verdict;
  /** One line a person can act on, in English (machine-readable: the JSON report and the CLI). */
  readonly reason: string;
  /** The same line as a message, for the UI and the HTML report in the reader's language. */
  readonly said?: Message;
  /** Sequence numbers of the frames and connection events it was decided on. */
  readonly evidence: readonly number[];
}

export type Finding = Omit<CheckResult, 'id' | 'required'>;

const finding = (verdict: Verdict, reason: Said, evidence: readonly number[]): Finding =>
  typeof reason === 'string' ? { verdict, reason, evidence } : { verdict, ...reasonOf(reason), evidence };

export const pass = (reason: Said, evidence: readonly number[] = []): Finding => finding('pass', reason, evidence);
export const fail = (reason: Said, evidence: readonly number[] = []): Finding => finding('fail', reason, evidence);
export const warn = (reason: Said, evidence: readonly number[] = []): Finding => finding('warn', reason, evidence);
export const skip = (reason: Said, evidence: readonly number[] = []): Finding => finding('skip', reason, evidence);

/** A finding's reason as a message (its own, or its English text where it has none), to build a longer one on. */
export const saidOf = (f: Pick<Finding, 'reason' | 'said'>): Said => f.said ?? f.reason;

/** Whether a check counts towards "ready": firmware only when it is in scope. */
export function isRequired(def: CheckDefinition, firmwareInScope: boolean): boolean {
  return def.requirement === 'required' || def.requirement === 'either-smart' || (def.requirement === 'firmware' && firmwareInScope);
}

/**
 * Applies the catalogue's requirement rules to the findings: the "one of the two smart profiles"
 * rule, and firmware only when in scope. Returns one result per catalogue id, always all of them.
 */
export function finalise(findings: ReadonlyMap<string, Finding>, firmwareInScope: boolean): CheckResult[] {
  const tx = findings.get('smart.tx-profile');
  const max = findings.get('smart.max-profile');
  const oneSmartPassed = tx?.verdict === 'pass' || max?.verdict === 'pass';
  return CATALOGUE.map((def) => {
    let found = findings.get(def.id) ?? skip(msg`not exercised in this run`);
    const required = isRequired(def, firmwareInScope);
    if (def.requirement === 'either-smart') {
      if (oneSmartPassed && found.verdict === 'fail')
        found = warn(msg`${saidOf(found)} (the other profile purpose works, so the platform can still limit charging)`, found.evidence);
    }
    return { id: def.id, required, ...found };
  });
}

/** How a check counts, in the words the UI shows too: required, optional, one of two, or firmware's. */
export const REQUIREMENT_WORDS: Readonly<Record<Requirement, string>> = {
  required: 'required',
  optional: 'optional',
  'either-smart': 'one of two',
  firmware: 'if firmware in scope',
};

/** A result's requirement in those words (a check unknown to this catalogue: by its required flag). */
export function requirementWords(result: Pick<CheckResult, 'id' | 'required'>): string {
  const def = CATALOGUE.find((c) => c.id === result.id);
  return def ? REQUIREMENT_WORDS[def.requirement] : result.required ? REQUIREMENT_WORDS.required : REQUIREMENT_WORDS.optional;
}
