/**
 * A recorded session is read-only: this bar says so, and plays it again in time (1×, 10×, 100×) into
 * a charger of its own, with pause and speed while it runs.
 */
import { useApp, useCommand, useHostContext } from '../hooks.ts';
import { actions } from '../state/app-store.ts';
import { Badge, CommandState } from './common.tsx';

const SPEEDS = [1, 10, 100] as const;

export function ReplayBar({ chargerId }: { chargerId: string }) {
  const { store } = useHostContext();
  const recorded = useApp((s) => s.chargers[chargerId]?.summary?.recorded);
  const replay = useApp((s) => s.replays[chargerId]);
  const [started, start] = useCommand('replay.start');
  const [controlled, control] = useCommand('replay.control');
  if (!recorded && !replay) return null;
  const play = async (speed: (typeof SPEEDS)[number]) => {
    const state = await start({ chargerId, speed });
    if (state) actions.select(store, state.replayId, 'charger');
  };
  return (
    <div className="banner replay-bar" data-testid="replay-bar">
      <Badge tone="info">recorded</Badge> {replay ? `Replay of ${replay.of}` : `Read-only: ${recorded === 'library' ? 'a session of the library' : recorded}`}.{' '}
      {replay ? (
        <span data-testid="replay-state" data-finished={String(replay.finished)}>
          {replay.finished ? 'Finished' : replay.playing ? `Playing at ${replay.speed}×` : 'Paused'}: {replay.played} of {replay.total} records
          {replay.at ? `, at ${replay.at.slice(11, 19)}` : ''}{' '}
          {!replay.finished && (
            <>
              <button type="button" className="small" onClick={() => control({ replayId: chargerId, playing: !replay.playing })} data-testid="replay-pause">
                {replay.playing ? 'Pause' : 'Resume'}
              </button>
              {SPEEDS.map((speed) => (
                <button
                  key={speed}
                  type="button"
                  className={`small ${replay.speed === speed ? 'active' : ''}`}
                  onClick={() => control({ replayId: chargerId, speed })}
                >
                  {speed}×
                </button>
              ))}
            </>
          )}
        </span>
      ) : (
        <span>
          Replay it in time:{' '}
          {SPEEDS.map((speed) => (
            <button key={speed} type="button" className="small" onClick={() => play(speed)} data-testid={`replay-${speed}`}>
              {speed}×
            </button>
          ))}
        </span>
      )}
      <CommandState pending={started} />
      <CommandState pending={controlled} />
    </div>
  );
}
