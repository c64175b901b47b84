/**
 * What the relay records about its leg to the platform, beside the frames (leg "upstream"). None of
 * them holds a credential: the URL is recorded without one and the password never leaves the target.
 */
import type { UpstreamOpened } from './upstream.ts';

export interface UpstreamConnectingEvent {
  readonly kind: 'upstream-connecting';
  readonly url: string;
  readonly attempt: number;
}

export interface UpstreamOpenEvent extends UpstreamOpened {
  readonly kind: 'upstream-open';
}

export interface UpstreamDownEvent {
  readonly kind: 'upstream-down';
  readonly reason: string;
  /** refused (HTTP status), tls, network, protocol. */
  readonly failure?: string;
  readonly status?: number;
  readonly code?: string;
  readonly closeCode?: number;
  readonly retryInMs: number;
  /** Charger messages kept for replay at that moment. */
  readonly backlog: number;
}

/** The platform refused the charger's own credentials (forwardChargerAuth): the charger was let go, nothing answered in its place. */
export interface UpstreamRefusedEvent {
  readonly kind: 'upstream-refused';
  readonly reason: string;
  readonly failure?: string;
  readonly status?: number;
}

export interface UpstreamReplayedEvent {
  readonly kind: 'upstream-replayed';
  readonly count: number;
  /** Messages dropped because the backlog was full. */
  readonly dropped: number;
}

export interface UpstreamReplayUnansweredEvent {
  readonly kind: 'upstream-replay-unanswered';
  readonly messageId: string;
  readonly action: string;
}

export interface UpstreamClosedEvent {
  readonly kind: 'upstream-closed';
  readonly reason: string;
  readonly backlog: number;
}

export type RelayEvent =
  | UpstreamConnectingEvent
  | UpstreamOpenEvent
  | UpstreamDownEvent
  | UpstreamRefusedEvent
  | UpstreamReplayedEvent
  | UpstreamReplayUnansweredEvent
  | UpstreamClosedEvent;
