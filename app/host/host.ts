/**
 * The host: the app's one API over the core. It validates every command at the boundary, turns
 * errors into values or HostErrors with reasons, and fans the core's events out to subscribers.
 */
import { msg } from '../lib/message.ts';
import type { CentralSystem } from '../central/central-system.ts';
import { callOutcome, type CallOutcome } from '../central/call-outcome.ts';
import { scheduleSteps } from '../charger/schedule.ts';
import type { OcppResponse } from '../ocpp/messages.ts';
import { readSession } from '../store/reader.ts';
import type { FileServer } from '../central/file-server.ts';
import type { FtpTransfers } from '../central/ftp-transfers.ts';
import type { ChargerModels } from '../charger/registry.ts';
import { ReadinessRuns, reportFile } from './readiness-runs.ts';
import { ChargerUpdates } from './charger-updates.ts';
import { EventBatches } from './event-batches.ts';
import { appInfo } from './app-info.ts';
import { chargerView } from '../charger/view.ts';
import type { MeterSample, MeterSeries } from '../charger/meter-series.ts';
import { isAction } from '../ocpp/actions.ts';
import { validatePayload } from '../ocpp/validator.ts';
import { checkRequest } from '../ocpp/request-checks.ts';
import type { ChargerModel } from '../charger/model.ts';
import type { Relay } from '../relay/relay.ts';
import { passiveResults } from '../readiness/live.ts';
import { withPlatformMeasurands } from '../charger/sampled-data.ts';
import { PLATFORM_SAMPLE_INTERVAL, PLATFORM_SAMPLED_DATA } from '../readiness/steps/config.ts';
import { SerialError, type SerialConsoles } from '../serial/consoles.ts';
import { LineBatches } from './serial-lines.ts';
import type { SessionLibrary } from '../sessions/library.ts';
import { LibraryError } from '../sessions/library.ts';
import { BundleError } from '../sessions/bundle.ts';
import { ViewerError, type SessionViewer } from '../sessions/viewer.ts';
import { saidOf } from './host-error.ts';
import { sessionCommands } from './session-commands.ts';
import { relayCommands } from './relay-commands.ts';
import { simCommands } from './sim-commands.ts';
import type { SimulatedChargers } from './simulated.ts';
import { serialCommands } from './serial-commands.ts';
import { transferCommands } from './transfer-commands.ts';
import { certificateCommands } from './certificate-commands.ts';
import type { Certificates } from '../certs/certificates.ts';
import type { ReadinessReport } from '../readiness/suite.ts';
import {
  HostError,
  isCommandName,
  parseCommandArgs,
  type CommandArgs,
  type CommandName,
  type CommandResults,
  type ConnectInfo,
  type HostApi,
  type HostEvent,
} from './contract.ts';

export interface HostDeps {
  readonly central: CentralSystem;
  readonly models: ChargerModels;
  readonly fileServer?: FileServer;
  readonly connectInfo: () => ConnectInfo;
  /** Sets (null: removes) a charger's password, keeping it where the host keeps passwords. */
  readonly setPassword?: (chargerId: string, password: string | null) => void;
  /** Called after a start with ports the user chose (the desktop app keeps them in its settings). */
  readonly rememberPorts?: (ports: { readonly wsPort: number | null; readonly wssPort: number | null }) => void;
  /** Forwards chargers to their platform (the relay targets live here). */
  readonly relay?: Relay;
  /** Serial consoles and imported logs. */
  readonly serial?: SerialConsoles;
  /** The recorded sessions in the data folder. */
  readonly library?: SessionLibrary;
  /** How long sessions are kept (the desktop app remembers it). */
  readonly retention?: { get(): number | null; set(days: number | null): string[] };
  /** Keeps a finished readiness report with its session (the library shows the verdict, bundles carry it). */
  readonly saveReport?: (chargerId: string, report: ReadinessReport) => void;
  /** The latest report kept with a charger's session, for a page opened after the run. */
  readonly loadLatestReport?: (chargerId: string) => ReadinessReport | null;
  /** Recorded sessions shown read-only (bundles, the library), with replay. */
  readonly viewer?: SessionViewer;
  /** Where opened bundles' recordings are unpacked (a folder of the app's own). */
  readonly spoolDir?: string;
  /** The chargers this app simulates (the demo): their cars can be driven from the UI. */
  readonly simulated?: SimulatedChargers;
  /** Firmware and diagnostics over FTP. */
  readonly ftp?: FtpTransfers;
  /** The local CA and the trusted CAs (Security Profile 3, CSRs). */
  readonly certificates?: Certificates;
  /** Keeps the chosen security profile (the desktop app's settings). */
  readonly rememberSecurityProfile?: (profile: 2 | 3) => void;
}

const latest = (samples: MeterSeries, keep: number): MeterSample[] => (keep === 0 ? [] : samples.slice(-keep));

/** A transfer status older than this is a charger that stopped reporting, not one still busy. */
const TRANSFER_BUSY_MS = 30 * 60_000;

type Handlers = { [K in CommandName]: (args: ReturnType<typeof parseCommandArgs<K>>) => Promise<CommandResults[K]> | CommandResults[K] };

export class Host implements HostApi {
  private readonly events = new EventBatches();
  private readonly handlers: Handlers;
  private readonly updates: ChargerUpdates;
  private readonly lineBatches: LineBatches;
  private readonly readiness: ReadinessRuns;

  constructor(private readonly deps: HostDeps) {
    const { central } = deps;
    const readiness = (this.readiness = new ReadinessRuns(deps, (chargerId, progress, run) =>
      this.publish({ name: 'readiness.step', data: { chargerId, progress, run } }),
    ));
    central.on('frame', (data) => this.publish({ name: 'frame', data }));
    central.on('event', (data) => this.publish({ name: 'connection', data }));
    central.on('state', (data) => this.publish({ name: 'central.state', data }));
    central.on('store-problem', (data) => this.publish({ name: 'store.problem', data }));
    this.updates = new ChargerUpdates(
      deps.models,
      (data) => this.publish({ name: 'charger.update', data }),
      () => this.events.wake(),
    );
    deps.relay?.on('state', (data) => this.publish({ name: 'relay.state', data }));
    this.lineBatches = new LineBatches(
      (consoleId, lines) => this.publish({ name: 'serial.lines', data: { consoleId, lines } }),
      () => this.events.wake(),
    );
    this.events.onTick(() => this.updates.collect());
    this.events.onTick(() => this.lineBatches.collect());
    deps.serial?.on('frame', (data) => this.publish({ name: 'frame', data }));
    deps.serial?.on('event', (data) => this.publish({ name: 'connection', data }));
    deps.serial?.on('state', (data) => this.publish({ name: 'serial.state', data }));
    deps.serial?.on('line', ({ consoleId, line }) => this.lineBatches.add(consoleId, line));
    deps.viewer?.on('frame', (data) => this.publish({ name: 'frame', data }));
    deps.viewer?.on('event', (data) => this.publish({ name: 'connection', data }));
    deps.viewer?.on('replay', (data) => this.publish({ name: 'replay.state', data }));
    deps.viewer?.on('closed', (data) => this.publish({ name: 'recorded.closed', data }));
    // A shown session is not streamed frame by frame: the UI hears of it and loads its history like any charger's.
    deps.viewer?.on('bulk', ({ chargerId }) =>
      this.publish({
        name: 'connection',
        data: { t: 'event', seq: 0, at: new Date().toISOString(), charger: chargerId, leg: 'charger', event: { kind: 'recorded-shown' } },
      }),
    );
    const readOnly = (chargerId: string) => {
      if (deps.viewer?.isViewed(chargerId)) throw new HostError('failed', msg`${chargerId} is a recorded session, shown read-only: it cannot be called`);
    };
    const sessionOf = (chargerId: string) => central.sessionOf(chargerId) ?? deps.serial?.sessionOf(chargerId);
    this.handlers = {
      'central.start': async (ports) => {
        const state = await central.start(ports);
        if (ports.wsPort !== undefined || ports.wssPort !== undefined) deps.rememberPorts?.({ wsPort: state.wsPort, wssPort: state.wssPort });
        return state;
      },
      'central.stop': async () => (await central.stop(), central.state()),
      'central.state': () => central.state(),
      'central.setPassword': ({ chargerId, password }) => ((deps.setPassword ?? central.setPassword.bind(central))(chargerId, password), { ok: true }),
      'connect.info': () => deps.connectInfo(),
      'central.restorePassword': ({ chargerId }) => ({ restored: central.restorePassword(chargerId) }),
      'chargers.list': () => [...central.chargers(), ...(deps.serial?.summaries() ?? []), ...(deps.viewer?.summaries() ?? [])],
      'charger.call': ({ chargerId, action, payload, timeoutMs }) => (readOnly(chargerId), callOutcome(central, chargerId, action, payload, timeoutMs)),
      'charger.setStrict': ({ chargerId, strict }) => (central.setStrict(chargerId, strict), { ok: true }),
      'charger.disconnect': ({ chargerId }) => ({ disconnected: central.disconnect(chargerId) }),
      'session.records': ({ chargerId, afterSeq, limit }) => {
        if (deps.viewer?.isViewed(chargerId)) return deps.viewer.recordsOf(chargerId, afterSeq, limit ?? 5_000).then((r) => ({ ...r, truncatedTail: false }));
        const session = sessionOf(chargerId);
        if (!session) throw new HostError('failed', msg`no session for charger ${chargerId} in this run`);
        session.flushNow();
        const read = readSession(session.file);
        const after = read.records.filter((r) => r.seq > (afterSeq ?? 0));
        return { sessionId: session.id, records: after.slice(-(limit ?? 5_000)), truncatedTail: read.truncatedTail };
      },
      'charger.model': ({ chargerId, maxSamples }) => {
        const model = deps.models.builder(chargerId).model;
        return { model: { ...model, samples: latest(model.samples, maxSamples ?? 2_000), skew: model.skew.toJSON() }, samplesTotal: model.samples.length };
      },
      'readiness.run': (args) => (readOnly(args.chargerId), readiness.run(args)),
      'readiness.cancel': ({ chargerId }) => ({ cancelled: readiness.cancel(chargerId) }),
      'readiness.report': async ({ chargerId, format, lang }) => {
        const recorded = deps.viewer?.reportsOf(chargerId);
        if (!recorded) return readiness.report(chargerId, format, lang);
        // A recorded session's own report, drawn with the recorded model and frames (never a live charger's of the same id).
        const latest = recorded.at(-1)?.report;
        if (!latest) throw new HostError('failed', msg`no readiness report was recorded with ${chargerId}`);
        const records = await deps.viewer!.records(chargerId);
        return reportFile(deps, latest, format, lang, { model: deps.models.builder(chargerId).model, records: () => records });
      },
      'readiness.latest': ({ chargerId }) => ({ report: readiness.latest(chargerId) }),
      'readiness.state': ({ chargerId }) => {
        const recorded = deps.viewer?.reportsOf(chargerId) ?? null;
        return recorded
          ? { run: readiness.state(chargerId), latest: recorded.at(-1)?.report ?? null, readOnly: true, recorded }
          : { run: readiness.state(chargerId), latest: readiness.latest(chargerId), readOnly: false, recorded: [] };
      },
      'connect.refusals': () => ({ refusals: deps.models.strayRefusals.slice(-50) }),
      'charger.compositeSchedule': async ({ chargerId, connectorId, duration, chargingRateUnit }) => {
        readOnly(chargerId);
        const askedAt = Date.now();
        const payload = { connectorId, duration, ...(chargingRateUnit ? { chargingRateUnit } : {}) };
        const outcome = (await callOutcome(central, chargerId, 'GetCompositeSchedule', payload)) as CallOutcome<OcppResponse<'GetCompositeSchedule'>>;
        const schedule = outcome.ok ? outcome.payload.chargingSchedule : undefined;
        return { outcome, steps: schedule ? scheduleSteps(schedule, deps.models.builder(chargerId).model, askedAt) : null };
      },
      'app.info': () => appInfo(),
      'config.preset': async ({ chargerId }) => {
        readOnly(chargerId);
        // Asked live: the preset keeps what the charger samples now, not what it sampled at the last read.
        const read = await callOutcome(central, chargerId, 'GetConfiguration', { key: ['MeterValuesSampledData', 'MeterValuesSampledDataMaxLength'] }, 15_000);
        const keys = read.ok ? ((read.payload as { configurationKey?: { key: string; value?: string }[] }).configurationKey ?? []) : [];
        const value = (name: string) => keys.find((k) => k.key.toLowerCase() === name.toLowerCase())?.value ?? null;
        const maxLength = Number(value('MeterValuesSampledDataMaxLength')) || null;
        const union = withPlatformMeasurands(PLATFORM_SAMPLED_DATA, value('MeterValuesSampledData'), maxLength);
        return {
          changes: [
            { key: 'MeterValuesSampledData', value: union.value },
            { key: 'MeterValueSampleInterval', value: PLATFORM_SAMPLE_INTERVAL },
          ],
          kept: union.kept,
          dropped: union.dropped,
          maxLength,
        };
      },
      'ocpp.validate': ({ action, payload, chargerId }) => {
        if (!isAction(action)) return { known: false, issues: [{ path: '', message: `${action} is not an OCPP 1.6 action` }], warnings: [] };
        // The schema first, then what it cannot say (request-checks.ts), judged against what the charger told us.
        const schema = validatePayload(action, 'req', payload).map(({ path, message }) => ({ path, message }));
        const context = { maxOfferedA: chargerId !== undefined ? maxOfferedCurrent(deps.models.builder(chargerId).model) : null, now: Date.now() };
        const checks = checkRequest(action, payload, context);
        return { known: true, issues: [...schema, ...checks.errors], warnings: checks.warnings };
      },
      'charger.view': ({ chargerId, maxSamples }) => {
        const model = deps.models.builder(chargerId).model;
        return { view: chargerView(chargerId, model), samples: latest(model.samples, maxSamples ?? 100_000) };
      },
      'readiness.passive': ({ chargerId }) => {
        const model = deps.models.builder(chargerId).model;
        // A recording is judged at its own last moment, not today: it did not go silent since.
        return { checks: passiveResults(model, deps.viewer?.isViewed(chargerId) ? model.lastAt : Date.now()) };
      },
      ...sessionCommands(deps),
      ...relayCommands(deps),
      ...simCommands(deps),
      ...serialCommands(deps),
      ...transferCommands(deps),
      ...certificateCommands(deps),
    };
  }

  async invoke<K extends CommandName>(name: K, args: CommandArgs<K>): Promise<CommandResults[K]> {
    if (!isCommandName(name)) throw new HostError('unknown-command', `unknown command ${String(name)}`);
    const parsed = parseCommandArgs(name, args);
    try {
      return await (this.handlers[name] as (a: typeof parsed) => Promise<CommandResults[K]>)(parsed);
    } catch (err) {
      if (err instanceof HostError) throw err;
      // Said as a message (NamedError with msg`…`): it crosses with its message, for the UI's language.
      const said = saidOf(err);
      if (said) throw new HostError('failed', said);
      if (err instanceof SerialError || err instanceof LibraryError || err instanceof BundleError || err instanceof ViewerError)
        throw new HostError('failed', err.message);
      throw new HostError('failed', (err as Error).message ?? String(err));
    }
  }

  subscribe(listener: (events: readonly HostEvent[]) => void): () => void {
    const unsubscribe = this.events.subscribe(listener);
    this.updates.start();
    return () => {
      unsubscribe();
      if (!this.events.listening) {
        this.updates.stop();
        this.lineBatches.stop();
      }
    };
  }

  /** Stops the timers of the event stream (the host is closing). */
  /**
   * What a restart of the app would break now, in words, or null: a readiness run, a charger relayed
   * to its platform, a file transfer over FTP, an open serial console. (The desktop app's updater
   * waits while there is one.)
   */
  busy(): string | null {
    const runs = this.readiness.runningIds();
    if (runs.length > 0) return `a readiness run of ${runs.join(', ')} is in progress`;
    const relayed = this.deps.relay?.states().filter((s) => s.phase === 'open' || s.phase === 'connecting') ?? [];
    if (relayed.length > 0) return `${relayed.map((s) => s.chargerId).join(', ')} ${relayed.length === 1 ? 'is' : 'are'} relayed to the platform`;
    if ((this.deps.ftp?.port ?? null) !== null) return 'a firmware or diagnostics transfer over FTP is offered';
    // A charger in the middle of a firmware update or a diagnostics upload (over HTTP too): its last status says so.
    const now = Date.now();
    for (const id of this.deps.models.ids()) {
      const m = this.deps.models.builder(id).model;
      const firmware = m.firmwareStatus.at(-1);
      if (firmware && /^(Downloading|Downloaded|Installing)$/.test(firmware.status) && now - firmware.at < TRANSFER_BUSY_MS)
        return `a firmware update of ${id} is in progress (${firmware.status})`;
      const diagnostics = m.diagnosticsStatus.at(-1);
      if (diagnostics?.status === 'Uploading' && now - diagnostics.at < TRANSFER_BUSY_MS) return `${id} is uploading its diagnostics`;
    }
    const consoles = this.deps.serial?.states().filter((c) => c.phase !== 'closed') ?? [];
    if (consoles.length > 0) return `a serial console is open (${consoles.map((c) => c.path).join(', ')})`;
    return null;
  }

  close(): void {
    this.events.close();
    this.updates.stop();
    this.lineBatches.stop();
  }

  private publish(event: HostEvent): void {
    this.events.add(event);
  }
}

/** The most current a phase was offered in the charger's recent samples (Current.Offered), or null when it never said. */
function maxOfferedCurrent(model: ChargerModel): number | null {
  let max: number | null = null;
  for (const sample of model.samples.slice(Math.max(0, model.samples.length - 2_000))) if (sample.offeredA !== null) max = Math.max(max ?? 0, sample.offeredA);
  return max;
}
