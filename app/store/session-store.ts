/** Where sessions live: <data>/sessions/<id>.jsonl, one file per charger per run of the central system. */
import { join } from 'node:path';
import { APP_VERSION } from '../lib/version.ts';
import { SessionRecorder } from './recorder.ts';
import type { SessionSource } from './records.ts';

export function sessionsDir(dataDir: string): string {
  return join(dataDir, 'sessions');
}

export interface SessionStoreOptions {
  readonly dataDir: string;
  readonly clock?: () => Date;
  readonly onWriteProblem?: (sessionId: string, problem: Error | null) => void;
}

export function sessionOpener(options: SessionStoreOptions, source: SessionSource) {
  return (chargerId: string | null, sourceNow: SessionSource = source): SessionRecorder => {
    // Not const: onWriteProblem may run inside the constructor, before a const would exist.
    let recorder: SessionRecorder | undefined;
    // eslint-disable-next-line prefer-const
    recorder = new SessionRecorder({
      dir: sessionsDir(options.dataDir),
      chargerId,
      source: sourceNow,
      appVersion: APP_VERSION,
      ...(options.clock ? { clock: options.clock } : {}),
      onWriteProblem: (problem) => options.onWriteProblem?.(recorder?.id ?? '(new session)', problem),
    });
    return recorder;
  };
}
