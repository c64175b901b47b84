/** Display formatting only: units, times, ages. Nothing here interprets OCPP. */
import i18next from 'i18next';
export const kw = (w: number | null | undefined) => (w === null || w === undefined || Number.isNaN(w) ? '–' : `${(w / 1000).toFixed(2)} kW`);
export const kwh = (wh: number | null | undefined) => (wh === null || wh === undefined || Number.isNaN(wh) ? '–' : `${(wh / 1000).toFixed(3)} kWh`);
/** A latency: whole ms from 10 up, one decimal below. */
export const ms = (v: number) => `${v >= 10 ? Math.round(v) : Math.round(v * 10) / 10} ms`;
/**
 * Dates and times in the UI's language (Thai: the Thai calendar's year, as Thai readers expect), on a
 * 24-hour clock. The formatters are made once per language: toLocaleTimeString builds a new one per
 * call, and charts format thousands of ticks.
 */
const formats = new Map<string, { time: Intl.DateTimeFormat; dateTime: Intl.DateTimeFormat }>();
function formatsFor(language: string | undefined) {
  const locale = language === 'th' ? 'th-TH' : undefined;
  const key = locale ?? 'system';
  let f = formats.get(key);
  if (!f) {
    const tags = locale ? [locale] : [];
    f = {
      time: new Intl.DateTimeFormat(tags, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }),
      dateTime: new Intl.DateTimeFormat(tags, { dateStyle: 'medium', timeStyle: 'medium', hour12: false }),
    };
    formats.set(key, f);
  }
  return f;
}
export const clock = (ms: number) => formatsFor(i18next.language).time.format(ms);
export const clockMs = (iso: string) => iso.slice(11, 23);
export const dateTime = (ms: number) => formatsFor(i18next.language).dateTime.format(ms);

/** A duration in the UI's language ("5 min 4 s", "5 นาที 4 วินาที"). */
export function age(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return i18next.t('units.seconds', { s });
  if (s < 3600) return i18next.t('units.minutesSeconds', { min: Math.floor(s / 60), s: s % 60 });
  return i18next.t('units.hoursMinutes', { h: Math.floor(s / 3600), min: Math.floor((s % 3600) / 60) });
}

/** A clock's offset, signed: seconds up to two minutes, then minutes with one decimal. */
export function skew(ms: number): string {
  const s = Math.round(ms / 1000);
  const sign = s > 0 ? '+' : '';
  return Math.abs(s) < 120 ? `${sign}${i18next.t('units.seconds', { s })}` : `${sign}${i18next.t('units.minutes', { min: (s / 60).toFixed(1) })}`;
}

export function pretty(raw: string): string {
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return raw;
  }
}

/** Saves text or bytes as a file through the browser's download (Electron asks where). */
export function download(fileName: string, content: string | Uint8Array, mimeType: string): void {
  const blob = new Blob([content as BlobPart], { type: mimeType });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}
