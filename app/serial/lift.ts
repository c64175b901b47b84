/**
 * Lifting OCPP-J frames out of a charger's console log. Chargers print their OCPP traffic in many
 * styles: after a timestamp and a tag, behind "TX:", ">>", "send:", escaped inside a structured log
 * line, pretty-printed over several lines, or split by the logger into chunks that each carry the
 * prefix again. The lifter finds each frame, takes its direction from the words before it where the
 * line says it (else from who may send the action, or from the CALL an answer answers), and lifts
 * only what parses as an OCPP-J frame: a truncated or foreign array is never turned into one.
 */
import { canInitiate, isAction } from '../ocpp/actions.ts';
import type { Direction, FrameObservation } from '../ocpp/endpoint.ts';
import type { FrameInspector } from '../ocpp/inspector.ts';
import { CALL, parseFrame, type Frame } from '../ocpp/frames.ts';

export interface LiftedFrame {
  /** The frame's JSON text as printed (unescaped where the log escaped it). */
  readonly raw: string;
  /** rx: the charger sent it (to its central system); tx: the charger received it. */
  readonly dir: Direction;
  /** How the direction was decided: said by the line, by the action, by the CALL it answers, or guessed. */
  readonly directionFrom: 'line' | 'action' | 'answer' | 'guess';
  /** The time printed on the line (ms), when it carries a full date and time. */
  readonly printedAt: number | null;
  /** The log line number (1-based) where the frame started. */
  readonly line: number;
}

export interface LiftStats {
  readonly lifted: number;
  /** Frame starts that never completed (cut off by the logger) or did not parse as OCPP-J. */
  readonly dropped: number;
}

/** "[" then a message type 2, 3 or 4, a comma and the id's opening quote (escaped too): a frame may start here. */
const FRAME_START = /\[\s*([234])\s*,\s*(\\?)"/g;
/** The same, to ask whether a text has one (no shared lastIndex with the scanning loop). */
const HAS_FRAME_START = new RegExp(FRAME_START.source);
/** A line that ends in "[" may open a pretty-printed frame. */
const OPEN_BRACKET_AT_END = /\[\s*$/;
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;
const TRUNCATION_MARK = /(\.\.\.|…|\(truncated\)|\[truncated\]|<truncated>)\s*$/i;
const MAX_CONTINUATION_LINES = 64;
const MAX_FRAME_CHARS = 256 * 1024;

// Words before a frame that say which way it went, from the charger's point of view.
const SENT = /(?:\b(?:tx|send|sending|sent|out|outgoing|outbound|request to|to server|to csms|to backend|to central)\b|>>|->|=>)[\s:]*$/i;
const RECEIVED = /(?:\b(?:rx|recv|receive|received|receiving|in|incoming|inbound|from server|from csms|from backend|from central)\b|<<|<-|<=)[\s:]*$/i;
const SENT_ANYWHERE = /\b(?:tx|send|sending|sent|outgoing|outbound)\b|>>|->|=>/gi;
const RECEIVED_ANYWHERE = /\b(?:rx|recv|receive|received|receiving|incoming|inbound)\b|<<|<-|<=/gi;

const ISO_STAMP = /(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2}(?:[.,]\d{1,6})?)(Z|[+-]\d{2}:?\d{2})?/;

interface Pending {
  text: string;
  readonly line: number;
  readonly dir: { dir: Direction; from: LiftedFrame['directionFrom'] } | null;
  readonly printedAt: number | null;
  /** The prefix of the first line with digits as 0: continuation lines with the same shape lose it. */
  readonly prefixShape: string;
  lines: number;
  /** Joined without newlines: the logger split one long line (prefixes stripped). */
  chunked: boolean;
  /** Only a "[" at the end of a line so far: not counted as dropped if it comes to nothing. */
  readonly potential: boolean;
}

export class OcppLifter {
  private pending: Pending | undefined;
  private lineNo = 0;
  /** The line before, for a frame printed on lines of its own under a header ("sending:"). */
  private previous = '';
  private droppedCount = 0;
  private liftedCount = 0;
  /** CALL ids lifted so far and their direction, to give answers the opposite one. */
  private readonly calls = new Map<string, Direction>();

  constructor(private readonly onFrame: (frame: LiftedFrame) => void) {}

  get stats(): LiftStats {
    return { lifted: this.liftedCount, dropped: this.droppedCount };
  }

  /** One log line (without its line ending). */
  push(rawLine: string): void {
    this.lineNo++;
    const line = rawLine.replace(ANSI, '');
    if (!(this.pending && this.continues(line))) this.scan(line, 0);
    this.previous = line;
  }

  /** The log ended: a frame still open was cut off. */
  end(): void {
    if (this.pending) this.drop();
  }

  /** Looks for frame starts in line from position `from`. */
  private scan(line: string, from: number): void {
    FRAME_START.lastIndex = from;
    let match: RegExpExecArray | null;
    while ((match = FRAME_START.exec(line))) {
      const start = match.index;
      const escaped = match[2] === '\\';
      const before = this.context(line.slice(0, start));
      const dir = directionSaid(before);
      const printedAt = stampOf(before);
      if (escaped) {
        const inner = unescapeQuoted(line, start);
        if (inner) this.complete(inner, dir, printedAt, this.lineNo);
        else this.droppedCount++;
        FRAME_START.lastIndex = start + 1;
        continue;
      }
      const end = balancedEnd(line, start);
      if (end === -1) {
        if (TRUNCATION_MARK.test(line)) {
          this.droppedCount++;
          return;
        }
        this.pending = { text: line.slice(start), line: this.lineNo, dir, printedAt, prefixShape: shape(before), lines: 1, chunked: false, potential: false };
        return;
      }
      this.complete(line.slice(start, end + 1), dir, printedAt, this.lineNo);
      FRAME_START.lastIndex = end + 1;
    }
    // A line ending in "[" (after "sending:", say) may open a pretty-printed frame on the next lines.
    if (OPEN_BRACKET_AT_END.test(line)) {
      const start = line.lastIndexOf('[');
      const before = this.context(line.slice(0, start));
      // Its prefix is not stripped from the next lines: a pretty-printed frame is indented, not prefixed.
      this.pending = {
        text: line.slice(start),
        line: this.lineNo,
        dir: directionSaid(before),
        printedAt: stampOf(before),
        prefixShape: '',
        lines: 1,
        chunked: false,
        potential: true,
      };
    }
  }

  /** What precedes a frame: its line's prefix, or the line before (a header such as "sending:") when the frame begins its line. */
  private context(prefix: string): string {
    if (prefix.trim() !== '') return prefix;
    return HAS_FRAME_START.test(this.previous) ? '' : this.previous;
  }

  /** Feeds a line to the open frame; false when the line is not part of it (it is then scanned afresh). */
  private continues(line: string): boolean {
    const p = this.pending!;
    const prefix = sharedPrefix(p.prefixShape, line);
    const stripped = prefix > 0 ? line.slice(prefix) : null;
    const content = stripped ?? line;
    // A new frame starting here means the open one was cut off.
    if (HAS_FRAME_START.test(content)) {
      this.drop();
      return false;
    }
    if (stripped !== null) p.chunked = true;
    p.text += p.chunked ? content : `\n${content}`;
    p.lines++;
    const compact = p.text.replace(/\s+/g, '');
    if (compact.length >= 4 && !/^\[[234],"/.test(compact)) {
      // A pretty-printed array of something else.
      this.drop();
      return false;
    }
    const end = balancedEnd(p.text, 0);
    if (end !== -1) {
      this.pending = undefined;
      this.complete(p.text.slice(0, end + 1), p.dir, p.printedAt, p.line);
      return true;
    }
    if (p.lines > MAX_CONTINUATION_LINES || p.text.length > MAX_FRAME_CHARS || TRUNCATION_MARK.test(content)) this.drop();
    return true;
  }

  private drop(): void {
    if (!this.pending?.potential) this.droppedCount++;
    this.pending = undefined;
  }

  private complete(text: string, said: Pending['dir'], printedAt: number | null, line: number): void {
    const parsed = parseFrame(text);
    if (!parsed.ok) {
      this.droppedCount++;
      return;
    }
    const { frame } = parsed;
    const decided = said ?? this.inferDirection(frame);
    if (frame.type === CALL) {
      this.calls.set(frame.id, decided.dir);
      if (this.calls.size > 1_000) this.calls.delete(this.calls.keys().next().value as string);
    }
    this.liftedCount++;
    this.onFrame({ raw: text, dir: decided.dir, directionFrom: decided.from, printedAt, line });
  }

  private inferDirection(frame: Frame): { dir: Direction; from: LiftedFrame['directionFrom'] } {
    if (frame.type === CALL) {
      if (isAction(frame.action)) {
        const byCharger = canInitiate(frame.action, 'chargePoint');
        const byCentral = canInitiate(frame.action, 'central');
        if (byCharger && !byCentral) return { dir: 'rx', from: 'action' };
        if (byCentral && !byCharger) return { dir: 'tx', from: 'action' };
      }
      return { dir: 'rx', from: 'guess' };
    }
    const call = this.calls.get(frame.id);
    if (call) return { dir: call === 'rx' ? 'tx' : 'rx', from: 'answer' };
    return { dir: 'rx', from: 'guess' };
  }
}

/** Lifts every frame of a whole log text. */
export function liftAll(text: string): { frames: LiftedFrame[]; stats: LiftStats } {
  const frames: LiftedFrame[] = [];
  const lifter = new OcppLifter((f) => frames.push(f));
  for (const line of text.split(/\r\n|\n|\r/)) lifter.push(line);
  lifter.end();
  return { frames, stats: lifter.stats };
}

/** The direction the words just before a frame state; when nothing is just before, the nearest word on the line. */
function directionSaid(before: string): Pending['dir'] {
  const tail = before.slice(-48);
  if (SENT.test(tail)) return { dir: 'rx', from: 'line' };
  if (RECEIVED.test(tail)) return { dir: 'tx', from: 'line' };
  const sent = lastIndexOf(before, SENT_ANYWHERE);
  const received = lastIndexOf(before, RECEIVED_ANYWHERE);
  if (sent === -1 && received === -1) return null;
  return { dir: sent > received ? 'rx' : 'tx', from: 'line' };
}

function lastIndexOf(text: string, pattern: RegExp): number {
  let last = -1;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) last = m.index;
  return last;
}

function stampOf(before: string): number | null {
  const m = ISO_STAMP.exec(before);
  if (!m) return null;
  const t = Date.parse(`${m[1]}T${m[2]!.replace(',', '.')}${m[3] ?? 'Z'}`);
  return Number.isFinite(t) ? t : null;
}

function shape(prefix: string): string {
  return prefix.replace(/\d/g, '0');
}

/**
 * How much of a continuation line is the logger's prefix again: the part it shares in shape with the
 * first line's prefix (digits may differ: timestamps), up to a space, at least 4 characters. 0: none.
 */
function sharedPrefix(firstShape: string, line: string): number {
  const lineShape = shape(line);
  let n = 0;
  while (n < firstShape.length && n < lineShape.length && firstShape[n] === lineShape[n]) n++;
  const cut = line.lastIndexOf(' ', n - 1) + 1;
  return cut >= 4 ? cut : 0;
}

/** Index of the "]" that closes the array opened at start, or -1 if the text ends first. Strings are skipped. */
function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i;
      if (depth < 0) return -1;
    }
  }
  return -1;
}

/**
 * A frame printed inside a quoted string ("frame":"[2,\"42\",…]"): the string's content from the
 * frame's start to its closing quote, unescaped; null when the string does not close on the line.
 */
function unescapeQuoted(line: string, start: number): string | null {
  for (let i = start; i < line.length; i++) {
    if (line[i] === '\\') {
      i++;
      continue;
    }
    if (line[i] === '"') {
      try {
        const inner = JSON.parse(`"${line.slice(start, i)}"`) as string;
        const end = balancedEnd(inner, 0);
        return end === -1 ? null : inner.slice(0, end + 1);
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** A lifted frame as it is recorded: validated and paired by the session's inspector, a guessed direction said. */
export function observeLifted(inspector: FrameInspector, lifted: LiftedFrame): FrameObservation {
  const { observation } = inspector.inspect(lifted.dir, lifted.raw);
  if (lifted.directionFrom !== 'guess') return observation;
  return {
    ...observation,
    issues: [...observation.issues, { kind: 'protocol', message: 'the log line does not say which way this frame went: guessed from the charger side' }],
  };
}
