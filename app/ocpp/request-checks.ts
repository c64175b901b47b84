/**
 * What the schema cannot say about a request the user is about to send: a charging profile whose
 * numbers make no sense (a negative limit, periods out of order, a validity that already ended)
 * and a configuration value of the wrong type for a standard key (OCPP 1.6 §9). Errors block the
 * send; warnings ask first (a limit above what the charger can give, a key it will refuse). Pure.
 */
import type { Action } from './actions.ts';
import type { OcppRequest } from './messages.ts';

export interface RequestFinding {
  readonly path: string;
  readonly message: string;
}

export interface RequestChecks {
  readonly errors: RequestFinding[];
  readonly warnings: RequestFinding[];
}

export interface ChargerContext {
  /** The most current per phase the charger offered (Current.Offered), if it said. */
  readonly maxOfferedA: number | null;
  readonly now: number;
}

/** Per phase, the most an AC charger gives when it has not said its own maximum (a 32 A, 22 kW wallbox). */
export const TYPICAL_MAX_A = 32;
export const TYPICAL_MAX_W = 22_000;

export function checkRequest(action: Action, payload: unknown, context: ChargerContext): RequestChecks {
  const found: RequestChecks = { errors: [], warnings: [] };
  if (!payload || typeof payload !== 'object') return found;
  if (action === 'SetChargingProfile') checkProfile(payload as Record<string, unknown>, context, found);
  if (action === 'ChangeConfiguration') checkConfiguration(payload as Record<string, unknown>, found);
  return found;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function checkProfile(payload: Record<string, unknown>, context: ChargerContext, found: RequestChecks): void {
  const profile = payload.csChargingProfiles as Record<string, unknown> | undefined;
  if (!profile || typeof profile !== 'object') return;
  const at = (path: string) => `csChargingProfiles.${path}`;
  const stackLevel = num(profile.stackLevel);
  if (stackLevel !== null && stackLevel < 0) found.errors.push({ path: at('stackLevel'), message: `a stack level is 0 or more, not ${stackLevel}` });
  const id = num(profile.chargingProfileId);
  if (id !== null && id < 1) found.errors.push({ path: at('chargingProfileId'), message: `a profile id is 1 or more, not ${id}` });
  if (profile.chargingProfilePurpose === 'TxProfile' && payload.connectorId === 0)
    found.errors.push({ path: 'connectorId', message: 'a TxProfile is for one connector, not connector 0' });
  if (profile.chargingProfileKind === 'Recurring' && profile.recurrencyKind === undefined)
    found.errors.push({ path: at('recurrencyKind'), message: 'a Recurring profile needs Daily or Weekly' });
  const validFrom = typeof profile.validFrom === 'string' ? Date.parse(profile.validFrom) : NaN;
  const validTo = typeof profile.validTo === 'string' ? Date.parse(profile.validTo) : NaN;
  if (!Number.isNaN(validTo) && !Number.isNaN(validFrom) && validTo <= validFrom)
    found.errors.push({ path: at('validTo'), message: 'the profile would end before it begins (validTo is not after validFrom)' });
  else if (!Number.isNaN(validTo) && validTo <= context.now)
    found.warnings.push({
      path: at('validTo'),
      message: `the validity ended already (${new Date(validTo).toISOString()}): the charger will store a profile that never applies`,
    });

  const schedule = profile.chargingSchedule as Record<string, unknown> | undefined;
  if (!schedule || typeof schedule !== 'object') return;
  const duration = num(schedule.duration);
  if (duration !== null && duration <= 0) found.errors.push({ path: at('chargingSchedule.duration'), message: `a duration is more than 0 s, not ${duration}` });
  const unit = schedule.chargingRateUnit === 'W' ? 'W' : 'A';
  const minRate = num(schedule.minChargingRate);
  if (minRate !== null && minRate < 0)
    found.errors.push({ path: at('chargingSchedule.minChargingRate'), message: `a minimum rate is 0 or more, not ${minRate}` });
  const periods = Array.isArray(schedule.chargingSchedulePeriod) ? (schedule.chargingSchedulePeriod as Record<string, unknown>[]) : [];
  const max = unit === 'A' ? (context.maxOfferedA ?? TYPICAL_MAX_A) : context.maxOfferedA !== null ? context.maxOfferedA * 230 * 3 : TYPICAL_MAX_W;
  const maxSource =
    context.maxOfferedA !== null
      ? 'the most this charger offered'
      : `the most a typical AC charger gives (${unit === 'A' ? `${max} A a phase` : `${max / 1000} kW`})`;
  let previousStart: number | null = null;
  for (const [i, period] of periods.entries()) {
    const path = at(`chargingSchedule.chargingSchedulePeriod.${i}`);
    const start = num(period?.startPeriod);
    const limit = num(period?.limit);
    if (i === 0 && start !== null && start !== 0) found.errors.push({ path: `${path}.startPeriod`, message: 'the first period starts at 0 s' });
    if (start !== null && start < 0) found.errors.push({ path: `${path}.startPeriod`, message: `a period starts at 0 s or later, not ${start}` });
    if (start !== null && previousStart !== null && start <= previousStart)
      found.errors.push({
        path: `${path}.startPeriod`,
        message: start === previousStart ? `two periods start at ${start} s` : `periods go in order of start: ${start} s comes after ${previousStart} s`,
      });
    if (duration !== null && start !== null && duration > 0 && start >= duration)
      found.warnings.push({ path: `${path}.startPeriod`, message: `starts at ${start} s, after the schedule ends (duration ${duration} s): it never applies` });
    if (limit !== null && limit < 0) found.errors.push({ path: `${path}.limit`, message: `a limit is 0 or more, not ${limit} ${unit}` });
    else if (limit !== null && limit > max) found.warnings.push({ path: `${path}.limit`, message: `${limit} ${unit} is above ${maxSource}` });
    const phases = num(period?.numberPhases);
    if (phases !== null && (phases < 1 || phases > 3 || !Number.isInteger(phases)))
      found.errors.push({ path: `${path}.numberPhases`, message: `phases are 1, 2 or 3, not ${phases}` });
    if (start !== null) previousStart = start;
  }
}

type KeyType = 'integer' | 'boolean' | 'measurands' | 'readonly';

/** The standard keys of OCPP 1.6 §9 whose values have a type (others take any text). */
const STANDARD_KEYS: Record<string, KeyType> = {
  AllowOfflineTxForUnknownId: 'boolean',
  AuthorizationCacheEnabled: 'boolean',
  AuthorizeRemoteTxRequests: 'boolean',
  BlinkRepeat: 'integer',
  ClockAlignedDataInterval: 'integer',
  ConnectionTimeOut: 'integer',
  HeartbeatInterval: 'integer',
  LightIntensity: 'integer',
  LocalAuthorizeOffline: 'boolean',
  LocalPreAuthorize: 'boolean',
  MaxEnergyOnInvalidId: 'integer',
  MeterValuesAlignedData: 'measurands',
  MeterValuesSampledData: 'measurands',
  MeterValueSampleInterval: 'integer',
  MinimumStatusDuration: 'integer',
  ResetRetries: 'integer',
  StopTransactionOnEVSideDisconnect: 'boolean',
  StopTransactionOnInvalidId: 'boolean',
  StopTxnAlignedData: 'measurands',
  StopTxnSampledData: 'measurands',
  TransactionMessageAttempts: 'integer',
  TransactionMessageRetryInterval: 'integer',
  UnlockConnectorOnEVSideDisconnect: 'boolean',
  WebSocketPingInterval: 'integer',
  LocalAuthListEnabled: 'boolean',
  // Read-only in the standard: a charger rejects a change.
  ChargeProfileMaxStackLevel: 'readonly',
  ChargingScheduleAllowedChargingRateUnit: 'readonly',
  ChargingScheduleMaxPeriods: 'readonly',
  ConnectorSwitch3to1PhaseSupported: 'readonly',
  GetConfigurationMaxKeys: 'readonly',
  LocalAuthListMaxLength: 'readonly',
  MaxChargingProfilesInstalled: 'readonly',
  MeterValuesAlignedDataMaxLength: 'readonly',
  MeterValuesSampledDataMaxLength: 'readonly',
  NumberOfConnectors: 'readonly',
  ReserveConnectorZeroSupported: 'readonly',
  SendLocalListMaxLength: 'readonly',
  StopTxnAlignedDataMaxLength: 'readonly',
  StopTxnSampledDataMaxLength: 'readonly',
  SupportedFeatureProfiles: 'readonly',
  SupportedFeatureProfilesMaxLength: 'readonly',
};

type Measurand = NonNullable<OcppRequest<'MeterValues'>['meterValue'][number]['sampledValue'][number]['measurand']>;

/** Measurands of OCPP 1.6 (§7.31), checked by the compiler against the schema's enum (messages.ts). */
const MEASURANDS = new Set<string>([
  'Current.Export',
  'Current.Import',
  'Current.Offered',
  'Energy.Active.Export.Register',
  'Energy.Active.Import.Register',
  'Energy.Reactive.Export.Register',
  'Energy.Reactive.Import.Register',
  'Energy.Active.Export.Interval',
  'Energy.Active.Import.Interval',
  'Energy.Reactive.Export.Interval',
  'Energy.Reactive.Import.Interval',
  'Frequency',
  'Power.Active.Export',
  'Power.Active.Import',
  'Power.Factor',
  'Power.Offered',
  'Power.Reactive.Export',
  'Power.Reactive.Import',
  'RPM',
  'SoC',
  'Temperature',
  'Voltage',
] satisfies readonly Measurand[]);

/** The type of a standard key's value, for an editor to offer the right input; null for free text. */
export function standardKeyType(key: string): KeyType | null {
  return Object.hasOwn(STANDARD_KEYS, key) ? STANDARD_KEYS[key]! : null;
}

function checkConfiguration(payload: Record<string, unknown>, found: RequestChecks): void {
  const key = typeof payload.key === 'string' ? payload.key : null;
  const value = typeof payload.value === 'string' ? payload.value : null;
  if (key === null || value === null) return;
  const type = standardKeyType(key);
  if (type === 'integer' && !/^\d+$/.test(value.trim()))
    found.errors.push({ path: 'value', message: `${key} takes a whole number of 0 or more (seconds or a count), not "${value}"` });
  if (type === 'boolean' && !/^(true|false)$/i.test(value.trim())) found.errors.push({ path: 'value', message: `${key} takes true or false, not "${value}"` });
  if (type === 'measurands') {
    const items = value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = items.filter((m) => !MEASURANDS.has(m));
    if (unknown.length > 0)
      found.errors.push({
        path: 'value',
        message: `not OCPP 1.6 measurands: ${unknown.join(', ')} (a comma-separated list such as Energy.Active.Import.Register,Power.Active.Import)`,
      });
  }
  if (type === 'readonly') found.warnings.push({ path: 'key', message: `${key} is read-only in OCPP 1.6: the charger will reject the change` });
  if (/^authorizationkey$/i.test(key))
    found.warnings.push({
      path: 'key',
      message:
        'the charger will log in with this new password (Basic Auth) from its next connection: once it accepts the key, the app keeps it as the charger’s password here (a relayed charger’s platform must be given it too)',
    });
}
