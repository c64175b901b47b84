/**
 * A session for other tools: the message log and the meter series as CSV (spreadsheets), and the
 * exchanges as a HAR-like JSON (each CALL with its answer as a request/response pair, the shape
 * HTTP tools and viewers read). Built from the records (redacted first where they leave the app).
 */
import type { ChargerModel } from '../charger/model.ts';
import { APP_VERSION } from '../lib/version.ts';
import type { FrameRecord, SessionHeader, SessionRecord } from '../store/records.ts';

const cell = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  const text = String(v);
  // Quoted where needed (RFC 4180); a leading = + - @ is defused so a spreadsheet does not run it.
  const safe = /^[=+\-@]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};
const row = (values: readonly unknown[]) => values.map(cell).join(',');

const TYPE = ['', '', 'CALL', 'CALLRESULT', 'CALLERROR'];

export function messagesCsv(records: readonly SessionRecord[]): string {
  const lines = [row(['seq', 'time', 'charger', 'leg', 'direction', 'type', 'message id', 'action', 'latency ms', 'origin', 'issues', 'frame'])];
  for (const r of records) {
    if (r.t !== 'frame') continue;
    const direction = r.leg === 'upstream' ? (r.dir === 'rx' ? 'from platform' : 'to platform') : r.dir === 'rx' ? 'from charger' : 'to charger';
    lines.push(
      row([
        r.seq,
        r.at,
        r.charger,
        r.leg,
        direction,
        TYPE[r.type ?? 0] || 'not a frame',
        r.id,
        r.action,
        r.latencyMs === undefined ? '' : Math.round(r.latencyMs * 10) / 10,
        r.origin,
        r.issues.map((i) => i.message).join(' | '),
        r.raw,
      ]),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function meterCsv(model: ChargerModel): string {
  const lines = [
    row([
      'time',
      'connector',
      'transaction',
      'power W',
      'power from',
      'current L1 A',
      'current L2 A',
      'current L3 A',
      'voltage L1 V',
      'voltage L2 V',
      'voltage L3 V',
      'energy Wh',
      'SoC %',
      'offered A',
      'context',
      'seq',
    ]),
  ];
  for (const s of model.samples) {
    lines.push(
      row([
        new Date(s.at).toISOString(),
        s.connectorId,
        s.transactionId,
        s.powerW,
        s.powerSource,
        ...[0, 1, 2].map((i) => s.currentA[i]),
        ...[0, 1, 2].map((i) => s.voltageV[i]),
        s.energyWh,
        s.socPercent,
        s.offeredA,
        s.context,
        s.seq,
      ]),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

interface HarEntry {
  readonly startedDateTime: string;
  readonly time: number;
  readonly request: {
    readonly method: string;
    readonly url: string;
    readonly httpVersion: 'OCPP-J/1.6';
    readonly headers: [];
    readonly queryString: [];
    readonly cookies: [];
    readonly headersSize: -1;
    readonly bodySize: number;
    readonly postData: { readonly mimeType: 'application/json'; readonly text: string };
  };
  readonly response: {
    readonly status: number;
    readonly statusText: string;
    readonly httpVersion: 'OCPP-J/1.6';
    readonly headers: [];
    readonly cookies: [];
    readonly content: { readonly size: number; readonly mimeType: 'application/json'; readonly text: string };
    readonly redirectURL: '';
    readonly headersSize: -1;
    readonly bodySize: number;
  };
  readonly cache: Record<string, never>;
  readonly timings: { readonly send: 0; readonly wait: number; readonly receive: 0 };
  readonly _ocpp: { readonly leg: string; readonly direction: string; readonly messageId: string; readonly callSeq: number; readonly answerSeq: number | null };
}

/** Each CALL and its answer as one entry; a CALL never answered has status 0. */
export function harJson(header: SessionHeader, records: readonly SessionRecord[]): string {
  const frames = records.filter((r): r is FrameRecord => r.t === 'frame');
  const answers = new Map<string, FrameRecord>();
  for (const f of frames) if ((f.type === 3 || f.type === 4) && f.id) answers.set(`${f.leg}\u0000${f.dir}\u0000${f.id}`, f);
  const entries: HarEntry[] = [];
  for (const call of frames) {
    if (call.type !== 2 || !call.id) continue;
    const answer = answers.get(`${call.leg}\u0000${call.dir === 'rx' ? 'tx' : 'rx'}\u0000${call.id}`);
    const answerAt = answer ? Date.parse(answer.at) : null;
    const from = call.leg === 'upstream' ? (call.dir === 'rx' ? 'platform' : 'charger') : call.dir === 'rx' ? 'charger' : 'central';
    entries.push({
      startedDateTime: call.at,
      time: answerAt === null ? 0 : Math.max(0, answerAt - Date.parse(call.at)),
      request: {
        method: call.action ?? 'CALL',
        url: `ocpp://${encodeURIComponent(call.charger ?? '-')}/${call.leg}/${from}/${call.action ?? ''}`,
        httpVersion: 'OCPP-J/1.6',
        headers: [],
        queryString: [],
        cookies: [],
        headersSize: -1,
        bodySize: call.raw.length,
        postData: { mimeType: 'application/json', text: call.raw },
      },
      response: answer
        ? {
            status: answer.type === 3 ? 200 : 500,
            statusText: answer.type === 3 ? 'CALLRESULT' : 'CALLERROR',
            httpVersion: 'OCPP-J/1.6',
            headers: [],
            cookies: [],
            content: { size: answer.raw.length, mimeType: 'application/json', text: answer.raw },
            redirectURL: '',
            headersSize: -1,
            bodySize: answer.raw.length,
          }
        : {
            status: 0,
            statusText: 'no answer',
            httpVersion: 'OCPP-J/1.6',
            headers: [],
            cookies: [],
            content: { size: 0, mimeType: 'application/json', text: '' },
            redirectURL: '',
            headersSize: -1,
            bodySize: 0,
          },
      cache: {},
      timings: { send: 0, wait: answerAt === null ? 0 : Math.max(0, answerAt - Date.parse(call.at)), receive: 0 },
      _ocpp: { leg: call.leg, direction: from, messageId: call.id, callSeq: call.seq, answerSeq: answer?.seq ?? null },
    });
  }
  return `${JSON.stringify({ log: { version: '1.2', creator: { name: 'OCPP Field Kit', version: APP_VERSION }, pages: [{ startedDateTime: header.started, id: header.id, title: `${header.chargerId ?? 'session'} (${header.source})`, pageTimings: {} }], entries } }, null, 1)}\n`;
}
