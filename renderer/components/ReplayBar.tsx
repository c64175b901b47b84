/**
 * A recorded session is read-only: this bar says so, and plays it again in time (1×, 10×, 100×) into
 * a charger of its own, with pause and speed while it runs.
 */
import { useTranslation } from 'react-i18next';
import { useApp, useCommand, useHostContext } from '../hooks.ts';
import { actions } from '../state/app-store.ts';
import { Badge, CommandState } from './common.tsx';

const SPEEDS = [1, 10, 100] as const;

export function ReplayBar({ chargerId }: { chargerId: string }) {
  const { t } = useTranslation();
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
      <Badge tone="info">{t('replay.recorded')}</Badge>{' '}
      {replay ? t('replay.of', { of: replay.of }) : t('replay.readOnly', { what: recorded === 'library' ? t('replay.librarySession') : recorded })}.{' '}
      {replay ? (
        <span data-testid="replay-state" data-finished={String(replay.finished)}>
          {replay.finished ? t('replay.finished') : replay.playing ? t('replay.playing', { speed: replay.speed }) : t('replay.paused')}:{' '}
          {t('replay.records', { played: replay.played, total: replay.total })}
          {replay.at ? `, ${t('replay.at', { at: replay.at.slice(11, 19) })}` : ''}{' '}
          {!replay.finished && (
            <>
              <button type="button" className="small" onClick={() => control({ replayId: chargerId, playing: !replay.playing })} data-testid="replay-pause">
                {replay.playing ? t('replay.pause') : t('replay.resume')}
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
          {t('replay.inTime')}{' '}
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
