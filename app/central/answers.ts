/**
 * How the local central system answers what a charger sends: everything Accepted, so the charger
 * behaves as it would on a permissive platform and the user sees its real behaviour.
 */

import { OcppError } from '../ocpp/errors.ts';
import { isAction } from '../ocpp/actions.ts';
import { CALLERROR, CALLRESULT, type CallFrame, type Frame } from '../ocpp/frames.ts';
import { validatePayload } from '../ocpp/validator.ts';
import { handlerFailure, schemaRefusal, type CallHandler } from '../ocpp/endpoint.ts';

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
  const refusal = schemaRefusal(payload, issues, strict);
  if (refusal) return { type: CALLERROR, id, ...refusal };
  try {
    return { type: CALLRESULT, id, payload: handler({ action, payload, messageId: id, issues }) ?? {} };
  } catch (err) {
    return { type: CALLERROR, id, ...handlerFailure(err) };
  }
}
