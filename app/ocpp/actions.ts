/**
 * The OCPP 1.6 action catalogue: who initiates each action and which feature profile it belongs to.
 * The engine uses it to answer an action sent in the wrong direction, the UI to offer operations,
 * and the readiness suite to reason about profiles.
 */
import type { OcppRequest } from './messages.ts';

export type FeatureProfile = 'Core' | 'FirmwareManagement' | 'LocalAuthListManagement' | 'Reservation' | 'SmartCharging' | 'RemoteTrigger' | 'Security';

export type Initiator = 'chargePoint' | 'central';

interface ActionInfo {
  readonly profile: FeatureProfile;
  readonly initiators: readonly Initiator[];
}

// Tuples, so that types can tell who sends an action (the contract's CentralAction).
const CP = ['chargePoint'] as const satisfies readonly Initiator[];
const CS = ['central'] as const satisfies readonly Initiator[];

export const ACTIONS = {
  Authorize: { profile: 'Core', initiators: CP },
  BootNotification: { profile: 'Core', initiators: CP },
  ChangeAvailability: { profile: 'Core', initiators: CS },
  ChangeConfiguration: { profile: 'Core', initiators: CS },
  ClearCache: { profile: 'Core', initiators: CS },
  DataTransfer: { profile: 'Core', initiators: ['chargePoint', 'central'] as const },
  GetConfiguration: { profile: 'Core', initiators: CS },
  Heartbeat: { profile: 'Core', initiators: CP },
  MeterValues: { profile: 'Core', initiators: CP },
  RemoteStartTransaction: { profile: 'Core', initiators: CS },
  RemoteStopTransaction: { profile: 'Core', initiators: CS },
  Reset: { profile: 'Core', initiators: CS },
  StartTransaction: { profile: 'Core', initiators: CP },
  StatusNotification: { profile: 'Core', initiators: CP },
  StopTransaction: { profile: 'Core', initiators: CP },
  UnlockConnector: { profile: 'Core', initiators: CS },
  GetDiagnostics: { profile: 'FirmwareManagement', initiators: CS },
  DiagnosticsStatusNotification: { profile: 'FirmwareManagement', initiators: CP },
  FirmwareStatusNotification: { profile: 'FirmwareManagement', initiators: CP },
  UpdateFirmware: { profile: 'FirmwareManagement', initiators: CS },
  GetLocalListVersion: { profile: 'LocalAuthListManagement', initiators: CS },
  SendLocalList: { profile: 'LocalAuthListManagement', initiators: CS },
  CancelReservation: { profile: 'Reservation', initiators: CS },
  ReserveNow: { profile: 'Reservation', initiators: CS },
  ClearChargingProfile: { profile: 'SmartCharging', initiators: CS },
  GetCompositeSchedule: { profile: 'SmartCharging', initiators: CS },
  SetChargingProfile: { profile: 'SmartCharging', initiators: CS },
  TriggerMessage: { profile: 'RemoteTrigger', initiators: CS },
  // OCPP 1.6 security whitepaper extension: validated and answered, not part of the readiness scope.
  CertificateSigned: { profile: 'Security', initiators: CS },
  DeleteCertificate: { profile: 'Security', initiators: CS },
  ExtendedTriggerMessage: { profile: 'Security', initiators: CS },
  GetInstalledCertificateIds: { profile: 'Security', initiators: CS },
  GetLog: { profile: 'Security', initiators: CS },
  InstallCertificate: { profile: 'Security', initiators: CS },
  LogStatusNotification: { profile: 'Security', initiators: CP },
  SecurityEventNotification: { profile: 'Security', initiators: CP },
  SignCertificate: { profile: 'Security', initiators: CP },
  SignedFirmwareStatusNotification: { profile: 'Security', initiators: CP },
  SignedUpdateFirmware: { profile: 'Security', initiators: CS },
} as const satisfies Record<string, ActionInfo>;

export type Action = keyof typeof ACTIONS;

export function isAction(name: unknown): name is Action {
  return typeof name === 'string' && Object.hasOwn(ACTIONS, name);
}

export function actionsInitiatedBy(initiator: Initiator): Action[] {
  return (Object.keys(ACTIONS) as Action[]).filter((a) => (ACTIONS[a].initiators as readonly Initiator[]).includes(initiator));
}

export function canInitiate(action: Action, initiator: Initiator): boolean {
  return (ACTIONS[action].initiators as readonly Initiator[]).includes(initiator);
}

/** ChargePointErrorCode of OCPP 1.6 (§7.6), the faults a StatusNotification names. */
export const CHARGE_POINT_ERROR_CODES = [
  'ConnectorLockFailure',
  'EVCommunicationError',
  'GroundFailure',
  'HighTemperature',
  'InternalError',
  'LocalListConflict',
  'OtherError',
  'OverCurrentFailure',
  'PowerMeterFailure',
  'PowerSwitchFailure',
  'ReaderFailure',
  'ResetFailure',
  'UnderVoltage',
  'OverVoltage',
  'WeakSignal',
] as const satisfies readonly OcppRequest<'StatusNotification'>['errorCode'][];
