/** OCPP-J 1.6 CALLERROR codes (OCPP-J 1.6 §4.2.3). The spelling "Occurence" is the spec's own. */
import { NamedError } from '../lib/named-error.ts';
export const OCPP_ERROR_CODES = [
  'NotImplemented',
  'NotSupported',
  'InternalError',
  'ProtocolError',
  'SecurityError',
  'FormationViolation',
  'PropertyConstraintViolation',
  'OccurenceConstraintViolation',
  'TypeConstraintViolation',
  'GenericError',
] as const;

export type OcppErrorCode = (typeof OCPP_ERROR_CODES)[number];

export function isOcppErrorCode(value: unknown): value is OcppErrorCode {
  return typeof value === 'string' && (OCPP_ERROR_CODES as readonly string[]).includes(value);
}

/** An error that should be answered to the peer as a CALLERROR with this code. */
export class OcppError extends NamedError {
  constructor(
    readonly code: OcppErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** The peer answered our CALL with a CALLERROR. */
export class CallErrorResponse extends NamedError {
  constructor(
    readonly action: string,
    readonly code: string,
    readonly description: string,
    readonly details: unknown,
  ) {
    super(`${action} answered with CALLERROR ${code}${description ? `: ${description}` : ''}`);
  }
}

/** Our CALL got no answer in time. */
export class CallTimeout extends NamedError {
  constructor(
    readonly action: string,
    readonly messageId: string,
    readonly timeoutMs: number,
  ) {
    super(`${action} got no answer within ${timeoutMs} ms (message id ${messageId})`);
  }
}

/** The connection closed (or the endpoint was shut) before our CALL was answered. */
export class CallAborted extends NamedError {
  constructor(
    readonly action: string,
    reason: string,
  ) {
    super(`${action} was not answered: ${reason}`);
  }
}

/** We refused to send a CALL because its payload breaks the schema (strict on send). */
export class InvalidOutgoingPayload extends NamedError {
  constructor(
    readonly action: string,
    readonly issues: readonly { path: string; message: string }[],
  ) {
    super(`${action} payload is not valid OCPP 1.6: ${issues.map((i) => `${i.path || '/'} ${i.message}`).join('; ')}`);
  }
}
