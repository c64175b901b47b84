/**
 * The renderer's one store of what the host told it: the host link, the app's vocabulary, the
 * central system, every charger (summary, view and meter series), the message log, readiness runs
 * and notices. Fed by feed.ts on a schedule; components read it with narrow selectors.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  AppInfo,
  BundleDiagnostics,
  BundleManifest,
  CentralState,
  ChargerSummary,
  ChargerView,
  ConnectInfo,
  ConsoleLine,
  ConsoleState,
  PresetFile,
  RefusalFact,
  ReadinessRunState,
  RelayState,
  RelayTargetSummary,
  ReplayState,
} from '../../app/host/contract.ts';

/** Lines kept per console in the UI (the recording keeps every byte). */
export const MAX_CONSOLE_LINES = 20_000;

export interface SerialUiState {
  readonly consoles: Readonly<Record<string, ConsoleState>>;
  /** Per console, mutated in place for speed; linesVersion says when they changed. */
  readonly lines: Readonly<Record<string, ConsoleLine[]>>;
  readonly linesVersion: number;
  readonly presets: readonly PresetFile[];
  /** The host has serial ports (the desktop app, fieldkit serve); false: imports only. */
  readonly supported: boolean;
}
import { MessageLog, type LogFilter } from './log.ts';
import { SeriesBuffer } from './series.ts';

export const PAGES = ['connect', 'charger', 'log', 'config', 'smart', 'actions', 'readiness', 'console', 'sessions'] as const;
export type PageId = (typeof PAGES)[number];

export interface ChargerEntry {
  readonly id: string;
  readonly summary: ChargerSummary | null;
  readonly view: ChargerView | null;
  /** Updates that came before the first whole view (charger.view): laid under it when it arrives. */
  readonly viewFromUpdates?: Partial<ChargerView> | null;
  readonly series: SeriesBuffer;
  /** Bumped whenever series gained samples (the buffer itself is mutable, for speed). */
  readonly seriesVersion: number;
}

/** A charger's readiness run as the host keeps it (sent whole with every change; the newest version wins). */
export type ReadinessState = ReadinessRunState;

export interface Notice {
  readonly id: number;
  readonly level: 'info' | 'warn' | 'error';
  readonly text: string;
}

export interface AppState {
  readonly hostState: 'connecting' | 'ready' | 'lost';
  readonly hostProblem: string | null;
  readonly info: AppInfo | null;
  readonly connect: ConnectInfo | null;
  readonly central: CentralState | null;
  readonly chargers: Readonly<Record<string, ChargerEntry>>;
  readonly selected: string | null;
  readonly page: PageId;
  readonly log: MessageLog;
  readonly logVersion: number;
  /** A frame to show in the message log (a link from readiness evidence). */
  readonly focus: { readonly charger: string; readonly seq: number } | null;
  readonly readiness: Readonly<Record<string, ReadinessState>>;
  readonly notices: readonly Notice[];
  /** Relay targets (no passwords) and the upstream leg of each relayed charger, by charger id. */
  readonly relay: { readonly targets: readonly RelayTargetSummary[]; readonly states: Readonly<Record<string, RelayState>> };
  readonly serial: SerialUiState;
  /** Replays of recorded sessions, by the charger id they play into. */
  readonly replays: Readonly<Record<string, ReplayState>>;
  /** Connection attempts refused before a charger could be named (a certificate not trusted, plain ws to wss …). */
  readonly listenerRefusals: readonly RefusalFact[];
  /** The diagnostics files of each bundle opened this run, by the charger id it is shown as (to save them later). */
  readonly bundleDiagnostics: Readonly<Record<string, readonly BundleDiagnostics[]>>;
}

export type AppStore = StoreApi<AppState>;

export function createAppStore(): AppStore {
  return createStore<AppState>(() => ({
    hostState: 'connecting',
    hostProblem: null,
    info: null,
    connect: null,
    central: null,
    chargers: {},
    selected: null,
    page: 'connect',
    log: new MessageLog(),
    logVersion: 0,
    focus: null,
    readiness: {},
    notices: [],
    relay: { targets: [], states: {} },
    serial: { consoles: {}, lines: {}, linesVersion: 0, presets: [], supported: false },
    replays: {},
    listenerRefusals: [],
    bundleDiagnostics: {},
  }));
}

export function chargerEntry(state: AppState, id: string): ChargerEntry {
  return state.chargers[id] ?? { id, summary: null, view: null, series: new SeriesBuffer(), seriesVersion: 0 };
}

/** Appends console lines (in place, bounded) and returns the new version. */
export function appendConsoleLines(serial: SerialUiState, consoleId: string, lines: readonly ConsoleLine[]): SerialUiState {
  const held = serial.lines[consoleId] ?? [];
  const last = held.at(-1)?.seq ?? 0;
  for (const line of lines) if (line.seq > last) held.push(line);
  if (held.length > MAX_CONSOLE_LINES) held.splice(0, held.length - MAX_CONSOLE_LINES);
  return { ...serial, lines: serial.lines[consoleId] ? serial.lines : { ...serial.lines, [consoleId]: held }, linesVersion: serial.linesVersion + 1 };
}

/** Keeps the newer of two states of a charger's run (an answer to readiness.state may arrive after an event). */
export function newerRun(current: ReadinessState | undefined, next: ReadinessState): ReadinessState {
  return current && current.version > next.version ? current : next;
}

let noticeId = 0;

export const actions = {
  select(store: AppStore, chargerId: string | null, page?: PageId): void {
    store.setState((s) => ({ selected: chargerId, page: page ?? s.page }));
  },
  /** A bundle was opened: its diagnostics files stay listed on the Sessions page, and its charger is shown. */
  bundleOpened(store: AppStore, opened: { readonly chargerId: string; readonly manifest: BundleManifest }): void {
    const files = opened.manifest.diagnostics ?? [];
    if (files.length > 0) store.setState((s) => ({ bundleDiagnostics: { ...s.bundleDiagnostics, [opened.chargerId]: files } }));
    actions.select(store, opened.chargerId, 'charger');
  },
  go(store: AppStore, page: PageId): void {
    store.setState({ page });
  },
  notify(store: AppStore, level: Notice['level'], text: string): void {
    const notice = { id: ++noticeId, level, text };
    store.setState((s) => ({ notices: [...s.notices, notice].slice(-5) }));
  },
  dismiss(store: AppStore, id: number): void {
    store.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
  },
  setLogFilter(store: AppStore, filter: LogFilter): void {
    const { log } = store.getState();
    log.setFilter(filter);
    store.setState((s) => ({ logVersion: s.logVersion + 1 }));
  },
  /** Opens the message log at a frame (evidence of a readiness verdict). */
  showFrame(store: AppStore, charger: string, seq: number): void {
    const { log } = store.getState();
    if (log.filter.charger && log.filter.charger !== charger) log.setFilter({ ...log.filter, charger: '' });
    store.setState((s) => ({ page: 'log', focus: { charger, seq }, logVersion: s.logVersion + 1 }));
  },
};
