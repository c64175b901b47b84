/**
 * The local OCPP 1.6J central system: listens on ws and wss, admits chargers by path, subprotocol
 * and Basic Auth, answers what they send, sends what the user asks, and records every frame and
 * connection fact in the charger's session. Several chargers at once; a charger that connects again
 * with the same id replaces its old socket.
 */
import { NamedError } from '../lib/named-error.ts';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { WebSocketServer, type WebSocket } from 'ws';
import { canInitiate, isAction } from '../ocpp/actions.ts';
import { BINARY_FRAME_ISSUE, RpcEndpoint, type CallOptions, type CallSuccess, type FrameObservation } from '../ocpp/endpoint.ts';
import { Emitter } from '../lib/emitter.ts';
import { msg, reasonOf, type Message, type Said } from '../lib/message.ts';
import type { SignDecision } from '../certs/authority.ts';
import type { CertificateFacts } from '../certs/facts.ts';
import { judgeCertificate, presentedCertificate, type SecurityProfile } from './client-certificate.ts';
import type { SessionRecorder } from '../store/recorder.ts';
import type { DiagnosticsReceivedEvent, EventRecord, FrameRecord, Leg, SessionSource } from '../store/records.ts';
import { notForwarded, type Forwarder, type ForwardingAdmission, type ForwardingState, type ForwardingTarget } from './relay-seam.ts';
import { centralAnswers } from './answers.ts';
import type { ConnectedEvent, ConnectionEvent, RefusedEvent, Scheme, TlsFacts } from './connection-events.ts';
import { checkBasicAuth, chargerIdFromPath, chooseSubprotocol, type PresentedCredentials } from './handshake.ts';
import { ConnectionGate, DEFAULT_GATE_LIMITS } from './connection-gate.ts';
import { listenWs, listenWss, remoteOf, type Listener, type ListenerHandlers } from './listeners.ts';
import { isPolicyCipher, type TlsMaterial } from './tls-policy.ts';

export interface CentralConfig {
  /** Address to listen on; '0.0.0.0' so chargers on the LAN reach it. */
  readonly host: string;
  /** Plain ws port; null turns ws off; 0 picks a free port. */
  readonly wsPort: number | null;
  /** wss port; null turns wss off; 0 picks a free port. */
  readonly wssPort: number | null;
  readonly tls?: TlsMaterial;
  /** Passwords by charge point id; the id "*" applies to any charger without its own. */
  readonly passwords: ReadonlyMap<string, string>;
  /** Admit any charger whatever its credentials (bench use); what it presented is still recorded. */
  readonly acceptAny: boolean;
  readonly heartbeatInterval: number;
  readonly callTimeoutMs: number;
  readonly maxPayloadBytes?: number;
  /** How long a client may take to become a charger (TLS handshake + upgrade); 10 s by default. */
  readonly handshakeDeadlineMs?: number;
  /** Strict answering for chargers not set otherwise (lenient when absent). */
  readonly strictByDefault?: boolean;
  /** 2 (default): wss with Basic Auth; 3: wss chargers are admitted by their client certificate. */
  readonly securityProfile?: SecurityProfile;
}

/** What Security Profile 3 and the 1.6 security extension need: the trusted CAs and a CA that signs CSRs. */
export interface CentralCertificates {
  /** PEM CA certificates whose client certificates are accepted (never empty when Profile 3 is on). */
  trusted(): readonly string[];
  /** Signs a charger's CSR (SignCertificate), or says why not. */
  signRequest(csrPem: string, chargerId: string): Promise<SignDecision>;
  /** What is known of a charger's clock, for a refusal about validity dates (null: nothing known). */
  clockNote?(chargerId: string): Message | null;
}

export interface CentralDeps {
  /** Opens the recording for a charger (null: the listener's own log of refusals without an id). */
  readonly openSession: (chargerId: string | null, source?: SessionSource) => SessionRecorder;
  readonly clock?: () => Date;
  /** Forwards chargers that have a relay target to their platform instead of answering them here. */
  readonly relay?: Forwarder;
  /** Where refused connection attempts go (one bounded, rotated file); the null session when absent. */
  readonly listenerLog?: { append(charger: string | null, event: ConnectionEvent): EventRecord };
  /** Told when a charger's password changed here (an accepted AuthorizationKey, a restore): the host keeps it where it keeps passwords. */
  readonly passwordChanged?: (chargerId: string, password: string | null) => void;
  /** Certificates: Security Profile 3 and SignCertificate (absent: Profile 3 cannot be chosen, CSRs are Rejected). */
  readonly certificates?: CentralCertificates;
}

/** The OCPP key that is the charger's Basic Auth password (OCPP keys are case-insensitive). */
const AUTHORIZATION_KEY = /^authorizationkey$/i;

/**
 * Refused ids that get a charger entry of their own although the app does not know them: enough for
 * an installer's typo'd ids, too few for a flood of made-up ones to grow the charger list.
 */
const MAX_UNKNOWN_REFUSED_IDS = 32;

export interface ChargerSummary {
  readonly id: string;
  readonly connected: boolean;
  readonly scheme: Scheme | null;
  readonly remote: string | null;
  readonly tls: TlsFacts | null;
  readonly since: string | null;
  readonly sessionId: string;
  readonly strict: boolean;
  readonly pendingCalls: number;
  /** The relay's leg to the platform, when this charger is relayed. */
  readonly relay: ForwardingState | null;
  /** Where this charger's session comes from: the local central system, the relay, a serial console, an imported log. */
  readonly source: SessionSource;
  /** A recorded session shown read-only: the bundle's file name, or "library". */
  readonly recorded?: string;
}

export interface CentralState {
  readonly running: boolean;
  readonly host: string;
  readonly wsPort: number | null;
  readonly wssPort: number | null;
}

export type CentralEvents = {
  frame: FrameRecord;
  event: EventRecord;
  state: CentralState;
  /** A session could not be written (full disk…); null message when it recovered. */
  'store-problem': { sessionId: string; message: string | null };
};

export class CentralError extends NamedError {}

/** Who talks with a connected charger: the local central system's endpoint, or the relay. */
interface Conversation {
  receive(data: Buffer, isBinary: boolean): void;
  call(action: string, payload: unknown, options?: CallOptions): Promise<CallSuccess>;
  readonly pendingCalls: number;
  close(reason: string, code?: number): void;
}

interface ChargerLink {
  readonly id: string;
  readonly ws: WebSocket;
  readonly conversation: Conversation;
  readonly connected: ConnectedEvent;
  readonly connectedAt: number;
  closedByCentral: boolean;
}

const ADMISSION = Symbol('fieldkit.admission');
/** The largest frame a charger may send; OCPP frames are a few kB, a firmware-sized one is an attack or a bug. */
const DEFAULT_MAX_PAYLOAD = 4 * 1024 * 1024;
/** How long stopping waits for chargers to answer the WebSocket close handshake. */
const STOP_GRACE_MS = 1_000;

interface Admission {
  readonly id: string;
  readonly scheme: Scheme;
  readonly remote: string;
  readonly path: string;
  readonly protocol: string;
  readonly auth: PresentedCredentials;
  readonly hints: Said[];
  /** Where the charger is relayed (null: answered here), resolved once at the upgrade. */
  readonly target: ForwardingTarget | null;
  /** Why its relay target cannot be used (it is then answered here, and told why). */
  readonly targetProblem: string | null;
  /** How it was admitted, and the client certificate it presented (Security Profile 3). */
  readonly acceptedBy: 'password' | 'certificate' | 'accept-any';
  readonly clientCertificate: CertificateFacts | null;
}

export class CentralSystem extends Emitter<CentralEvents> {
  private readonly links = new Map<string, ChargerLink>();
  private readonly sessions = new Map<string | null, SessionRecorder>();
  private readonly strictness = new Map<string, boolean>();
  private readonly transactionIds = new Map<string, number>();
  private readonly unknownRefusedIds = new Set<string>();
  /** The seq of the latest frame recorded towards each charger (what deliver() refers to). */
  private readonly lastSentSeq = new Map<string, number>();
  /** Caps on sockets that are not a charger yet; what it turns away is summed up in the listener log. */
  private readonly gate = new ConnectionGate(DEFAULT_GATE_LIMITS, (address, count, reason) =>
    this.recordEvent(null, {
      kind: 'refused',
      stage: 'limit',
      scheme: 'ws',
      remote: address,
      ...reasonOf(msg`${count} connection(s) from ${address} dropped at once: ${reason}`),
    }),
  );
  private readonly passwords: Map<string, string>;
  /** AuthorizationKey changes made through the app this run: when, and the password they replaced (memory only). */
  private readonly keyChanges = new Map<string, { readonly at: number; readonly previous: string | undefined }>();
  private readonly listeners: Listener[] = [];
  private readonly wss: WebSocketServer;
  private readonly clock: () => Date;
  private running = false;
  /** The ports to listen on at the next start (the configured ones until a start names others). */
  private readonly ports: { ws: number | null; wss: number | null };
  /** The security profile of the wss listener, from the next start. */
  private profile: SecurityProfile;

  constructor(
    private readonly config: CentralConfig,
    private readonly deps: CentralDeps,
  ) {
    super();
    this.clock = deps.clock ?? (() => new Date());
    this.passwords = new Map(config.passwords);
    this.ports = { ws: config.wsPort, wss: config.wssPort };
    this.profile = config.securityProfile ?? 2;
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: config.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD,
      // The subprotocol was chosen in the upgrade check; ws only echoes it.
      handleProtocols: (_offered, req) => (req as IncomingMessage & { [ADMISSION]?: Admission })[ADMISSION]?.protocol ?? false,
    });
    this.wss.on('wsClientError', (error, socket, req) => {
      const admission = (req as IncomingMessage & { [ADMISSION]?: Admission })[ADMISSION];
      this.recordEvent(admission?.id ?? null, {
        kind: 'refused',
        stage: 'websocket',
        scheme: admission?.scheme ?? 'ws',
        remote: remoteOf(socket as unknown as { remoteAddress?: string; remotePort?: number }),
        ...reasonOf(msg`invalid WebSocket upgrade: ${error.message}`),
      });
    });
  }

  /** Starts listening; ports given here replace the configured ones from now on (null turns one off). */
  async start(ports: { readonly wsPort?: number | null; readonly wssPort?: number | null } = {}): Promise<CentralState> {
    if (this.running) return this.state();
    const ws = ports.wsPort !== undefined ? ports.wsPort : this.ports.ws;
    const wss = ports.wssPort !== undefined ? ports.wssPort : this.ports.wss;
    if (ws !== null && ws !== 0 && ws === wss) {
      throw new CentralError(`ws and wss are both set to port ${ws}: one port cannot speak both; give them two different ports (8180 and 8443 by default)`);
    }
    this.ports.ws = ws;
    this.ports.wss = wss;
    const handlers: ListenerHandlers = {
      upgrade: (req, socket, head, scheme) => this.onUpgrade(req, socket, head, scheme),
      request: (req, res, scheme) => this.onPlainRequest(req, res, scheme),
      tlsRefused: (remote, refusal) =>
        this.recordEvent(refusal.offered?.sni ?? null, {
          kind: 'refused',
          stage: 'tls',
          scheme: 'wss',
          remote,
          reason: refusal.reason,
          tls: refusal,
          hints: [refusal.hint],
        }),
      closedAfterTls: (remote) =>
        this.recordEvent(null, {
          kind: 'refused',
          stage: 'tls',
          scheme: 'wss',
          remote,
          ...reasonOf(msg`closed right after TLS, before the WebSocket upgrade: it most likely does not trust this certificate`),
          hints: [
            msg`install this app's certificate in the charger as a trusted server certificate (its SHA-256 fingerprint is on the Connect page), or point the charger at the ws:// address for the test`,
          ],
        }),
      gate: this.gate,
      ...(this.config.handshakeDeadlineMs !== undefined ? { deadlineMs: this.config.handshakeDeadlineMs } : {}),
    };
    try {
      if (this.ports.ws !== null) this.listeners.push(await listenWs(this.config.host, this.ports.ws, handlers));
      if (this.ports.wss !== null) {
        if (!this.config.tls) throw new CentralError('wss needs a certificate');
        this.listeners.push(await listenWss(this.config.host, this.ports.wss, this.config.tls, handlers, this.profile === 3 ? this.clientCas() : null));
      }
    } catch (err) {
      await this.closeListeners();
      throw err;
    }
    this.running = true;
    const state = this.state();
    this.emit('state', state);
    return state;
  }

  async stop(): Promise<void> {
    // Close every charger and wait for its 'disconnected' record before the sessions are closed.
    const closed = [...this.links.values()].map(
      (link) => new Promise<void>((resolve) => (link.ws.readyState === link.ws.CLOSED ? resolve() : link.ws.once('close', () => resolve()))),
    );
    for (const link of this.links.values()) {
      link.closedByCentral = true;
      link.ws.close(1001, 'central system stopping');
    }
    // A charger that does not answer the close handshake is cut off.
    const cutOff = setTimeout(() => {
      for (const client of this.wss.clients) client.terminate();
    }, STOP_GRACE_MS);
    await this.closeListeners();
    await Promise.all(closed);
    clearTimeout(cutOff);
    for (const session of this.sessions.values()) session.close();
    this.running = false;
    this.emit('state', this.state());
  }

  /** Security Profile 2 or 3 for wss, from the next start (a running central system is restarted by its host). */
  setSecurityProfile(profile: SecurityProfile): void {
    if (profile === 3) this.clientCas();
    this.profile = profile;
  }

  securityProfile(): SecurityProfile {
    return this.profile;
  }

  /** The trusted CAs changed (one imported or removed): a listening wss in Profile 3 checks against the new list at once. */
  refreshTrust(): void {
    if (this.profile !== 3) return;
    const cas = this.clientCas();
    for (const listener of this.listeners) listener.trust?.(cas);
  }

  private clientCas(): readonly string[] {
    const cas = this.deps.certificates?.trusted() ?? [];
    // Node would check against the public roots when given none: any web certificate naming the id would pass.
    if (cas.length === 0) throw new CentralError('Security Profile 3 needs a trusted CA for client certificates: this host has none (no local CA)');
    return cas;
  }

  state(): CentralState {
    const port = (scheme: Scheme) => this.listeners.find((l) => l.scheme === scheme)?.port ?? null;
    return { running: this.running, host: this.config.host, wsPort: port('ws'), wssPort: port('wss') };
  }

  chargers(): ChargerSummary[] {
    const ids = new Set([...this.sessions.keys()].filter((id): id is string => id !== null));
    return [...ids].sort().map((id) => {
      const link = this.links.get(id);
      return {
        id,
        connected: link !== undefined,
        scheme: link?.connected.scheme ?? null,
        remote: link?.connected.remote ?? null,
        tls: link?.connected.tls ?? null,
        since: link ? new Date(link.connectedAt).toISOString() : null,
        sessionId: this.sessions.get(id)!.id,
        source: this.sessions.get(id)!.header.source,
        strict: this.isStrict(id),
        pendingCalls: link?.conversation.pendingCalls ?? 0,
        relay: this.deps.relay?.stateOf(id) ?? null,
      };
    });
  }

  sessionOf(chargerId: string): SessionRecorder | undefined {
    return this.sessions.get(chargerId);
  }

  /**
   * Every record this central system hands over for a charger is in its session, once it has one (a
   * refusal before that goes to the listener log): a model may read them back from there (charger/registry.ts).
   */
  recordingOf(chargerId: string): SessionRecorder | undefined {
    return this.sessions.get(chargerId);
  }

  /** Send a central-system operation to a connected charger and return its answer. */
  call(chargerId: string, action: string, payload: unknown, options?: CallOptions): Promise<CallSuccess> {
    if (!isAction(action)) return Promise.reject(new CentralError(`${action} is not an OCPP 1.6 action`));
    if (!canInitiate(action, 'central')) return Promise.reject(new CentralError(`${action} is sent by the charge point, not by the central system`));
    const link = this.links.get(chargerId);
    if (!link) return Promise.reject(new CentralError(`charger ${chargerId} is not connected`));
    const call = link.conversation.call(action, payload, options);
    const change = payload as { key?: unknown; value?: unknown } | null;
    if (action !== 'ChangeConfiguration' || typeof change?.key !== 'string' || !AUTHORIZATION_KEY.test(change.key) || typeof change.value !== 'string')
      return call;
    const value = change.value;
    return call.then((answer) => {
      const status = (answer.payload as { status?: unknown } | null)?.status;
      if (status === 'Accepted' || status === 'RebootRequired') this.keyAccepted(chargerId, value);
      return answer;
    });
  }

  /**
   * The charger accepted a new AuthorizationKey: it is its Basic Auth password from its next
   * connection, so it becomes its password here too (no lock-out at the next reconnect); the one it
   * replaced is remembered for this run, to name the cause of a refusal and to put it back.
   */
  private keyAccepted(chargerId: string, key: string): void {
    this.keyChanges.set(chargerId, { at: this.clock().getTime(), previous: this.passwords.get(chargerId) ?? this.passwords.get('*') });
    this.passwords.set(chargerId, key);
    this.deps.passwordChanged?.(chargerId, key);
  }

  /** The chargers whose AuthorizationKey was changed through the app this run, and when (never the keys). */
  keyChangeTimes(): { readonly chargerId: string; readonly at: string }[] {
    return [...this.keyChanges].map(([chargerId, c]) => ({ chargerId, at: new Date(c.at).toISOString() }));
  }

  /** Puts back the password an AuthorizationKey change replaced (the charger did not take the key); false when there was none this run. */
  restorePassword(chargerId: string): boolean {
    const change = this.keyChanges.get(chargerId);
    if (!change) return false;
    this.keyChanges.delete(chargerId);
    const own = change.previous !== undefined && change.previous !== this.passwords.get('*') ? change.previous : null;
    if (own === null) this.passwords.delete(chargerId);
    else this.passwords.set(chargerId, own);
    this.deps.passwordChanged?.(chargerId, own);
    return true;
  }

  /** Strict: answer a schema-invalid CALL from this charger with a CALLERROR, as a strict platform would. */
  setStrict(chargerId: string, strict: boolean): void {
    this.strictness.set(chargerId, strict);
  }

  isStrict(chargerId: string): boolean {
    return this.strictness.get(chargerId) ?? this.config.strictByDefault ?? false;
  }

  /** Charger ids with a password ("*": the default); never the passwords. */
  passwordIds(): string[] {
    return [...this.passwords.keys()];
  }

  setPassword(chargerId: string, password: string | null): void {
    if (password === null) this.passwords.delete(chargerId);
    else this.passwords.set(chargerId, password);
    // A password set by hand settles whatever an AuthorizationKey change left open.
    this.keyChanges.delete(chargerId);
  }

  /** Close a charger's connection from the central side (the readiness suite's reconnect check). */
  disconnect(chargerId: string, reason = 'closed by the user'): boolean {
    const link = this.links.get(chargerId);
    if (!link) return false;
    link.closedByCentral = true;
    // After the frames still waiting for their records to be written: an answer we recorded as sent must reach the charger.
    this.session(chargerId).whenDurable(() => link.ws.close(1000, reason));
    return true;
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, scheme: Scheme): void {
    const remote = remoteOf(req.socket);
    socket.on('error', () => socket.destroy());
    const path = chargerIdFromPath(req.url ?? '/');
    if (!path.ok) {
      this.refuse(socket, null, {
        kind: 'refused',
        stage: 'path',
        scheme,
        remote,
        status: path.status,
        reason: path.reason,
        said: path.said,
        path: req.url ?? '',
      });
      return;
    }
    const { id } = path;
    const protocol = chooseSubprotocol(req.headers['sec-websocket-protocol']);
    if (!protocol.ok) {
      this.refuse(socket, id, {
        kind: 'refused',
        stage: 'subprotocol',
        scheme,
        remote,
        status: protocol.status,
        reason: protocol.reason,
        said: protocol.said,
        path: path.path,
        hints: path.hints,
      });
      return;
    }
    const change = this.keyChanges.get(id);
    const auth = checkBasicAuth(req.headers.authorization, id, {
      expectedPassword: this.passwords.get(id) ?? this.passwords.get('*'),
      acceptAny: this.config.acceptAny,
      ...(change ? { keyChange: { minutesAgo: Math.max(0, Math.round((this.clock().getTime() - change.at) / 60_000)), previous: change.previous } } : {}),
    });
    // Security Profile 3: a wss charger is admitted by its certificate; one without a certificate only
    // by its password, so that it can ask for a certificate (SignCertificate) and use it next time.
    const certificate = scheme === 'wss' && this.profile === 3 ? this.judgeCertificate(req, id, auth.ok) : null;
    if (certificate && !certificate.admit) {
      this.refuse(socket, id, {
        kind: 'refused',
        stage: 'certificate',
        scheme,
        remote,
        status: certificate.status,
        reason: certificate.reason,
        said: certificate.said,
        path: path.path,
        auth: auth.presented,
        ...(certificate.facts ? { certificate: certificate.facts } : {}),
        hints: [...path.hints, ...(auth.ok || auth.presented.scheme === 'none' ? [] : [auth.said])],
      });
      return;
    }
    if (!auth.ok && certificate?.acceptedBy !== 'certificate') {
      this.refuse(socket, id, {
        kind: 'refused',
        stage: 'auth',
        scheme,
        remote,
        status: auth.status,
        reason: auth.reason,
        said: auth.said,
        path: path.path,
        auth: auth.presented,
        hints: path.hints,
      });
      return;
    }
    let target: ForwardingTarget | null = null;
    let targetProblem: string | null = null;
    try {
      target = this.deps.relay?.targetFor(id) ?? null;
    } catch (err) {
      // A target that cannot be used (its CA file is gone): the charger is answered here, and told why.
      targetProblem = (err as Error).message;
    }
    const admission: Admission = {
      id,
      scheme,
      remote,
      path: path.path,
      protocol: protocol.protocol,
      auth: auth.presented,
      hints: [...path.hints, ...protocol.hints, ...(auth.ok ? auth.hints : []), ...(certificate?.admit ? certificate.hints : [])],
      target,
      targetProblem,
      acceptedBy: certificate?.acceptedBy ?? (this.config.acceptAny ? 'accept-any' : 'password'),
      clientCertificate: certificate?.facts ?? null,
    };
    if (target?.forwardChargerAuth && this.deps.relay) {
      void this.admitByPlatform(this.deps.relay, req, socket, head, admission, target);
      return;
    }
    this.upgrade(req, socket, head, admission);
  }

  /**
   * A wss upgrade in Profile 3: admitted by a sound certificate; without one, by the password (said
   * in a hint) or refused; a certificate that fails a rule is refused with the rule (bench mode admits
   * it, and says what it would have refused).
   */
  private judgeCertificate(
    req: IncomingMessage,
    id: string,
    passwordOk: boolean,
  ):
    | { readonly admit: true; readonly acceptedBy: Admission['acceptedBy']; readonly facts: CertificateFacts | null; readonly hints: Message[] }
    | { readonly admit: false; readonly status: number; readonly reason: string; readonly said: Message; readonly facts: CertificateFacts | null } {
    const presented = presentedCertificate(req.socket as TLSSocket);
    const judged = judgeCertificate(presented, id, this.deps.certificates?.clockNote?.(id) ?? null);
    if (judged.ok) return { admit: true, acceptedBy: 'certificate', facts: judged.facts, hints: [] };
    if (this.config.acceptAny) return { admit: true, acceptedBy: 'accept-any', facts: judged.facts, hints: [judged.said] };
    if (presented === null && passwordOk)
      return {
        admit: true,
        acceptedBy: 'password',
        facts: null,
        hints: [
          msg`no client certificate: admitted by its password (Security Profile 2) so that it can ask for one with SignCertificate; Security Profile 3 needs the certificate from its next connection`,
        ],
      };
    return { admit: false, status: judged.status, reason: judged.reason, said: judged.said, facts: judged.facts };
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, admission: Admission): void {
    (req as IncomingMessage & { [ADMISSION]?: Admission })[ADMISSION] = admission;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws, req, admission));
  }

  /**
   * Where the platform decides who is relayed, the upgrade waits for its answer to the charger's own
   * credentials: admitted as it says, refused with its status and reason otherwise. Nothing of a
   * charger the platform did not accept is answered, kept or replayed.
   */
  private async admitByPlatform(
    relay: Forwarder,
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    admission: Admission,
    target: ForwardingTarget,
  ): Promise<void> {
    let decision: ForwardingAdmission<ForwardingTarget>;
    try {
      decision = await relay.admit(target, { chargerId: admission.id, authorization: req.headers.authorization ?? null, subprotocol: admission.protocol });
    } catch (err) {
      decision = { ok: false, status: 500, said: msg`the platform's answer could not be had: ${(err as Error).message}` };
    }
    if (socket.destroyed) {
      // The charger gave up waiting: the platform's connection made for it is let go.
      if (decision.ok) relay.discard(decision.target);
      return;
    }
    if (!decision.ok) {
      this.refuse(socket, admission.id, {
        kind: 'refused',
        stage: 'auth',
        scheme: admission.scheme,
        remote: admission.remote,
        status: decision.status,
        ...reasonOf(decision.said),
        path: admission.path,
        auth: admission.auth,
        hints: admission.hints,
      });
      return;
    }
    this.upgrade(req, socket, head, { ...admission, target: decision.target });
  }

  private attach(ws: WebSocket, req: IncomingMessage, admission: Admission): void {
    const { id } = admission;
    this.gate.admitted(req.socket);
    const connected: ConnectedEvent = {
      kind: 'connected',
      scheme: admission.scheme,
      remote: admission.remote,
      local: `${req.socket.localAddress ?? ''}:${req.socket.localPort ?? ''}`.replace(/^::ffff:/, ''),
      path: admission.path,
      subprotocol: ws.protocol,
      tls: admission.scheme === 'wss' ? tlsFacts(req.socket as TLSSocket) : null,
      auth: { ...admission.auth, accepted: admission.acceptedBy },
      ...(admission.clientCertificate ? { clientCertificate: admission.clientCertificate } : {}),
      hints: admission.hints,
    };
    const conversation = this.converse(admission, ws, req.headers.authorization ?? null);
    const link: ChargerLink = { id, ws, conversation, connected, connectedAt: Date.now(), closedByCentral: false };
    const previous = this.links.get(id);
    if (previous) {
      this.recordEvent(id, {
        kind: 'replaced',
        remote: previous.connected.remote,
        hints: [msg`the charger connected again while its previous connection was still open; the old one is closed`],
      });
      previous.closedByCentral = true;
      previous.conversation.close('replaced by a new connection of the same charger');
      previous.ws.close(1000, 'replaced by a new connection');
    }
    this.links.set(id, link);
    this.recordEvent(id, connected);
    ws.on('message', (data, isBinary) => {
      conversation.receive(Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data), isBinary);
    });
    ws.on('ping', () => this.recordEvent(id, { kind: 'ping' }));
    // A protocol violation by the charger (a frame over the size limit, invalid UTF-8 …): ws closes the
    // socket with the matching code; 'close' then only sees 1006, so the real cause is kept here.
    let violation: { code: number; reason: string } | null = null;
    ws.on('error', (err: Error & { code?: string }) => {
      violation = protocolViolation(err, this.config.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD);
      link.closedByCentral = true;
    });
    ws.on('close', (closeCode, reasonBuffer) => {
      const code = violation?.code ?? closeCode;
      const reason = violation?.reason ?? reasonBuffer.toString();
      conversation.close(`the connection closed (${code}${reason ? ` ${reason}` : ''})`, code);
      this.recordEvent(id, {
        kind: 'disconnected',
        code,
        reason,
        by: link.closedByCentral ? 'central' : 'charger',
        connectedMs: Date.now() - link.connectedAt,
      });
      if (this.links.get(id) === link) this.links.delete(id);
    });
  }

  /** The relay when the charger has a target (and it can be used), else the local central system. */
  private converse(admission: Admission, ws: WebSocket, chargerAuthorization: string | null): Conversation {
    const { id } = admission;
    let target = admission.target;
    if (target?.forwardChargerAuth && target.chargerAuthorization === undefined) target = { ...target, chargerAuthorization };
    if (admission.targetProblem !== null) this.recordRelayEvent(id, notForwarded(admission.targetProblem));
    const session = this.session(id, target ? 'relay' : 'central');
    const localAnswers = centralAnswers({
      heartbeatInterval: this.config.heartbeatInterval,
      clock: this.clock,
      nextTransactionId: () => this.nextTransactionId(id),
    });
    if (target && this.deps.relay) {
      const relay = this.deps.relay;
      const link = relay.open(target, {
        chargerId: id,
        disconnect: (code, reason) => {
          const current = this.links.get(id);
          if (current?.ws === ws) current.closedByCentral = true;
          session.whenDurable(() => ws.close(code, reason));
        },
        subprotocol: ws.protocol,
        toCharger: (data, isBinary) => this.deliver(id, ws, data, isBinary),
        afterRecorded: (fn) => session.whenDurable(fn),
        record: (leg, frame) => this.recordFrame(id, frame, leg),
        recordEvent: (leg, event) => this.recordRelayEvent(id, event, leg),
        localAnswers,
        strict: () => this.isStrict(id),
        callTimeoutMs: this.config.callTimeoutMs,
      });
      return {
        receive: (data, isBinary) => link.fromCharger(data, isBinary),
        call: (action, payload, options) => link.inject(action, payload, options),
        get pendingCalls() {
          return link.pendingCalls;
        },
        close: (reason, code) => {
          link.close(reason, code);
          relay.release(id, link);
        },
      };
    }
    const endpoint = new RpcEndpoint({
      // A frame leaves only once it (and what it answers) is on disk: see FlushScheduler.
      sink: { send: (text) => this.deliver(id, ws, text, false) },
      role: 'central',
      handler: (call) => (call.action === 'SignCertificate' ? this.signCertificate(id, call.payload) : localAnswers(call)),
      observe: (frame) => this.recordFrame(id, frame),
      strict: () => this.isStrict(id),
      callTimeoutMs: this.config.callTimeoutMs,
    });
    return {
      receive: (data, isBinary) => endpoint.receive(data.toString('utf8'), isBinary ? [BINARY_FRAME_ISSUE] : []),
      call: (action, payload, options) => endpoint.call(action, payload, options),
      get pendingCalls() {
        return endpoint.pendingCalls;
      },
      close: (reason) => endpoint.close(reason),
    };
  }

  /**
   * SignCertificate: the charger's CSR, signed by the local CA when it is sound (Accepted, then the
   * chain follows in CertificateSigned), Rejected with the reason recorded otherwise.
   */
  private async signCertificate(chargerId: string, payload: unknown): Promise<{ status: 'Accepted' | 'Rejected' }> {
    const csr = (payload as { csr?: unknown } | null)?.csr;
    const certificates = this.deps.certificates;
    const decision: SignDecision = !certificates
      ? { ok: false, ...reasonOf(msg`this host has no certificate authority to sign the CSR with`) }
      : typeof csr !== 'string'
        ? { ok: false, ...reasonOf(msg`the SignCertificate request holds no csr`) }
        : await certificates
            .signRequest(csr, chargerId)
            .catch((err: Error) => ({ ok: false as const, ...reasonOf(msg`the CSR could not be signed: ${err.message}`) }));
    if (!decision.ok) {
      this.recordEvent(chargerId, { kind: 'certificate-request', accepted: false, reason: decision.reason, said: decision.said });
      return { status: 'Rejected' };
    }
    this.recordEvent(chargerId, { kind: 'certificate-request', accepted: true, certificate: decision.facts });
    // After our answer has left (the endpoint sends it when this resolves): the chain, as the whitepaper orders.
    setImmediate(() => {
      this.call(chargerId, 'CertificateSigned', { certificateChain: decision.chainPem }).then(
        (answer) =>
          this.recordEvent(chargerId, {
            kind: 'certificate-signed',
            status: String((answer.payload as { status?: unknown }).status),
            certificate: decision.facts,
          }),
        (err: Error) => this.recordEvent(chargerId, { kind: 'certificate-signed', status: `not delivered: ${err.message}`, certificate: decision.facts }),
      );
    });
    return { status: 'Accepted' };
  }

  private onPlainRequest(req: IncomingMessage, res: ServerResponse, scheme: Scheme): void {
    const upgrade = String(req.headers.upgrade ?? '').toLowerCase();
    const reason =
      upgrade === 'websocket'
        ? 'the request asks for a WebSocket but has no "Connection: Upgrade" header'
        : `a plain HTTP ${req.method} arrived instead of a WebSocket upgrade (a browser, or a charger without WebSocket support)`;
    const path = chargerIdFromPath(req.url ?? '/');
    this.recordEvent(path.ok ? path.id : null, {
      kind: 'refused',
      stage: 'http',
      scheme,
      remote: remoteOf(req.socket),
      status: 426,
      reason,
      path: req.url ?? '',
    });
    res.writeHead(426, { 'Content-Type': 'text/plain; charset=utf-8', Upgrade: 'websocket', Connection: 'close' });
    res.end(`This is an OCPP 1.6J endpoint of OCPP Field Kit. Point a charger at ${scheme}://<this address>/ocpp/<chargePointId> (subprotocol ocpp1.6).\n`);
  }

  private refuse(socket: Duplex, chargerId: string | null, event: RefusedEvent): void {
    this.recordEvent(chargerId, event);
    const status = event.status ?? 400;
    const text = `${event.reason}\n`;
    const head = [
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Refused'}`,
      'Connection: close',
      'Content-Type: text/plain; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(text)}`,
      ...(status === 401 ? ['WWW-Authenticate: Basic realm="OCPP", charset="UTF-8"'] : []),
    ];
    socket.end(`${head.join('\r\n')}\r\n\r\n${text}`);
  }

  private nextTransactionId(chargerId: string): number {
    // Seeded from the clock so that ids stay unique for a charger across runs of the app, too.
    const last = this.transactionIds.get(chargerId) ?? Math.floor((this.clock().getTime() - Date.UTC(2024, 0, 1)) / 1000);
    const next = last + 1;
    this.transactionIds.set(chargerId, next);
    return next;
  }

  private session(chargerId: string | null, source?: SessionSource): SessionRecorder {
    let session = this.sessions.get(chargerId);
    if (!session) {
      session = this.deps.openSession(chargerId, source);
      this.sessions.set(chargerId, session);
    }
    return session;
  }

  /**
   * Hands a frame to the charger's socket once its record is written. A socket that closed meanwhile
   * (the charger's call raced our close) gets nothing, and the record is followed by one saying so.
   */
  private deliver(id: string, ws: WebSocket, data: string | Buffer, binary: boolean): void {
    const seq = this.lastSentSeq.get(id) ?? null; // the record of this very frame, appended just before
    this.session(id).whenDurable(() => {
      if (ws.readyState !== ws.OPEN) {
        const reason = `not delivered: the connection was ${ws.readyState === ws.CLOSING ? 'closing' : 'closed'} when it was due to leave`;
        this.recordEvent(id, { kind: 'undelivered', seq, reason });
        return;
      }
      // No write callback: ws then writes each frame on its own and throughput halves (measured: 8 800 vs
      // 15 700 calls/s at 100 chargers). A socket that fails mid-write closes, and its close is recorded.
      ws.send(data, { binary });
    });
  }

  private recordFrame(chargerId: string, frame: FrameObservation, leg: Leg = 'charger'): void {
    const record = this.session(chargerId).appendFrame(chargerId, leg, frame);
    if (leg === 'charger' && frame.dir === 'tx') this.lastSentSeq.set(chargerId, record.seq);
    this.emit('frame', record);
  }

  /**
   * Files something that happened beside the charger's connection (a diagnostics file it uploaded)
   * in its session, as an event: the session then knows of it, and so do a UI and a support bundle.
   */
  recordChargerNote(chargerId: string, event: DiagnosticsReceivedEvent): void {
    this.recordRelayEvent(chargerId, event, 'charger');
  }

  private recordRelayEvent(chargerId: string, event: { readonly kind: string }, leg: Leg = 'upstream'): void {
    const record = this.session(chargerId).append({ t: 'event', charger: chargerId, leg, event }) as EventRecord;
    this.emit('event', record);
  }

  private recordEvent(chargerId: string | null, event: ConnectionEvent): void {
    if (event.kind === 'refused') {
      this.recordRefusal(chargerId, event);
      return;
    }
    const record = this.session(chargerId).append({ t: 'event', charger: chargerId, leg: 'charger', event }) as EventRecord;
    this.emit('event', record);
  }

  /**
   * A refusal is filed in the charger's session only when that charger already has one this run;
   * otherwise in the listener log, so that made-up ids open no files. Unknown ids beyond the first
   * few are not given a charger entry: the id stays in the event as claimedId.
   */
  private recordRefusal(claimed: string | null, event: RefusedEvent): void {
    const session = claimed !== null ? this.sessions.get(claimed) : undefined;
    let charger: string | null = claimed;
    if (claimed !== null && !session && !this.passwords.has(claimed) && !this.unknownRefusedIds.has(claimed)) {
      if (this.unknownRefusedIds.size < MAX_UNKNOWN_REFUSED_IDS) this.unknownRefusedIds.add(claimed);
      else charger = null;
    }
    const filed: RefusedEvent = charger === null && claimed !== null ? { ...event, claimedId: claimed } : event;
    const record = session
      ? (session.append({ t: 'event', charger, leg: 'charger', event: filed }) as EventRecord)
      : this.deps.listenerLog
        ? this.deps.listenerLog.append(charger, filed)
        : (this.session(null).append({ t: 'event', charger, leg: 'charger', event: filed }) as EventRecord);
    this.emit('event', record);
  }

  private async closeListeners(): Promise<void> {
    await Promise.all(this.listeners.splice(0).map((l) => l.close()));
  }
}

function tlsFacts(socket: TLSSocket): TlsFacts {
  const cipher = socket.getCipher?.()?.name ?? null;
  return {
    version: socket.getProtocol?.() ?? null,
    cipher,
    sni: typeof socket.servername === 'string' ? socket.servername : null,
    policyCipher: isPolicyCipher(cipher ?? undefined),
  };
}

/** The close code and reason for a WebSocket error of the charger's making (ws's error codes). */
function protocolViolation(err: Error & { code?: string }, maxPayload: number): { code: number; reason: string } {
  switch (err.code) {
    case 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH':
      return { code: 1009, reason: `frame too large: the charger sent a frame over ${maxPayload} bytes` };
    case 'WS_ERR_INVALID_UTF8':
      return { code: 1007, reason: 'the charger sent a text frame that is not valid UTF-8' };
    default:
      return { code: 1002, reason: `WebSocket protocol error: ${err.message}` };
  }
}
