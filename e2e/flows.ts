// The user's path through the app against the demo chargers, shared by the browser and Electron specs.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import type { AppPage } from './app-page.ts';
import { englishInThai } from './page-checks.ts';

const CHARGER = 'DEMO-1';

export async function chargerAppears(app: AppPage): Promise<void> {
  await app.loaded();
  await expect(app.page.getByTestId('connect-urls')).toContainText('wss://');
  await expect(app.charger(CHARGER)).toHaveAttribute('data-connected', 'true');
  await app.screenshot('connect');
}

export async function powerGraphUpdates(app: AppPage): Promise<void> {
  await app.charger(CHARGER).click();
  await app.go('charger');
  await expect(app.page.getByTestId('identity')).toContainText('Demo Wallbox 22');
  await expect.poll(() => app.powerKw(), { message: 'the car on DEMO-1 draws power' }).toBeGreaterThan(1);
  const before = await app.points();
  await expect.poll(() => app.points(), { message: 'new samples reach the graph' }).toBeGreaterThan(before);
  await expect(app.page.getByTestId('connector-1-status')).toContainText('Charging');
  // Every line is named where it is drawn (phases in their IEC colours), and the status colours have a key.
  for (const phase of ['L1', 'L2', 'L3']) await expect(app.page.getByTestId('legend-current')).toContainText(phase);
  // Each legend reads out its newest value, the energy's too.
  await expect(app.page.getByTestId('legend-value-iL1')).toHaveText(/^\s*\d+\.\d$/);
  await expect(app.page.getByTestId('legend-value-sessionWh')).toHaveText(/^\s*\d+\.\d\d$/);
  await expect(app.page.getByTestId('status-key')).toContainText('Charging');
  await expect(app.page.getByTestId('chart-energy')).toContainText('Energy this session (kWh)');
  // Drag across the power graph to zoom into a time span; reset brings the range back.
  const plot = await app.page.locator('[data-testid="chart-power"] .time-chart').boundingBox();
  if (!plot) throw new Error('the power chart has no box');
  await app.page.mouse.move(plot.x + 80, plot.y + plot.height / 2);
  await app.page.mouse.down();
  await app.page.mouse.move(plot.x + plot.width - 30, plot.y + plot.height / 2, { steps: 8 });
  await app.page.mouse.up();
  await expect(app.page.getByRole('button', { name: 'Reset zoom' })).toBeVisible();
  await app.page.getByRole('button', { name: 'Reset zoom' }).click();
  await expect(app.page.getByRole('button', { name: 'Reset zoom' })).toHaveCount(0);
  await app.screenshot('charger');
}

export async function zeroLimitProfile(app: AppPage): Promise<void> {
  await app.go('smart');
  const builder = app.page.getByTestId('profile-builder');
  await builder.getByTestId('profile-purpose').selectOption('TxProfile');
  // Nonsense is refused before anything is sent; a limit above the charger's maximum asks first.
  // An emptied number is "required" (never 0), and typing after it gives what was typed.
  const limit = builder.getByTestId('period-limit-0');
  await limit.fill('');
  await expect(limit).toHaveValue('');
  await expect(builder.getByTestId('profile-issues')).toContainText('Period 1 · Limit (A): required');
  await expect(builder.getByTestId('profile-send')).toBeDisabled();
  await limit.pressSequentially('16');
  await expect(limit).toHaveValue('16');
  await expect(builder.getByTestId('profile-issues')).toHaveCount(0);
  await limit.fill('-3');
  // Named as the form labels the field, never by the profile's path.
  await expect(builder.getByTestId('profile-issues')).toContainText('Period 1 · Limit (A): a limit is 0 or more, not -3 A');
  await expect(builder.getByTestId('profile-issues')).not.toContainText('csChargingProfiles');
  await expect(builder.getByTestId('profile-send')).toBeDisabled();
  await builder.getByTestId('period-limit-0').fill('500');
  await expect(builder.getByTestId('profile-warnings')).toContainText('500 A is above');
  await expect(builder.getByTestId('profile-issues')).toHaveCount(0);
  await builder.getByTestId('period-limit-0').fill('0');
  await expect(builder.getByTestId('profile-issues')).toHaveCount(0);
  await expect(builder.getByTestId('profile-warnings')).toHaveCount(0);
  await builder.getByTestId('profile-send').click();
  await expect(builder.getByTestId('profile-result')).toHaveAttribute('data-status', 'Accepted');
  await expect.poll(() => app.powerKw(), { message: 'power falls to zero under the 0 A limit' }).toBeLessThan(0.1);
  await expect(app.page.locator('[data-testid="timeline-lane-1"] rect[data-status="SuspendedEVSE"]')).not.toHaveCount(0);
  // The composite schedule is drawn over the live power, with its own legend entry.
  await app.page.getByTestId('composite-get').click();
  await expect(app.page.getByTestId('legend-power')).toContainText('composite schedule');
  await app.screenshot('smart-charging');
  // Lift the limit again so the car charges for what follows.
  await builder.getByTestId('profile-clear').click();
  await expect(builder.getByTestId('clear-result')).toHaveAttribute('data-status', 'Accepted');
  await expect.poll(() => app.powerKw(), { message: 'power resumes once the profile is cleared' }).toBeGreaterThan(1);
}

export async function messageLogFilters(app: AppPage): Promise<void> {
  await app.go('log');
  await app.page.getByTestId('filter-charger').selectOption(CHARGER);
  await app.page.getByTestId('filter-action').selectOption('SetChargingProfile');
  const rows = app.page.getByTestId('log-row');
  await expect(rows).toHaveCount(2); // our call and the charger's answer
  for (const action of await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))) expect(action).toBe('SetChargingProfile');
  await rows.first().click();
  await expect(app.page.getByTestId('log-pair')).toContainText('Answered by');
  await expect(app.page.getByTestId('pair-latency')).toHaveText(/^\d+(\.\d)? ms$/);
  await app.page.getByTestId('filter-action').selectOption('');
  // The charger's own calls are paired too: our answer carries how long we took.
  await app.page.getByTestId('filter-action').selectOption('StatusNotification');
  await app.page.getByTestId('filter-dir').selectOption('rx');
  await rows.last().click();
  await expect(app.page.getByTestId('log-pair')).toContainText('Answered by');
  await expect(app.page.getByTestId('pair-latency')).toHaveText(/^\d+(\.\d)? ms$/);
  await app.page.getByTestId('filter-dir').selectOption('');
  await app.page.getByTestId('filter-action').selectOption('');
  await app.page.getByTestId('filter-text').fill('SuspendedEVSE');
  await expect(rows.first()).toContainText('StatusNotification');
  // The preview says what the frame is about before its message id.
  await expect(rows.first().getByTestId('log-fields')).toContainText(/connectorId \d+ · status SuspendedEVSE/);
  await app.screenshot('message-log');
  await app.page.getByTestId('filter-text').fill('');
  await app.page.getByTestId('filter-charger').selectOption('');
}

export async function configurationRoundTrip(app: AppPage): Promise<void> {
  await app.go('config');
  await app.page.getByTestId('config-read').click();
  const input = app.page.getByTestId('config-value-HeartbeatInterval');
  await expect(input).toBeVisible();
  const next = (await input.inputValue()) === '120' ? '90' : '120';
  // A word for a number is not sent: the charger never sees it.
  await input.fill('abc');
  await app.page.getByTestId('config-save-HeartbeatInterval').click();
  await expect(app.page.getByTestId('config-result-HeartbeatInterval')).toContainText('Not sent: HeartbeatInterval takes a whole number');
  await input.fill(next);
  await app.page.getByTestId('config-save-HeartbeatInterval').click();
  await expect(app.page.getByTestId('config-result-HeartbeatInterval')).toHaveAttribute('data-status', 'Accepted');
  // The accepted value stays in the field (it does not snap back to the last read) until it is read again.
  await expect(input).toHaveValue(next);
  // A key the charger rejects, typed under "Change another key": its answer shows there.
  await app.page.getByTestId('config-custom-key').fill('VendorNoSuchKey');
  await app.page.getByTestId('config-custom-value').fill('1');
  await app.page.getByTestId('config-custom-send').click();
  await expect(app.page.getByTestId('config-custom-result')).toHaveAttribute('data-status', 'NotSupported');
  await app.page.getByTestId('config-read').click();
  await expect(app.page.locator('tr[data-key="HeartbeatInterval"] input')).toHaveValue(next);
  await app.screenshot('configuration');
}

export async function actionsTriggerAndRawCall(app: AppPage): Promise<void> {
  await app.go('actions');
  const trigger = app.page.getByTestId('action-trigger');
  await trigger.getByTestId('trigger-message').selectOption('StatusNotification');
  await trigger.getByTestId('trigger-send').click();
  await expect(trigger.getByTestId('trigger-result')).toHaveAttribute('data-status', 'Accepted');
  // The raw composer refuses what breaks the schema before anything is sent.
  const raw = app.page.getByTestId('action-raw');
  await raw.getByTestId('raw-action').selectOption('Reset');
  await raw.getByTestId('raw-payload').fill('{"type": "Sideways"}');
  await expect(raw.getByTestId('raw-issues')).toContainText('/type');
  await expect(raw.getByTestId('raw-send')).toBeDisabled();
  await raw.getByTestId('raw-action').selectOption('GetConfiguration');
  await raw.getByTestId('raw-payload').fill('{"key": ["HeartbeatInterval"]}');
  await expect(raw.getByTestId('raw-issues')).toHaveCount(0);
  await raw.getByTestId('raw-send').click();
  await expect(raw.getByTestId('raw-result')).toContainText('HeartbeatInterval');
  // Diagnostics: the charger is asked which transfer it supports; the demo's prefers FTP, and the file arrives.
  const diagnostics = app.page.getByTestId('action-diagnostics');
  await diagnostics.getByTestId('diagnostics-send').click();
  await expect(diagnostics.getByTestId('diagnostics-location')).toContainText('upload over FTP (the charger supports FTP,HTTP)');
  await expect(diagnostics.getByTestId('diagnostics-location')).toContainText('••••@');
  await expect(diagnostics.getByTestId('diagnostics-files')).toContainText(/diagnostics-DEMO-1-.*\.txt \(\d+ bytes from 127\.0\.0\.1/);
  await app.screenshot('actions');
}

export async function readinessToVerdictAndReport(app: AppPage): Promise<void> {
  // The demo's car is driven from the screen: unplugged first, so the suite has to ask for it.
  await app.go('charger');
  const car = app.page.getByTestId('simulated-car');
  await car.getByTestId('sim-unplug-1').click();
  await expect(car.getByTestId('sim-plug-1')).toBeVisible();
  await expect(app.page.getByTestId('connector-1-status')).toContainText('Available');
  await app.go('readiness');
  await app.page.getByTestId('readiness-interval').fill('1');
  await app.page.getByTestId('readiness-run').click();
  await expect(app.page.getByTestId('readiness-cancel')).toBeVisible();
  const prompt = app.page.getByTestId('readiness-prompt');
  await expect(prompt).toContainText('Plug a car', { timeout: 120_000 });
  await app.screenshot('readiness-prompt');
  // The run lives in the host: a second tab opened now shows it, prompt, button and Cancel included, and no Run button.
  // (Electron's window has no tabs: there the reload below stands for both.)
  const second = app.target === 'browser' ? await app.page.context().newPage() : app.page;
  await second.goto(app.page.url());
  await expect(second.locator('[data-app-state="loaded"]')).toBeVisible();
  await second.getByTestId(`charger-${CHARGER}`).click();
  await second.getByTestId('nav-readiness').click();
  await expect(second.getByTestId('readiness-prompt')).toContainText('Plug a car');
  await expect(second.getByTestId('readiness-prompt-simulate')).toBeVisible();
  await expect(second.getByTestId('readiness-cancel')).toBeVisible();
  await expect(second.getByTestId('readiness-run')).toHaveCount(0);
  await expect(second.locator('[data-testid="checklist"] tr[data-check="trigger.boot"]')).toHaveAttribute('data-verdict', 'pass');
  // A reload of the first tab in the middle of the run attaches to it the same way.
  await app.page.reload();
  await app.loaded();
  await app.charger(CHARGER).click();
  await app.go('readiness');
  await expect(app.page.getByTestId('readiness-page')).toHaveAttribute('data-running', 'true');
  await expect(app.page.getByTestId('readiness-cancel')).toBeVisible();
  await expect(app.page.getByTestId('readiness-step')).toBeVisible();
  // Whatever the suite asks of the installer (plug in, unplug), the button beside the prompt does, from either tab.
  await second.getByTestId('readiness-prompt-simulate').click();
  if (second !== app.page) await second.close();
  const verdict = app.page.getByTestId('readiness-verdict');
  const answer = app.page.getByTestId('readiness-prompt-simulate');
  await expect
    .poll(
      async () => {
        if (await answer.isVisible()) await answer.click().catch(() => {});
        return verdict.isVisible();
      },
      { timeout: 180_000, intervals: [1000], message: 'the suite reaches a verdict with the car driven from the screen' },
    )
    .toBe(true);
  const verdictsNow = () =>
    app.page
      .locator('[data-testid="checklist"] tr[data-check]')
      .evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-check'), r.getAttribute('data-verdict')]));
  const verdicts = await verdictsNow();
  expect(
    verdicts.filter(([, v]) => v === '').map(([id]) => id),
    'every check has a verdict',
  ).toEqual([]);
  expect(Object.fromEntries(verdicts)['smart.off']).toBe('pass');
  await expect(verdict, `the demo charger is ready: ${JSON.stringify(verdicts)}`).toHaveAttribute('data-verdict', 'ready');
  await app.screenshot('readiness');
  // Another page (an evidence link) and back: the verdict, every row and the Export buttons are still there.
  await app.page.locator('[data-testid="checklist"] tr[data-check="core.boot"] button.link').first().click();
  await expect(app.page.getByTestId('log-pair')).toBeVisible();
  await app.go('readiness');
  await expect(verdict).toHaveAttribute('data-verdict', 'ready');
  await expect(app.page.getByTestId('readiness-finished-at')).toContainText('run finished');
  expect(await verdictsNow()).toEqual(verdicts);
  const [download] = await Promise.all([app.page.waitForEvent('download'), app.page.getByTestId('export-html').click()]);
  expect(download.suggestedFilename()).toMatch(/^readiness-DEMO-1-.*\.html$/);
  const html = readFileSync(await download.path(), 'utf8');
  expect(html).toContain('DEMO-1');
  expect(html).toContain('smart.off');
  expect(html).toContain('data-verdict="ready"');
  // A reload (or another tab) shows the same verdict with its time: the host keeps the latest run.
  await app.page.reload();
  await app.loaded().catch(async (err: Error) => {
    throw new Error(`${err.message}\nafter the reload, at ${app.page.url()}:\n${(await app.page.content()).slice(0, 2000)}`);
  });
  await app.charger(CHARGER).click();
  await app.go('readiness');
  await expect(app.page.getByTestId('readiness-verdict')).toHaveAttribute('data-verdict', 'ready');
  await expect(app.page.getByTestId('readiness-finished-at')).toContainText('run finished');
  expect(await verdictsNow()).toEqual(verdicts);
}

/** The demo's session exported for support, opened read-only and replayed, all from the screen. */
export async function demoBundleRoundTrip(app: AppPage): Promise<void> {
  await app.go('sessions');
  const row = app.page.locator('[data-testid="session-row"]', { hasText: CHARGER }).first();
  await row.getByTestId('session-export').click();
  const dialog = app.page.getByTestId('export-dialog');
  // The diagnostics the charger uploaded (the Actions page, earlier) go with its session, checked for secrets.
  await expect(dialog.getByTestId('export-diagnostics')).toContainText(new RegExp(`diagnostics-${CHARGER}-.*\\.txt`));
  const [download] = await Promise.all([app.page.waitForEvent('download'), dialog.getByTestId('export-save').click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`${CHARGER}.*\\.fieldkit$`));
  await expect(dialog.locator('[data-testid="bundle-diagnostics"] li[data-how="scrubbed"]').first()).toBeVisible();
  const bytes = readFileSync(await download.path());
  await app.page.getByTestId('bundle-file').setInputFiles({ name: 'demo.fieldkit', mimeType: 'application/zip', buffer: bytes });
  await expect(app.page.getByTestId('replay-bar')).toContainText('Read-only: demo.fieldkit');
  await expect(app.page.getByTestId('connection')).toContainText('recorded');
  // A recording has no "now": its heartbeat age is a dash (or none received), never "0 s ago" or "none yet".
  await expect(app.page.getByTestId('heartbeat-age')).toHaveText(/^(—|none received)$/);
  // The bundle of a READY run shows READY, read-only: its recorded report, no Run button, not one FAIL.
  await app.go('readiness');
  await expect(app.page.getByTestId('readiness-read-only')).toBeVisible();
  await expect(app.page.getByTestId('readiness-verdict')).toHaveAttribute('data-verdict', 'ready');
  await expect(app.page.getByTestId('readiness-run')).toHaveCount(0);
  await expect(app.page.locator('[data-testid="checklist"] tr[data-verdict="pass"]').first()).toBeVisible();
  await expect(app.page.locator('[data-testid="checklist"] tr[data-verdict="fail"]')).toHaveCount(0);
  await app.screenshot('readiness-recorded');
  await app.go('charger');
  await app.page.getByTestId('replay-100').click();
  await expect(app.page.getByTestId('replay-state')).toHaveAttribute('data-finished', 'true', { timeout: 120_000 });
  await expect.poll(() => app.points(), { message: 'the replay drew the demo session again' }).toBeGreaterThan(3);
  await app.screenshot('demo-replay');
  // Support saves the charger's diagnostics from the opened bundle.
  await app.go('sessions');
  const packed = app.page.getByTestId('opened-bundle-diagnostics');
  await expect(packed).toContainText(new RegExp(`diagnostics-${CHARGER}-.*\\.txt`));
  const [saved] = await Promise.all([app.page.waitForEvent('download'), packed.getByTestId('bundle-diagnostics-save').first().click()]);
  expect(saved.suggestedFilename()).toMatch(new RegExp(`^diagnostics-${CHARGER}-.*\\.txt$`));
  expect(readFileSync(await saved.path(), 'utf8')).toContain(`OCPP Field Kit simulated charge point ${CHARGER}`);
  // Recordings can be closed from the sidebar: closing the opened bundle takes its replay with it; the live charger stays.
  const recordings = app.page.locator(`[data-testid^="close-${CHARGER}@"]`);
  await expect(recordings).toHaveCount(2);
  await app.page.locator(`[data-testid^="close-${CHARGER}@"]:not([data-testid*="@replay-"])`).click();
  await expect(recordings).toHaveCount(0);
  await expect(app.charger(CHARGER)).toBeVisible();
}

/** The app in Thai: the language switch, the frame and the translated pages, a screenshot of every page. */
export async function everyPageInThai(app: AppPage): Promise<void> {
  await app.page.getByTestId('language').selectOption('th');
  await expect(app.page.locator('html')).toHaveAttribute('lang', 'th');
  await expect(app.page.getByTestId('nav-charger')).toHaveText('เครื่องชาร์จ');
  await app.charger(CHARGER).click();
  // Every page in Thai: no English sentence, no English duration, nothing that does not fit at 1280×720.
  const english: string[] = [];
  for (const page of ['connect', 'charger', 'log', 'config', 'smart', 'actions', 'readiness', 'console', 'sessions'] as const) {
    await app.go(page);
    await app.screenshot(`th-${page}`);
    english.push(...(await englishInThai(app.page)).map((text) => `${page}: ${text}`));
  }
  expect(english, 'English left on the Thai pages').toEqual([]);
  await app.go('charger');
  await expect(app.page.getByTestId('identity')).toContainText('ผู้ผลิต');
  await app.go('readiness');
  await expect(app.page.locator('[data-check="transport.wss"]')).toContainText('เชื่อมต่อผ่าน wss');
  // Remembered: a reload comes back in Thai.
  await app.page.reload();
  await app.loaded();
  await expect(app.page.getByTestId('nav-charger')).toHaveText('เครื่องชาร์จ');
  await app.page.getByTestId('language').selectOption('en');
  await expect(app.page.getByTestId('nav-charger')).toHaveText('Charger');
}

/** Certificates from the screen: the local CA on the Connect page; a charger's certificate renewed and our CA installed in it. */
export async function certificatesFromTheScreen(app: AppPage): Promise<void> {
  await app.go('connect');
  const panel = app.page.getByTestId('security-panel');
  await expect(panel.getByTestId('security-profile-2')).toBeChecked();
  await expect(panel.locator('[data-testid="trusted-cas"] li[data-source="local"]')).toContainText('OCPP Field Kit local CA');
  const [ca] = await Promise.all([app.page.waitForEvent('download'), panel.getByTestId('ca-download').click()]);
  expect(ca.suggestedFilename()).toBe('fieldkit-local-ca.pem');
  expect(readFileSync(await ca.path(), 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);
  await app.screenshot('security');
  await app.charger(CHARGER).click();
  await app.go('charger');
  const card = app.page.getByTestId('certificates-card');
  await card.getByTestId('certificate-renew').click();
  await expect(card.getByTestId('certificate-renew-result')).toHaveAttribute('data-status', 'Accepted');
  // The charger's CSR, signed by the local CA and sent back: listed with the certificate made.
  await expect(card.getByTestId('certificate-requests')).toContainText(`${CHARGER}`);
  await expect(card.getByTestId('certificate-requests')).toContainText('CertificateSigned: Accepted');
  await card.getByTestId('certificate-install-ca').click();
  await expect(card.getByTestId('certificate-install-result')).toHaveAttribute('data-status', 'Accepted');
  await card.getByTestId('certificate-list').click();
  await expect(card.getByTestId('installed-certificates').locator('li')).toHaveCount(1);
  await app.screenshot('certificates');
}

/** DEMO-2 is single-phase: its graphs name L1 alone, never an empty L2 and L3. */
export async function singlePhaseCharger(app: AppPage): Promise<void> {
  await app.charger('DEMO-2').click();
  await app.go('charger');
  const legend = app.page.getByTestId('legend-current');
  await expect(legend).toContainText('L1', { timeout: 90_000 });
  await expect(legend).not.toContainText('L2');
  await expect(app.page.getByTestId('legend-voltage')).not.toContainText('L3');
  await app.screenshot('single-phase');
  await app.charger(CHARGER).click();
}

/** Every flow in order, each as a step of one test (they share the chargers' state). */
export async function fullPath(app: AppPage): Promise<void> {
  await test.step('the charger appears', () => chargerAppears(app));
  await test.step('the power graph updates', () => powerGraphUpdates(app));
  await test.step('a zero-limit profile stops the power and the timeline shows SuspendedEVSE', () => zeroLimitProfile(app));
  await test.step('the message log filters and pairs with latency', () => messageLogFilters(app));
  await test.step('a configuration edit round-trips', () => configurationRoundTrip(app));
  await test.step('actions: a trigger is accepted, the raw composer validates before sending', () => actionsTriggerAndRawCall(app));
  await test.step('the car is driven from the screen, the readiness suite runs to a verdict and the report downloads', () => readinessToVerdictAndReport(app));
  await test.step("the demo's session is exported, opened read-only and replayed", () => demoBundleRoundTrip(app));
  await test.step('a single-phase charger shows its one phase', () => singlePhaseCharger(app));
  await test.step("certificates: the local CA, a charger's certificate renewed, our CA installed", () => certificatesFromTheScreen(app));
  await test.step('every page in Thai', () => everyPageInThai(app));
}
