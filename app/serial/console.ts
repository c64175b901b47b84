/**
 * One serial console: a port opened through the injected SerialPorts, its output framed into
 * timestamped lines, what is sent and received recorded as raw bytes in the session, OCPP frames
 * lifted from the lines into the same session as leg "serial", commands sent as text or hex (with a
 * history), presets run against the output, and an unplugged adapter reopened when it comes back.
 */
import { Emitter } from '../lib/emitter.ts';
import { FrameInspector } from '../ocpp/inspector.ts';
import type { SessionRecorder } from '../store/recorder.ts';
import { maskText } from '../store/redact.ts';
import type { EventRecord, FrameRecord } from '../store/records.ts';
import { LINE_ENDINGS, LineFramer, isBinary, parseHex, toHex, type LineEnding } from './framing.ts';
import { OcppLifter, observeLifted, type LiftedFrame } from './lift.ts';
import type { SerialLink, SerialPortInfo, SerialPorts, SerialSettings } from './port.ts';
import { expectation, renderCommand, type PresetCommand } from './presets.ts';

export interface ConsoleLine {
  readonly seq: number;
  readonly at: number;
  /** rx: from the charger; tx: what was sent to it. */
  readonly dir: 'rx' | 'tx';
  readonly text: string;
  /** The bytes in hex where the line is binary (the text is then only an approximation). */
  readonly hex: string | null;
  /** False when the line was flushed without an ending (a prompt, a pause). */
  readonly complete: boolean;
  /** Sequence numbers of the OCPP frames lifted from this line (links into the message log). */
  frames?: number[];
}

export type ConsolePhase = 'opening' | 'open' | 'reconnecting' | 'closed';

export interface ConsoleState {
  readonly consoleId: string;
  readonly path: string;
  readonly settings: SerialSettings;
  readonly lineEnding: LineEnding;
  readonly chargerId: string;
  readonly sessionId: string;
  readonly phase: ConsolePhase;
  /** Why it is reconnecting or closed, or null. */
  readonly reason: string | null;
  readonly since: string;
  readonly bytesIn: number;
  readonly bytesOut: number;
  readonly lifted: number;
  readonly dropped: number;
  /** Commands sent, newest last. */
  readonly history: readonly string[];
  /** The adapter, as listed when opened (to find it again after a re-plug). */
  readonly device: SerialPortInfo | null;
}

export type ConsoleEvents = {
  line: ConsoleLine;
  state: ConsoleState;
  frame: FrameRecord;
  event: EventRecord;
};

export interface ConsoleOptions {
  readonly consoleId: string;
  readonly ports: SerialPorts;
  readonly path: string;
  readonly settings: SerialSettings;
  readonly lineEnding: LineEnding;
  readonly chargerId: string;
  readonly session: SessionRecorder;
  /** How often to look for an unplugged adapter (ms). */
  readonly replugPollMs?: number;
  /** Quiet time after which a line without an ending is shown (ms). */
  readonly flushAfterMs?: number;
}

export interface PresetRun {
  readonly ok: boolean;
  readonly sent: string;
  /** The response line that matched, or null. */
  readonly matched: string | null;
  /** The lines received while waiting. */
  readonly lines: readonly string[];
  readonly reason: string | null;
}

const MAX_LINES = 20_000;
const MAX_HISTORY = 100;

export class SerialConsole extends Emitter<ConsoleEvents> {
  private link: SerialLink | undefined;
  private readonly framer: LineFramer;
  private readonly lifter: OcppLifter;
  private readonly inspector = new FrameInspector('central');
  private readonly lines: ConsoleLine[] = [];
  private seq = 0;
  private lineForLifter: ConsoleLine | undefined;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private replugTimer: ReturnType<typeof setTimeout> | undefined;
  private closedByUser = false;
  private state: ConsoleState;

  constructor(private readonly options: ConsoleOptions) {
    super();
    this.framer = new LineFramer(options.lineEnding, ({ bytes, at, complete }) => this.onLine(bytes, at, complete));
    this.lifter = new OcppLifter((frame) => this.onLifted(frame));
    this.state = {
      consoleId: options.consoleId,
      path: options.path,
      settings: options.settings,
      lineEnding: options.lineEnding,
      chargerId: options.chargerId,
      sessionId: options.session.id,
      phase: 'opening',
      reason: null,
      since: new Date().toISOString(),
      bytesIn: 0,
      bytesOut: 0,
      lifted: 0,
      dropped: 0,
      history: [],
      device: null,
    };
  }

  current(): ConsoleState {
    return this.state;
  }

  /** The latest lines after seq (the UI's history on opening the page). */
  linesAfter(afterSeq = 0, limit = 5_000): ConsoleLine[] {
    const from = this.lines.findIndex((l) => l.seq > afterSeq);
    return from === -1 ? [] : this.lines.slice(from).slice(-limit);
  }

  async open(): Promise<ConsoleState> {
    const device = (await listedPorts(this.options.ports)).find((p) => p.path === this.options.path) ?? null;
    this.setState({ device });
    await this.connect(this.options.path);
    return this.state;
  }

  /** Sends text (the line ending is added) or hex bytes (sent as they are). */
  async send(input: { readonly text?: string; readonly hex?: string }): Promise<number> {
    let bytes: Buffer;
    let shown: string;
    if (input.hex !== undefined) {
      const parsed = parseHex(input.hex);
      if (!parsed.ok) throw new Error(`not sent: ${parsed.reason}`);
      bytes = parsed.bytes;
      shown = toHex(bytes);
    } else {
      const text = input.text ?? '';
      bytes = Buffer.from(text + LINE_ENDINGS[this.state.lineEnding === 'auto' ? 'crlf' : this.state.lineEnding]);
      shown = text;
    }
    if (!this.link || this.state.phase !== 'open')
      throw new Error(`not sent: the port is ${this.state.phase}${this.state.reason ? ` (${this.state.reason})` : ''}`);
    this.recordBytes('serial-tx', bytes);
    await this.link.write(bytes).catch((err: Error) => {
      // The bytes above are recorded as given to the port: say that they did not leave.
      this.record({ kind: 'serial-tx-failed', bytes: bytes.length, reason: err.message });
      throw new Error(`not sent: ${err.message}`);
    });
    const history = [...this.state.history.filter((h) => h !== shown), shown].slice(-MAX_HISTORY);
    this.setState({ bytesOut: this.state.bytesOut + bytes.length, history });
    this.addLine({ seq: ++this.seq, at: Date.now(), dir: 'tx', text: shown, hex: input.hex !== undefined ? shown : null, complete: true });
    return bytes.length;
  }

  /** Sends a preset command and waits for its expected response (or the timeout). */
  async runPreset(command: PresetCommand, values: Readonly<Record<string, string>>): Promise<PresetRun> {
    const rendered = renderCommand(command, values);
    if (!rendered.ok) return { ok: false, sent: '', matched: null, lines: [], reason: rendered.reason };
    const expect = expectation(command);
    const received: string[] = [];
    const timeoutMs = command.timeoutMs ?? 5_000;
    let stop = () => {};
    const outcome = new Promise<PresetRun>((resolve) => {
      const timer = setTimeout(
        () => {
          off();
          resolve({
            ok: expect === null,
            sent: rendered.text,
            matched: null,
            lines: received,
            reason: expect === null ? null : `no line matching /${expect.source}/ within ${timeoutMs} ms`,
          });
        },
        expect === null ? Math.min(timeoutMs, 1_000) : timeoutMs,
      );
      const off = this.on('line', (line) => {
        if (line.dir !== 'rx') return;
        received.push(line.text);
        if (expect?.test(line.text)) {
          clearTimeout(timer);
          off();
          resolve({ ok: true, sent: rendered.text, matched: line.text, lines: received, reason: null });
        }
      });
      stop = () => {
        clearTimeout(timer);
        off();
      };
    });
    try {
      await this.send({ text: rendered.text });
    } catch (err) {
      stop();
      return { ok: false, sent: rendered.text, matched: null, lines: [], reason: (err as Error).message };
    }
    return outcome;
  }

  setLineEnding(ending: LineEnding): void {
    this.framer.setEnding(ending);
    this.setState({ lineEnding: ending });
  }

  async close(): Promise<void> {
    this.closedByUser = true;
    clearTimeout(this.replugTimer);
    clearTimeout(this.flushTimer);
    const link = this.link;
    this.link = undefined;
    await link?.close();
    this.framer.flush();
    this.lifter.end();
    this.record({ kind: 'serial-closed', reason: 'closed by the user' });
    this.setState({ phase: 'closed', reason: null, ...this.liftCounts() });
    this.options.session.close();
  }

  private async connect(path: string): Promise<void> {
    const link = await this.options.ports.open(path, this.options.settings);
    if (this.closedByUser) {
      await link.close();
      return;
    }
    this.link = link;
    link.onData((data, at) => this.onData(data, at));
    link.onClose((reason) => this.onClosed(link, reason));
    this.record({ kind: 'serial-open', path, settings: this.options.settings, device: this.state.device });
    this.setState({ phase: 'open', reason: null, path });
  }

  private onData(data: Buffer, at: number): void {
    this.recordBytes('serial-rx', data);
    this.state = { ...this.state, bytesIn: this.state.bytesIn + data.length };
    this.framer.push(data, at);
    clearTimeout(this.flushTimer);
    this.flushTimer = setTimeout(() => this.framer.flush(), this.options.flushAfterMs ?? 250);
  }

  private onClosed(link: SerialLink, reason: string | null): void {
    if (this.link !== link || this.closedByUser) return;
    this.link = undefined;
    this.framer.flush();
    const why = reason ?? 'the port closed';
    this.record({ kind: 'serial-lost', reason: why });
    this.setState({ phase: 'reconnecting', reason: why, ...this.liftCounts() });
    this.scheduleReplug();
  }

  /** Looks for the adapter again (by its USB identity where known, else at the same path) and reopens it. */
  private scheduleReplug(): void {
    this.replugTimer = setTimeout(async () => {
      if (this.closedByUser) return;
      const listed = await listedPorts(this.options.ports);
      const device = this.state.device;
      const same = device?.serialNumber
        ? listed.find((p) => p.serialNumber === device.serialNumber && p.vendorId === device.vendorId && p.productId === device.productId)
        : undefined;
      const path = same?.path ?? this.state.path;
      try {
        await this.connect(path);
        this.record({ kind: 'serial-reconnected', path });
      } catch {
        this.scheduleReplug();
      }
    }, this.options.replugPollMs ?? 500);
  }

  private onLine(bytes: Buffer, at: number, complete: boolean): void {
    const binary = isBinary(bytes);
    const text = bytes.toString('utf8');
    // Shown (UI, terminal) with the secrets a charger prints masked, as they are in the recording.
    const line: ConsoleLine = { seq: ++this.seq, at, dir: 'rx', text: binary ? text : maskText(text), hex: binary ? toHex(bytes) : null, complete };
    if (!binary) {
      // Lifted before the line is shown, so the line carries the links to its frames.
      this.lineForLifter = line;
      this.lifter.push(text);
      this.lineForLifter = undefined;
    }
    this.addLine(line);
  }

  private onLifted(lifted: LiftedFrame): void {
    const record = this.options.session.appendFrame(this.options.chargerId, 'serial', observeLifted(this.inspector, lifted));
    if (this.lineForLifter) (this.lineForLifter.frames ??= []).push(record.seq);
    this.emit('frame', record);
    this.setState(this.liftCounts());
  }

  private addLine(line: ConsoleLine): void {
    this.lines.push(line);
    if (this.lines.length > MAX_LINES) this.lines.splice(0, this.lines.length - MAX_LINES);
    this.emit('line', line);
  }

  private liftCounts(): Pick<ConsoleState, 'lifted' | 'dropped'> {
    return { lifted: this.lifter.stats.lifted, dropped: this.lifter.stats.dropped };
  }

  private recordBytes(kind: 'serial-rx' | 'serial-tx', bytes: Buffer): void {
    this.record({ kind, bytes: bytes.length, base64: bytes.toString('base64') });
  }

  private record(event: { readonly kind: string; readonly [key: string]: unknown }): void {
    const record = this.options.session.append({ t: 'event', charger: this.options.chargerId, leg: 'serial', event }) as EventRecord;
    this.emit('event', record);
  }

  private setState(change: Partial<ConsoleState>): void {
    const phaseChanged = change.phase !== undefined && change.phase !== this.state.phase;
    this.state = { ...this.state, ...change, ...(phaseChanged ? { since: new Date().toISOString() } : {}) };
    this.emit('state', this.state);
  }
}

/** The ports listed now; a listing that failed counts as none (the console then keeps its path). */
async function listedPorts(ports: SerialPorts): Promise<readonly SerialPortInfo[]> {
  return (await ports.list().catch(() => null))?.ports ?? [];
}
