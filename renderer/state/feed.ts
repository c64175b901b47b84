/**
 * Connects the host's event stream to the store. The host sends its events in batches, one per tick
 * (its event-batches.ts: the one batching point), and each batch is applied here at once in one
 * store update (never one per frame), so a busy charger or a thousand frames a second cost one
 * render per tick. The initial picture is fetched once (history of each charger), then events
 * continue it; overlaps are dropped by sequence number.
 */
import i18next from 'i18next';
import { said } from '../said.ts';
import type { FrameRecord, HostApi, HostEvent } from '../../app/host/contract.ts';
import { actions, appendConsoleLines, chargerEntry, newerRun, type AppState, type AppStore, type ChargerEntry, type SerialUiState } from './app-store.ts';
import { applyViewChanges, isCompleteView, mergeFetchedView } from './view-changes.ts';

/** The reason the host gives when the user closed a recording: nothing to tell them. */
const CLOSED_BY_USER = 'closed by the user';

const QUIET_EVENTS = new Set(['ping', 'serial-rx', 'serial-tx']);

export interface Feed {
  /** Fetches the central state, charger list and each charger's history. */
  load(): Promise<void>;
  stop(): void;
}

export function attachFeed(host: HostApi, store: AppStore, options: { historyFrames?: number } = {}): Feed {
  let listStale = false;
  let connectStale = false;
  let refusalsStale = false;
  const refreshRefusals = () => {
    refusalsStale = false;
    host.invoke('connect.refusals', {}).then(
      ({ refusals }) => store.setState({ listenerRefusals: refusals }),
      () => {},
    );
  };
  const loaded = new Set<string>();

  const apply = (batch: readonly HostEvent[]) => {
    if (batch.length === 0) return;
    const frames: FrameRecord[] = [];
    const changes: { -readonly [K in keyof AppState]?: AppState[K] } = {};
    let chargers: Record<string, ChargerEntry> | null = null;
    const entry = (id: string) => {
      chargers ??= { ...store.getState().chargers };
      return (chargers[id] ??= chargerEntry(store.getState(), id));
    };
    let readiness = store.getState().readiness;
    for (const event of batch) {
      switch (event.name) {
        case 'frame':
          frames.push(event.data);
          break;
        case 'connection':
          // Console bytes and pings change nothing in the charger list.
          if (!QUIET_EVENTS.has(event.data.event.kind)) listStale = true;
          // A refusal before any charger could be named (TLS, limits): the Connect page lists those too.
          if (event.data.charger === null && event.data.event.kind === 'refused') refusalsStale = true;
          break;
        case 'serial.state': {
          const serial = changes.serial ?? store.getState().serial;
          changes.serial = { ...serial, consoles: { ...serial.consoles, [event.data.consoleId]: event.data } };
          listStale = true;
          break;
        }
        case 'replay.state':
          changes.replays = { ...(changes.replays ?? store.getState().replays), [event.data.replayId]: event.data };
          break;
        case 'recorded.closed': {
          // Gone from the sidebar; a page showing it shows nothing rather than a stale copy.
          const { [event.data.chargerId]: _closed, ...rest } = chargers ?? store.getState().chargers;
          chargers = rest;
          if (store.getState().selected === event.data.chargerId) changes.selected = null;
          if (event.data.reason !== CLOSED_BY_USER)
            actions.notify(store, 'info', i18next.t('feed.recordingClosed', { id: event.data.chargerId, reason: said(event.data.said, event.data.reason) }));
          listStale = true;
          break;
        }
        case 'serial.lines':
          changes.serial = appendConsoleLines(changes.serial ?? store.getState().serial, event.data.consoleId, event.data.lines);
          break;
        case 'central.state':
          changes.central = event.data;
          connectStale = true; // the URLs to give chargers follow the ports
          break;
        case 'charger.update': {
          const { chargerId, changes, samples } = event.data;
          const current = entry(chargerId);
          const added = current.series.append(samples);
          const view = applyViewChanges(current.view ?? current.viewFromUpdates ?? null, changes);
          chargers![chargerId] = {
            ...current,
            ...(isCompleteView(view) ? { view, viewFromUpdates: null } : { viewFromUpdates: view }),
            seriesVersion: current.seriesVersion + (added > 0 ? 1 : 0),
          };
          if (!loaded.has(chargerId)) listStale = true;
          break;
        }
        case 'readiness.step': {
          readiness = { ...readiness, [event.data.chargerId]: newerRun(readiness[event.data.chargerId], event.data.run) };
          changes.readiness = readiness;
          break;
        }
        case 'relay.state': {
          const relay = changes.relay ?? store.getState().relay;
          changes.relay = { ...relay, states: { ...relay.states, [event.data.chargerId]: event.data } };
          break;
        }
        case 'store.problem':
          actions.notify(
            store,
            event.data.message ? 'error' : 'info',
            event.data.message
              ? i18next.t('feed.recordingProblem', { session: event.data.sessionId, message: event.data.message })
              : i18next.t('feed.recordingRecovered', { session: event.data.sessionId }),
          );
          break;
      }
    }
    if (frames.length > 0) {
      store.getState().log.append(frames);
      changes.logVersion = store.getState().logVersion + 1;
    }
    if (chargers) changes.chargers = chargers;
    store.setState(changes);
    if (listStale) void refreshList();
    if (refusalsStale) refreshRefusals();
    if (connectStale) {
      connectStale = false;
      host.invoke('connect.info', {}).then(
        (connect) => store.setState({ connect }),
        () => {},
      );
    }
  };

  const refreshList = async () => {
    listStale = false;
    try {
      const list = await host.invoke('chargers.list', {});
      const chargers = { ...store.getState().chargers };
      for (const summary of list) chargers[summary.id] = { ...chargerEntry(store.getState(), summary.id), ...chargers[summary.id], summary };
      store.setState({ chargers, selected: store.getState().selected ?? list[0]?.id ?? null });
      // One charger whose history cannot be had (said once) never keeps the others off the list.
      const fresh = list.filter((c) => !loaded.has(c.id));
      const results = await Promise.allSettled(fresh.map((c) => loadCharger(c.id)));
      results.forEach((r, i) => {
        if (r.status === 'rejected') actions.notify(store, 'error', i18next.t('feed.cannotLoad', { id: fresh[i]!.id, message: (r.reason as Error).message }));
      });
    } catch (err) {
      actions.notify(store, 'error', i18next.t('feed.cannotList', { message: (err as Error).message }));
    }
  };

  /** A charger's history: its model's samples and its recent frames (events then continue both). */
  const loadCharger = async (id: string) => {
    loaded.add(id);
    const [{ view, samples }, records] = await Promise.all([
      host.invoke('charger.view', { chargerId: id }),
      host.invoke('session.records', { chargerId: id, limit: options.historyFrames ?? 20_000 }).catch(() => null),
    ]);
    const current = chargerEntry(store.getState(), id);
    // History goes before anything live that streamed in meanwhile; the newer of the fetched view and the updates' wins.
    const series = current.series.withHistory(samples);
    const merged = mergeFetchedView(view, current.view ?? current.viewFromUpdates);
    store.setState((s) => ({
      chargers: { ...s.chargers, [id]: { ...current, view: merged, viewFromUpdates: null, series, seriesVersion: current.seriesVersion + 1 } },
    }));
    if (records) {
      store.getState().log.insertHistory(records.records.filter((r): r is FrameRecord => r.t === 'frame'));
      store.setState((s) => ({ logVersion: s.logVersion + 1 }));
    }
  };

  /** The consoles open now, their recent lines and the presets (a host without serial ports still imports logs). */
  const loadSerial = async () => {
    const [consoles, presets, supported] = await Promise.all([
      host.invoke('serial.state', {}).catch(() => []),
      host.invoke('serial.presets', {}).catch(() => []),
      host.invoke('serial.ports', {}).then(
        () => true,
        () => false,
      ),
    ]);
    let serial: SerialUiState = { ...store.getState().serial, consoles: Object.fromEntries(consoles.map((c) => [c.consoleId, c])), presets, supported };
    for (const c of consoles) {
      const { lines } = await host.invoke('serial.lines', { consoleId: c.consoleId }).catch(() => ({ lines: [] }));
      serial = appendConsoleLines(serial, c.consoleId, lines);
    }
    store.setState({ serial });
  };

  const unsubscribe = host.subscribe(apply);

  return {
    async load() {
      const [info, connect, central, targets, relayStates] = await Promise.all([
        host.invoke('app.info', {}),
        host.invoke('connect.info', {}),
        host.invoke('central.state', {}),
        host.invoke('relay.targets', {}),
        host.invoke('relay.state', {}),
      ]);
      store.setState({ info, connect, central, relay: { targets, states: Object.fromEntries(relayStates.map((s) => [s.chargerId, s])) } });
      await loadSerial();
      refreshRefusals();
      await refreshList();
      store.setState({ hostState: 'ready' });
    },
    stop() {
      unsubscribe();
    },
  };
}
