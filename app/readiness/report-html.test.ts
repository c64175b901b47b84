import { test } from 'node:test';
import assert from 'node:assert/strict';
import { powerSvg, renderHtmlReport } from './report-html.ts';
import type { MeterSample } from '../charger/model.ts';
import { emptyModel } from '../charger/fold.ts';
import { msg } from '../lib/message.ts';
import type { SessionRecord } from '../store/records.ts';
import type { CheckResult } from './catalogue.ts';
import { cleanupReport, type ReadinessReport } from './report.ts';
import { overallVerdict } from './verdict.ts';

const sample = (i: number, powerW: number): MeterSample => ({
  seq: i + 1,
  source: 'MeterValues',
  at: Date.UTC(2026, 10, 30, 12, 0, i * 60),
  receivedAt: Date.UTC(2026, 10, 30, 12, 0, i * 60),
  connectorId: 1,
  transactionId: 1,
  context: 'Sample.Periodic',
  powerW,
  powerSource: 'measured',
  registerRateW: null,
  currentA: [null, null, null],
  voltageV: [null, null, null],
  energyWh: null,
  socPercent: null,
  offeredA: null,
  measurands: [],
  units: {},
});

test('the report draws four readings as steps, with round kW ticks from 0 and time ticks', () => {
  const svg = powerSvg([sample(0, 11_000), sample(1, 11_040), sample(2, 0), sample(3, 11_000)]);
  const d = /<path [^>]*d="([^"]+)"/.exec(svg)?.[1] ?? '';
  assert.match(d, /^M[\d.]+,[\d.]+(H[\d.]+V[\d.]+){3}$/, `steps, not slopes: ${d}`);
  const labels = [...svg.matchAll(/text-anchor="end">([\d.]+)<\/text>/g)].map((m) => m[1]);
  assert.equal(labels[0], '0', 'the axis starts at 0');
  assert.ok(labels.length >= 4, `more than a 0 and a maximum: ${labels.join(' ')}`);
  assert.ok(Number(labels.at(-1)) >= 11.04);
  assert.equal(new Set(labels.map((l) => l?.split('.')[1]?.length ?? 0)).size, 1, 'one number of decimals');
  assert.ok((svg.match(/T?\d\d:\d\d:\d\d</g) ?? []).length >= 3, 'time ticks along the bottom');
  assert.match(powerSvg([sample(0, 5000)]), /One power reading only/);
  assert.match(powerSvg([]), /No power readings/);
});

test('the Thai report is Thai in every column: the clean-up, the evidence table, the titles', () => {
  const checks: CheckResult[] = [
    { id: 'core.boot', required: true, verdict: 'pass', reason: 'BootNotification Accepted', said: msg`BootNotification Accepted`, evidence: [1] },
    { id: 'core.profiles', required: true, verdict: 'pass', reason: 'ok', evidence: [2] },
  ];
  const summary = overallVerdict(checks, { cancelled: false });
  const report: ReadinessReport = {
    charger: 'CP-TH',
    ...summary,
    ready: summary.verdict === 'ready',
    startedAt: '2026-12-06T03:00:00.000Z',
    finishedAt: '2026-12-06T03:10:00.000Z',
    cancelled: false,
    identity: null,
    connection: null,
    checks,
    cleanup: cleanupReport(
      true,
      [msg`ClearChargingProfile id ${501}: Accepted (removed)`, msg`kept what the charger sampled before the check: ${'Voltage'}`],
      null,
    ),
  };
  const records: SessionRecord[] = [
    {
      t: 'frame',
      seq: 1,
      at: '2026-12-06T03:00:01.000Z',
      charger: 'CP-TH',
      leg: 'charger',
      dir: 'rx',
      raw: '[2,"1","BootNotification",{}]',
      type: 2,
      id: '1',
      action: 'BootNotification',
      issues: [],
    },
    { t: 'event', seq: 2, at: '2026-12-06T03:00:00.500Z', charger: 'CP-TH', leg: 'charger', event: { kind: 'disconnected' } },
  ];
  const th = renderHtmlReport(report, emptyModel('CP-TH'), records, 'th');
  assert.match(th, /ClearChargingProfile รหัส 501: Accepted \(ลบแล้ว\)/);
  assert.match(th, /เก็บค่าที่เครื่องชาร์จวัดไว้ก่อนการตรวจ: Voltage/);
  assert.match(th, /เครื่องชาร์จ → BootNotification/);
  assert.match(th, /<td>ตัดการเชื่อมต่อ<\/td>/);
  assert.match(th, /โปรไฟล์ความสามารถ/);
  assert.doesNotMatch(th, /kept what|removed\)|charger →|>disconnected</);
  // The English report reads the same actions in English; a Thai header does not break mid-word.
  const en = renderHtmlReport(report, emptyModel('CP-TH'), records, 'en');
  assert.match(en, /ClearChargingProfile id 501: Accepted \(removed\)/);
  assert.match(th, /:lang\(th\) th\{[^}]*word-break:keep-all/);
});
