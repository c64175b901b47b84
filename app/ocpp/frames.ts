/**
 * OCPP-J 1.6 RPC framing: CALL [2,id,action,payload], CALLRESULT [3,id,payload],
 * CALLERROR [4,id,code,description,details]. Parsing never throws: a malformed frame comes back as a
 * problem with the reason and, where the spec calls for an answer, the CALLERROR to send.
 */
import type { OcppErrorCode } from './errors.ts';

export const CALL = 2;
export const CALLRESULT = 3;
export const CALLERROR = 4;

/** OCPP-J 1.6 §4.1.3: message ids are at most 36 characters. */
export const MAX_MESSAGE_ID_LENGTH = 36;

export interface CallFrame {
  readonly type: typeof CALL;
  readonly id: string;
  readonly action: string;
  readonly payload: unknown;
}
export interface CallResultFrame {
  readonly type: typeof CALLRESULT;
  readonly id: string;
  readonly payload: unknown;
}
export interface CallErrorFrame {
  readonly type: typeof CALLERROR;
  readonly id: string;
  readonly code: string;
  readonly description: string;
  readonly details: unknown;
}
export type Frame = CallFrame | CallResultFrame | CallErrorFrame;

export interface FrameProblem {
  /** The CALLERROR code a central system answers with. */
  readonly code: OcppErrorCode;
  readonly reason: string;
  /** Message id to answer with: the frame's own where it could be read, else "-1". */
  readonly answerId: string;
  /** False where the frame is (or claims to be) a CALLRESULT/CALLERROR: those are never answered. */
  readonly answer: boolean;
  /** The message type the frame claimed, where it could be read. */
  readonly claimedType?: number;
}

export type ParseOutcome = { readonly ok: true; readonly frame: Frame } | { readonly ok: false; readonly problem: FrameProblem };

/** Where the text is not JSON, recover a CALL's id by pattern so the charger's pending call still gets its answer. */
const LEADING_CALL_ID = /^\s*\[\s*2\s*,\s*"((?:[^"\\]|\\.){1,64})"/;

function problem(code: OcppErrorCode, reason: string, answerId = '-1', answer = true, claimedType?: number): ParseOutcome {
  return { ok: false, problem: { code, reason, answerId, answer, ...(claimedType === undefined ? {} : { claimedType }) } };
}

export function parseFrame(text: string): ParseOutcome {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch (err) {
    const recovered = LEADING_CALL_ID.exec(text)?.[1];
    return problem('FormationViolation', `not valid JSON: ${(err as Error).message}`, recovered ?? '-1');
  }
  if (!Array.isArray(message)) {
    return problem('FormationViolation', `a frame must be a JSON array, got ${describe(message)}`);
  }
  const [type, id] = message;
  const idText = typeof id === 'string' ? id : typeof id === 'number' ? String(id) : '-1';
  if (type !== CALL && type !== CALLRESULT && type !== CALLERROR) {
    return problem('FormationViolation', `unknown message type ${JSON.stringify(type)} (expected 2, 3 or 4)`, idText);
  }
  // Results and errors are never answered, whatever is wrong with them.
  const answer = type === CALL;
  if (typeof id !== 'string') {
    return problem('FormationViolation', `message id must be a string, got ${describe(id)}`, idText, answer, type);
  }
  const arity = type === CALL ? 4 : type === CALLRESULT ? 3 : 5;
  if (message.length < arity) {
    return problem('ProtocolError', `${typeName(type)} needs ${arity} elements, got ${message.length}`, id, answer, type);
  }
  if (message.length > arity) {
    return problem('FormationViolation', `${typeName(type)} has ${arity} elements, got ${message.length}`, id, answer, type);
  }
  if (type === CALL) {
    const [, , action, payload] = message;
    if (typeof action !== 'string' || action.length === 0) {
      return problem('FormationViolation', `action must be a non-empty string, got ${describe(action)}`, id, true, type);
    }
    return { ok: true, frame: { type, id, action, payload } };
  }
  if (type === CALLRESULT) {
    return { ok: true, frame: { type, id, payload: message[2] } };
  }
  const [, , code, description, details] = message;
  if (typeof code !== 'string' || typeof description !== 'string') {
    return problem('FormationViolation', 'CALLERROR code and description must be strings', id, false, type);
  }
  return { ok: true, frame: { type, id, code, description, details } };
}

export function serializeFrame(frame: Frame): string {
  switch (frame.type) {
    case CALL:
      return JSON.stringify([CALL, frame.id, frame.action, frame.payload]);
    case CALLRESULT:
      return JSON.stringify([CALLRESULT, frame.id, frame.payload]);
    case CALLERROR:
      return JSON.stringify([CALLERROR, frame.id, frame.code, frame.description, frame.details]);
  }
}

export function typeName(type: number): string {
  return type === CALL ? 'CALL' : type === CALLRESULT ? 'CALLRESULT' : type === CALLERROR ? 'CALLERROR' : `type ${type}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
