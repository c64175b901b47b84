/**
 * The one contract of the app: the commands a UI may call and the events it receives. Written once;
 * the Electron preload and the headless host's WebSocket both carry exactly this, and every
 * command's arguments are checked against these schemas where they cross into the host.
 */
import { z } from 'zod';
import { CHARGE_POINT_ERROR_CODES, type ACTIONS } from '../ocpp/actions.ts';
import type { OcppAction, OcppRequest, OcppResponse } from '../ocpp/messages.ts';
import type { ScheduleSteps } from '../charger/schedule.ts';
import { HostError } from './host-error.ts';
import type { ChargerSummary, CentralState } from '../central/central-system.ts';
import type { CallOutcome } from '../central/call-outcome.ts';
import type { EventRecord, FrameRecord, SessionRecord } from '../store/records.ts';
import type { ChargerModel, RefusalFact } from '../charger/model.ts';
import type { SuiteProgress } from '../readiness/session.ts';
import type { ReadinessReport } from '../readiness/suite.ts';
import type { RecordedReport } from '../readiness/report.ts';
import type { ReadinessRunState } from '../readiness/run-state.ts';
import type { ChargerView } from '../charger/view.ts';
import type { MeterSample, SkewSample } from '../charger/model.ts';
import type { ChargerUpdate } from './charger-updates.ts';
import type { SimulatedCharger } from './simulated.ts';
import type { CheckDefinition } from '../readiness/catalogue.ts';
import type { FileRequest, ReceivedFile } from '../central/file-server.ts';
import type { FtpEvent } from '../central/ftp-transfers.ts';
import type { RelayTargetSummary } from '../relay/relay.ts';
import type { RelayState } from '../relay/relay-link.ts';
import type { CheckResult } from '../readiness/catalogue.ts';
import { serialSettings, type SerialListing } from '../serial/port.ts';
import type { ConsoleLine, ConsoleState, PresetRun } from '../serial/console.ts';
import type { PresetFile } from '../serial/presets.ts';
import type { SessionSummary } from '../sessions/library.ts';
import type { BundleManifest } from '../sessions/bundle.ts';
import type { RedactionCount } from '../store/redact.ts';
import type { ReplayState } from '../sessions/viewer.ts';
import type { Message, Said } from '../lib/message.ts';
import type { CertificateFacts } from '../certs/facts.ts';

const chargerId = z.string().min(1).max(255);
const noArgs = z.object({}).strict();
const action = z.string().min(1).max(64);
/** Firmware images are sent as base64; 256 MiB of text is ~190 MiB of image, beyond any charger's. */
export const MAX_FILE_BASE64 = 256 * 1024 * 1024;
const transferScheme = z.enum(['http', 'ftp', 'auto']);
const fileName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^/\\]+$/, 'a file name, not a path');

const port = z.number().int().min(0).max(65_535);
const consoleId = z.string().min(1).max(64);
const sessionId = z.string().regex(/^[\w.-]{1,128}$/, 'a session id');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');
const speed = z.union([z.literal(1), z.literal(10), z.literal(100)]);
const lineEnding = z.enum(['auto', 'lf', 'crlf', 'cr']);

/** A command's result type, carried by its argument schema so each command is named once. */
declare const resultType: unique symbol;
type Returns<R> = { readonly [resultType]?: R };
const returns =
  <R>() =>
  <S extends z.ZodType>(args: S): S & Returns<R> =>
    args as S & Returns<R>;

/** Every command: its arguments' schema and (as a type) what it answers. */
export const commands = {
  /** Ports given replace the current ones (null turns ws or wss off); the desktop app remembers them. */
  'central.start': returns<CentralState>()(z.object({ wsPort: port.nullable().optional(), wssPort: port.nullable().optional() }).strict()),
  'central.stop': returns<CentralState>()(noArgs),
  'central.state': returns<CentralState>()(noArgs),
  'central.setPassword': returns<{ readonly ok: true }>()(z.object({ chargerId, password: z.string().min(1).max(512).nullable() }).strict()),
  'connect.info': returns<ConnectInfo>()(noArgs),
  /** Puts back the password an AuthorizationKey change replaced this run (the charger did not take the new key). */
  'central.restorePassword': returns<{ readonly restored: boolean }>()(z.object({ chargerId }).strict()),
  /** wss by password (2) or client certificate (3): kept in the settings; a running central system restarts on the same ports. */
  'central.setSecurityProfile': returns<CentralState & { readonly securityProfile: 2 | 3 }>()(
    z.object({ profile: z.union([z.literal(2), z.literal(3)]) }).strict(),
  ),
  /** The local CA's certificate (PEM), to install in a charger or a test client as trusted. */
  'certs.caPem': returns<{ readonly fileName: string; readonly content: string }>()(noArgs),
  /** Trusts the CA certificates of a PEM file for client certificates (a manufacturer's, an operator's). */
  'certs.importCa': returns<{ readonly imported: readonly CertificateFacts[] }>()(z.object({ contentBase64: z.string().min(1).max(400_000) }).strict()),
  /** Stops trusting an imported CA (by its SHA-256 fingerprint). */
  'certs.removeCa': returns<{ readonly removed: boolean }>()(z.object({ sha256: z.string().regex(/^[0-9A-Fa-f:]{64,95}$/) }).strict()),
  /** A client certificate and key for a charge point id, issued by the local CA (CN = the id, one year). */
  'certs.issue': returns<{ readonly certPem: string; readonly keyPem: string; readonly chainPem: string; readonly facts: CertificateFacts }>()(
    z.object({ chargerId, keyType: z.enum(['ec', 'rsa']).optional() }).strict(),
  ),
  'chargers.list': returns<ChargerSummary[]>()(noArgs),
  'charger.call': returns<CallOutcome>()(
    z
      .object({
        chargerId,
        action,
        payload: z.record(z.string(), z.unknown()),
        timeoutMs: z.number().int().min(100).max(600_000).optional(),
      })
      .strict(),
  ),
  'charger.setStrict': returns<{ readonly ok: true }>()(z.object({ chargerId, strict: z.boolean() }).strict()),
  'charger.disconnect': returns<{ readonly disconnected: boolean }>()(z.object({ chargerId }).strict()),
  'session.records': returns<{ readonly sessionId: string; readonly records: SessionRecord[]; readonly truncatedTail: boolean }>()(
    z.object({ chargerId, afterSeq: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(100_000).optional() }).strict(),
  ),
  /** The charger's model; samples are the latest maxSamples (default 2000), samplesTotal says how many exist. */
  'charger.model': returns<{ readonly model: ChargerModelSnapshot; readonly samplesTotal: number }>()(
    z.object({ chargerId, maxSamples: z.number().int().min(0).max(100_000).optional() }).strict(),
  ),
  'readiness.run': returns<ReadinessReport>()(
    z
      .object({
        chargerId,
        sampleIntervalS: z.number().int().min(1).max(3_600).optional(),
        /** The platform's load-balancer idle timeout the keep-alive check judges against (default 60 s). */
        idleTimeoutS: z.number().int().min(5).max(3_600).optional(),
        timeoutS: z.number().int().min(1).max(86_400).optional(),
      })
      .strict(),
  ),
  'readiness.cancel': returns<{ readonly cancelled: boolean }>()(z.object({ chargerId }).strict()),
  /** The latest finished run (this app run's, or the one kept with the charger's session), with its time in finishedAt. */
  'readiness.latest': returns<{ readonly report: ReadinessReport | null }>()(z.object({ chargerId }).strict()),
  /**
   * Everything the Readiness page shows, wherever it is opened: the run (live, or this host run's last
   * one with its report), the latest report kept with the charger's session, and for a recorded
   * session (read-only: no run) the reports recorded with it.
   */
  'readiness.state': returns<{
    readonly run: ReadinessRunState;
    readonly latest: ReadinessReport | null;
    readonly readOnly: boolean;
    readonly recorded: readonly RecordedReport[];
  }>()(z.object({ chargerId }).strict()),
  /** GetCompositeSchedule's answer, and the schedule as kW over time (amps turned into power with the charger's own voltage). */
  'charger.compositeSchedule': returns<{ readonly outcome: CallOutcome<OcppResponse<'GetCompositeSchedule'>>; readonly steps: ScheduleSteps | null }>()(
    z
      .object({
        chargerId,
        connectorId: z.number().int().min(0).max(100),
        duration: z
          .number()
          .int()
          .min(1)
          .max(7 * 24 * 3600),
        chargingRateUnit: z.enum(['A', 'W']).optional(),
      })
      .strict(),
  ),
  /** Connection attempts refused before a charger could be named (TLS, limits, made-up ids), newest last. */
  'connect.refusals': returns<{ readonly refusals: readonly RefusalFact[] }>()(noArgs),
  /** The latest run's report; lang th: the HTML in Thai, the JSON with each check's Thai text beside the English. */
  'readiness.report': returns<{ readonly fileName: string; readonly mimeType: string; readonly content: string }>()(
    z.object({ chargerId, format: z.enum(['json', 'html']), lang: z.enum(['en', 'th']).optional() }).strict(),
  ),
  'app.info': returns<AppInfo>()(noArgs),
  /**
   * The platform preset for this charger, as it would be sent: MeterValuesSampledData with the
   * platform's measurands and those the charger samples now (asked live), within its maximum; kept and
   * dropped name what the charger sampled beyond the platform's and what does not fit.
   */
  'config.preset': returns<{
    readonly changes: readonly { readonly key: string; readonly value: string }[];
    readonly kept: readonly string[];
    readonly dropped: readonly string[];
    readonly maxLength: number | null;
  }>()(z.object({ chargerId }).strict()),
  /**
   * A request checked before it is sent: issues (the schema's, and numbers that make no sense) block
   * it; warnings (above the charger's maximum, a validity in the past, a read-only key) ask first.
   * With chargerId, judged against what that charger said (the current it offered).
   */
  'ocpp.validate': returns<{
    readonly known: boolean;
    readonly issues: readonly { readonly path: string; readonly message: string }[];
    readonly warnings: readonly { readonly path: string; readonly message: string }[];
  }>()(z.object({ action, payload: z.unknown(), chargerId: chargerId.optional() }).strict()),
  /** The view and the latest maxSamples samples (default 100 000); later ones arrive in charger.update events. */
  'charger.view': returns<{ readonly view: ChargerView; readonly samples: readonly MeterSample[] }>()(
    z.object({ chargerId, maxSamples: z.number().int().min(0).max(400_000).optional() }).strict(),
  ),
  /**
   * Serves a firmware image to one charger over HTTP or FTP ("auto": the charger's preference, asked
   * with GetConfiguration SupportedFileTransferProtocols); says which scheme and why.
   */
  'firmware.offer': returns<{ readonly url: string; readonly bytes: number; readonly scheme: 'http' | 'ftp'; readonly why: Message }>()(
    z.object({ chargerId, name: fileName, contentBase64: z.string().min(1).max(MAX_FILE_BASE64), scheme: transferScheme.optional() }).strict(),
  ),
  /** A location the charger may upload diagnostics into, over HTTP or FTP (default auto: FTP where the charger does not say). */
  'diagnostics.location': returns<{ readonly location: string; readonly scheme: 'http' | 'ftp'; readonly why: Message }>()(
    z.object({ chargerId, scheme: transferScheme.optional() }).strict(),
  ),
  'transfers.state': returns<TransfersState>()(noArgs),
  'diagnostics.read': returns<{ readonly name: string; readonly contentBase64: string }>()(z.object({ name: fileName }).strict()),
  /** The passive checks judged now from the charger's traffic so far (no run needed; relayed traffic counts). */
  'readiness.passive': returns<{ readonly checks: readonly CheckResult[] }>()(z.object({ chargerId }).strict()),
  /** Relay targets; passwords never leave the host (hasPassword says whether one is set). */
  'relay.targets': returns<RelayTargetSummary[]>()(noArgs),
  /** chargerId "*" sets the default target. password: a new one, null removes it, absent keeps it. */
  'relay.setTarget': returns<RelayTargetSummary>()(
    z
      .object({
        chargerId,
        url: z.string().min(1).max(2_048),
        presentAs: z.string().min(1).max(48).nullable().optional(),
        caFile: z.string().min(1).max(4_096).nullable().optional(),
        allowInsecure: z.boolean().optional(),
        replay: z.boolean().optional(),
        forwardChargerAuth: z.boolean().optional(),
        password: z.string().min(1).max(512).nullable().optional(),
        /** The client certificate for the platform leg: PEM certificate and key, or PKCS#12 with its passphrase; null removes it, absent keeps it. */
        clientCertificate: z
          .union([
            z.object({ certPem: z.string().min(1).max(64_000), keyPem: z.string().min(1).max(64_000) }).strict(),
            z.object({ pfxBase64: z.string().min(1).max(200_000), passphrase: z.string().max(1_024).optional() }).strict(),
          ])
          .nullable()
          .optional(),
      })
      .strict(),
  ),
  'relay.removeTarget': returns<{ readonly removed: boolean }>()(z.object({ chargerId }).strict()),
  /** The upstream leg of every relayed charger connected now. */
  'relay.state': returns<RelayState[]>()(noArgs),
  /** The chargers this app simulates (the demo), with the car on each connector. */
  'sim.list': returns<SimulatedCharger[]>()(noArgs),
  /** Does what a readiness prompt asks (plug a car in, unplug it) on a simulated charger and says what it did; fails with the reason when it cannot. */
  'sim.answerPrompt': returns<{ readonly did: string }>()(z.object({ chargerId, prompt: z.enum(['plug-in', 'unplug']) }).strict()),
  /** Drives the car of a simulated charger: plug, unplug, start or stop charging, pause, its current limit, a fault. */
  'sim.act': returns<SimulatedCharger>()(
    z
      .object({
        chargerId,
        connectorId: z.number().int().min(1).max(32),
        action: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('plug'), socPercent: z.number().min(0).max(100).optional(), maxCurrent: z.number().min(0).max(80).optional() }).strict(),
          z.object({ kind: z.literal('unplug') }).strict(),
          z.object({ kind: z.literal('start') }).strict(),
          z.object({ kind: z.literal('stop') }).strict(),
          z.object({ kind: z.literal('pause') }).strict(),
          z.object({ kind: z.literal('resume') }).strict(),
          z.object({ kind: z.literal('max-current'), amps: z.number().min(0).max(80) }).strict(),
          z.object({ kind: z.literal('fault'), errorCode: z.enum(CHARGE_POINT_ERROR_CODES).optional() }).strict(),
          z.object({ kind: z.literal('clear-fault') }).strict(),
        ]),
      })
      .strict(),
  ),
  /** The ports the OS shows, where they were read from and why the listing is incomplete; never an error for a failed listing. */
  'serial.ports': returns<SerialListing>()(noArgs),
  /** A path, also one the OS does not list (a pseudo-terminal, a port behind an RS-485 adapter). */
  'serial.open': returns<ConsoleState>()(
    z
      .object({
        path: z.string().min(1).max(1_024),
        settings: serialSettings.partial().optional(),
        lineEnding: lineEnding.optional(),
        chargerId: chargerId.optional(),
      })
      .strict(),
  ),
  'serial.close': returns<{ readonly ok: true }>()(z.object({ consoleId }).strict()),
  'serial.send': returns<{ readonly bytes: number }>()(
    z
      .object({ consoleId, text: z.string().max(4_096).optional(), hex: z.string().min(1).max(16_384).optional() })
      .strict()
      .refine((a) => (a.text === undefined) !== (a.hex === undefined), 'give text or hex, not both'),
  ),
  'serial.setLineEnding': returns<ConsoleState>()(z.object({ consoleId, lineEnding }).strict()),
  'serial.lines': returns<{ readonly lines: readonly ConsoleLine[] }>()(
    z.object({ consoleId, afterSeq: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(20_000).optional() }).strict(),
  ),
  'serial.state': returns<ConsoleState[]>()(noArgs),
  'serial.presets': returns<PresetFile[]>()(noArgs),
  'serial.loadPresets': returns<PresetFile>()(z.object({ name: fileName, text: z.string().min(1).max(1_048_576) }).strict()),
  'serial.runPreset': returns<PresetRun>()(
    z
      .object({ consoleId, family: z.string().min(1).max(64), command: z.string().min(1).max(64), values: z.record(z.string(), z.string().max(1_000)) })
      .strict(),
  ),
  /** A saved console log (.log, .txt) as a session: its frames lifted. 64 MiB of base64 is a 48 MiB log. */
  'serial.import': returns<{
    readonly sessionId: string;
    readonly chargerId: string;
    readonly lines: number;
    readonly lifted: number;
    readonly dropped: number;
    readonly undated: number;
  }>()(
    z
      .object({
        name: fileName,
        contentBase64: z
          .string()
          .min(1)
          .max(64 * 1024 * 1024),
        chargerId: chargerId.optional(),
      })
      .strict(),
  ),
  'sessions.list': returns<{
    readonly sessions: readonly SessionSummary[];
    readonly usage: { readonly bytes: number; readonly sessions: number };
    readonly retentionDays: number | null;
    readonly dataDir: string;
  }>()(z.object({ text: z.string().max(200).optional(), from: day.optional(), to: day.optional() }).strict()),
  'sessions.delete': returns<{ readonly deleted: string }>()(z.object({ sessionId }).strict()),
  /** Days to keep sessions (null: keep all); older ones are deleted now and at every start. */
  'sessions.setRetention': returns<{ readonly retentionDays: number | null; readonly deleted: readonly string[] }>()(
    z.object({ days: z.number().int().min(1).max(36_500).nullable() }).strict(),
  ),
  /** What an export would redact (the export dialog lists it before anything is written). */
  /** What an export would redact, and the diagnostics files the session's charger uploaded (they go with it). */
  'sessions.redactions': returns<{
    readonly redactions: readonly RedactionCount[];
    readonly diagnostics: readonly { readonly name: string; readonly bytes: number }[];
  }>()(z.object({ sessionId, hideIdTags: z.boolean() }).strict()),
  /** includeUncheckedDiagnostics: pack diagnostics that cannot be checked for secrets (binary) as they are. */
  'sessions.export': returns<{ readonly fileName: string; readonly contentBase64: string; readonly manifest: BundleManifest }>()(
    z.object({ sessionId, hideIdTags: z.boolean(), includeUncheckedDiagnostics: z.boolean().optional() }).strict(),
  ),
  'sessions.exportFile': returns<{ readonly fileName: string; readonly mimeType: string; readonly content: string }>()(
    z.object({ sessionId, kind: z.enum(['messages-csv', 'meter-csv', 'har']), hideIdTags: z.boolean().optional() }).strict(),
  ),
  /** Shows a library session read-only beside the live chargers. */
  'sessions.show': returns<{ readonly chargerId: string }>()(z.object({ sessionId }).strict()),
  /** Opens a bundle (a .fieldkit file) read-only; 512 MiB of base64 is a 384 MiB bundle. */
  /** Closes a recorded session (or replay) shown read-only: its model and records are let go. */
  'sessions.close': returns<{ readonly closed: boolean }>()(z.object({ chargerId }).strict()),
  'bundle.open': returns<{ readonly chargerId: string; readonly manifest: BundleManifest }>()(
    z
      .object({
        name: fileName,
        contentBase64: z
          .string()
          .min(1)
          .max(512 * 1024 * 1024),
      })
      .strict(),
  ),
  /** A diagnostics file packed in an opened bundle (its manifest's diagnostics[].entry). */
  'bundle.diagnostics': returns<{ readonly name: string; readonly contentBase64: string }>()(
    z.object({ chargerId, entry: z.string().startsWith('diagnostics/').max(300) }).strict(),
  ),
  'replay.start': returns<ReplayState>()(z.object({ chargerId, speed }).strict()),
  'replay.control': returns<ReplayState>()(z.object({ replayId: chargerId, playing: z.boolean().optional(), speed: speed.optional() }).strict()),
  'replay.state': returns<ReplayState[]>()(noArgs),
} as const;

export type CommandName = keyof typeof commands;
/** What each command answers. */
export type CommandResults = { [K in CommandName]: (typeof commands)[K] extends Returns<infer R> ? R : never };
/** A command's arguments as a caller writes them; charger.call's payload is typed by its action. */
export type CommandArgs<K extends CommandName> = K extends 'charger.call' ? ChargerCall : z.input<(typeof commands)[K]>;

/** The OCPP actions a central system sends (the ones charger.call takes). */
export type CentralAction = {
  [A in OcppAction]: A extends keyof typeof ACTIONS ? ('central' extends (typeof ACTIONS)[A]['initiators'][number] ? A : never) : never;
}[OcppAction];

/** charger.call's arguments for one action: the payload is that action's request. */
export type ChargerCall<A extends CentralAction = CentralAction> = A extends CentralAction
  ? { readonly chargerId: string; readonly action: A; readonly payload: OcppRequest<A>; readonly timeoutMs?: number }
  : never;

export type { OcppAction, OcppRequest, OcppResponse } from '../ocpp/messages.ts';

/** The outcome of a CALL to a charger, as a value: the UI shows both halves the same way. */
export type { CallOutcome } from '../central/call-outcome.ts';
export type { SerialListing } from '../serial/port.ts';
export type { RefusalFact } from '../charger/model.ts';
export type { CertificateFacts } from '../certs/facts.ts';
export type { Message, Said } from '../lib/message.ts';
// The types the UI reads, from here only (the renderer imports nothing else of app/).
export type { ChargerSummary, CentralState } from '../central/central-system.ts';
export type { EventRecord, FrameRecord, SessionRecord } from '../store/records.ts';
export type { ChargerModel, MeterSample, StatusChange } from '../charger/model.ts';
export type { ChargerView } from '../charger/view.ts';
export type { ChargerUpdate } from './charger-updates.ts';
export type { SimulatedCharger, SimulatedConnector } from './simulated.ts';
export type { FtpEvent } from '../central/ftp-transfers.ts';
export type { ScheduleSteps } from '../charger/schedule.ts';
export type { CheckDefinition, CheckResult } from '../readiness/catalogue.ts';
export type { SuiteProgress } from '../readiness/session.ts';
export type { ReadinessReport } from '../readiness/suite.ts';
export type { RecordedReport } from '../readiness/report.ts';
export type { ReadinessRunState, RunPrompt, RunStep } from '../readiness/run-state.ts';
export type { OverallVerdict, NotJudged } from '../readiness/verdict.ts';
export type { RelayTargetSummary } from '../relay/relay.ts';
export type { RelayState } from '../relay/relay-link.ts';
export type { ConsoleLine, ConsoleState } from '../serial/console.ts';
export type { PresetFile } from '../serial/presets.ts';
export type { SessionSummary } from '../sessions/library.ts';
export type { BundleDiagnostics, BundleManifest } from '../sessions/bundle.ts';
export type { ReplayState } from '../sessions/viewer.ts';

/** A charger's model as it crosses the contract: the meter samples as a plain list (the latest maxSamples). */
export type ChargerModelSnapshot = Omit<ChargerModel, 'samples' | 'skew'> & { readonly samples: readonly MeterSample[]; readonly skew: readonly SkewSample[] };

export interface ConnectInfo {
  /** The exact URLs to enter in the charger, per interface; CP_ID stands for the charge point id. */
  readonly urls: readonly { readonly scheme: 'ws' | 'wss'; readonly address: string; readonly url: string }[];
  readonly certificateFingerprints: readonly string[];
  /** The same fingerprints with the type of each certificate's key (RSA, ECDSA). */
  readonly certificateKeys: readonly { readonly keyType: string; readonly sha256: string }[];
  readonly certificateSource: 'generated' | 'reused' | 'user' | null;
  readonly acceptAny: boolean;
  /** Charger ids with a password configured ("*" for the default); the passwords themselves never leave the host. */
  readonly passwordsFor: readonly string[];
  /** Chargers whose AuthorizationKey was changed through the app this run (their password here followed it), and when. */
  readonly keyChanges: readonly { readonly chargerId: string; readonly at: string }[];
  /** Where passwords set here are kept: encrypted by the OS between runs, or only for this run, and why. */
  readonly passwordStorage: { readonly kept: 'encrypted' | 'this-run'; readonly reason: Said | null };
  /** wss: chargers log in with their password (2) or their client certificate (3). */
  readonly securityProfile: 2 | 3;
  /** The CAs whose client certificates are accepted: this data folder's own, and the imported ones. */
  readonly trustedCas: readonly (CertificateFacts & { readonly source: 'local' | 'imported' })[];
  readonly dataDir: string;
}

export interface AppInfo {
  readonly version: string;
  readonly productName: string;
  /** The configuration the platform pushes (docs/requirements.md), in the order to send it. */
  readonly platformPreset: readonly { readonly key: string; readonly value: string }[];
  /** Operations a central system may send, with a valid example request each (raw CALL composer). */
  readonly centralActions: readonly { readonly action: string; readonly profile: string; readonly example: Record<string, unknown> }[];
  /** requestedMessage values of TriggerMessage. */
  readonly triggerMessages: readonly string[];
  readonly checks: readonly CheckDefinition[];
}

export interface TransfersState {
  /** The latest requests the file server answered (firmware downloads, uploads), newest last. */
  readonly requests: readonly FileRequest[];
  /** Diagnostics files chargers uploaded (over HTTP or FTP), newest last. */
  readonly received: readonly Omit<ReceivedFile, 'file'>[];
  readonly uploadProblem: string | null;
  /** The FTP server: running only while a transfer is offered; what happened on it (logins, refusals, transfers). */
  readonly ftp: { readonly port: number | null; readonly passivePorts: readonly [number, number]; readonly events: readonly FtpEvent[] };
}

export interface HostEvents {
  frame: FrameRecord;
  connection: EventRecord;
  'central.state': CentralState;
  /** A recording could not be written (message) or recovered (null). */
  'store.problem': { readonly sessionId: string; readonly message: string | null };
  /** The readiness suite's progress for a charger (steps, prompts for physical actions, verdicts), with the whole run as it now stands. */
  'readiness.step': { readonly chargerId: string; readonly progress: SuiteProgress; readonly run: ReadinessRunState };
  /** A charger's view and its new meter samples, at most a few times a second per charger. */
  'charger.update': ChargerUpdate;
  /** A relayed charger's upstream leg changed: connecting, open, replaying, down (with the reason), closed. */
  'relay.state': RelayState;
  /** New console lines, batched (at most a few times a second per console). */
  'serial.lines': { readonly consoleId: string; readonly lines: readonly ConsoleLine[] };
  /** A console opened, lost its port, reconnected or closed. */
  'serial.state': ConsoleState;
  /** A replay moved on, paused, changed speed or finished. */
  'replay.state': ReplayState;
  /** A recorded session (or replay) shown read-only was closed; reason says why (the oldest goes when a new one opens). */
  'recorded.closed': { readonly chargerId: string; readonly reason: string; readonly said?: Message };
}

export { HostError } from './host-error.ts';

/**
 * A command's answer as a value (the preload hands it over so, as Electron's contextBridge keeps
 * nothing of an error but its text): the value, or the error's code, English and message.
 */
export type InvokeEnvelope =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: { readonly code: HostError['code']; readonly message: string; readonly said?: Message } };

export type HostEvent = { [K in keyof HostEvents]: { readonly name: K; readonly data: HostEvents[K] } }[keyof HostEvents];

export interface HostApi {
  invoke<K extends CommandName>(name: K, args: CommandArgs<K>): Promise<CommandResults[K]>;
  /** Events come in batches, one per host tick (~100 ms), oldest first: a UI applies each batch at once. */
  subscribe(listener: (events: readonly HostEvent[]) => void): () => void;
}

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name);
}

/** Checks a command's arguments; the message names each bad field. */
export function parseCommandArgs<K extends CommandName>(name: K, args: unknown): z.output<(typeof commands)[K]> {
  const result = commands[name].safeParse(args ?? {});
  if (!result.success) {
    const detail = result.error.issues.map((i) => `${i.path.join('.') || '(arguments)'}: ${i.message}`).join('; ');
    throw new HostError('invalid-args', `${name}: ${detail}`);
  }
  return result.data as z.output<(typeof commands)[K]>;
}
