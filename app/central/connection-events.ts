/** Connection facts the central system records beside the frames, one per thing that happened. */
import type { PresentedCredentials } from './handshake.ts';
import type { TlsRefusal } from './tls-diagnosis.ts';
import type { Message, Said } from '../lib/message.ts';
import type { CertificateFacts } from '../certs/facts.ts';

export type Scheme = 'ws' | 'wss';

export interface TlsFacts {
  readonly version: string | null;
  readonly cipher: string | null;
  readonly sni: string | null;
  /** The negotiated cipher is one of the platform's policy. */
  readonly policyCipher: boolean;
}

export interface ConnectedEvent {
  readonly kind: 'connected';
  readonly scheme: Scheme;
  readonly remote: string;
  /** Our address the charger reached (host:port): where it can also fetch files from us. */
  readonly local: string;
  readonly path: string;
  readonly subprotocol: string;
  readonly tls: TlsFacts | null;
  /** How it was admitted: its password, its client certificate (Security Profile 3), or bench mode. */
  readonly auth: PresentedCredentials & { readonly accepted: 'password' | 'certificate' | 'accept-any' };
  /** The client certificate it presented (Security Profile 3), judged or not. */
  readonly clientCertificate?: CertificateFacts;
  readonly hints: readonly Said[];
}

export interface DisconnectedEvent {
  readonly kind: 'disconnected';
  readonly code: number;
  readonly reason: string;
  /** Who closed: the charger (or the network), or the central system (stop, replace, user). */
  readonly by: 'charger' | 'central';
  readonly connectedMs: number;
}

export interface ReplacedEvent {
  readonly kind: 'replaced';
  readonly remote: string;
  readonly hints: readonly Said[];
}

export interface RefusedEvent {
  readonly kind: 'refused';
  /** The layer that refused: tls handshake, http (no upgrade), path, subprotocol, auth, certificate (Profile 3), websocket. */
  readonly stage: 'tls' | 'http' | 'path' | 'subprotocol' | 'auth' | 'certificate' | 'websocket' | 'limit';
  readonly scheme: Scheme;
  readonly remote: string;
  readonly status?: number;
  /** In English (machine-readable, and what older recordings have). */
  readonly reason: string;
  /** The same reason as a message, for a reader in another language. */
  readonly said?: Message;
  readonly path?: string;
  readonly auth?: PresentedCredentials;
  readonly tls?: TlsRefusal;
  /** The client certificate refused (Security Profile 3). */
  readonly certificate?: CertificateFacts;
  readonly hints?: readonly Said[];
  /**
   * The id the client named, when the refusal is not filed under it: anyone can name any id, so only
   * ids the app knows (configured, seen this run, or among the first few refused) get a charger entry.
   */
  readonly claimedId?: string;
}

/**
 * A frame recorded as sent that never reached the charger: the connection closed between the moment
 * it was recorded and the moment it was due to leave. seq is the frame's record.
 */
export interface UndeliveredEvent {
  readonly kind: 'undelivered';
  readonly seq: number | null;
  readonly reason: string;
}

/** A WebSocket ping from the charger: keep-alive evidence (the platform's load balancer drops connections silent for 60 s). */
export interface PingEvent {
  readonly kind: 'ping';
}

/** A charger's CSR (SignCertificate): signed by the local CA, or refused with the reason. */
export interface CertificateRequestEvent {
  readonly kind: 'certificate-request';
  readonly accepted: boolean;
  readonly reason?: string;
  readonly said?: Message;
  /** The certificate issued for it. */
  readonly certificate?: CertificateFacts;
}

/** The signed certificate sent back (CertificateSigned) and the charger's answer. */
export interface CertificateSignedEvent {
  readonly kind: 'certificate-signed';
  /** Accepted, Rejected, or why it could not be sent. */
  readonly status: string;
  readonly certificate: CertificateFacts;
}

export type ConnectionEvent =
  ConnectedEvent | DisconnectedEvent | ReplacedEvent | RefusedEvent | PingEvent | UndeliveredEvent | CertificateRequestEvent | CertificateSignedEvent;
