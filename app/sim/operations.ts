/**
 * How the simulated charge point answers each central-system operation (OCPP 1.6 §5), quirks
 * included. Work that follows an answer (a triggered message, a transfer, a reboot) is started after
 * the answer has gone out, as the spec requires.
 */
import type { IncomingCall } from '../ocpp/endpoint.ts';
import type { Station } from './station.ts';
import { transactionContext } from './transactions.ts';
import type { ChargingProfile, ClearCriteria, Purpose, RateUnit } from './smart-charging.ts';

type Payload = Record<string, unknown>;

export function handleCentralCall(cp: Station, call: IncomingCall): unknown {
  const p = call.payload as Payload;
  const after = (fn: () => void) => setImmediate(fn);
  const connectorOk = (id: unknown) => typeof id === 'number' && id >= 1 && id <= cp.connectors.length;
  switch (call.action) {
    case 'ChangeConfiguration': {
      const key = String(p.key);
      if (key === 'MeterValuesSampledData' && cp.quirks.has('reject-sampled-data')) return { status: 'Rejected' };
      const result = cp.configuration.change(key, String(p.value));
      if (result.reason) cp.log(`ChangeConfiguration ${key}: ${result.status} (${result.reason})`);
      return { status: result.status };
    }
    case 'GetConfiguration': {
      const read = cp.configuration.read(p.key as string[] | undefined);
      if (!cp.quirks.has('values-as-numbers')) return read;
      // The field failure: numeric values sent as JSON numbers where the schema wants strings.
      return { ...read, configurationKey: read.configurationKey.map((k) => (/^\d+$/.test(k.value) ? { ...k, value: Number(k.value) } : k)) };
    }
    case 'Reset':
      after(() => cp.reboot(p.type === 'Hard' ? 'Hard' : 'Soft'));
      return { status: 'Accepted' };
    case 'ClearCache':
      return { status: 'Accepted' };
    case 'ChangeAvailability': {
      const id = p.connectorId as number;
      const targets = id === 0 ? cp.connectors : connectorOk(id) ? [cp.connector(id)] : [];
      if (targets.length === 0) return { status: 'Rejected' };
      const operative = p.type === 'Operative';
      let scheduled = false;
      for (const connector of targets) {
        if (!operative && connector.transaction) {
          connector.inoperativeScheduled = true;
          scheduled = true;
        } else {
          connector.operative = operative;
          connector.inoperativeScheduled = false;
        }
      }
      after(() => cp.tick());
      return { status: scheduled ? 'Scheduled' : 'Accepted' };
    }
    case 'UnlockConnector': {
      if (!connectorOk(p.connectorId)) return { status: 'NotSupported' };
      const connector = cp.connector(p.connectorId as number);
      if (connector.transaction) after(() => void cp.transactions.stop(connector, 'UnlockCommand'));
      return { status: 'Unlocked' };
    }
    case 'RemoteStartTransaction': {
      const requested = p.connectorId as number | undefined;
      const connector =
        requested !== undefined
          ? connectorOk(requested)
            ? cp.connector(requested)
            : undefined
          : (cp.connectors.find((c) => c.plugged && !c.transaction) ?? cp.connectors.find((c) => !c.transaction && c.operative && !c.fault));
      if (!connector || connector.transaction || connector.starting || !connector.operative || connector.fault) return { status: 'Rejected' };
      const profile = p.chargingProfile as ChargingProfile | undefined;
      if (profile && profile.chargingProfilePurpose !== 'TxProfile') return { status: 'Rejected' };
      const idTag = String(p.idTag);
      if (connector.plugged) after(() => void cp.transactions.start(connector, idTag, profile));
      else {
        // Wait for the car, as long as ConnectionTimeOut allows.
        connector.pendingStart = {
          idTag,
          remote: true,
          ...(profile ? { profile } : {}),
          expiresAt: cp.now() + cp.configuration.number('ConnectionTimeOut') * 1000,
        };
        after(() => cp.tick());
      }
      return { status: 'Accepted' };
    }
    case 'RemoteStopTransaction': {
      const connector = cp.connectors.find((c) => c.transaction?.id === p.transactionId);
      if (!connector) return { status: 'Rejected' };
      after(() => void cp.transactions.stop(connector, 'Remote'));
      return { status: 'Accepted' };
    }
    case 'DataTransfer':
      return { status: 'UnknownVendorId' };
    case 'TriggerMessage':
      return trigger(cp, p, after);
    case 'SetChargingProfile': {
      const connectorId = p.connectorId as number;
      const profile = p.csChargingProfiles as ChargingProfile;
      if (profile.chargingProfilePurpose === 'TxProfile' && cp.quirks.has('reject-tx-profile')) return { status: 'Rejected' };
      const connector = connectorId > 0 && connectorOk(connectorId) ? cp.connector(connectorId) : undefined;
      const result = cp.profiles.set(connectorId, profile, cp.now(), connector ? transactionContext(connector) : undefined);
      if (result.status === 'Rejected') cp.log(`SetChargingProfile rejected: ${result.reason}`);
      // The new limit governs the car at once, not at the next sample.
      else after(() => cp.tick());
      return { status: result.status };
    }
    case 'ClearChargingProfile': {
      const criteria: ClearCriteria = {
        ...(typeof p.id === 'number' ? { id: p.id } : {}),
        ...(typeof p.connectorId === 'number' ? { connectorId: p.connectorId } : {}),
        ...(typeof p.chargingProfilePurpose === 'string' ? { chargingProfilePurpose: p.chargingProfilePurpose as Purpose } : {}),
        ...(typeof p.stackLevel === 'number' ? { stackLevel: p.stackLevel } : {}),
      };
      const status = cp.profiles.clear(criteria);
      after(() => cp.tick());
      return { status };
    }
    case 'GetCompositeSchedule': {
      const connectorId = p.connectorId as number;
      if (connectorId !== 0 && !connectorOk(connectorId)) return { status: 'Rejected' };
      const now = cp.now();
      const connector = connectorId > 0 ? cp.connector(connectorId) : undefined;
      const schedule = cp.profiles.compositeSchedule(
        connectorId,
        now,
        p.duration as number,
        (p.chargingRateUnit as RateUnit | undefined) ?? 'A',
        cp.electricalFacts(),
        connector ? transactionContext(connector) : undefined,
      );
      return { status: 'Accepted', connectorId, scheduleStart: cp.timestamp(now), chargingSchedule: { ...schedule, startSchedule: cp.timestamp(now) } };
    }
    case 'GetLocalListVersion':
      return { listVersion: cp.configuration.flag('LocalAuthListEnabled') ? cp.localList.version : -1 };
    case 'SendLocalList': {
      if (!cp.configuration.flag('LocalAuthListEnabled')) return { status: 'NotSupported' };
      const entries = (p.localAuthorizationList as { idTag: string; idTagInfo?: unknown }[] | undefined) ?? [];
      return { status: cp.localList.apply(p.updateType === 'Full' ? 'Full' : 'Differential', p.listVersion as number, entries) };
    }
    case 'ReserveNow': {
      const id = p.connectorId as number;
      if (id === 0 || !connectorOk(id)) return { status: 'Rejected' };
      const connector = cp.connector(id);
      if (connector.fault) return { status: 'Faulted' };
      if (!connector.operative) return { status: 'Unavailable' };
      if (connector.transaction || connector.plugged || (connector.reservation && connector.reservation.id !== p.reservationId)) return { status: 'Occupied' };
      connector.reservation = { id: p.reservationId as number, idTag: String(p.idTag), expiresAt: Date.parse(String(p.expiryDate)) };
      after(() => cp.tick());
      return { status: 'Accepted' };
    }
    case 'CancelReservation': {
      const connector = cp.connectors.find((c) => c.reservation?.id === p.reservationId);
      if (!connector) return { status: 'Rejected' };
      connector.reservation = null;
      after(() => cp.tick());
      return { status: 'Accepted' };
    }
    case 'UpdateFirmware': {
      const retrieveAt = Date.parse(String(p.retrieveDate));
      after(
        () =>
          void cp.transfers.updateFirmware(
            String(p.location),
            Number.isFinite(retrieveAt) ? retrieveAt : cp.now(),
            (p.retries as number | undefined) ?? 0,
            (p.retryInterval as number | undefined) ?? 30,
          ),
      );
      return {};
    }
    case 'GetDiagnostics': {
      const fileName = cp.diagnosticsFileName ?? `diagnostics-${cp.id}-${new Date().toISOString().replace(/[:.]/g, '')}.txt`;
      after(() => void cp.transfers.uploadDiagnostics(String(p.location), fileName));
      return { fileName };
    }
    case 'ExtendedTriggerMessage':
    case 'CertificateSigned':
    case 'InstallCertificate':
    case 'GetInstalledCertificateIds':
    case 'DeleteCertificate':
      return cp.security.handle(call, (requestedMessage, connectorId) =>
        trigger(cp, { requestedMessage, ...(connectorId !== undefined ? { connectorId } : {}) }, after),
      );
    default:
      return { status: 'NotSupported' };
  }
}

function trigger(cp: Station, p: Payload, after: (fn: () => void) => void): unknown {
  if (cp.quirks.has('trigger-not-implemented')) return { status: 'NotImplemented' };
  const connectorId = p.connectorId as number | undefined;
  if (connectorId !== undefined && connectorId !== 0 && (connectorId < 1 || connectorId > cp.connectors.length)) return { status: 'Rejected' };
  const connectors = connectorId ? [cp.connector(connectorId)] : cp.connectors;
  switch (p.requestedMessage) {
    case 'BootNotification':
      // A triggered boot: the same identity again, on the running connection.
      after(() => void cp.send('BootNotification', cp.bootPayload()));
      return { status: 'Accepted' };
    case 'Heartbeat':
      after(() => void cp.send('Heartbeat', {}));
      return { status: 'Accepted' };
    case 'StatusNotification':
      after(() => {
        if (connectorId === undefined) void cp.reports.status(0, true);
        for (const connector of connectors) void cp.reports.status(connector.id, true);
      });
      return { status: 'Accepted' };
    case 'MeterValues':
      after(() => {
        for (const connector of connectors) void cp.reports.meterValues(connector, 'Trigger');
      });
      return { status: 'Accepted' };
    case 'FirmwareStatusNotification':
      after(() => void cp.send('FirmwareStatusNotification', { status: cp.transfers.firmwareStatus }));
      return { status: 'Accepted' };
    case 'DiagnosticsStatusNotification':
      after(() => void cp.send('DiagnosticsStatusNotification', { status: cp.transfers.diagnosticsStatus }));
      return { status: 'Accepted' };
    default:
      return { status: 'NotImplemented' };
  }
}
