/**
 * How the local central system answers what a charger sends: everything Accepted, so the charger
 * behaves as it would on a permissive platform and the user sees its real behaviour.
 */
import type { CallHandler } from '../ocpp/endpoint.ts';
import { OcppError } from '../ocpp/errors.ts';

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
