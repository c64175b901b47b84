/**
 * The OCPP-J RPC endpoint over any message socket: answers the peer's CALLs through a handler,
 * sends our CALLs one at a time (OCPP-J allows one outstanding CALL per direction; the rest queue),
 * correlates results by message id, times out, and reports every frame that passes with its issues.
 * Nothing the peer sends can make it throw.
 */
import { randomUUID } from 'node:crypto';
import { canInitiate, isAction, type Initiator } from './actions.ts';
import { CallAborted, CallErrorResponse, CallTimeout, InvalidOutgoingPayload, OcppError, type OcppErrorCode } from './errors.ts';
import { CALL, CALLERROR, CALLRESULT, MAX_MESSAGE_ID_LENGTH, parseFrame, serializeFrame, type Frame } from './frames.ts';
import { answerCodeFor, validatePayload, type SchemaIssue } from './validator.ts';

export type Direction = 'rx' | 'tx';

export interface FrameIssue {
  /** frame: not OCPP-J at all; schema: payload breaks the 1.6 schema; protocol: breaks an RPC rule. */
  readonly kind: 'frame' | 'schema' | 'protocol';
  readonly message: string;
  readonly path?: string;
  readonly code?: string;
}

/** A charger that sends OCPP in binary WebSocket frames: recorded on the frame, wherever it arrives. */
export const BINARY_FRAME_ISSUE: FrameIssue = { kind: 'protocol', message: 'sent as a binary WebSocket frame; OCPP-J uses text frames' };

/** What the endpoint saw pass, in either direction. The recorder turns it into a frame record. */
export interface FrameObservation {
  readonly dir: Direction;
  readonly raw: string;
  readonly type?: number;
  readonly id?: string;
  readonly action?: string;
  readonly issues: readonly FrameIssue[];
  /** On a result or error: ms since the CALL it answers was sent. */
  readonly latencyMs?: number;
  /** Where a relayed charger's frame came from when not from its peer (see FrameOrigin). */
  readonly origin?: FrameOrigin;
  /**
   * A received frame as parsed from raw, or our answer as built before it was serialised, so nothing
   * downstream parses it again (the charger model reads payloads from it). Never recorded: raw is
   * the record.
   */
  readonly parsed?: Frame;
}

/**
 * On a relayed charger: local = answered by the app's own central system while the platform was
 * unreachable; injected = a CALL of the app or its user, never seen by the platform; replay = sent
 * to the platform after an outage, on the charger's behalf; rewritten = forwarded with the local
 * transaction id replaced by the platform's.
 */
export type FrameOrigin = 'local' | 'injected' | 'replay' | 'rewritten';

export interface MessageSink {
  send(text: string): void;
}

export interface IncomingCall {
  readonly action: string;
  readonly payload: unknown;
  readonly messageId: string;
  readonly issues: readonly SchemaIssue[];
}

export type CallHandler = (call: IncomingCall) => unknown;

export interface CallSuccess {
  readonly payload: unknown;
  readonly messageId: string;
  readonly latencyMs: number;
  /** Schema violations in the peer's answer: recorded, and the answer is still returned. */
  readonly issues: readonly SchemaIssue[];
}

export interface CallOptions {
  readonly timeoutMs?: number;
  /** Send even if the payload breaks the schema (deliberate negative tests). */
  readonly allowInvalid?: boolean;
}

export interface EndpointOptions {
  readonly sink: MessageSink;
  /** Our role: decides which actions the peer may initiate. */
  readonly role: Initiator;
  readonly handler: CallHandler;
  readonly observe: (frame: FrameObservation) => void;
  /** Strict: a schema-invalid CALL is answered with a CALLERROR. Lenient (default): answered normally where usable. */
  readonly strict?: () => boolean;
  readonly callTimeoutMs?: number;
  readonly newMessageId?: () => string;
  readonly now?: () => number;
}

interface PendingCall {
  readonly id: string;
  readonly action: string;
  readonly text: string;
  readonly issues: readonly FrameIssue[];
  readonly timeoutMs: number;
  readonly resolve: (value: CallSuccess) => void;
  readonly reject: (error: Error) => void;
  sentAt?: number;
  timer?: ReturnType<typeof setTimeout>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
/** How many timed-out ids we remember, to tell a late answer from a stray one. */
const LATE_MEMORY = 64;

export class RpcEndpoint {
  private readonly queue: PendingCall[] = [];
  private outstanding: PendingCall | undefined;
  private readonly timedOut = new Map<string, { action: string; sentAt: number }>();
  private readonly answering = new Set<string>();
  private closedReason: string | undefined;
  private transportIssues: readonly FrameIssue[] = [];
  private readonly now: () => number;

  constructor(private readonly options: EndpointOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  get pendingCalls(): number {
    return this.queue.length + (this.outstanding ? 1 : 0);
  }

  /** Feed one text message from the socket; transportIssues are the socket's own remarks (a binary frame, say). */
  receive(text: string, transportIssues: readonly FrameIssue[] = []): void {
    this.transportIssues = transportIssues;
    const parsed = parseFrame(text);
    if (!parsed.ok) {
      const { problem } = parsed;
      this.observe({
        dir: 'rx',
        raw: text,
        ...(problem.claimedType === undefined ? {} : { type: problem.claimedType }),
        ...(problem.answerId !== '-1' ? { id: problem.answerId } : {}),
        issues: [{ kind: 'frame', message: problem.reason, code: problem.code }],
      });
      if (problem.answer) this.sendError(problem.answerId, problem.code, problem.reason, {});
      return;
    }
    const { frame } = parsed;
    if (frame.type === CALL) this.onCall(text, frame);
    else this.onAnswer(text, frame);
  }

  /** Send a CALL and wait for its answer. Rejects with CallErrorResponse, CallTimeout, CallAborted or InvalidOutgoingPayload. */
  call(action: string, payload: unknown, options: CallOptions = {}): Promise<CallSuccess> {
    if (this.closedReason !== undefined) return Promise.reject(new CallAborted(action, this.closedReason));
    const issues = validatePayload(action, 'req', payload);
    if (issues.length > 0 && !options.allowInvalid) return Promise.reject(new InvalidOutgoingPayload(action, issues));
    const id = (this.options.newMessageId ?? randomUUID)();
    const text = serializeFrame({ type: CALL, id, action, payload });
    return new Promise<CallSuccess>((resolve, reject) => {
      this.queue.push({
        id,
        action,
        text,
        issues: frameIssues(issues),
        timeoutMs: options.timeoutMs ?? this.options.callTimeoutMs ?? DEFAULT_TIMEOUT_MS,
        resolve,
        reject,
      });
      this.pump();
    });
  }

  /** The socket is gone: fail every waiting call with the reason. */
  close(reason: string): void {
    if (this.closedReason !== undefined) return;
    this.closedReason = reason;
    const waiting = [...(this.outstanding ? [this.outstanding] : []), ...this.queue.splice(0)];
    this.outstanding = undefined;
    for (const call of waiting) {
      clearTimeout(call.timer);
      call.reject(new CallAborted(call.action, reason));
    }
  }

  private pump(): void {
    if (this.outstanding || this.closedReason !== undefined) return;
    const next = this.queue.shift();
    if (!next) return;
    this.outstanding = next;
    next.sentAt = this.now();
    next.timer = setTimeout(() => this.onTimeout(next), next.timeoutMs);
    this.transmit(next.text, { type: CALL, id: next.id, action: next.action, issues: next.issues });
  }

  private onTimeout(call: PendingCall): void {
    if (this.outstanding !== call) return;
    this.outstanding = undefined;
    this.timedOut.set(call.id, { action: call.action, sentAt: call.sentAt ?? this.now() });
    if (this.timedOut.size > LATE_MEMORY) this.timedOut.delete(this.timedOut.keys().next().value as string);
    call.reject(new CallTimeout(call.action, call.id, call.timeoutMs));
    this.pump();
  }

  private onCall(raw: string, frame: Extract<Frame, { type: typeof CALL }>): void {
    // The answer carries how long we took: the log shows a latency for every pair, ours too.
    const receivedAt = this.now();
    const protocolIssues: FrameIssue[] = [];
    if (frame.id.length > MAX_MESSAGE_ID_LENGTH) {
      protocolIssues.push({ kind: 'protocol', message: `message id is ${frame.id.length} characters; OCPP-J allows ${MAX_MESSAGE_ID_LENGTH}` });
    }
    if (this.answering.size > 0) {
      protocolIssues.push({
        kind: 'protocol',
        message: `sent while its previous CALL ${[...this.answering][0]} was still unanswered (OCPP-J allows one at a time)`,
      });
    }
    const { action, id, payload } = frame;
    if (!isAction(action)) {
      this.observe({
        dir: 'rx',
        raw,
        parsed: frame,
        type: CALL,
        id,
        action,
        issues: [...protocolIssues, { kind: 'frame', code: 'NotImplemented', message: `${action} is not an OCPP 1.6 action` }],
      });
      this.sendError(id, 'NotImplemented', `Unknown action ${action}`, {}, undefined, receivedAt);
      return;
    }
    const peer: Initiator = this.options.role === 'central' ? 'chargePoint' : 'central';
    if (!canInitiate(action, peer)) {
      const sender = peer === 'central' ? 'a central system' : 'a charge point';
      this.observe({
        dir: 'rx',
        raw,
        parsed: frame,
        type: CALL,
        id,
        action,
        issues: [...protocolIssues, { kind: 'protocol', code: 'NotSupported', message: `${action} is not sent by ${sender}` }],
      });
      this.sendError(id, 'NotSupported', `${action} is not sent by ${sender}`, {}, undefined, receivedAt);
      return;
    }
    const schemaIssues = validatePayload(action, 'req', payload);
    // The common case, a sound frame, shares one empty list: nothing is allocated for issues it has not.
    const issues = protocolIssues.length === 0 && schemaIssues.length === 0 ? NO_ISSUES : [...protocolIssues, ...schemaIssues.map(schemaIssue)];
    this.observe({ dir: 'rx', raw, parsed: frame, type: CALL, id, action, issues });
    const refusal = schemaIssues.length > 0 ? schemaRefusal(payload, schemaIssues, this.options.strict?.() ?? false) : null;
    if (refusal) {
      this.sendError(id, refusal.code, refusal.description, refusal.details, action, receivedAt);
      return;
    }
    let result: unknown;
    try {
      result = this.options.handler({ action, payload, messageId: id, issues: schemaIssues });
    } catch (err) {
      this.answerFailure(id, action, err, receivedAt);
      return;
    }
    if (isThenable(result)) {
      // An asynchronous answer: the peer's next CALL may arrive meanwhile (recorded as a protocol issue).
      this.answering.add(id);
      Promise.resolve(result)
        .then(
          (value) => this.answerResult(id, action, value, receivedAt),
          (err: unknown) => this.answerFailure(id, action, err, receivedAt),
        )
        .finally(() => this.answering.delete(id));
    } else {
      this.answerResult(id, action, result, receivedAt);
    }
  }

  private answerResult(id: string, action: string, result: unknown, receivedAt: number): void {
    const payload = result ?? {};
    const frame = { type: CALLRESULT, id, payload } as const;
    this.transmit(serializeFrame(frame), {
      type: CALLRESULT,
      id,
      action,
      // Handed on as parsed, like a received frame: the charger model does not parse our own answer back.
      parsed: frame,
      latencyMs: this.now() - receivedAt,
      issues: frameIssues(validatePayload(action, 'conf', payload)),
    });
  }

  private answerFailure(id: string, action: string, err: unknown, receivedAt: number): void {
    const failure = handlerFailure(err);
    this.sendError(id, failure.code, failure.description, failure.details, action, receivedAt);
  }

  private onAnswer(raw: string, frame: Exclude<Frame, { type: typeof CALL }>): void {
    const call = this.outstanding;
    if (!call || call.id !== frame.id) {
      const late = this.timedOut.get(frame.id);
      if (late) {
        this.timedOut.delete(frame.id);
        const after = Math.round(this.now() - late.sentAt);
        this.observe({
          dir: 'rx',
          raw,
          parsed: frame,
          type: frame.type,
          id: frame.id,
          action: late.action,
          latencyMs: after,
          issues: [{ kind: 'protocol', message: `late answer: arrived ${after} ms after the call, which had already timed out` }],
        });
      } else {
        this.observe({
          dir: 'rx',
          raw,
          parsed: frame,
          type: frame.type,
          id: frame.id,
          issues: [{ kind: 'protocol', message: 'answers no call of ours (unknown message id)' }],
        });
      }
      return;
    }
    clearTimeout(call.timer);
    this.outstanding = undefined;
    const latencyMs = this.now() - (call.sentAt ?? this.now());
    if (frame.type === CALLRESULT) {
      const issues = validatePayload(call.action, 'conf', frame.payload);
      this.observe({ dir: 'rx', raw, parsed: frame, type: CALLRESULT, id: frame.id, action: call.action, latencyMs, issues: frameIssues(issues) });
      call.resolve({ payload: frame.payload, messageId: frame.id, latencyMs, issues });
    } else {
      this.observe({ dir: 'rx', raw, parsed: frame, type: CALLERROR, id: frame.id, action: call.action, latencyMs, issues: NO_ISSUES });
      call.reject(new CallErrorResponse(call.action, frame.code, frame.description, frame.details));
    }
    this.pump();
  }

  private sendError(id: string, code: OcppErrorCode, description: string, details: Record<string, unknown>, action?: string, receivedAt?: number): void {
    const text = serializeFrame({ type: CALLERROR, id, code, description, details });
    const latency = receivedAt === undefined ? {} : { latencyMs: this.now() - receivedAt };
    this.transmit(text, { type: CALLERROR, id, ...(action ? { action } : {}), ...latency, issues: NO_ISSUES });
  }

  private transmit(text: string, meta: Omit<FrameObservation, 'dir' | 'raw'>): void {
    // Recorded before it is handed to the socket: the recording is the source of truth. After the
    // close it is still recorded (what we would have said), marked as never sent.
    if (this.closedReason !== undefined) {
      this.observe({ dir: 'tx', raw: text, ...meta, issues: [...meta.issues, { kind: 'protocol', message: `not delivered: ${this.closedReason}` }] });
      return;
    }
    this.observe({ dir: 'tx', raw: text, ...meta });
    this.options.sink.send(text);
  }

  private observe(frame: FrameObservation): void {
    if (frame.dir === 'rx' && this.transportIssues.length > 0) {
      frame = { ...frame, issues: [...this.transportIssues, ...frame.issues] };
      this.transportIssues = [];
    }
    try {
      this.options.observe(frame);
    } catch {
      // An observer's failure (a full disk, say) is its own to report; it must not break the protocol.
    }
  }
}

/** A frame without issues: one frozen list shared by all of them. */
export const NO_ISSUES: readonly FrameIssue[] = Object.freeze([]);

function frameIssues(issues: readonly SchemaIssue[]): readonly FrameIssue[] {
  return issues.length === 0 ? NO_ISSUES : issues.map(schemaIssue);
}

function schemaIssue(issue: SchemaIssue): FrameIssue {
  return { kind: 'schema', path: issue.path, message: issue.message, code: issue.code };
}

/** A CALLERROR to answer with: its code, description and details. */
export interface Refusal {
  readonly code: OcppErrorCode;
  readonly description: string;
  readonly details: Record<string, unknown>;
}

/**
 * How a schema-invalid CALL is answered: with a CALLERROR when its payload is unusable (not an object,
 * or a required field missing) or when strict; null when it is answered normally (lenient).
 * The endpoint and the relay's outage answers (central/answers.ts) both decide here.
 */
export function schemaRefusal(payload: unknown, issues: readonly SchemaIssue[], strict: boolean): Refusal | null {
  const usable = isPlainObject(payload) && !issues.some((i) => i.keyword === 'required');
  if (issues.length === 0 || (!strict && usable)) return null;
  return {
    code: answerCodeFor(issues),
    description: summarize(issues),
    details: { issues: issues.slice(0, 10).map(({ path, message }) => ({ path, message })) },
  };
}

/** The CALLERROR for a handler that threw: its own OCPP error, else InternalError with the reason. */
export function handlerFailure(err: unknown): Refusal {
  if (err instanceof OcppError) return { code: err.code, description: err.message, details: err.details };
  return { code: 'InternalError', description: `handler failed: ${(err as Error)?.message ?? String(err)}`, details: {} };
}

function summarize(issues: readonly SchemaIssue[]): string {
  const first = issues
    .slice(0, 3)
    .map((i) => `${i.path || '/'} ${i.message}`)
    .join('; ');
  return issues.length > 3 ? `${first}; and ${issues.length - 3} more` : first;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
