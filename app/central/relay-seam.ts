/**
 * The seam a relay plugs into. The central system admits a charger and then hands it either to its
 * own endpoint or to whatever implements Forwarder (app/relay does); it knows the relay only through
 * these types, so the dependency runs one way: relay → central.
 */
import type { CallHandler, CallOptions, CallSuccess, FrameObservation } from '../ocpp/endpoint.ts';
import type { Leg } from '../store/records.ts';
import type { TlsFacts } from './connection-events.ts';
import type { Message } from '../lib/message.ts';

/** Where a charger is forwarded to; the central system only adds the charger's own credentials. */
export interface ForwardingTarget {
  /** Log in upstream with the charger's own Authorization header: the platform decides who is admitted (admit()). */
  readonly forwardChargerAuth: boolean;
  readonly chargerAuthorization?: string | null;
}

/** The platform's answer to a charger's credentials: admit it (with the target to open), or refuse it with the status and why. */
export type ForwardingAdmission<Target> =
  { readonly ok: true; readonly target: Target } | { readonly ok: false; readonly status: number; readonly said: Message };

export type ForwardingPhase = 'connecting' | 'open' | 'replaying' | 'down' | 'closed';

/** The upstream leg of a forwarded charger, as the charger list shows it. */
export interface ForwardingState {
  readonly chargerId: string;
  readonly url: string;
  readonly presentAs: string;
  readonly phase: ForwardingPhase;
  /** Why the platform is not reachable (down), or null. */
  readonly reason: string | null;
  readonly since: string;
  readonly retryAt: string | null;
  /** Charger messages waiting to be replayed upstream. */
  readonly backlog: number;
  readonly replay: boolean;
  readonly tls: TlsFacts | null;
}

/** What the central system gives a forwarded charger's link. */
export interface ForwardingDeps {
  readonly chargerId: string;
  /** Closes the charger's connection (the platform refused its credentials: nothing is answered in its place). */
  readonly disconnect: (code: number, reason: string) => void;
  /** The subprotocol the charger negotiated: the upstream is asked for the same. */
  readonly subprotocol: string;
  /** Sends to the charger (after what was recorded before it is on disk). */
  readonly toCharger: (data: Buffer | string, isBinary: boolean) => void;
  /** Runs fn once what was recorded so far is on disk: a frame leaves only after its record. */
  readonly afterRecorded: (fn: () => void) => void;
  readonly record: (leg: Leg, frame: FrameObservation) => void;
  /** The forwarder's own events (its leg to the platform), recorded beside the frames. */
  readonly recordEvent: (leg: Leg, event: { readonly kind: string }) => void;
  /** The local central system's answers (while the platform is unreachable). */
  readonly localAnswers: CallHandler;
  readonly strict: () => boolean;
  readonly callTimeoutMs: number;
}

/** One forwarded charger. */
export interface ForwardingLink {
  fromCharger(data: Buffer, isBinary: boolean): void;
  inject(action: string, payload: unknown, options?: CallOptions): Promise<CallSuccess>;
  readonly pendingCalls: number;
  close(reason: string, code?: number): void;
}

export interface Forwarder<Target extends ForwardingTarget = ForwardingTarget, Link extends ForwardingLink = ForwardingLink> {
  /** The target of a charger connecting now; null: answered locally. Throws when a target cannot be used. */
  targetFor(chargerId: string): Target | null;
  /**
   * Where the platform decides (forwardChargerAuth), the charger's upgrade waits for this: the
   * platform's own handshake with the same credentials. A target admitted here and not opened (the
   * charger went away meanwhile) is given back with discard().
   */
  admit(
    target: Target,
    request: { readonly chargerId: string; readonly authorization: string | null; readonly subprotocol: string },
  ): Promise<ForwardingAdmission<Target>>;
  discard(target: Target): void;
  open(target: Target, deps: ForwardingDeps): Link;
  release(chargerId: string, link: Link): void;
  stateOf(chargerId: string): ForwardingState | null;
}

/** The event the central system records when a target cannot be used: the charger is answered locally. */
export function notForwarded(reason: string): { readonly kind: 'upstream-down'; readonly reason: string; readonly retryInMs: 0; readonly backlog: 0 } {
  return { kind: 'upstream-down', reason: `not relayed: ${reason}`, retryInMs: 0, backlog: 0 };
}
