/** Test support: a small recorded session made up in memory (a header and heartbeats), for bundles and exports. */
import { RECORDING_VERSION, type SessionHeader, type SessionRecord } from '../store/records.ts';
import type { OpenedBundle } from '../sessions/bundle.ts';

/** Every record of an opened bundle at once (a test's bundles are small), its unpacked recording then removed. */
export async function recordsOf(opened: OpenedBundle): Promise<SessionRecord[]> {
  const recording = await opened.recording;
  try {
    return [...recording.all()];
  } finally {
    recording.close();
  }
}

export const TEST_HEADER: SessionHeader = {
  t: 'session',
  v: RECORDING_VERSION,
  id: '20261130-090000-CP1-abcdef',
  chargerId: 'CP1',
  source: 'central',
  started: '2026-11-30T09:00:00.000Z',
  app: '0.1.0',
};

/** n Heartbeat CALLs from CP1, one a second from the header's start. */
export function heartbeats(n: number, header: SessionHeader = TEST_HEADER): SessionRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    t: 'frame',
    seq: i + 1,
    at: new Date(Date.parse(header.started) + i * 1000).toISOString(),
    charger: header.chargerId,
    leg: 'charger',
    dir: 'rx',
    raw: `[2,"${i}","Heartbeat",{}]`,
    type: 2,
    id: String(i),
    action: 'Heartbeat',
    issues: [],
  })) as SessionRecord[];
}
