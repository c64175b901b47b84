// The relay path through the UI, shared by the browser and Electron specs: set the platform on the
// Connect page, a charger relayed to it, a trigger the platform never sees, both legs in the log,
// an outage shown with its reason until the platform is back.
import { expect } from '@playwright/test';
import type { Platform } from '../app/testing/platform-fixture.ts';
import { SimChargePoint } from '../app/sim/charge-point.ts';
import type { AppPage } from './app-page.ts';

export const RELAYED = 'RELAY-1';
/** The charger's password at the app, where the app asks for one (the desktop app; not --accept-any). */
export const LOCAL_PASSWORD = 'relay-local-pw';

export interface RelayFlowSetup {
  readonly platform: Platform;
  readonly caFile: string;
  readonly password: string;
  /** Starts a charger at the app's ws URL (base, without the id). */
  readonly startCharger: (wsBase: string) => unknown;
}

export function startRelayedSim(wsBase: string): SimChargePoint {
  const sim = new SimChargePoint({ url: wsBase, id: RELAYED, password: LOCAL_PASSWORD, meterValueSampleInterval: 2, tickMs: 200, reconnectBaseMs: 200 });
  sim.start();
  return sim;
}

export async function relayToPlatform(app: AppPage, { platform, caFile, password, startCharger }: RelayFlowSetup): Promise<void> {
  const { page } = app;
  await app.loaded();
  const panel = page.getByTestId('relay-panel');
  await panel.getByTestId('relay-url').fill(platform.url);
  await panel.getByTestId('relay-password').fill(password);
  await panel.getByTestId('relay-ca').fill(caFile);
  await panel.getByTestId('relay-save').click();
  await expect(panel).toContainText('Saved: applies when the charger next connects');
  await expect(panel.getByTestId('relay-targets')).toContainText('every charger');
  await expect(panel.getByTestId('relay-targets')).toContainText('password set');

  // Admitted here first: where the app checks passwords, the charger gets one.
  if ((await page.getByTestId('cp-password').count()) > 0) {
    await page.getByTestId('cp-id').fill(RELAYED);
    await page.getByTestId('cp-password').fill(LOCAL_PASSWORD);
    await page.getByRole('button', { name: 'Set password' }).click();
    await expect(page.locator('.connect-page')).toContainText(`Passwords are set for: ${RELAYED}`);
  }
  // The charger is pointed at the URL the Connect page shows (ports differ per run).
  const wsUrl = await page
    .locator('[data-testid="connect-urls"] code', { hasText: /^ws:\/\/127\.0\.0\.1:/ })
    .first()
    .innerText();
  startCharger(wsUrl.replace(/\/[^/]+$/, ''));
  const state = panel.locator('[data-testid="relay-state"]', { hasText: RELAYED });
  await expect(state).toHaveAttribute('data-phase', 'open');
  await expect(state).toContainText(`${platform.url}/${RELAYED}`);
  await expect.poll(() => platform.calls('BootNotification').length, { message: "the charger's Boot reaches the platform" }).toBeGreaterThan(0);
  await app.screenshot('relay-connect');

  await app.charger(RELAYED).click();
  await app.go('actions');
  const trigger = page.getByTestId('action-trigger');
  await trigger.getByTestId('trigger-message').selectOption('MeterValues');
  await trigger.getByTestId('trigger-send').click();
  await expect(trigger.getByTestId('trigger-result')).toHaveAttribute('data-status', 'Accepted');
  expect(
    platform.received.some((r) => r.data.toString().includes('"fk-')),
    'our call and its answer stay off the platform',
  ).toBe(false);

  await app.go('log');
  await page.getByTestId('filter-charger').selectOption(RELAYED);
  await page.getByTestId('legs-side-by-side').check();
  await expect(page.locator('[data-testid="log-row"][data-leg="upstream"]').first()).toBeVisible();
  const injected = page.locator('[data-testid="log-row"][data-origin="injected"]').first();
  await expect(injected).toBeVisible();
  await injected.click();
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
}
