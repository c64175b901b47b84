/**
 * The host's serial consoles: the ports the OS lists, the consoles open now (one per port), the
 * preset files loaded, and imported logs. Each console and import records into a session of its own
 * whose frames fold into the charger model like any other leg.
 */
import { NamedError } from '../lib/named-error.ts';
import { msg, saidOf } from '../lib/message.ts';
import { basename, extname } from 'node:path';
import { Emitter } from '../lib/emitter.ts';
import { freeId } from '../lib/free-id.ts';
import type { ChargerSummary } from '../central/central-system.ts';
import type { SessionRecorder } from '../store/recorder.ts';
import type { EventRecord, FrameRecord, SessionSource } from '../store/records.ts';
import { SerialConsole, type ConsoleLine, type ConsoleState, type PresetRun } from './console.ts';
import type { LineEnding } from './framing.ts';
import { importLog, type ImportedLog } from './import-log.ts';
import { DEFAULT_SERIAL, type SerialListing, type SerialPorts, type SerialSettings } from './port.ts';
import { GENERIC_PRESETS, loadPresets, type PresetFile } from './presets.ts';

export class SerialError extends NamedError {}

export type ConsolesEvents = {
  frame: FrameRecord;
  event: EventRecord;
  line: { readonly consoleId: string; readonly line: ConsoleLine };
  state: ConsoleState;
};

export interface ConsolesDeps {
  /** The OS's serial ports (native/serial.ts); absent where the host has no serial support. */
  readonly ports?: SerialPorts;
  readonly openSession: (chargerId: string, source: SessionSource) => SessionRecorder;
  /** Charger ids in use elsewhere (the central system's), so a console's id does not merge with them. */
  readonly takenIds?: () => readonly string[];
}

export interface OpenArgs {
  readonly path: string;
  readonly settings?: Partial<SerialSettings>;
  readonly lineEnding?: LineEnding;
  readonly chargerId?: string;
}

export class SerialConsoles extends Emitter<ConsolesEvents> {
  private readonly consoles = new Map<string, SerialConsole>();
  private readonly sessions = new Map<string, SessionRecorder>();
  private readonly presetFiles = new Map<string, PresetFile>([[GENERIC_PRESETS.family, GENERIC_PRESETS]]);
  private nextId = 1;

  constructor(private readonly deps: ConsolesDeps) {
    super();
  }

  get supported(): boolean {
    return this.deps.ports !== undefined;
  }

  /** Serial support is the adapter being there; a listing that fails is a problem of the listing, not of support. */
  async ports(): Promise<SerialListing> {
    const ports = this.portsAdapter();
    return ports.list().catch((e: Error) => ({
      ports: [],
      source: 'system' as const,
      problem: msg`listing the ports failed (${e.message}); a port can still be opened by its path`,
    }));
  }

  async open(args: OpenArgs): Promise<ConsoleState> {
    const ports = this.portsAdapter();
    const busy = [...this.consoles.values()].find((c) => c.current().path === args.path && c.current().phase !== 'closed');
    if (busy) throw new SerialError(`${args.path} is already open in this app (console ${busy.current().consoleId})`);
    const consoleId = `console-${this.nextId++}`;
    const chargerId = this.uniqueId(args.chargerId || `serial-${basename(args.path).replace(/[^\w.-]/g, '_')}`, args.chargerId !== undefined);
    const session = this.deps.openSession(chargerId, 'serial');
    const serial = new SerialConsole({
      consoleId,
      ports,
      path: args.path,
      settings: { ...DEFAULT_SERIAL, ...args.settings },
      lineEnding: args.lineEnding ?? 'auto',
      chargerId,
      session,
    });
    serial.on('line', (line) => this.emit('line', { consoleId, line }));
    serial.on('state', (state) => this.emit('state', state));
    serial.on('frame', (record) => this.emit('frame', record));
    serial.on('event', (record) => this.emit('event', record));
    try {
      await serial.open();
    } catch (err) {
      session.close();
      // Said as a message where the port adapter said it so (the reader's language in the UI).
      throw new SerialError(saidOf(err) ?? (err as Error).message);
    }
    this.consoles.set(consoleId, serial);
    this.sessions.set(chargerId, session);
    return serial.current();
  }

  async close(consoleId: string): Promise<void> {
    await this.console(consoleId).close();
  }

  send(consoleId: string, input: { readonly text?: string; readonly hex?: string }): Promise<number> {
    return this.console(consoleId)
      .send(input)
      .catch((err: Error) => {
        throw new SerialError(err.message);
      });
  }

  setLineEnding(consoleId: string, ending: LineEnding): ConsoleState {
    const serial = this.console(consoleId);
    serial.setLineEnding(ending);
    return serial.current();
  }

  lines(consoleId: string, afterSeq?: number, limit?: number): ConsoleLine[] {
    return this.console(consoleId).linesAfter(afterSeq, limit);
  }

  states(): ConsoleState[] {
    return [...this.consoles.values()].map((c) => c.current());
  }

  presets(): PresetFile[] {
    return [...this.presetFiles.values()];
  }

  /** Loads a preset file (replacing one of the same family); throws with every problem found. */
  loadPresets(text: string, source: string): PresetFile {
    const load = loadPresets(text, source);
    if (!load.ok) throw new SerialError(`${source}: ${load.problems.join('; ')}`);
    this.presetFiles.set(load.presets.family, load.presets);
    return load.presets;
  }

  runPreset(consoleId: string, family: string, command: string, values: Readonly<Record<string, string>>): Promise<PresetRun> {
    const file = this.presetFiles.get(family);
    if (!file) throw new SerialError(`no preset file for "${family}" is loaded`);
    const found = file.commands.find((c) => c.name === command);
    if (!found) throw new SerialError(`"${family}" has no command "${command}"`);
    return this.console(consoleId).runPreset(found, values);
  }

  /** Imports a saved console log as a session of its own. */
  importLog(fileName: string, content: Buffer, chargerId?: string): ImportedLog {
    const id = this.uniqueId(chargerId || basename(fileName, extname(fileName)).replace(/[^\w.-]/g, '_') || 'imported-log', chargerId !== undefined);
    const session = this.deps.openSession(id, 'import');
    const imported = importLog(content, basename(fileName), id, session);
    this.sessions.set(id, session);
    for (const record of imported.records) this.emit(record.t === 'frame' ? 'frame' : 'event', record as FrameRecord & EventRecord);
    return imported;
  }

  sessionOf(chargerId: string): SessionRecorder | undefined {
    return this.sessions.get(chargerId);
  }

  /** The consoles' and imports' chargers, as the charger list shows them. */
  summaries(): ChargerSummary[] {
    return [...this.sessions.entries()].map(([id, session]) => {
      const console = [...this.consoles.values()].find((c) => c.current().chargerId === id)?.current();
      const open = console !== undefined && console.phase === 'open';
      return {
        id,
        connected: open,
        scheme: null,
        remote: console ? console.path : null,
        tls: null,
        since: open ? console.since : null,
        sessionId: session.id,
        strict: false,
        pendingCalls: 0,
        relay: null,
        source: session.header.source,
      };
    });
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.consoles.values()].filter((c) => c.current().phase !== 'closed').map((c) => c.close()));
    for (const session of this.sessions.values()) session.close();
  }

  private console(consoleId: string): SerialConsole {
    const serial = this.consoles.get(consoleId);
    if (!serial) throw new SerialError(`no console ${consoleId}`);
    return serial;
  }

  private portsAdapter(): SerialPorts {
    if (!this.deps.ports) throw new SerialError('this host has no serial port support');
    return this.deps.ports;
  }

  /** A charger id not in use yet: the one asked for must be free; a derived one gets a suffix. */
  private uniqueId(wanted: string, asked: boolean): string {
    const id = freeId(wanted, [...(this.deps.takenIds?.() ?? []), ...this.sessions.keys()]);
    if (asked && id !== wanted) throw new SerialError(`charger id ${wanted} is already in use in this run: choose another`);
    return id;
  }
}
