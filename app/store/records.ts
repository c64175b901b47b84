/**
 * The session recording format: one JSON object a line, appended as things happen.
 * Line 1 is the header; then frames and connection events, each with a sequence number that is
 * monotonic within the session. Frames are the source of truth: everything else is rebuilt from them.
 */
import type { FrameObservation } from '../ocpp/endpoint.ts';
import { parseFrame, type Frame } from '../ocpp/frames.ts';

/** 2: a frame that is one line of JSON is kept verbatim as its record's last member, `frame` (see recordFromLine). 1: always `raw`. */
export const RECORDING_VERSION = 2;

/** Which connection a frame travelled on: the charger's own, the relay's upstream, or a serial console. */
export type Leg = 'charger' | 'upstream' | 'serial';

export type SessionSource = 'central' | 'relay' | 'serial' | 'import';

export interface SessionHeader {
  readonly t: 'session';
  readonly v: number;
  readonly id: string;
  readonly chargerId: string | null;
  readonly source: SessionSource;
  readonly started: string;
  readonly app: string;
}

/** A frame as the endpoint saw it pass, placed in the session: which charger, which leg, when. */
export interface FrameRecord extends Omit<FrameObservation, 'parsed'> {
  readonly t: 'frame';
  readonly seq: number;
  /** ISO 8601 with milliseconds, UTC. */
  readonly at: string;
  readonly charger: string | null;
  readonly leg: Leg;
}

/** Connection facts (connected, refused, closed …). Their shapes belong to the adapters that raise them. */
export interface EventRecord {
  readonly t: 'event';
  readonly seq: number;
  readonly at: string;
  readonly charger: string | null;
  readonly leg: Leg;
  readonly event: { readonly kind: string };
}

/** A diagnostics file the charger uploaded, filed in its session; the file itself is in <data>/diagnostics/. */
export interface DiagnosticsReceivedEvent {
  readonly kind: 'diagnostics-received';
  /** Its name in the diagnostics folder. */
  readonly name: string;
  readonly bytes: number;
  readonly sha256?: string;
  readonly via: 'http' | 'ftp';
}

export function isDiagnosticsReceived(event: { readonly kind: string }): event is DiagnosticsReceivedEvent {
  const e = event as Partial<DiagnosticsReceivedEvent>;
  return e.kind === 'diagnostics-received' && typeof e.name === 'string' && typeof e.bytes === 'number';
}

export type SessionRecord = FrameRecord | EventRecord;
export type RecordInput = Omit<FrameRecord, 'seq' | 'at'> | Omit<EventRecord, 'seq' | 'at'>;

/**
 * The parsed frame rides on a live record under a symbol: JSON and structured clone leave symbol keys
 * out, so neither the file nor the UI sees it. (A WeakMap beside the records cost the garbage
 * collector more than the second parse it saved.)
 */
const PARSED = Symbol('parsed frame');

/** Keeps the frame parsed on arrival with its record: the charger model then reads it without parsing raw again. */
export function rememberParsed(record: FrameRecord, frame: Frame): void {
  (record as FrameRecord & { [PARSED]?: Frame })[PARSED] = frame;
}

/** A frame record's OCPP-J frame: the one parsed on arrival where there was one, else parsed from raw now; undefined when raw is not a frame. */
export function frameOf(record: FrameRecord): Frame | undefined {
  const known = (record as FrameRecord & { [PARSED]?: Frame })[PARSED];
  if (known) return known;
  const parsed = parseFrame(record.raw);
  return parsed.ok ? parsed.frame : undefined;
}

/**
 * Where a frame record keeps its text verbatim: `{"t":"frame",…,"frame":<the frame as received>}`.
 * The text is already JSON, so it goes in as it came, not escaped into a string: escaping a
 * MeterValues of ~900 bytes was the costliest step of writing its record. Frames that are not JSON,
 * span lines or were masked keep the `raw` string of version 1.
 */
export const VERBATIM_KEY = ',"frame":';
const FRAME_LINE = '{"t":"frame",';

/** The frame text can go into a line verbatim: it parsed as an OCPP-J array and has no line break. */
export function verbatimFits(raw: string): boolean {
  return raw.charCodeAt(0) === 91 /* [ */ && raw.charCodeAt(raw.length - 1) === 93 /* ] */ && raw.indexOf('\n') < 0 && raw.indexOf('\r') < 0;
}

/**
 * One line of a recording as a record; throws (as JSON.parse) on a damaged line. A frame kept
 * verbatim (version 2) gets its exact text back as `raw`, cut from the line: its first `,"frame":`
 * follows only our own fields, where a quote inside a string is always escaped.
 */
export function recordFromLine(line: string): SessionRecord {
  if (line.startsWith(FRAME_LINE) && line.charCodeAt(line.length - 1) === 125 /* } */) {
    const at = line.indexOf(VERBATIM_KEY);
    if (at > 0) {
      const record = JSON.parse(`${line.slice(0, at)}}`) as { raw?: string };
      if (record.raw === undefined) {
        record.raw = line.slice(at + VERBATIM_KEY.length, -1);
        return record as SessionRecord;
      }
    }
  }
  return JSON.parse(line) as SessionRecord;
}
