/**
 * The session recording format: one JSON object a line, appended as things happen.
 * Line 1 is the header; then frames and connection events, each with a sequence number that is
 * monotonic within the session. Frames are the source of truth: everything else is rebuilt from them.
 */
import type { FrameObservation } from '../ocpp/endpoint.ts';
import { parseFrame, type Frame } from '../ocpp/frames.ts';

export const RECORDING_VERSION = 1;

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
