/**
 * Reads a recorded session back. A truncated last line (the process died mid-write) is ignored;
 * a damaged line in the middle is skipped and reported, so one bad line never costs the rest.
 */
import { NamedError } from '../lib/named-error.ts';
import { readFileSync } from 'node:fs';
import { recordFromLine, type SessionHeader, type SessionRecord } from './records.ts';

export interface ReadProblem {
  readonly line: number;
  readonly reason: string;
}

export interface RecordedSession {
  readonly header: SessionHeader;
  readonly records: SessionRecord[];
  readonly problems: ReadProblem[];
  /** The file ended in a partial line, as after a crash. */
  readonly truncatedTail: boolean;
}

export class SessionReadError extends NamedError {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file} is not a Field Kit session: ${reason}`);
  }
}

export function readSession(file: string): RecordedSession {
  return parseSession(readFileSync(file, 'utf8'), file);
}

/** A recording's text (a file's, or a bundle's session.jsonl); `where` names it in errors. */
export function parseSession(text: string, where: string): RecordedSession {
  const file = where;
  const lines = text.split('\n');
  // The text after the last newline is either empty or a line that was being written.
  const tail = lines.pop() ?? '';
  const truncatedTail = tail.length > 0;
  const headerLine = lines[0];
  if (headerLine === undefined) throw new SessionReadError(file, 'the file is empty');
  let header: SessionHeader;
  try {
    header = JSON.parse(headerLine) as SessionHeader;
  } catch {
    throw new SessionReadError(file, 'the first line is not a session header');
  }
  if (header.t !== 'session') throw new SessionReadError(file, 'the first line is not a session header');
  const records: SessionRecord[] = [];
  const problems: ReadProblem[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.length === 0) continue;
    try {
      const record = recordFromLine(line);
      if ((record.t !== 'frame' && record.t !== 'event') || typeof record.seq !== 'number') throw new Error('not a frame or event');
      records.push(record);
    } catch (err) {
      problems.push({ line: i + 1, reason: (err as Error).message });
    }
  }
  return { header, records, problems, truncatedTail };
}
