/**
 * Passive inspection of a frame stream that passes through us without being answered by us (the
 * relay's two legs): parse, validate against the 1.6 schemas, pair each answer with the CALL it
 * answers for its action and latency. It decides nothing and never changes a byte; it only says
 * what each frame is and what is wrong with it, exactly as the RPC endpoint would have recorded it.
 */
import { canInitiate, isAction, type Initiator } from './actions.ts';
import type { Direction, FrameIssue, FrameObservation } from './endpoint.ts';
import { CALL, CALLRESULT, MAX_MESSAGE_ID_LENGTH, parseFrame, type Frame } from './frames.ts';
import { validatePayload } from './validator.ts';
import { SmallMap } from '../lib/small-map.ts';

interface OpenCall {
  readonly action: string;
  readonly at: number;
}

export interface Inspection {
  readonly observation: FrameObservation;
  /** The parsed frame; null where it is not OCPP-J. */
  readonly frame: Frame | null;
}

/** Calls remembered per direction while unanswered: enough for any well-behaved peer, bounded for the rest. */
const OPEN_CALLS_KEPT = 64;

/** The code of the one issue that depends on the connection a frame travels, not on its bytes. */
const CONCURRENT = 'ConcurrentCall';

function concurrentCall(open: SmallMap<string, OpenCall>): FrameIssue {
  return {
    kind: 'protocol',
    code: CONCURRENT,
    message: `sent while its previous CALL ${open.oldestKey()} was still unanswered (OCPP-J allows one at a time)`,
  };
}

export class FrameInspector {
  /** Unanswered CALLs by the direction they travelled in (none or one, mostly: a SmallMap allocates nothing as they come and go). */
  private readonly open: Record<Direction, SmallMap<string, OpenCall>> = { rx: new SmallMap(), tx: new SmallMap() };
  private readonly now: () => number;

  /** role: the side this leg's "tx" frames speak for (central on the charger leg, chargePoint upstream). */
  constructor(
    private readonly role: Initiator,
    now?: () => number,
  ) {
    this.now = now ?? (() => performance.now());
  }

  inspect(dir: Direction, raw: string, transportIssues: readonly FrameIssue[] = []): Inspection {
    const parsed = parseFrame(raw);
    if (!parsed.ok) {
      const { problem } = parsed;
      const observation: FrameObservation = {
        dir,
        raw,
        ...(problem.claimedType === undefined ? {} : { type: problem.claimedType }),
        ...(problem.answerId !== '-1' ? { id: problem.answerId } : {}),
        issues: [...transportIssues, { kind: 'frame', message: problem.reason, code: problem.code }],
      };
      return { observation, frame: null };
    }
    const { frame } = parsed;
    // The parsed frame travels with its bytes (in the observation), so the recorder and the model do not parse it again.
    const observation = frame.type === CALL ? this.onCall(dir, raw, frame) : this.onAnswer(dir, raw, frame);
    return { observation: transportIssues.length > 0 ? { ...observation, issues: [...transportIssues, ...observation.issues] } : observation, frame };
  }

  /**
   * The same bytes, inspected a moment ago on the other leg, now pass on this one: pair them here
   * and keep that leg's verdict on their content (parsing and validating twice costs the relay a
   * third of its throughput). Only what depends on the leg, pairing and one-call-at-a-time, is redone.
   */
  forward(dir: Direction, raw: string, frame: Frame | null, seen: FrameObservation): FrameObservation {
    if (!frame) return { ...seen, dir };
    if (frame.type === CALL) {
      const open = this.open[dir];
      const busy: FrameIssue[] = open.size > 0 ? [concurrentCall(open)] : [];
      this.remember(open, frame.id, frame.action);
      return { ...seen, dir, issues: [...busy, ...seen.issues.filter((i) => i.code !== CONCURRENT)] };
    }
    const calls = this.open[dir === 'rx' ? 'tx' : 'rx'];
    const call = calls.get(frame.id);
    if (!call || seen.action !== call.action) return this.onAnswer(dir, raw, frame);
    calls.delete(frame.id);
    return {
      dir,
      raw,
      parsed: frame,
      type: frame.type,
      id: frame.id,
      action: call.action,
      latencyMs: this.now() - call.at,
      issues: seen.issues.filter((i) => i.kind === 'schema'),
    };
  }

  /** Forget the open calls (the leg closed: nothing on it will be answered any more). */
  reset(): void {
    this.open.rx.clear();
    this.open.tx.clear();
  }

  private onCall(dir: Direction, raw: string, frame: Extract<Frame, { type: typeof CALL }>): FrameObservation {
    const { id, action, payload } = frame;
    const issues: FrameIssue[] = [];
    if (id.length > MAX_MESSAGE_ID_LENGTH)
      issues.push({ kind: 'protocol', message: `message id is ${id.length} characters; OCPP-J allows ${MAX_MESSAGE_ID_LENGTH}` });
    const open = this.open[dir];
    if (open.size > 0) issues.push(concurrentCall(open));
    this.remember(open, id, action);
    if (!isAction(action))
      return {
        dir,
        raw,
        parsed: frame,
        type: CALL,
        id,
        action,
        issues: [...issues, { kind: 'frame', code: 'NotImplemented', message: `${action} is not an OCPP 1.6 action` }],
      };
    const sender: Initiator = dir === 'tx' ? this.role : this.role === 'central' ? 'chargePoint' : 'central';
    if (!canInitiate(action, sender)) {
      issues.push({
        kind: 'protocol',
        code: 'NotSupported',
        message: `${action} is not sent by ${sender === 'central' ? 'a central system' : 'a charge point'}`,
      });
      return { dir, raw, parsed: frame, type: CALL, id, action, issues };
    }
    for (const issue of validatePayload(action, 'req', payload)) issues.push({ kind: 'schema', path: issue.path, message: issue.message, code: issue.code });
    return { dir, raw, parsed: frame, type: CALL, id, action, issues };
  }

  private remember(open: SmallMap<string, OpenCall>, id: string, action: string): void {
    open.set(id, { action, at: this.now() });
    if (open.size > OPEN_CALLS_KEPT) open.delete(open.oldestKey()!);
  }

  private onAnswer(dir: Direction, raw: string, frame: Exclude<Frame, { type: typeof CALL }>): FrameObservation {
    // An answer travels against its CALL: a received answer pairs with a CALL that was sent.
    const calls = this.open[dir === 'rx' ? 'tx' : 'rx'];
    const call = calls.get(frame.id);
    if (!call)
      return {
        dir,
        raw,
        parsed: frame,
        type: frame.type,
        id: frame.id,
        issues: [{ kind: 'protocol', message: 'answers no CALL seen on this connection (unknown message id)' }],
      };
    calls.delete(frame.id);
    const latencyMs = this.now() - call.at;
    const issues: FrameIssue[] =
      frame.type === CALLRESULT && isAction(call.action)
        ? validatePayload(call.action, 'conf', frame.payload).map((i) => ({ kind: 'schema' as const, path: i.path, message: i.message, code: i.code }))
        : [];
    return { dir, raw, parsed: frame, type: frame.type, id: frame.id, action: call.action, latencyMs, issues };
  }
}
