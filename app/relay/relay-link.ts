/**
 * One relayed charger: its connection to the app on one side, the platform on the other. Frames pass
 * unchanged both ways and are recorded on their leg. The app may call the charger too (injection):
 * such calls get ids of their own, wait their turn behind the platform's (one CALL at a time at the
 * charger), and their answers never go upstream. While the platform is unreachable the local central
 * system answers the charger and keeps its transaction messages to replay once the platform is back.
 */
import { randomUUID } from 'node:crypto';
import { answerFrame } from '../central/answers.ts';
import type { ForwardingPhase, ForwardingState } from '../central/relay-seam.ts';
import { BINARY_FRAME_ISSUE, type CallHandler, type CallOptions, type CallSuccess, type FrameObservation, type FrameOrigin } from '../ocpp/endpoint.ts';
import { CallAborted, CallErrorResponse, CallTimeout, InvalidOutgoingPayload } from '../ocpp/errors.ts';
import { CALL, CALLERROR, CALLRESULT, parseFrame, serializeFrame, type Frame } from '../ocpp/frames.ts';
import { FrameInspector } from '../ocpp/inspector.ts';
import { validatePayload } from '../ocpp/validator.ts';
import type { Leg } from '../store/records.ts';
import type { TransactionBacklog, BacklogEntry } from './backlog.ts';
import { ChargerGate } from './charger-gate.ts';
import type { RelayEvent } from './relay-events.ts';
import type { ResolvedTarget } from './target.ts';
import { UpstreamLeg, type Backoff, type UpstreamOpened } from './upstream.ts';
import { SmallMap } from '../lib/small-map.ts';

export interface RelayLinkDeps {
  readonly chargerId: string;
  /** Closes the charger's connection (the platform refused the charger's own credentials). */
  readonly disconnect: (code: number, reason: string) => void;
  /** The subprotocol the charger negotiated: the upstream is asked for the same. */
  readonly subprotocol: string;
  readonly target: ResolvedTarget;
  /** The charger's transaction messages the platform has not seen yet (kept across reconnections). */
  readonly backlog: TransactionBacklog;
  /** Sends to the charger (after what was recorded before it is on disk). */
  readonly toCharger: (data: Buffer | string, isBinary: boolean) => void;
  /** Runs fn once what was recorded so far is on disk: a frame leaves only after its record. */
  readonly afterRecorded: (fn: () => void) => void;
  readonly record: (leg: Leg, frame: FrameObservation) => void;
  readonly recordEvent: (leg: Leg, event: RelayEvent) => void;
  /** The local central system's answers (outage mode). */
  readonly localAnswers: CallHandler;
  readonly strict: () => boolean;
  readonly callTimeoutMs: number;
  readonly backoff?: Backoff;
  readonly handshakeTimeoutMs?: number;
  readonly onState: (state: RelayState) => void;
}

/** The upstream leg's state: the central system defines its shape (the seam), the relay fills it. */
export type RelayPhase = ForwardingPhase;
export type RelayState = ForwardingState;

interface InjectedCall {
  readonly action: string;
  readonly resolve: (value: CallSuccess) => void;
  readonly reject: (error: Error) => void;
}

/** A frame as one leg's inspector saw it. */
interface Seen {
  readonly frame: Frame | null;
  readonly observation: FrameObservation;
}

/** Ids of our own calls remembered after they were answered or timed out, so a late answer is never forwarded. */
const OWN_IDS_KEPT = 256;

export class RelayLink {
  private readonly chargerLeg = new FrameInspector('central');
  private readonly upstreamLeg = new FrameInspector('chargePoint');
  private readonly upstream: UpstreamLeg;
  private readonly gate = new ChargerGate();
  private readonly injected = new Map<string, InjectedCall>();
  private readonly ownIds = new Set<string>();
  private readonly platformIds = new Set<string>();
  /** Charger CALLs forwarded upstream and not answered yet: answered locally if the platform goes away. */
  private readonly awaitingPlatform = new SmallMap<string, { readonly frame: Extract<Frame, { type: typeof CALL }>; readonly raw: string }>();
  private replaying: { readonly entry: BacklogEntry; readonly timer: ReturnType<typeof setTimeout> } | undefined;
  private replayedCount = 0;
  private closedReason: string | undefined;
  private state: RelayState;
  /**
   * The charger's frames while the first connection to the platform is being made: a charger sends
   * its BootNotification the moment it connects, and the platform should get it, not a local answer.
   * null once the platform answered the first attempt either way.
   */
  private held:
    | { readonly data: Buffer; readonly isBinary: boolean; readonly text: string; readonly frame: Frame | null; readonly observation: FrameObservation }[]
    | null = [];

  constructor(private readonly deps: RelayLinkDeps) {
    const { target } = deps;
    this.state = {
      chargerId: deps.chargerId,
      url: target.displayUrl,
      presentAs: target.presentAs,
      phase: 'connecting',
      reason: null,
      since: new Date().toISOString(),
      retryAt: null,
      backlog: deps.backlog.size,
      replay: target.replay,
      tls: null,
    };
    this.upstream = new UpstreamLeg({
      target,
      subprotocol: deps.subprotocol,
      ...(deps.backoff ? { backoff: deps.backoff } : {}),
      ...(deps.handshakeTimeoutMs ? { handshakeTimeoutMs: deps.handshakeTimeoutMs } : {}),
    });
    this.upstream.on('connecting', ({ url, attempt }) => {
      this.deps.recordEvent('upstream', { kind: 'upstream-connecting', url, attempt });
      this.setState({ phase: 'connecting', retryAt: null });
    });
    this.upstream.on('open', (opened) => this.onUpstreamOpen(opened));
    this.upstream.on('message', ({ data, isBinary }) => this.fromUpstream(data, isBinary));
    this.upstream.on('down', (down) => {
      const detail = {
        failure: down.failure.kind,
        ...(down.failure.status ? { status: down.failure.status } : {}),
        ...(down.failure.code ? { code: down.failure.code } : {}),
        ...(down.closeCode ? { closeCode: down.closeCode } : {}),
      };
      // Where the platform decides, its no is never an outage: nothing is answered, kept or replayed in its place.
      if (target.forwardChargerAuth && down.failure.kind === 'refused' && (down.failure.status === 401 || down.failure.status === 403))
        this.refusedByPlatform(down.failure.reason, detail);
      else this.onUpstreamDown(down.failure.reason, down.retryInMs, detail);
    });
    if (target.opened) this.upstream.adopt(target.opened);
    else this.upstream.start();
  }

  get pendingCalls(): number {
    return this.gate.size;
  }

  current(): RelayState {
    return this.state;
  }

  /** A WebSocket message from the charger. */
  fromCharger(data: Buffer, isBinary: boolean): void {
    const text = data.toString('utf8');
    const { observation, frame } = this.chargerLeg.inspect('rx', text, isBinary ? [BINARY_FRAME_ISSUE] : []);
    this.deps.record('charger', observation);
    if (this.held) this.held.push({ data, isBinary, text, frame, observation });
    else this.route(data, isBinary, text, frame, observation);
  }

  private route(data: Buffer, isBinary: boolean, text: string, frame: Frame | null, observation: FrameObservation): void {
    if (frame?.type === CALL) {
      if (this.forwarding()) {
        this.awaitingPlatform.set(frame.id, { frame, raw: text });
        // A platform that never answers must not grow this without bound (the charger gave up long ago).
        if (this.awaitingPlatform.size > OWN_IDS_KEPT) this.awaitingPlatform.delete(this.awaitingPlatform.oldestKey()!);
        const upstream = this.deps.backlog.forUpstream(frame, text);
        if (upstream.rewritten) this.toPlatform(upstream.raw, false, 'rewritten');
        else this.toPlatform(data, isBinary, undefined, { frame, observation });
      } else {
        this.answerLocally(frame, text);
      }
      return;
    }
    if (frame) {
      // An answer: to one of our own calls (kept here), else to the platform's (forwarded).
      this.gate.answered(frame.id);
      if (this.ownIds.has(frame.id)) {
        this.settleInjected(frame, observation);
        return;
      }
      this.toPlatform(data, isBinary, undefined, { frame, observation });
      return;
    }
    // Not OCPP-J: the platform judges it when it is there (it sees the same bytes); otherwise we do.
    if (this.upstream.isOpen) {
      this.toPlatform(data, isBinary, undefined, { frame, observation });
      return;
    }
    const parsed = parseFrame(text);
    if (!parsed.ok && parsed.problem.answer) {
      const { answerId, code, reason } = parsed.problem;
      this.toCharger(serializeFrame({ type: CALLERROR, id: answerId, code, description: reason, details: {} }), false, 'local');
    }
  }

  /** The first attempt to reach the platform ended (open or not): what the charger sent meanwhile goes on its way. */
  private release(): void {
    const held = this.held;
    this.held = null;
    for (const h of held ?? []) this.route(h.data, h.isBinary, h.text, h.frame, h.observation);
  }

  /** The app's own CALL to the charger; its answer comes back here and never goes upstream. */
  inject(action: string, payload: unknown, options: CallOptions = {}): Promise<CallSuccess> {
    if (this.closedReason !== undefined) return Promise.reject(new CallAborted(action, this.closedReason));
    const issues = validatePayload(action, 'req', payload);
    if (issues.length > 0 && !options.allowInvalid) return Promise.reject(new InvalidOutgoingPayload(action, issues));
    const id = this.ownId();
    const text = serializeFrame({ type: CALL, id, action, payload });
    const timeoutMs = options.timeoutMs ?? this.deps.callTimeoutMs;
    return new Promise<CallSuccess>((resolve, reject) => {
      this.injected.set(id, { action, resolve, reject });
      this.gate.enter({
        id,
        from: 'injected',
        timeoutMs,
        send: () => this.toCharger(text, false, 'injected'),
        onTimeout: () => {
          this.injected.delete(id);
          reject(new CallTimeout(action, id, timeoutMs));
        },
      });
    });
  }

  /** The charger left: the platform sees it go offline with the same close code where one can be sent. */
  close(reason: string, code?: number): void {
    if (this.closedReason !== undefined) return;
    this.closedReason = reason;
    this.held = null;
    clearTimeout(this.replaying?.timer);
    this.replaying = undefined;
    this.upstream.stop(upstreamCloseCode(code), 'the charger disconnected from the relay');
    for (const turn of this.gate.clear()) {
      const call = this.injected.get(turn.id);
      if (call) call.reject(new CallAborted(call.action, reason));
    }
    this.injected.clear();
    this.deps.recordEvent('upstream', { kind: 'upstream-closed', reason: `the charger disconnected (${reason})`, backlog: this.deps.backlog.size });
    this.setState({ phase: 'closed', reason: null, retryAt: null });
  }

  private forwarding(): boolean {
    return this.upstream.isOpen && this.replaying === undefined && this.deps.backlog.size === 0;
  }

  private onUpstreamOpen(opened: UpstreamOpened): void {
    this.upstreamLeg.reset();
    this.deps.recordEvent('upstream', { kind: 'upstream-open', ...opened });
    this.setState({ phase: this.deps.backlog.size > 0 ? 'replaying' : 'open', reason: null, retryAt: null, tls: opened.tls });
    this.replayedCount = 0;
    this.replayNext();
    this.release();
  }

  /** The platform refused the charger's own credentials: the charger is let go, and told so. */
  private refusedByPlatform(reason: string, detail: Record<string, unknown>): void {
    this.upstream.stop();
    this.held = null;
    this.awaitingPlatform.clear();
    this.gate.drop('platform');
    this.deps.recordEvent('upstream', { kind: 'upstream-refused', reason, ...detail });
    this.setState({ phase: 'closed', reason: `refused by the platform: ${reason}`, retryAt: null });
    this.deps.disconnect(1008, 'the platform refused the credentials');
  }

  private onUpstreamDown(reason: string, retryInMs: number, detail: Record<string, unknown>): void {
    clearTimeout(this.replaying?.timer);
    this.replaying = undefined;
    this.upstreamLeg.reset();
    // The platform's calls died with its connection; the charger's pending ones are answered here.
    this.gate.drop('platform');
    const pending = this.awaitingPlatform.values();
    this.awaitingPlatform.clear();
    for (const { frame, raw } of pending) this.answerLocally(frame, raw);
    this.deps.recordEvent('upstream', { kind: 'upstream-down', reason, retryInMs, backlog: this.deps.backlog.size, ...detail });
    this.setState({ phase: 'down', reason, retryAt: new Date(Date.now() + retryInMs).toISOString() });
    this.release();
  }

  private fromUpstream(data: Buffer, isBinary: boolean): void {
    const text = data.toString('utf8');
    const { observation, frame } = this.upstreamLeg.inspect('rx', text, isBinary ? [BINARY_FRAME_ISSUE] : []);
    this.deps.record('upstream', observation);
    if (frame?.type === CALL) {
      this.platformIds.add(frame.id);
      if (this.platformIds.size > OWN_IDS_KEPT) this.platformIds.delete(this.platformIds.values().next().value as string);
      this.gate.enter({
        id: frame.id,
        from: 'platform',
        timeoutMs: this.deps.callTimeoutMs,
        send: () => this.toCharger(data, isBinary, undefined, { frame, observation }),
      });
      return;
    }
    if (frame && this.replaying?.entry.id === frame.id) {
      this.onReplayAnswer(frame);
      return;
    }
    if (frame) this.awaitingPlatform.delete(frame.id);
    this.toCharger(data, isBinary, undefined, { frame, observation });
  }

  private answerLocally(frame: Extract<Frame, { type: typeof CALL }>, raw: string): void {
    const answer = answerFrame(this.deps.localAnswers, frame, this.deps.strict());
    if (answer.type === CALLRESULT && this.deps.target.replay) {
      const entry = this.deps.backlog.add(frame, raw);
      const transactionId = (answer.payload as { transactionId?: unknown }).transactionId;
      if (entry && frame.action === 'StartTransaction' && typeof transactionId === 'number') entry.localTransactionId = transactionId;
      this.setState({ backlog: this.deps.backlog.size });
    }
    this.toCharger(serializeFrame(answer), false, 'local');
  }

  private replayNext(): void {
    if (!this.upstream.isOpen || this.closedReason !== undefined) return;
    const entry = this.deps.backlog.peek();
    if (!entry) {
      if (this.state.phase === 'replaying') {
        this.deps.recordEvent('upstream', { kind: 'upstream-replayed', count: this.replayedCount, dropped: this.deps.backlog.dropped });
        this.setState({ phase: 'open', backlog: 0 });
      }
      return;
    }
    const frame = { type: CALL, id: entry.id, action: entry.action, payload: entry.payload } as const;
    const { raw, rewritten } = this.deps.backlog.forUpstream(frame, entry.raw);
    const timer = setTimeout(() => {
      // The platform did not answer a replayed message: it is not sent again (the platform may have it).
      this.deps.recordEvent('upstream', { kind: 'upstream-replay-unanswered', messageId: entry.id, action: entry.action });
      this.replaying = undefined;
      this.deps.backlog.shift();
      this.replayNext();
    }, this.deps.callTimeoutMs);
    this.replaying = { entry, timer };
    this.toPlatform(raw, false, rewritten ? 'rewritten' : 'replay');
  }

  private onReplayAnswer(frame: Frame): void {
    const { entry, timer } = this.replaying!;
    clearTimeout(timer);
    this.replaying = undefined;
    if (frame.type === CALLRESULT) this.deps.backlog.learn(entry, frame.payload);
    this.deps.backlog.shift();
    this.replayedCount++;
    this.setState({ backlog: this.deps.backlog.size });
    this.replayNext();
  }

  private settleInjected(frame: Exclude<Frame, { type: typeof CALL }>, observation: FrameObservation): void {
    const call = this.injected.get(frame.id);
    if (!call) return; // a late answer to a call that timed out: recorded, kept here
    this.injected.delete(frame.id);
    if (frame.type === CALLRESULT) {
      call.resolve({
        payload: frame.payload,
        messageId: frame.id,
        latencyMs: observation.latencyMs ?? 0,
        issues: validatePayload(call.action, 'conf', frame.payload),
      });
    } else {
      call.reject(new CallErrorResponse(call.action, frame.code, frame.description, frame.details));
    }
  }

  private ownId(): string {
    let id: string;
    do id = `fk-${randomUUID().slice(0, 23)}`;
    while (this.gate.has(id) || this.platformIds.has(id) || this.ownIds.has(id));
    this.ownIds.add(id);
    if (this.ownIds.size > OWN_IDS_KEPT) this.ownIds.delete(this.ownIds.values().next().value as string);
    return id;
  }

  /** seen: the same bytes as inspected on the platform leg (their verdict is reused). */
  private toCharger(data: Buffer | string, isBinary: boolean, origin?: FrameOrigin, seen?: Seen): void {
    // The bytes were decoded when they arrived on the other leg: the same text, not a second copy.
    const text = typeof data === 'string' ? data : (seen?.observation.raw ?? data.toString('utf8'));
    const observation = seen ? this.chargerLeg.forward('tx', text, seen.frame, seen.observation) : this.chargerLeg.inspect('tx', text).observation;
    this.deps.record('charger', origin ? { ...observation, origin } : observation);
    this.deps.toCharger(data, isBinary);
  }

  /** seen: the same bytes as inspected on the charger leg (their verdict is reused). */
  private toPlatform(data: Buffer | string, isBinary: boolean, origin?: FrameOrigin, seen?: Seen): void {
    if (!this.upstream.isOpen) return;
    // The bytes were decoded when they arrived on the other leg: the same text, not a second copy.
    const text = typeof data === 'string' ? data : (seen?.observation.raw ?? data.toString('utf8'));
    const observation = seen ? this.upstreamLeg.forward('tx', text, seen.frame, seen.observation) : this.upstreamLeg.inspect('tx', text).observation;
    this.deps.record('upstream', origin ? { ...observation, origin } : observation);
    this.deps.afterRecorded(() => this.upstream.send(data, isBinary));
  }

  private setState(change: Partial<Omit<RelayState, 'chargerId' | 'url' | 'presentAs' | 'replay'>>): void {
    const phaseChanged = change.phase !== undefined && change.phase !== this.state.phase;
    this.state = { ...this.state, ...change, ...(phaseChanged ? { since: new Date().toISOString() } : {}) };
    this.deps.onState(this.state);
  }
}

/** The close code the platform sees: the charger's own where it may be sent; a close without a code is normal, a lost connection is "going away". */
function upstreamCloseCode(code: number | undefined): number {
  if (code === 1000 || code === 1001 || (code !== undefined && code >= 3000 && code <= 4999)) return code;
  return code === 1005 ? 1000 : 1001;
}
