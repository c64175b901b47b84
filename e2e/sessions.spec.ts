// The sessions library in Debian's Chromium against `fieldkit serve`: a past session deleted after a
// confirmation, today's exported for support (the dialog lists what is redacted), the bundle opened
// read-only and replayed at 100×.
import { expect, test } from '@playwright/test';
import { readFileSync, rmSync } from 'node:fs';
import { startServeChild, type ServeChild } from '../app/testing/serve-child.ts';
import { chargerCall, closeClient, connectCharger, tempDir } from '../app/testing/central-fixture.ts';
import { sessionOpener } from '../app/store/session-store.ts';
import { readBundle, writeBundle } from '../app/sessions/bundle.ts';
import { readSession } from '../app/store/reader.ts';
import { AppPage, pageErrors } from './app-page.ts';

const KEY = 'E2E-AUTH-KEY-SECRET';
let serve: ServeChild;
let dataDir: string;
let oldSession: string;

test.beforeAll(async () => {
  dataDir = tempDir('fieldkit-e2e-sessions-');
  // A session from an earlier visit.
  const old = sessionOpener({ dataDir, clock: () => new Date('2026-10-01T08:00:00.000Z') }, 'central')('OLD-1');
  old.appendFrame('OLD-1', 'charger', {
    dir: 'rx',
    raw: '[2,"b","BootNotification",{"chargePointVendor":"Volta","chargePointModel":"Home22"}]',
    type: 2,
    id: 'b',
    action: 'BootNotification',
    issues: [],
  });
  old.close();
  oldSession = old.id;
  serve = await startServeChild(['--quiet', '--accept-any', '--data', dataDir]);
  const ws = await connectCharger(serve.wsUrl, 'SITE-7', { password: 'x' });
  await chargerCall(ws, 'BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'W1' });
  await chargerCall(ws, 'StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Charging' });
  for (let i = 0; i < 5; i++)
    await chargerCall(ws, 'MeterValues', {
      connectorId: 1,
      meterValue: [
        {
          timestamp: new Date(Date.now() - (5 - i) * 2000).toISOString(),
          sampledValue: [{ value: String(6000 + i * 100), measurand: 'Power.Active.Import', unit: 'W' }],
        },
      ],
    });
  await chargerCall(ws, 'DataTransfer', { vendorId: 'acme', data: `{"key":"AuthorizationKey","value":"${KEY}"}` });
  await closeClient(ws);
});

test.afterAll(async () => {
  serve.child.kill('SIGTERM');
  await serve.exited;
  rmSync(dataDir, { recursive: true, force: true });
});

test('browser: the sessions library, an export for support, the bundle opened read-only and replayed', async ({ page }, info) => {
  const errors = pageErrors(page);
  const app = new AppPage(page, 'browser', info);
  await page.goto(serve.uiUrl);
  await app.loaded();
  await app.go('sessions');
  const rows = page.getByTestId('session-row');
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId('sessions-usage')).toContainText('2 sessions');
  await page.getByTestId('sessions-search').fill('volta');
  await expect(rows).toHaveCount(1);
  const old = page.locator(`[data-testid="session-row"][data-session="${oldSession}"]`);
  await old.getByTestId('session-delete').click();
  await old.getByTestId('session-delete-confirm').click();
  await expect(rows).toHaveCount(0);
  await page.getByTestId('sessions-search').fill('');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('SITE-7');
  await app.screenshot('sessions');

  await rows.first().getByTestId('session-export').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog.locator('[data-kind="authorization-key"]')).toContainText('1 found');
  await dialog.getByTestId('export-hide-tags').check();
  await expect(dialog.locator('[data-kind="id-tag"]')).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('export-save').click()]);
  expect(download.suggestedFilename()).toMatch(/SITE-7.*\.fieldkit$/);
  const bytes = readFileSync(await download.path());
  const bundle = await readBundle(bytes);
  const recording = await bundle.recording;
  expect(JSON.stringify([...recording.all()])).not.toContain(KEY);
  recording.close();

  await page.getByTestId('bundle-file').setInputFiles({ name: 'from-site.fieldkit', mimeType: 'application/zip', buffer: bytes });
  await expect(page.getByTestId('replay-bar')).toContainText('Read-only: from-site.fieldkit');
  // History is not "online", and its last message is a date, not "… ago" counted from today.
  await expect(page.getByTestId('connection')).toContainText('recorded');
  await expect(page.getByTestId('connection')).not.toContainText('online');
  await expect(page.getByTestId('last-heard')).not.toContainText('ago');
  await expect(page.getByTestId('identity')).toContainText('W1');
  await page.getByTestId('replay-100').click();
  await expect(page.getByTestId('replay-state')).toHaveAttribute('data-finished', 'true');
  await expect.poll(() => app.points(), { message: 'the replay drew the series again' }).toBeGreaterThan(3);
  await app.screenshot('replay');

  // Dropped anywhere on the window, a bundle opens too.
  await app.go('log');
  const dataTransfer = await page.evaluateHandle((b64) => {
    const dt = new DataTransfer();
    dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'dropped.fieldkit'));
    return dt;
  }, bytes.toString('base64'));
  await page.locator('main').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByTestId('replay-bar')).toContainText('Read-only: dropped.fieldkit');
  expect(errors, 'no script errors and no CSP violations').toEqual([]);
});

test('browser: a hand-edited bundle that breaks a page shows the problem in that page, and the app keeps running', async ({ page }, info) => {
  const app = new AppPage(page, 'browser', info);
  await page.goto(serve.uiUrl);
  await app.loaded();
  // A recording edited by hand: the connection's hints are a word, not a list (no app writes this).
  const dir = tempDir('fieldkit-e2e-hostile-');
  try {
    const recorder = sessionOpener({ dataDir: dir }, 'central')('EDITED-1');
    recorder.append({
      t: 'event',
      charger: 'EDITED-1',
      leg: 'charger',
      event: {
        kind: 'connected',
        scheme: 'ws',
        remote: '10.0.0.9:5000',
        local: '10.0.0.1:8180',
        path: '/ocpp/EDITED-1',
        subprotocol: 'ocpp1.6',
        tls: null,
        auth: { scheme: 'none', accepted: 'accept-any' },
        hints: 'oops',
      } as never,
    });
    recorder.close();
    const { header, records } = readSession(recorder.file);
    const bytes = Buffer.from(writeBundle({ header, records, reports: [] }, { hideIdTags: false }).bytes);
    await app.go('sessions');
    await page.getByTestId('bundle-file').setInputFiles({ name: 'edited.fieldkit', mimeType: 'application/zip', buffer: bytes });
    // The Charger page cannot draw that connection: it says so in its place, and nothing else goes.
    await expect(page.getByTestId('page-error')).toBeVisible();
    await expect(page.getByTestId('nav-sessions')).toBeVisible();
    await app.go('sessions');
    await expect(page.getByTestId('page-error')).toHaveCount(0);
    await expect(page.getByTestId('session-row').first()).toBeVisible();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
