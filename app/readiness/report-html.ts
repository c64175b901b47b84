/**
 * The readiness report as one self-contained HTML file: inline CSS, the power graph as inline SVG,
 * the checklist with reasons and evidence, the identity, and the evidence frames themselves. No
 * scripts, no external resources, so support can open it anywhere, and it prints well to PDF.
 */
import type { ChargerModel, MeterSample } from '../charger/model.ts';
import type { FrameRecord, SessionRecord } from '../store/records.ts';
import { CATALOGUE } from './catalogue.ts';
import { powerOf } from './passive.ts';
import { parseReport, type ReadinessReport } from './report.ts';
import type { CheckResult } from './catalogue.ts';
import { verdictOf } from './verdict.ts';
import { valueScale } from '../lib/value-scale.ts';
import { render, type Said } from '../lib/message.ts';
import { MESSAGES_TH } from '../lib/messages-th.ts';

/** AuthorizationKey values never leave in a report, even inside an evidence frame. */
const redact = (raw: string): string => raw.replace(/("key"\s*:\s*"AuthorizationKey"\s*,\s*"value"\s*:\s*)"(?:[^"\\]|\\.)*"/g, '$1"(hidden)"');

const escape = (text: unknown): string =>
  String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans Thai","Leelawadee UI",Thonburi,Tahoma,Loma,sans-serif;color:#1d2330;margin:24px auto;max-width:1000px;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px;border-bottom:1px solid #d8dce3;padding-bottom:4px}
.verdict{display:inline-block;padding:2px 10px;border-radius:12px;font-weight:600;color:#fff}
.ready{background:#1b7f3b}.not-ready{background:#b42318}.incomplete{background:#b54708}
table{border-collapse:collapse;width:100%;table-layout:fixed}td{overflow-wrap:anywhere}th,td{text-align:left;vertical-align:top;padding:4px 8px;border-bottom:1px solid #eceef2}
th{font-weight:600;background:#f5f6f8}
.pass{color:#1b7f3b;font-weight:600}.fail{color:#b42318;font-weight:600}.warn{color:#b54708;font-weight:600}.skip{color:#667085}
.muted{color:#667085}.ev{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
pre{white-space:pre-wrap;word-break:break-all;font-size:11px;margin:0}
svg{width:100%;height:auto;border:1px solid #eceef2}
:lang(th) body{line-height:1.7}
:lang(th) th{word-break:keep-all;overflow-wrap:normal}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}tr{break-inside:avoid}}
`;

/**
 * Power over time as an SVG step line: each reading holds until the next one (a charger reports
 * what it measured at that moment, not a slope between readings), with round kW ticks from 0 and
 * time ticks, decimated to at most `width` steps.
 */
export function powerSvg(samples: readonly MeterSample[], width = 960, height = 240): string {
  const points = samples.map((s) => ({ t: s.at, w: powerOf(s) })).filter((p): p is { t: number; w: number } => p.w !== null);
  if (points.length < 2)
    return `<p class="muted">${points.length === 0 ? 'No power readings were received.' : 'One power reading only: no graph to draw.'}</p>`;
  const t0 = points[0]!.t;
  const t1 = points.at(-1)!.t;
  const scale = valueScale(0, Math.max(...points.map((p) => p.w)) / 1000, { zero: true, count: 5 });
  const [lo, hi] = scale.domain;
  const left = 52;
  const right = 12;
  const top = 8;
  const bottom = 26;
  const x = (t: number) => left + ((t - t0) / Math.max(1, t1 - t0)) * (width - left - right);
  const y = (kw: number) => top + (1 - (kw - lo) / Math.max(1e-9, hi - lo)) * (height - top - bottom);
  const step = Math.max(1, Math.ceil(points.length / width));
  const kept = points.filter((_, i) => i % step === 0 || i === points.length - 1);
  let path = `M${x(kept[0]!.t).toFixed(1)},${y(kept[0]!.w / 1000).toFixed(1)}`;
  for (const p of kept.slice(1)) path += `H${x(p.t).toFixed(1)}V${y(p.w / 1000).toFixed(1)}`;
  const valueTicks = scale.ticks
    .map(
      (v) =>
        `<line x1="${left}" y1="${y(v).toFixed(1)}" x2="${width - right}" y2="${y(v).toFixed(1)}" stroke="${v === 0 ? '#c4c9d2' : '#eceef2'}"/>` +
        `<text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" font-size="11" fill="#667085" text-anchor="end">${v.toFixed(scale.decimals)}</text>`,
    )
    .join('');
  const timeStep = roundTimeStep((t1 - t0) / 6);
  const timeTicks: string[] = [];
  for (let t = Math.ceil(t0 / timeStep) * timeStep; t <= t1; t += timeStep)
    timeTicks.push(
      `<line x1="${x(t).toFixed(1)}" y1="${top}" x2="${x(t).toFixed(1)}" y2="${height - bottom}" stroke="#f2f3f5"/>` +
        `<text x="${x(t).toFixed(1)}" y="${height - 8}" font-size="11" fill="#667085" text-anchor="middle">${escape(new Date(t).toISOString().slice(11, 19))}</text>`,
    );
  return `<svg viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Power over time (kW)">
${timeTicks.join('\n')}
${valueTicks}
<text x="4" y="${top + 4}" font-size="11" fill="#667085">kW</text>
<text x="${width - right}" y="${height - 8 - 12}" font-size="10" fill="#98a2b3" text-anchor="end">UTC</text>
<path fill="none" stroke="#2563eb" stroke-width="1.6" d="${path}"/>
</svg>`;
}

/** A round step for time ticks: 1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min, 1, 2, 3, 6, 12 h. */
function roundTimeStep(minMs: number): number {
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200].map((s) => s * 1000);
  return steps.find((s) => s >= minMs) ?? 86_400_000;
}

export type ReportLanguage = 'en' | 'th';

/** The report's own words in each language; check titles come from the catalogue, reasons from the message catalogue. */
const WORDS = {
  en: {
    title: 'Readiness report',
    overall: { ready: 'READY', 'not-ready': 'NOT READY', incomplete: 'INCOMPLETE' },
    verdicts: { pass: 'pass', fail: 'fail', warn: 'warn', skip: 'skip' },
    requirement: { required: 'required', optional: 'optional', 'either-smart': 'one of two', firmware: 'if firmware in scope' },
    failedHead: 'To fix before the platform (required checks that failed)',
    notJudgedHead: 'Not judged, so not ready yet (required checks) — what to do',
    cancelled: 'cancelled',
    charger: 'Charger',
    vendor: 'Vendor',
    model: 'Model',
    serial: 'Serial number',
    firmware: 'Firmware',
    meter: 'Meter',
    connection: 'Connection',
    neverConnected: 'never connected',
    from: 'from',
    power: 'Power during the check',
    checks: 'Checks',
    check: 'Check',
    required: 'Counts',
    verdict: 'Verdict',
    reason: 'Reason',
    evidence: 'Evidence',
    cleanup: 'Clean-up',
    restored: 'The platform configuration was restored and the test charging profiles cleared.',
    notDone: 'not done',
    time: 'Time (UTC)',
    what: 'What',
    frame: 'Frame',
    fromCharger: 'charger →',
    toCharger: '→ charger',
    events: {
      connected: 'connected',
      disconnected: 'disconnected',
      refused: 'refused',
      replaced: 'replaced by a new connection',
      'diagnostics-received': 'diagnostics received',
      undelivered: 'not delivered',
      ping: 'WebSocket ping',
    },
    none: 'none',
    footer: "OCPP Field Kit · checks as in the platform's OCPP 1.6J charger requirements",
  },
  th: {
    title: 'รายงานความพร้อม',
    overall: { ready: 'พร้อม', 'not-ready': 'ยังไม่พร้อม', incomplete: 'ตรวจไม่ครบ' },
    verdicts: { pass: 'ผ่าน', fail: 'ไม่ผ่าน', warn: 'เตือน', skip: 'ข้าม' },
    requirement: { required: 'จำเป็น', optional: 'ไม่บังคับ', 'either-smart': 'อย่างใดอย่างหนึ่ง', firmware: 'เมื่อรวมเฟิร์มแวร์' },
    failedHead: 'ต้องแก้ไขก่อนใช้กับแพลตฟอร์ม (รายการจำเป็นที่ไม่ผ่าน)',
    notJudgedHead: 'ยังไม่ได้ตัดสิน จึงยังไม่พร้อม (รายการจำเป็น) — สิ่งที่ต้องทำ',
    cancelled: 'ยกเลิกแล้ว',
    charger: 'เครื่องชาร์จ',
    vendor: 'ผู้ผลิต',
    model: 'รุ่น',
    serial: 'หมายเลขเครื่อง',
    firmware: 'เฟิร์มแวร์',
    meter: 'มิเตอร์',
    connection: 'การเชื่อมต่อ',
    neverConnected: 'ไม่เคยเชื่อมต่อ',
    from: 'จาก',
    power: 'กำลังไฟฟ้าระหว่างการตรวจ',
    checks: 'รายการตรวจ',
    check: 'รายการตรวจ',
    required: 'การนับ',
    verdict: 'ผล',
    reason: 'เหตุผล',
    evidence: 'หลักฐาน',
    cleanup: 'การคืนค่า',
    restored: 'คืนค่าการตั้งค่าของแพลตฟอร์มและลบโปรไฟล์การชาร์จทดสอบแล้ว',
    notDone: 'ยังไม่ได้ทำ',
    time: 'เวลา (UTC)',
    what: 'รายการ',
    frame: 'เฟรม',
    fromCharger: 'เครื่องชาร์จ →',
    toCharger: '→ เครื่องชาร์จ',
    events: {
      connected: 'เชื่อมต่อแล้ว',
      disconnected: 'ตัดการเชื่อมต่อ',
      refused: 'ถูกปฏิเสธ',
      replaced: 'ถูกแทนที่ด้วยการเชื่อมต่อใหม่',
      'diagnostics-received': 'ได้รับไฟล์วินิจฉัย',
      undelivered: 'ส่งไม่ถึง',
      ping: 'WebSocket ping',
    },
    none: 'ไม่มี',
    footer: 'OCPP Field Kit · รายการตรวจตามข้อกำหนดเครื่องชาร์จ OCPP 1.6J ของแพลตฟอร์ม',
  },
} as const;

export function renderHtmlReport(report: ReadinessReport, model: ChargerModel, records: Iterable<SessionRecord>, lang: ReportLanguage = 'en'): string {
  const w = WORDS[lang];
  const id = report.identity;
  const evidenceSeqs = new Set(report.checks.flatMap((c) => c.evidence));
  // Only the evidence is kept of the records (a recording may be read a block at a time).
  const evidenceFrames: SessionRecord[] = [];
  for (const r of records) if (evidenceSeqs.has(r.seq)) evidenceFrames.push(r);
  const row = (label: string, value: unknown) => `<tr><th>${escape(label)}</th><td>${escape(value ?? '—')}</td></tr>`;
  const definition = (id: string) => CATALOGUE.find((d) => d.id === id);
  const title = (id: string) => {
    const def = definition(id);
    return lang === 'th' ? def?.th : def;
  };
  const reasonText = (said: Said) => render(said, lang === 'th' ? MESSAGES_TH : undefined);
  const verdict = verdictOf(report);
  const counting = (c: CheckResult) => w.requirement[definition(c.id)?.requirement ?? (c.required ? 'required' : 'optional')];
  const checks = report.checks
    .map((c) => {
      const def = title(c.id);
      return `<tr><td><strong>${escape(def?.title ?? c.id)}</strong><div class="ev muted">${escape(c.id)}</div></td><td>${escape(counting(c))}</td><td class="${c.verdict}">${escape(w.verdicts[c.verdict].toUpperCase())}</td><td>${escape(reasonText(c.said ?? c.reason))}<div class="muted">${escape(def?.passes ?? '')}</div></td><td class="ev">${c.evidence.map((n) => `<a href="#r${n}">#${n}</a>`).join(' ')}</td></tr>`;
    })
    .join('\n');
  const frames = evidenceFrames
    .map((r) => {
      const what =
        r.t === 'frame'
          ? `${escape((r as FrameRecord).dir === 'rx' ? w.fromCharger : w.toCharger)} ${escape((r as FrameRecord).action ?? '')}`
          : escape(w.events[r.event.kind as keyof typeof w.events] ?? r.event.kind);
      const body = r.t === 'frame' ? redact((r as FrameRecord).raw) : JSON.stringify(r.event);
      return `<tr id="r${r.seq}"><td class="ev">#${r.seq}</td><td class="ev">${escape(r.at)}</td><td>${what}</td><td><pre>${escape(body.length > 2000 ? `${body.slice(0, 2000)}…` : body)}</pre></td></tr>`;
    })
    .join('\n');
  const counts = (['pass', 'fail', 'warn', 'skip'] as const).map((v) => `${report.checks.filter((c) => c.verdict === v).length} ${w.verdicts[v]}`).join(' · ');
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escape(w.title)} ${escape(report.charger)}</title><style>${CSS}</style></head>
<body>
<h1>${escape(w.title)}: ${escape(report.charger)}</h1>
<p><span class="verdict ${verdict}" data-verdict="${verdict}">${escape(w.overall[verdict])}</span>
<span class="muted">&nbsp;${escape(counts)}${report.cancelled ? ` · ${escape(w.cancelled)}` : ''} · ${escape(report.startedAt)} → ${escape(report.finishedAt)}</span></p>
${
  verdict === 'not-ready' && (report.failed ?? []).length > 0
    ? `<p><strong>${escape(w.failedHead)}:</strong> ${report.failed.map((id) => `<span class="ev">${escape(id)}</span>`).join(', ')}</p>`
    : ''
}${
    verdict === 'incomplete' && (report.notJudged ?? []).length > 0
      ? `<p><strong>${escape(w.notJudgedHead)}:</strong></p><ul>${report.notJudged.map((n) => `<li><span class="ev">${escape(n.id)}</span>: ${escape(reasonText(n.said ?? n.reason))}</li>`).join('')}</ul>`
      : ''
  }
<h2>${escape(w.charger)}</h2>
<table>${row(w.vendor, id?.vendor)}${row(w.model, id?.model)}${row(w.serial, id?.serialNumber ?? id?.chargeBoxSerialNumber)}${row(w.firmware, id?.firmwareVersion)}${id?.iccid ? row('ICCID', id.iccid) : ''}${id?.imsi ? row('IMSI', id.imsi) : ''}${row(w.meter, [id?.meterType, id?.meterSerialNumber].filter(Boolean).join(' ') || null)}${row(w.connection, report.connection ? `${report.connection.scheme} ${w.from} ${report.connection.remote}${report.connection.tls ? `, ${report.connection.tls}` : ''}` : w.neverConnected)}</table>
<h2>${escape(w.power)}</h2>
${powerSvg(model.samples.filter((s) => s.source === 'MeterValues'))}
<h2>${escape(w.checks)}</h2>
<table><colgroup><col style="width:24%"><col style="width:9%"><col style="width:8%"><col><col style="width:12%"></colgroup><thead><tr><th>${escape(w.check)}</th><th>${escape(w.required)}</th><th>${escape(w.verdict)}</th><th>${escape(w.reason)}</th><th>${escape(w.evidence)}</th></tr></thead><tbody>
${checks}
</tbody></table>
<h2>${escape(w.cleanup)}</h2>
<p>${report.cleanup.done ? escape(w.restored) : escape(report.cleanup.problemSaid ? reasonText(report.cleanup.problemSaid) : (report.cleanup.problem ?? w.notDone))}</p>
<ul>${(report.cleanup.actionsSaid ?? report.cleanup.actions).map((a) => `<li class="ev">${escape(reasonText(a))}</li>`).join('')}</ul>
<h2>${escape(w.evidence)}</h2>
<table><colgroup><col style="width:7%"><col style="width:22%"><col style="width:20%"><col></colgroup><thead><tr><th>#</th><th>${escape(w.time)}</th><th>${escape(w.what)}</th><th>${escape(w.frame)}</th></tr></thead><tbody>
${frames || `<tr><td colspan="4" class="muted">${escape(w.none)}</td></tr>`}
</tbody></table>
<p class="muted">${escape(w.footer)}</p>
</body></html>
`;
}

/** A report file (JSON, as kept in the library) rendered as HTML; null when the file is not a readiness report. */
export function renderReportFile(json: string, model: ChargerModel, records: Iterable<SessionRecord>, lang: ReportLanguage = 'en'): string | null {
  const report = parseReport(json);
  return report ? renderHtmlReport(report, model, records, lang) : null;
}
