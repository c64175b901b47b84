/**
 * How the local central system answers what a charger sends: everything Accepted, so the charger
 * behaves as it would on a permissive platform and the user sees its real behaviour.
 */
import type { CallHandler } from '../ocpp/endpoint.ts';
import { OcppError } from '../ocpp/errors.ts';
import { isAction } from '../ocpp/actions.ts';
import { CALLERROR, CALLRESULT, type CallFrame, type Frame } from '../ocpp/frames.ts';
import { answerCodeFor, validatePayload } from '../ocpp/validator.ts';

export interface AnswerContext {
  readonly heartbeatInterval: number;
  readonly clock: () => Date;
  /** Next transaction id for this charger: unique within its session. */
  readonly nextTransactionId: () => number;
}

const accepted = { idTagInfo: { status: 'Accepted' } };

export function centralAnswers(context: AnswerContext): CallHandler {
  return ({ action }) => {
    switch (action) {
      case 'BootNotification':
        return { status: 'Accepted', currentTime: context.clock().toISOString(), interval: context.heartbeatInterval };
      case 'Heartbeat':
        return { currentTime: context.clock().toISOString() };
      case 'Authorize':
      case 'StopTransaction':
        return accepted;
      case 'StartTransaction':
        return { transactionId: context.nextTransactionId(), ...accepted };
      case 'StatusNotification':
      case 'MeterValues':
      case 'FirmwareStatusNotification':
      case 'DiagnosticsStatusNotification':
      case 'SecurityEventNotification':
      case 'SignedFirmwareStatusNotification':
      case 'LogStatusNotification':
        return {};
      case 'DataTransfer':
        // No vendor extensions here: the spec's answer for a vendor we do not know.
        return { status: 'UnknownVendorId' };
      case 'SignCertificate':
        return { status: 'Rejected' };
      default:
        throw new OcppError('NotSupported', `${action} is not handled by the local central system`);
    }
  };
}

/**
 * The answer frame the local central system gives a charger CALL, decided at once (the relay's
 * outage mode): CALLERROR where the payload is unusable (or invalid when strict), else the handler's
 * result. The RPC endpoint does the same for a charger talking to the central system directly.
 */
export function answerFrame(handler: CallHandler, call: CallFrame, strict: boolean): Frame {
  const { id, action, payload } = call;
  if (!isAction(action)) return { type: CALLERROR, id, code: 'NotImplemented', description: `Unknown action ${action}`, details: {} };
  const issues = validatePayload(action, 'req', payload);
  const usable = typeof payload === 'object' && payload !== null && !Array.isArray(payload) && !issues.some((i) => i.keyword === 'required');
  if (issues.length > 0 && (strict || !usable)) {
    return { type: CALLERROR, id, code: answerCodeFor(issues), description: issues.slice(0, 3).map((i) => `${i.path || '/'} ${i.message}`).join('; '), details: {} };
  }
  try {
    return { type: CALLRESULT, id, payload: handler({ action, payload, messageId: id, issues }) ?? {} };
  } catch (err) {
    const code = err instanceof OcppError ? err.code : 'InternalError';
    return { type: CALLERROR, id, code, description: (err as Error).message, details: err instanceof OcppError ? err.details : {} };
  }
}
