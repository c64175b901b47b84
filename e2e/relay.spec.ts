// The relay in Debian's Chromium: an installer sets the platform on the Connect page, a charger is
// forwarded to a real WSS platform on loopback (test CA), both legs show in the log, a call from the
// Actions page stays off the platform, and a platform outage is shown with its reason.
import { expect, test } from '@playwright/test';
import { rmSync } from 'node:fs';
import { startServeChild, type ServeChild } from '../app/testing/serve-child.ts';
import { tempDir } from '../app/testing/central-fixture.ts';
import { makeTestPki, startPlatform, type Platform, type TestPki } from '../app/testing/platform-fixture.ts';
import { SimChargePoint } from '../app/sim/charge-point.ts';
import { AppPage } from './app-page.ts';

const PASSWORD = 'e2e-platform-secret';
let serve: ServeChild;
let dataDir: string;
let pki: TestPki;
let platform: Platform;
let sim: SimChargePoint | undefined;

test.beforeAll(async () => {
  dataDir = tempDir('fieldkit-e2e-relay-');
  pki = await makeTestPki(dataDir);
  platform = await startPlatform({ cert: pki.serverCert, key: pki.serverKey, password: PASSWORD });
  serve = await startServeChild(['--accept-any', '--quiet', '--data', dataDir]);
});

test.afterAll(async () => {
  await sim?.stop();
  serve.child.kill('SIGTERM');
  await serve.exited;
  await platform.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('browser: relay a charger to its platform, watch both legs, inject a call, see an outage', async ({ page }, info) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const app = new AppPage(page, 'browser', info);
  await page.goto(serve.uiUrl);
  await app.loaded();

  const panel = page.getByTestId('relay-panel');
  await panel.getByTestId('relay-url').fill(platform.url);
  await panel.getByTestId('relay-password').fill(PASSWORD);
  await panel.getByTestId('relay-ca').fill(pki.caFile);
  await panel.getByTestId('relay-save').click();
  await expect(panel).toContainText('Saved: applies when the charger next connects');
  await expect(panel.getByTestId('relay-targets')).toContainText('every charger');
  await expect(panel.getByTestId('relay-targets')).toContainText('password set');

  sim = new SimChargePoint({ url: serve.wsUrl, id: 'RELAY-1', meterValueSampleInterval: 2, tickMs: 200, reconnectBaseMs: 200 });
  sim.start();
  const state = panel.locator('[data-testid="relay-state"]', { hasText: 'RELAY-1' });
  await expect(state).toHaveAttribute('data-phase', 'open');
  await expect(state).toContainText(`${platform.url}/RELAY-1`);
  await expect.poll(() => platform.calls('BootNotification').length, { message: "the charger's Boot reaches the platform" }).toBeGreaterThan(0);
  await app.screenshot('relay-connect');

  await app.charger('RELAY-1').click();
  await app.go('actions');
  const trigger = page.getByTestId('action-trigger');
  await trigger.getByTestId('trigger-message').selectOption('MeterValues');
  await trigger.getByTestId('trigger-send').click();
  await expect(trigger.getByTestId('trigger-result')).toHaveAttribute('data-status', 'Accepted');
  expect(platform.received.some((r) => r.data.toString().includes('"fk-')), 'our call and its answer stay off the platform').toBe(false);

  await app.go('log');
  await page.getByTestId('filter-charger').selectOption('RELAY-1');
  await page.getByTestId('legs-side-by-side').check();
  await expect(page.locator('[data-testid="log-row"][data-leg="upstream"]').first()).toBeVisible();
  await expect(page.locator('[data-testid="log-row"][data-origin="injected"]').first()).toBeVisible();
  await page.locator('[data-testid="log-row"][data-origin="injected"]').first().click();
  await expect(page.getByTestId('log-origin')).toContainText('not by the platform');
  await app.screenshot('relay-log');

  platform.refuseWith = 503;
  platform.dropAll();
  await app.go('connect');
  await expect(state).toHaveAttribute('data-phase', /down|connecting/);
  await expect(state).toContainText('HTTP 503');
  await app.screenshot('relay-down');
  platform.refuseWith = null;
  await expect(state).toHaveAttribute('data-phase', 'open');
  expect(errors, 'no script errors and no CSP violations').toEqual([]);
});
