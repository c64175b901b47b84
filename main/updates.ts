/**
 * When the desktop app looks for, downloads and installs an update: at start and once a day; never
 * while the app is busy with something a restart would break (a readiness run, a relayed charger, a
 * firmware or diagnostics transfer) — then it tries again later; the download in the background;
 * the restart only after the user says yes. Offline is normal on a site: no error dialog, the state
 * says "offline". Off with the setting or FIELDKIT_NO_UPDATES=1 (managed laptops). The updater
 * itself (electron-updater) sits behind UpdaterPort, so all of this is tested without Electron.
 */

export interface UpdaterPort {
  /** The newer version on the feed, or null when this one is the latest. Throws when the feed cannot be read. */
  check(): Promise<{ readonly version: string } | null>;
  download(): Promise<void>;
  /** Quits and installs the downloaded update. */
  installAndRestart(): void;
}

export type UpdatePhase = 'off' | 'idle' | 'checking' | 'up-to-date' | 'deferred' | 'downloading' | 'ready' | 'offline' | 'error';

export interface UpdateState {
  readonly phase: UpdatePhase;
  readonly currentVersion: string;
  readonly channel: string;
  readonly availableVersion: string | null;
  readonly checkedAt: number | null;
  /** Why: the busy reason, the network problem, the feed's fault. */
  readonly message: string | null;
}

export interface UpdatePolicyDeps {
  readonly updater: UpdaterPort;
  readonly currentVersion: string;
  readonly channel?: string;
  /** What a restart would interrupt now, or null when nothing would. */
  busy(): string | null;
  /** The setting, and the environment's veto. */
  enabled(): boolean;
  /** Asks the user whether to restart into the new version now. */
  askToRestart(version: string): Promise<boolean>;
  onState?(state: UpdateState): void;
  now?(): number;
}

export const DAY_MS = 24 * 60 * 60_000;
export const RETRY_WHEN_BUSY_MS = 10 * 60_000;

/** Errors that mean "no network here", not "the feed is broken". */
const OFFLINE = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|net::ERR_|socket hang up|network/i;

/** An error's message with its cause's code (Node's fetch says "fetch failed", the cause says ECONNREFUSED). */
function describe(err: unknown): string {
  const e = err as { message?: string; cause?: { code?: string; message?: string } } | null;
  const cause = e?.cause?.code ?? e?.cause?.message;
  return `${e?.message ?? String(err)}${cause ? ` (${cause})` : ''}`;
}

export function updatesDisabledByEnvironment(env: NodeJS.ProcessEnv): boolean {
  return /^(1|true|yes)$/i.test(env.FIELDKIT_NO_UPDATES ?? '');
}

export class UpdatePolicy {
  private current: UpdateState;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<UpdateState> | null = null;

  constructor(private readonly deps: UpdatePolicyDeps) {
    this.current = {
      phase: 'idle',
      currentVersion: deps.currentVersion,
      channel: deps.channel ?? 'latest',
      availableVersion: null,
      checkedAt: null,
      message: null,
    };
  }

  get state(): UpdateState {
    return this.current;
  }

  /** Checks now, then once a day. */
  start(): void {
    void this.checkNow();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** One round: check, download, ask, install — each step only if allowed now. */
  checkNow(): Promise<UpdateState> {
    this.running ??= this.round().finally(() => (this.running = null));
    return this.running;
  }

  private async round(): Promise<UpdateState> {
    if (!this.deps.enabled()) {
      this.stop();
      return this.set({ phase: 'off', message: 'updates are turned off (settings or FIELDKIT_NO_UPDATES)' });
    }
    const busy = this.deps.busy();
    if (busy) return this.later(RETRY_WHEN_BUSY_MS, { phase: 'deferred', message: `not now: ${busy}` });
    this.set({ phase: 'checking', message: null });
    let found: { version: string } | null;
    try {
      found = await this.deps.updater.check();
    } catch (err) {
      const message = describe(err);
      return this.later(
        DAY_MS,
        OFFLINE.test(message) ? { phase: 'offline', message } : { phase: 'error', message: `the update feed cannot be read: ${message}` },
      );
    }
    const checkedAt = this.now();
    if (!found) return this.later(DAY_MS, { phase: 'up-to-date', availableVersion: null, checkedAt, message: null });
    const whileBusy = this.deps.busy();
    if (whileBusy) return this.later(RETRY_WHEN_BUSY_MS, { phase: 'deferred', availableVersion: found.version, checkedAt, message: `not now: ${whileBusy}` });
    this.set({ phase: 'downloading', availableVersion: found.version, checkedAt, message: null });
    try {
      await this.deps.updater.download();
    } catch (err) {
      const message = describe(err);
      return this.later(DAY_MS, OFFLINE.test(message) ? { phase: 'offline', message } : { phase: 'error', message: `the download failed: ${message}` });
    }
    this.set({ phase: 'ready', message: null });
    // The restart: the user's yes, and still nothing a restart would break.
    if (!(await this.deps.askToRestart(found.version))) return this.later(DAY_MS, { phase: 'ready', message: 'installs when the app quits' });
    const atRestart = this.deps.busy();
    if (atRestart) return this.later(RETRY_WHEN_BUSY_MS, { phase: 'ready', message: `restart put off: ${atRestart}` });
    this.deps.updater.installAndRestart();
    return this.current;
  }

  private later(ms: number, patch: Partial<UpdateState>): UpdateState {
    this.stop();
    this.timer = setTimeout(() => void this.checkNow(), ms);
    this.timer.unref?.();
    return this.set(patch);
  }

  private set(patch: Partial<UpdateState>): UpdateState {
    this.current = { ...this.current, ...patch };
    this.deps.onState?.(this.current);
    return this.current;
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }
}
