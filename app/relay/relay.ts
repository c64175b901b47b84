/**
 * The relay: which chargers are forwarded where (a target per charger, or the default "*"), their
 * upstream passwords (kept by the host's secret store, never returned), and the live link of each
 * relayed charger. The central system asks it, when a charger is admitted, whether to relay it.
 */
import { Emitter } from '../lib/emitter.ts';
import { TransactionBacklog } from './backlog.ts';
import { RelayLink, type RelayLinkDeps, type RelayState } from './relay-link.ts';
import { checkTarget, resolveTarget, type RelayTargetConfig, type ResolvedTarget } from './target.ts';
import type { Backoff } from './upstream.ts';
import type { Forwarder } from '../central/relay-seam.ts';

/** Where targets and their passwords are kept between runs (the desktop app's files); memory only when absent. */
export interface RelayStores {
  readonly targets?: { load(): Record<string, RelayTargetConfig>; save(targets: Record<string, RelayTargetConfig>): void };
  readonly passwords?: { load(): Record<string, string>; save(passwords: Record<string, string>): void };
}

export interface RelayTargetSummary extends RelayTargetConfig {
  /** The charger id this target is for; "*" for every charger without its own. */
  readonly chargerId: string;
  readonly hasPassword: boolean;
}

export interface RelayOptions {
  readonly stores?: RelayStores;
  readonly backoff?: Backoff;
  readonly handshakeTimeoutMs?: number;
}

export type RelayEvents = { state: RelayState };

export type LinkDeps = Omit<RelayLinkDeps, 'target' | 'backlog' | 'onState' | 'backoff' | 'handshakeTimeoutMs'>;

export class Relay extends Emitter<RelayEvents> implements Forwarder<ResolvedTarget, RelayLink> {
  private readonly configs: Map<string, RelayTargetConfig>;
  private readonly passwords: Map<string, string>;
  private readonly backlogs = new Map<string, TransactionBacklog>();
  private readonly links = new Map<string, RelayLink>();

  constructor(private readonly options: RelayOptions = {}) {
    super();
    this.configs = new Map(Object.entries(options.stores?.targets?.load() ?? {}));
    this.passwords = new Map(Object.entries(options.stores?.passwords?.load() ?? {}));
  }

  /**
   * Sets a charger's target (or the default "*"). password: a new one; null removes it; undefined
   * keeps it, but only while the platform stays the same: a stored password never follows a target
   * to another URL or id (whoever re-points the relay would otherwise receive it).
   */
  setTarget(chargerId: string, config: RelayTargetConfig, password?: string | null): RelayTargetSummary {
    const before = this.configs.get(chargerId);
    const samePlatform = before !== undefined && sameEndpoint(before.url, config.url) && (before.presentAs ?? null) === (config.presentAs ?? null);
    this.configs.set(chargerId, checkTarget(config));
    if (password === null || (password === undefined && !samePlatform)) this.passwords.delete(chargerId);
    else if (password !== undefined) this.passwords.set(chargerId, password);
    this.persist();
    return this.summary(chargerId);
  }

  removeTarget(chargerId: string): boolean {
    const removed = this.configs.delete(chargerId);
    this.passwords.delete(chargerId);
    this.persist();
    return removed;
  }

  targets(): RelayTargetSummary[] {
    return [...this.configs.keys()].sort().map((id) => this.summary(id));
  }

  /** The target a charger connecting now is relayed to; null: answered by the local central system. Throws RelayTargetError. */
  targetFor(chargerId: string): ResolvedTarget | null {
    const key = this.configs.has(chargerId) ? chargerId : this.configs.has('*') ? '*' : null;
    if (key === null) return null;
    return resolveTarget(this.configs.get(key)!, chargerId, this.passwords.get(key) ?? null);
  }

  /** Starts relaying a charger that was just admitted. */
  open(target: ResolvedTarget, deps: LinkDeps): RelayLink {
    const link = new RelayLink({
      ...deps,
      target,
      backlog: this.backlog(deps.chargerId),
      onState: (state) => this.emit('state', state),
      ...(this.options.backoff ? { backoff: this.options.backoff } : {}),
      ...(this.options.handshakeTimeoutMs ? { handshakeTimeoutMs: this.options.handshakeTimeoutMs } : {}),
    });
    this.links.get(deps.chargerId)?.close('replaced by a new connection of the same charger');
    this.links.set(deps.chargerId, link);
    return link;
  }

  /** Forget a link once its charger has gone (the backlog stays for the charger's next connection). */
  release(chargerId: string, link: RelayLink): void {
    if (this.links.get(chargerId) === link) this.links.delete(chargerId);
  }

  states(): RelayState[] {
    return [...this.links.values()].map((l) => l.current());
  }

  stateOf(chargerId: string): RelayState | null {
    return this.links.get(chargerId)?.current() ?? null;
  }

  private backlog(chargerId: string): TransactionBacklog {
    let backlog = this.backlogs.get(chargerId);
    if (!backlog) this.backlogs.set(chargerId, (backlog = new TransactionBacklog()));
    return backlog;
  }

  private summary(chargerId: string): RelayTargetSummary {
    return { ...this.configs.get(chargerId)!, chargerId, hasPassword: this.passwords.has(chargerId) };
  }

  private persist(): void {
    this.options.stores?.targets?.save(Object.fromEntries(this.configs));
    this.options.stores?.passwords?.save(Object.fromEntries(this.passwords));
  }
}

/** The same endpoint, spelled with or without a trailing slash. */
function sameEndpoint(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}
