/**
 * A saved console log turned into a session: the file's bytes recorded as they are, and every OCPP
 * frame lifted from it recorded as the serial leg at the time its line printed (or the last printed
 * time before it), so the graphs, the status timeline and the passive checks work from the log alone.
 */
import { FrameInspector } from '../ocpp/inspector.ts';
import type { SessionRecorder } from '../store/recorder.ts';
import type { EventRecord, FrameRecord } from '../store/records.ts';
import { OcppLifter, observeLifted, type LiftStats } from './lift.ts';

export interface ImportedLog {
  readonly sessionId: string;
  readonly chargerId: string;
  readonly lines: number;
  readonly stats: LiftStats;
  /** Lifted frames without a printed date and time before them: recorded at the time of the import. */
  readonly undated: number;
  readonly records: readonly (FrameRecord | EventRecord)[];
}

/** Bytes of the file per recorded event (a 10 MB log is some 200 records, not one huge line). */
const CHUNK = 48 * 1024;

export function importLog(content: Buffer, fileName: string, chargerId: string, session: SessionRecorder, now = Date.now()): ImportedLog {
  const records: (FrameRecord | EventRecord)[] = [];
  const event = (e: { readonly kind: string; readonly [key: string]: unknown }) =>
    records.push(session.append({ t: 'event', charger: chargerId, leg: 'serial', event: e }) as EventRecord);
  event({ kind: 'serial-import', file: fileName, bytes: content.length });
  for (let i = 0; i < content.length; i += CHUNK) {
    const chunk = content.subarray(i, i + CHUNK);
    event({ kind: 'serial-rx', bytes: chunk.length, base64: chunk.toString('base64') });
  }
  const inspector = new FrameInspector('central');
  let lastPrinted: number | null = null;
  let undated = 0;
  const lifter = new OcppLifter((lifted) => {
    if (lifted.printedAt !== null) lastPrinted = lifted.printedAt;
    if (lastPrinted === null) undated++;
    records.push(session.appendFrame(chargerId, 'serial', observeLifted(inspector, lifted), lastPrinted ?? now));
  });
  const lines = content.toString('utf8').split(/\r\n|\n|\r/);
  for (const line of lines) lifter.push(line);
  lifter.end();
  event({ kind: 'serial-imported', lifted: lifter.stats.lifted, dropped: lifter.stats.dropped, lines: lines.length });
  session.flushNow();
  return { sessionId: session.id, chargerId, lines: lines.length, stats: lifter.stats, undated, records };
}
