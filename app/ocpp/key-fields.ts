/**
 * The few fields of a frame a person looks for first (a StatusNotification's connector and status,
 * a MeterValues' transaction and sample count, an answer's status), for a one-line preview in the
 * message log. Pure and browser-safe: the renderer calls it for the rows it shows. It reads what the
 * frame holds and judges nothing; a frame it does not know gets its first plain fields.
 */

/** One field: its OCPP name (a dotted path where it is nested) and its value as shown. */
export interface KeyField {
  readonly name: string;
  readonly value: string;
  /** The value counts an array's items (meterValue 3 = three of them). */
  readonly count?: true;
}

/** Paths into a CALL's payload, by action; "meterValue#" counts an array's items. */
const CALL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Authorize: ['idTag'],
  BootNotification: ['chargePointVendor', 'chargePointModel', 'firmwareVersion'],
  CancelReservation: ['reservationId'],
  ChangeAvailability: ['connectorId', 'type'],
  ChangeConfiguration: ['key', 'value'],
  ClearChargingProfile: ['id', 'connectorId', 'chargingProfilePurpose', 'stackLevel'],
  DataTransfer: ['vendorId', 'messageId'],
  DiagnosticsStatusNotification: ['status'],
  FirmwareStatusNotification: ['status'],
  GetCompositeSchedule: ['connectorId', 'duration', 'chargingRateUnit'],
  GetConfiguration: ['key#'],
  GetDiagnostics: ['location'],
  GetLocalListVersion: [],
  Heartbeat: [],
  MeterValues: ['connectorId', 'transactionId', 'meterValue#'],
  RemoteStartTransaction: ['connectorId', 'idTag'],
  RemoteStopTransaction: ['transactionId'],
  ReserveNow: ['connectorId', 'idTag', 'reservationId'],
  Reset: ['type'],
  SendLocalList: ['listVersion', 'updateType', 'localAuthorizationList#'],
  SetChargingProfile: [
    'connectorId',
    'csChargingProfiles.chargingProfilePurpose',
    'csChargingProfiles.chargingSchedule.chargingRateUnit',
    'csChargingProfiles.chargingSchedule.chargingSchedulePeriod.0.limit',
  ],
  StartTransaction: ['connectorId', 'idTag', 'meterStart'],
  StatusNotification: ['connectorId', 'status', 'errorCode', 'info'],
  StopTransaction: ['transactionId', 'meterStop', 'reason'],
  TriggerMessage: ['requestedMessage', 'connectorId'],
  UnlockConnector: ['connectorId'],
  UpdateFirmware: ['location', 'retrieveDate'],
};

/** Paths into a CALLRESULT's payload, by the action it answers. */
const RESULT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Authorize: ['idTagInfo.status'],
  BootNotification: ['status', 'interval'],
  DataTransfer: ['status', 'data'],
  GetCompositeSchedule: ['status', 'chargingSchedule.chargingSchedulePeriod#'],
  GetConfiguration: ['configurationKey#', 'unknownKey#'],
  GetDiagnostics: ['fileName'],
  GetLocalListVersion: ['listVersion'],
  Heartbeat: ['currentTime'],
  StartTransaction: ['transactionId', 'idTagInfo.status'],
  StopTransaction: ['idTagInfo.status'],
};

/** A field whose value is "NoError" says nothing worth a place in the preview. */
const QUIET_VALUES = new Set(['NoError']);
const MAX_FIELDS = 4;
const MAX_VALUE_CHARS = 40;

/**
 * The key fields of one frame: type 2 CALL (payload), 3 CALLRESULT (payload, `action` the call's),
 * 4 CALLERROR (its code and description). Values from the charger are shown as they are, cut short.
 */
export function keyFields(type: number, action: string, body: unknown): KeyField[] {
  if (type === 4) {
    const [code, description] = Array.isArray(body) ? body : [];
    return [field('errorCode', code), field('errorDescription', description)].filter(isShown);
  }
  if (!isRecord(body)) return [];
  const paths = type === 2 ? CALL_FIELDS[action] : RESULT_FIELDS[action];
  if (paths) return paths.map((path) => fieldAt(body, path)).filter(isShown);
  // A result with a status says it first; otherwise the first plain fields, as they come.
  const plain = Object.keys(body).filter((name) => isScalar(body[name]));
  const ordered = plain.includes('status') ? ['status', ...plain.filter((n) => n !== 'status')] : plain;
  return ordered
    .slice(0, MAX_FIELDS)
    .map((name) => field(name, body[name]))
    .filter(isShown);
}

/** One line of key fields: "connectorId 1 · status Charging", a count as "meterValue ×3". */
export function previewLine(fields: readonly KeyField[]): string {
  return fields.map((f) => (f.count ? `${f.name} ×${f.value}` : `${f.name} ${f.value}`)).join(' · ');
}

/**
 * A frame's raw text to its key fields, or none when it is not an OCPP-J frame; `action` is the one
 * the log paired an answer with.
 */
export function keyFieldsOfRaw(raw: string, action: string): KeyField[] {
  let frame: unknown;
  try {
    frame = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(frame)) return [];
  const type: unknown = frame[0];
  if (type === 2) return keyFields(2, typeof frame[2] === 'string' ? frame[2] : action, frame[3]);
  if (type === 3) return keyFields(3, action, frame[2]);
  if (type === 4) return keyFields(4, action, [frame[2], frame[3]]);
  return [];
}

function fieldAt(body: Record<string, unknown>, path: string): KeyField {
  const counts = path.endsWith('#');
  const steps = (counts ? path.slice(0, -1) : path).split('.');
  let value: unknown = body;
  for (const step of steps) value = Array.isArray(value) ? value[Number(step)] : isRecord(value) ? value[step] : undefined;
  const name = steps.filter((s) => !/^\d+$/.test(s)).at(-1) ?? path;
  if (counts) return { name, value: Array.isArray(value) ? String(value.length) : '', count: true };
  return field(name, value);
}

function field(name: string, value: unknown): KeyField {
  if (!isScalar(value)) return { name, value: '' };
  const text = String(value);
  return { name, value: text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text };
}

const isShown = (f: KeyField) => f.value !== '' && !QUIET_VALUES.has(f.value);
const isScalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
