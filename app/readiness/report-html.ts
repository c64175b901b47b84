/**
 * The readiness report as one self-contained HTML file: inline CSS, the power graph as inline SVG,
 * the checklist with reasons and evidence, the identity, and the evidence frames themselves. No
 * scripts, no external resources, so support can open it anywhere, and it prints well to PDF.
 */
import type { ChargerModel, MeterSample } from '../charger/model.ts';
import type { FrameRecord, SessionRecord } from '../store/records.ts';
import { CATALOGUE } from './catalogue.ts';
import { powerOf } from './passive.ts';
import type { ReadinessReport } from './suite.ts';
import { valueScale } from '../lib/value-scale.ts';

/** AuthorizationKey values never leave in a report, even inside an evidence frame. */
const redact = (raw: string): string => raw.replace(/("key"\s*:\s*"AuthorizationKey"\s*,\s*"value"\s*:\s*)"(?:[^"\\]|\\.)*"/g, '$1"(hidden)"');

const escape = (text: unknown): string =>
  String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;margin:24px auto;max-width:1000px;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px;border-bottom:1px solid #d8dce3;padding-bottom:4px}
.verdict{display:inline-block;padding:2px 10px;border-radius:12px;font-weight:600;color:#fff}
.ready{background:#1b7f3b}.not-ready{background:#b42318}
table{border-collapse:collapse;width:100%;table-layout:fixed}td{overflow-wrap:anywhere}th,td{text-align:left;vertical-align:top;padding:4px 8px;border-bottom:1px solid #eceef2}
th{font-weight:600;background:#f5f6f8}
.pass{color:#1b7f3b;font-weight:600}.fail{color:#b42318;font-weight:600}.warn{color:#b54708;font-weight:600}.skip{color:#667085}
.muted{color:#667085}.ev{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
pre{white-space:pre-wrap;word-break:break-all;font-size:11px;margin:0}
svg{width:100%;height:auto;border:1px solid #eceef2}
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

export function renderHtmlReport(report: ReadinessReport, model: ChargerModel, records: readonly SessionRecord[]): string {
  const id = report.identity;
  const evidenceSeqs = new Set(report.checks.flatMap((c) => c.evidence));
  const evidenceFrames = records.filter((r) => evidenceSeqs.has(r.seq));
  const row = (label: string, value: unknown) => `<tr><th>${escape(label)}</th><td>${escape(value ?? '—')}</td></tr>`;
  const checks = report.checks
    .map((c) => {
      const def = CATALOGUE.find((d) => d.id === c.id);
      return `<tr><td class="ev">${escape(c.id)}</td><td>${c.required ? 'yes' : 'no'}</td><td class="${c.verdict}">${c.verdict.toUpperCase()}</td><td>${escape(c.reason)}<div class="muted">${escape(def?.passes ?? '')}</div></td><td class="ev">${c.evidence.map((n) => `<a href="#r${n}">#${n}</a>`).join(' ')}</td></tr>`;
    })
    .join('\n');
  const frames = evidenceFrames
    .map((r) => {
      const what =
        r.t === 'frame' ? `${(r as FrameRecord).dir === 'rx' ? 'charger →' : '→ charger'} ${escape((r as FrameRecord).action ?? '')}` : escape(r.event.kind);
      const body = r.t === 'frame' ? redact((r as FrameRecord).raw) : JSON.stringify(r.event);
      return `<tr id="r${r.seq}"><td class="ev">#${r.seq}</td><td class="ev">${escape(r.at)}</td><td>${what}</td><td><pre>${escape(body.length > 2000 ? `${body.slice(0, 2000)}…` : body)}</pre></td></tr>`;
    })
    .join('\n');
  const counts = ['pass', 'fail', 'warn', 'skip'].map((v) => `${report.checks.filter((c) => c.verdict === v).length} ${v}`).join(' · ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Readiness report ${escape(report.charger)}</title><style>${CSS}</style></head>
<body>
<h1>Readiness report: ${escape(report.charger)}</h1>
<p><span class="verdict ${report.ready ? 'ready' : 'not-ready'}">${report.ready ? 'READY' : 'NOT READY'}</span>
<span class="muted">&nbsp;${escape(counts)}${report.cancelled ? ' · cancelled' : ''} · ${escape(report.startedAt)} → ${escape(report.finishedAt)}</span></p>
<h2>Charger</h2>
<table>${row('Vendor', id?.vendor)}${row('Model', id?.model)}${row('Serial number', id?.serialNumber ?? id?.chargeBoxSerialNumber)}${row('Firmware', id?.firmwareVersion)}${id?.iccid ? row('ICCID', id.iccid) : ''}${id?.imsi ? row('IMSI', id.imsi) : ''}${row('Meter', [id?.meterType, id?.meterSerialNumber].filter(Boolean).join(' ') || null)}${row('Connection', report.connection ? `${report.connection.scheme} from ${report.connection.remote}${report.connection.tls ? `, ${report.connection.tls}` : ''}` : 'never connected')}</table>
<h2>Power during the check</h2>
${powerSvg(model.samples.filter((s) => s.source === 'MeterValues'))}
<h2>Checks</h2>
<table><colgroup><col style="width:24%"><col style="width:9%"><col style="width:8%"><col><col style="width:12%"></colgroup><thead><tr><th>Check</th><th>Required</th><th>Verdict</th><th>Reason</th><th>Evidence</th></tr></thead><tbody>
${checks}
</tbody></table>
<h2>Clean-up</h2>
<p>${report.cleanup.done ? 'The platform configuration was restored and the test charging profiles cleared.' : escape(report.cleanup.problem ?? 'not done')}</p>
<ul>${report.cleanup.actions.map((a) => `<li class="ev">${escape(a)}</li>`).join('')}</ul>
<h2>Evidence</h2>
<table><colgroup><col style="width:7%"><col style="width:22%"><col style="width:20%"><col></colgroup><thead><tr><th>#</th><th>Time (UTC)</th><th>What</th><th>Frame</th></tr></thead><tbody>
${frames || '<tr><td colspan="4" class="muted">none</td></tr>'}
</tbody></table>
<p class="muted">OCPP Field Kit · checks as in the platform's OCPP 1.6J charger requirements</p>
</body></html>
`;
}
