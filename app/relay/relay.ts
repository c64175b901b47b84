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
import type { Forwarder, ForwardingAdmission } from '../central/relay-seam.ts';
import { createHash } from 'node:crypto';
import { dialUpstream } from './upstream.ts';
import { msg, type Message } from '../lib/message.ts';
import { checkIdentity, identityFacts, type ClientIdentity } from './client-identity.ts';
import type { CertificateFacts } from '../certs/facts.ts';

/** Admission checks at the platform at once, in all: a flood of upgrades must not become a flood of logins at the platform. */
const MAX_ADMISSION_CHECKS = 16;

/** A short fingerprint of a charger's credentials: which platform session its messages may be replayed on. Never the header itself. */
export function credentialKey(authorization: string | null | undefined): string {
  return authorization ? createHash('sha256').update(authorization).digest('hex').slice(0, 32) : '';
}

/** Where targets and their passwords are kept between runs (the desktop app's files); memory only when absent. */
export interface RelayStores {
  readonly targets?: { load(): Record<string, RelayTargetConfig>; save(targets: Record<string, RelayTargetConfig>): void };
  readonly passwords?: { load(): Record<string, string>; save(passwords: Record<string, string>): void };
  /** Client certificates and keys for the platform leg (JSON by target id), kept like the passwords. */
  readonly identities?: { load(): Record<string, string>; save(identities: Record<string, string>): void };
}

export interface RelayTargetSummary extends RelayTargetConfig {
  /** The charger id this target is for; "*" for every charger without its own. */
  readonly chargerId: string;
  readonly hasPassword: boolean;
  /** The client certificate presented to the platform: its facts (null for a PKCS#12 file), never its key; null when none. */
  readonly clientCertificate: { readonly kind: 'pem' | 'pkcs12'; readonly facts: CertificateFacts | null } | null;
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
  private readonly identities: Map<string, ClientIdentity>;
  private readonly backlogs = new Map<string, TransactionBacklog>();
  private readonly links = new Map<string, RelayLink>();
  /** Per charger, the credentials (their fingerprint) the platform accepted this run: the only ones admitted while it is unreachable. */
  private readonly acceptedCredentials = new Map<string, string>();
  /** Chargers whose credentials the platform is being asked about now. */
  private readonly checking = new Set<string>();

  constructor(private readonly options: RelayOptions = {}) {
    super();
    this.configs = new Map(Object.entries(options.stores?.targets?.load() ?? {}));
    this.passwords = new Map(Object.entries(options.stores?.passwords?.load() ?? {}));
    this.identities = new Map();
    for (const [id, text] of Object.entries(options.stores?.identities?.load() ?? {})) {
      try {
        this.identities.set(id, JSON.parse(text) as ClientIdentity);
      } catch {
        // A spoiled entry is dropped: the target then connects without a certificate and the platform says so.
      }
    }
  }

  /**
   * Sets a charger's target (or the default "*"). password: a new one; null removes it; undefined
   * keeps it, but only while the platform stays the same: a stored password never follows a target
   * to another URL or id (whoever re-points the relay would otherwise receive it).
   */
  setTarget(chargerId: string, config: RelayTargetConfig, password?: string | null, identity?: ClientIdentity | null): RelayTargetSummary {
    const before = this.configs.get(chargerId);
    const samePlatform = before !== undefined && sameEndpoint(before.url, config.url) && (before.presentAs ?? null) === (config.presentAs ?? null);
    if (identity) checkIdentity(identity);
    this.configs.set(chargerId, checkTarget(config));
    if (password === null || (password === undefined && !samePlatform)) this.passwords.delete(chargerId);
    else if (password !== undefined) this.passwords.set(chargerId, password);
    // The same rule for the client certificate: it never follows a target to another platform.
    if (identity === null || (identity === undefined && !samePlatform)) this.identities.delete(chargerId);
    else if (identity !== undefined) this.identities.set(chargerId, identity);
    this.persist();
    return this.summary(chargerId);
  }

  removeTarget(chargerId: string): boolean {
    const removed = this.configs.delete(chargerId);
    this.passwords.delete(chargerId);
    this.identities.delete(chargerId);
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
    return resolveTarget(this.configs.get(key)!, chargerId, this.passwords.get(key) ?? null, this.identities.get(key) ?? null);
  }

  /**
   * The platform decides (forwardChargerAuth): its own handshake with the charger's credentials, before
   * the charger is admitted. 101: admitted, and the link takes the connection over. 401/403: refused,
   * with the platform's status and reason (never an outage: nothing is answered, kept or replayed).
   * Unreachable: refused, unless the platform accepted these very credentials earlier this run (then
   * admitted, answered locally and replayed later on a session with the same credentials).
   */
  async admit(
    target: ResolvedTarget,
    request: { readonly chargerId: string; readonly authorization: string | null; readonly subprotocol: string },
  ): Promise<ForwardingAdmission<ResolvedTarget>> {
    const { chargerId, authorization } = request;
    const refuse = (status: number, said: Message): ForwardingAdmission<ResolvedTarget> => ({ ok: false, status, said });
    if (!authorization)
      return refuse(
        401,
        msg`no Basic Auth credentials were sent: the platform decides who is relayed, and it needs the charger's own (a browser page cannot send them)`,
      );
    if (this.checking.has(chargerId))
      return refuse(503, msg`the platform is still being asked about another connection of ${chargerId}: try again in a moment`);
    if (this.checking.size >= MAX_ADMISSION_CHECKS)
      return refuse(503, msg`too many chargers are being checked with the platform at once: try again in a moment`);
    this.checking.add(chargerId);
    try {
      const withCredentials: ResolvedTarget = { ...target, chargerAuthorization: authorization };
      const key = credentialKey(authorization);
      const { result } = dialUpstream({
        target: withCredentials,
        subprotocol: request.subprotocol,
        ...(this.options.handshakeTimeoutMs ? { handshakeTimeoutMs: this.options.handshakeTimeoutMs } : {}),
      });
      const answer = await result;
      if (answer.ok) {
        this.acceptedCredentials.set(chargerId, key);
        return { ok: true, target: { ...withCredentials, opened: { ws: answer.ws, tls: answer.tls } } };
      }
      const { failure } = answer;
      // The platform answered and said no (a 4xx): its word, whatever the credentials were earlier. A 5xx is an outage.
      if (failure.kind === 'refused' && (failure.status ?? 0) < 500) {
        if (this.acceptedCredentials.get(chargerId) === key) this.acceptedCredentials.delete(chargerId);
        const status = failure.status === 401 || failure.status === 403 ? failure.status : 502;
        return refuse(status, msg`the platform refused ${chargerId}: ${failure.reason}`);
      }
      if (this.acceptedCredentials.get(chargerId) === key) return { ok: true, target: withCredentials };
      return refuse(
        503,
        msg`the platform could not be reached to check the credentials of ${chargerId} (${failure.reason}): the charger is admitted once the platform answers`,
      );
    } finally {
      this.checking.delete(chargerId);
    }
  }

  /** A target admit() returned whose charger went away before it was opened: its platform connection is closed. */
  discard(target: ResolvedTarget): void {
    target.opened?.ws.close(1001, 'the charger went away');
  }

  /** Starts relaying a charger that was just admitted. */
  open(target: ResolvedTarget, deps: LinkDeps): RelayLink {
    const link = new RelayLink({
      ...deps,
      target,
      // Replayed only on a platform session with the same credentials as the connection that sent it.
      backlog: this.backlog(deps.chargerId, target.forwardChargerAuth ? credentialKey(target.chargerAuthorization) : ''),
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

  private backlog(chargerId: string, credentials: string): TransactionBacklog {
    const key = `${chargerId}\u0000${credentials}`;
    let backlog = this.backlogs.get(key);
    if (!backlog) this.backlogs.set(key, (backlog = new TransactionBacklog()));
    return backlog;
  }

  private summary(chargerId: string): RelayTargetSummary {
    const identity = this.identities.get(chargerId);
    return {
      ...this.configs.get(chargerId)!,
      chargerId,
      hasPassword: this.passwords.has(chargerId),
      clientCertificate: identity ? { kind: identity.kind, facts: identityFacts(identity) } : null,
    };
  }

  private persist(): void {
    this.options.stores?.targets?.save(Object.fromEntries(this.configs));
    this.options.stores?.passwords?.save(Object.fromEntries(this.passwords));
    this.options.stores?.identities?.save(Object.fromEntries([...this.identities].map(([id, identity]) => [id, JSON.stringify(identity)])));
  }
}

/** The same endpoint, spelled with or without a trailing slash. */
function sameEndpoint(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}
