/**
 * The charge point's configuration keys with the semantics of OCPP 1.6 §9: read-only keys are
 * Rejected, unknown keys NotSupported, bad values Rejected, AuthorizationKey write-only (never
 * returned by GetConfiguration). Changes are announced so the charger acts on them at once.
 */
export const SUPPORTED_MEASURANDS = [
  'Energy.Active.Import.Register',
  'Power.Active.Import',
  'Current.Import',
  'Voltage',
  'Current.Offered',
  'Power.Offered',
  'SoC',
  'Frequency',
  'Temperature',
] as const;

type Validator = (value: string) => string | undefined;

interface KeyDefinition {
  readonly readonly: boolean;
  readonly writeOnly?: boolean;
  readonly validate?: Validator;
}

const integer =
  (min: number, max = Number.MAX_SAFE_INTEGER): Validator =>
  (v) =>
    /^-?\d+$/.test(v.trim()) && Number(v) >= min && Number(v) <= max ? undefined : `must be a whole number from ${min} to ${max}`;
const bool: Validator = (v) => (/^(true|false)$/i.test(v) ? undefined : 'must be true or false');
const measurands =
  (maxItems: () => number): Validator =>
  (v) => {
    const items = v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = items.filter((m) => !(SUPPORTED_MEASURANDS as readonly string[]).includes(m));
    if (unknown.length > 0) return `measurands not supported: ${unknown.join(', ')}`;
    if (items.length > maxItems()) return `more than ${maxItems()} measurands`;
    return undefined;
  };
const authorizationKey: Validator = (v) => (v.length >= 8 && v.length <= 40 ? undefined : 'must be 8 to 40 characters');

export type ChangeStatus = 'Accepted' | 'Rejected' | 'RebootRequired' | 'NotSupported';

export interface ConfigurationSetup {
  readonly numberOfConnectors: number;
  readonly heartbeatInterval: number;
  readonly meterValueSampleInterval: number;
  readonly meterValuesSampledData: string;
  readonly authorizationKey?: string;
  /** Seconds between WebSocket pings; 30 keeps a load balancer with a 60 s idle timeout happy. */
  readonly webSocketPingInterval?: number;
  /** SupportedFileTransferProtocols (default FTP,HTTP); '' for a charger that does not say. */
  readonly supportedFileTransferProtocols?: string;
  /** SecurityProfile (1.6 security extension); absent: the charger has no such key. */
  readonly securityProfile?: number;
}

export class Configuration {
  private readonly values = new Map<string, string>();
  private readonly definitions: Record<string, KeyDefinition>;
  private readonly listeners = new Set<(key: string, value: string) => void>();

  constructor(setup: ConfigurationSetup) {
    const sampledMax = () => Number(this.values.get('MeterValuesSampledDataMaxLength'));
    this.definitions = {
      AllowOfflineTxForUnknownId: { readonly: false, validate: bool },
      AuthorizationCacheEnabled: { readonly: false, validate: bool },
      AuthorizeRemoteTxRequests: { readonly: false, validate: bool },
      ClockAlignedDataInterval: { readonly: false, validate: integer(0, 86_400) },
      ConnectionTimeOut: { readonly: false, validate: integer(1, 3_600) },
      GetConfigurationMaxKeys: { readonly: true },
      HeartbeatInterval: { readonly: false, validate: integer(0, 86_400) },
      LocalAuthorizeOffline: { readonly: false, validate: bool },
      LocalPreAuthorize: { readonly: false, validate: bool },
      MeterValuesAlignedData: { readonly: false, validate: measurands(sampledMax) },
      MeterValuesSampledData: { readonly: false, validate: measurands(sampledMax) },
      MeterValuesSampledDataMaxLength: { readonly: true },
      MeterValueSampleInterval: { readonly: false, validate: integer(0, 86_400) },
      NumberOfConnectors: { readonly: true },
      ResetRetries: { readonly: false, validate: integer(0, 10) },
      ConnectorPhaseRotation: { readonly: false },
      StopTransactionOnEVSideDisconnect: { readonly: false, validate: bool },
      StopTransactionOnInvalidId: { readonly: false, validate: bool },
      StopTxnAlignedData: { readonly: false, validate: measurands(sampledMax) },
      StopTxnSampledData: { readonly: false, validate: measurands(sampledMax) },
      SupportedFeatureProfiles: { readonly: true },
      // OCPP 1.6 security extension: the transfer protocols, in the charger's order of preference.
      SupportedFileTransferProtocols: { readonly: true },
      TransactionMessageAttempts: { readonly: false, validate: integer(0, 10) },
      TransactionMessageRetryInterval: { readonly: false, validate: integer(0, 3_600) },
      UnlockConnectorOnEVSideDisconnect: { readonly: false, validate: bool },
      WebSocketPingInterval: { readonly: false, validate: integer(0, 3_600) },
      LocalAuthListEnabled: { readonly: false, validate: bool },
      LocalAuthListMaxLength: { readonly: true },
      SendLocalListMaxLength: { readonly: true },
      ReserveConnectorZeroSupported: { readonly: true },
      ChargeProfileMaxStackLevel: { readonly: true },
      ChargingScheduleAllowedChargingRateUnit: { readonly: true },
      ChargingScheduleMaxPeriods: { readonly: true },
      MaxChargingProfilesInstalled: { readonly: true },
      AuthorizationKey: { readonly: false, writeOnly: true, validate: authorizationKey },
      // The whitepaper: a profile may only be raised, never lowered, by the central system.
      ...(setup.securityProfile !== undefined
        ? {
            SecurityProfile: {
              readonly: false,
              validate: (v: string) => (/^[0-3]$/.test(v) && Number(v) >= this.number('SecurityProfile') ? undefined : 'can only be raised (0–3)'),
            },
          }
        : {}),
    };
    const initial: Record<string, string> = {
      AllowOfflineTxForUnknownId: 'false',
      AuthorizationCacheEnabled: 'false',
      AuthorizeRemoteTxRequests: 'true',
      ClockAlignedDataInterval: '0',
      ConnectionTimeOut: '60',
      GetConfigurationMaxKeys: '50',
      HeartbeatInterval: String(setup.heartbeatInterval),
      LocalAuthorizeOffline: 'true',
      LocalPreAuthorize: 'false',
      MeterValuesAlignedData: 'Energy.Active.Import.Register',
      MeterValuesSampledData: setup.meterValuesSampledData,
      MeterValuesSampledDataMaxLength: '8',
      MeterValueSampleInterval: String(setup.meterValueSampleInterval),
      NumberOfConnectors: String(setup.numberOfConnectors),
      ResetRetries: '1',
      ConnectorPhaseRotation: 'RST',
      StopTransactionOnEVSideDisconnect: 'true',
      StopTransactionOnInvalidId: 'true',
      StopTxnAlignedData: '',
      StopTxnSampledData: 'Energy.Active.Import.Register',
      SupportedFeatureProfiles: 'Core,FirmwareManagement,LocalAuthListManagement,Reservation,SmartCharging,RemoteTrigger',
      SupportedFileTransferProtocols: setup.supportedFileTransferProtocols ?? 'FTP,HTTP',
      TransactionMessageAttempts: '3',
      TransactionMessageRetryInterval: '10',
      UnlockConnectorOnEVSideDisconnect: 'true',
      WebSocketPingInterval: String(setup.webSocketPingInterval ?? 30),
      LocalAuthListEnabled: 'true',
      LocalAuthListMaxLength: '100',
      SendLocalListMaxLength: '100',
      ReserveConnectorZeroSupported: 'false',
      ChargeProfileMaxStackLevel: '8',
      ChargingScheduleAllowedChargingRateUnit: 'Current,Power',
      ChargingScheduleMaxPeriods: '24',
      MaxChargingProfilesInstalled: '10',
      AuthorizationKey: setup.authorizationKey ?? '',
      ...(setup.securityProfile !== undefined ? { SecurityProfile: String(setup.securityProfile) } : {}),
    };
    for (const [key, value] of Object.entries(initial)) this.values.set(key, value);
  }

  get(key: string): string {
    return this.values.get(key) ?? '';
  }

  number(key: string): number {
    return Number(this.values.get(key) ?? 0);
  }

  flag(key: string): boolean {
    return this.values.get(key)?.toLowerCase() === 'true';
  }

  list(key: string): string[] {
    return this.get(key)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }

  onChange(listener: (key: string, value: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Set by the charger itself (e.g. the heartbeat interval from BootNotification), not by the CSMS. */
  setInternal(key: string, value: string): void {
    this.values.set(key, value);
    for (const listener of this.listeners) listener(key, value);
  }

  change(key: string, value: string): { status: ChangeStatus; reason?: string } {
    const definition = this.definitions[key];
    if (!definition) return { status: 'NotSupported', reason: `unknown key ${key}` };
    if (definition.readonly) return { status: 'Rejected', reason: `${key} is read-only` };
    const problem = definition.validate?.(value);
    if (problem) return { status: 'Rejected', reason: `${key} ${problem}` };
    this.setInternal(key, value.trim());
    return { status: 'Accepted' };
  }

  /** GetConfiguration: every readable key, or the ones asked for (unknown and write-only ones in unknownKey). */
  read(keys: readonly string[] | undefined): { configurationKey: { key: string; readonly: boolean; value: string }[]; unknownKey: string[] } {
    const wanted = keys && keys.length > 0 ? keys : Object.keys(this.definitions).filter((k) => !this.definitions[k]!.writeOnly);
    const configurationKey: { key: string; readonly: boolean; value: string }[] = [];
    const unknownKey: string[] = [];
    for (const key of wanted) {
      const definition = this.definitions[key];
      if (!definition || definition.writeOnly) unknownKey.push(key);
      else configurationKey.push({ key, readonly: definition.readonly, value: this.get(key) });
    }
    return { configurationKey, unknownKey };
  }
}
