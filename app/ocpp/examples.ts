/**
 * A valid example request and answer for every OCPP 1.6 action. They seed the UI's operation
 * templates and let tests exercise every action; a test keeps them valid against the schemas.
 */
import type { Action } from './actions.ts';

const at = '2026-01-01T12:00:00.000Z';

const chargingProfile = {
  chargingProfileId: 1,
  stackLevel: 0,
  chargingProfilePurpose: 'TxDefaultProfile',
  chargingProfileKind: 'Absolute',
  chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }] },
};

export const EXAMPLES: Record<Action, { req: Record<string, unknown>; conf: Record<string, unknown> }> = {
  Authorize: { req: { idTag: 'TAG0001' }, conf: { idTagInfo: { status: 'Accepted' } } },
  BootNotification: {
    req: { chargePointVendor: 'Example', chargePointModel: 'Wallbox 22', chargePointSerialNumber: 'SN-0001', firmwareVersion: '1.0.0' },
    conf: { status: 'Accepted', currentTime: at, interval: 60 },
  },
  ChangeAvailability: { req: { connectorId: 1, type: 'Operative' }, conf: { status: 'Accepted' } },
  ChangeConfiguration: { req: { key: 'MeterValueSampleInterval', value: '60' }, conf: { status: 'Accepted' } },
  ClearCache: { req: {}, conf: { status: 'Accepted' } },
  DataTransfer: { req: { vendorId: 'com.example', messageId: 'ping', data: 'hello' }, conf: { status: 'Accepted', data: 'pong' } },
  GetConfiguration: {
    req: { key: ['MeterValueSampleInterval'] },
    conf: { configurationKey: [{ key: 'MeterValueSampleInterval', readonly: false, value: '60' }], unknownKey: [] },
  },
  Heartbeat: { req: {}, conf: { currentTime: at } },
  MeterValues: {
    req: {
      connectorId: 1,
      transactionId: 1,
      meterValue: [
        {
          timestamp: at,
          sampledValue: [
            { value: '1234', measurand: 'Energy.Active.Import.Register', unit: 'Wh', context: 'Sample.Periodic' },
            { value: '7360', measurand: 'Power.Active.Import', unit: 'W', context: 'Sample.Periodic' },
          ],
        },
      ],
    },
    conf: {},
  },
  RemoteStartTransaction: { req: { connectorId: 1, idTag: 'TAG0001' }, conf: { status: 'Accepted' } },
  RemoteStopTransaction: { req: { transactionId: 1 }, conf: { status: 'Accepted' } },
  Reset: { req: { type: 'Soft' }, conf: { status: 'Accepted' } },
  StartTransaction: {
    req: { connectorId: 1, idTag: 'TAG0001', meterStart: 1000, timestamp: at },
    conf: { transactionId: 1, idTagInfo: { status: 'Accepted' } },
  },
  StatusNotification: { req: { connectorId: 1, errorCode: 'NoError', status: 'Available', timestamp: at }, conf: {} },
  StopTransaction: { req: { transactionId: 1, meterStop: 2000, timestamp: at, reason: 'EVDisconnected' }, conf: { idTagInfo: { status: 'Accepted' } } },
  UnlockConnector: { req: { connectorId: 1 }, conf: { status: 'Unlocked' } },
  GetDiagnostics: { req: { location: 'http://127.0.0.1:8181/diagnostics' }, conf: { fileName: 'diagnostics.zip' } },
  DiagnosticsStatusNotification: { req: { status: 'Uploaded' }, conf: {} },
  FirmwareStatusNotification: { req: { status: 'Installed' }, conf: {} },
  UpdateFirmware: { req: { location: 'http://127.0.0.1:8181/firmware.bin', retrieveDate: at, retries: 1 }, conf: {} },
  GetLocalListVersion: { req: {}, conf: { listVersion: 1 } },
  SendLocalList: {
    req: { listVersion: 2, updateType: 'Full', localAuthorizationList: [{ idTag: 'TAG0001', idTagInfo: { status: 'Accepted' } }] },
    conf: { status: 'Accepted' },
  },
  CancelReservation: { req: { reservationId: 1 }, conf: { status: 'Accepted' } },
  ReserveNow: { req: { connectorId: 1, expiryDate: at, idTag: 'TAG0001', reservationId: 1 }, conf: { status: 'Accepted' } },
  ClearChargingProfile: { req: { id: 1 }, conf: { status: 'Accepted' } },
  GetCompositeSchedule: {
    req: { connectorId: 1, duration: 3600, chargingRateUnit: 'A' },
    conf: {
      status: 'Accepted',
      connectorId: 1,
      scheduleStart: at,
      chargingSchedule: { duration: 3600, chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }] },
    },
  },
  SetChargingProfile: { req: { connectorId: 1, csChargingProfiles: chargingProfile }, conf: { status: 'Accepted' } },
  TriggerMessage: { req: { requestedMessage: 'StatusNotification', connectorId: 1 }, conf: { status: 'Accepted' } },
  CertificateSigned: { req: { certificateChain: '-----BEGIN CERTIFICATE-----' }, conf: { status: 'Accepted' } },
  DeleteCertificate: {
    req: { certificateHashData: { hashAlgorithm: 'SHA256', issuerNameHash: 'aa', issuerKeyHash: 'bb', serialNumber: '01' } },
    conf: { status: 'Accepted' },
  },
  ExtendedTriggerMessage: { req: { requestedMessage: 'StatusNotification' }, conf: { status: 'Accepted' } },
  GetInstalledCertificateIds: { req: { certificateType: 'CentralSystemRootCertificate' }, conf: { status: 'NotFound' } },
  GetLog: { req: { logType: 'DiagnosticsLog', requestId: 1, log: { remoteLocation: 'http://127.0.0.1:8181/logs' } }, conf: { status: 'Accepted' } },
  InstallCertificate: { req: { certificateType: 'CentralSystemRootCertificate', certificate: '-----BEGIN CERTIFICATE-----' }, conf: { status: 'Accepted' } },
  LogStatusNotification: { req: { status: 'Uploaded', requestId: 1 }, conf: {} },
  SecurityEventNotification: { req: { type: 'StartupOfTheDevice', timestamp: at }, conf: {} },
  SignCertificate: { req: { csr: '-----BEGIN CERTIFICATE REQUEST-----' }, conf: { status: 'Accepted' } },
  SignedFirmwareStatusNotification: { req: { status: 'Installed' }, conf: {} },
  SignedUpdateFirmware: {
    req: {
      requestId: 1,
      firmware: { location: 'http://127.0.0.1:8181/fw.bin', retrieveDateTime: at, signingCertificate: '-----BEGIN CERTIFICATE-----', signature: 'c2ln' },
    },
    conf: { status: 'Accepted' },
  },
};
