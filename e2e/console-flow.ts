// The serial console through the UI, shared by the browser and Electron specs: open a port by its
// path, watch lines and lifted OCPP frames, follow a frame into the message log, send a command, run
// a preset against the charger's answer, and import a saved console log.
import { expect } from '@playwright/test';
import type { SerialLink } from '../app/serial/port.ts';
import type { AppPage } from './app-page.ts';

export interface ConsoleFlowSetup {
  /** The app's end of a pseudo-terminal pair. */
  readonly path: string;
  /** The charger's end, opened by the test. */
  readonly far: SerialLink;
  /** What the charger's end received so far. */
  readonly received: () => string;
}

const BOOT = '[2,"b1","BootNotification",{"chargePointVendor":"Acme","chargePointModel":"W1"}]';
const LOG = [
  '2024-05-01T10:00:00.100Z ocpp TX: [2,"1","BootNotification",{"chargePointVendor":"Acme","chargePointModel":"W2"}]',
  '2024-05-01T10:00:00.300Z ocpp RX: [3,"1",{"status":"Accepted","currentTime":"2024-05-01T10:00:00Z","interval":300}]',
  '2024-05-01T10:00:01.000Z ocpp TX: [2,"2","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"Charging"}]',
].join('\n');

export async function serialConsole(app: AppPage, { path, far, received }: ConsoleFlowSetup): Promise<void> {
  const { page } = app;
  await app.loaded();
  await app.go('console');
  const open = page.getByTestId('serial-open');
  await open.getByTestId('serial-path').fill(path);
  await open.getByTestId('serial-open-button').click();
  const view = page.getByTestId('console-view');
  await expect(view).toHaveAttribute('data-phase', 'open');

  await far.write(
    Buffer.from(
      `Acme W1 fw 1.42\r\nI (100) ocpp: Sending: ${BOOT}\r\nI (180) ocpp: Received: [3,"b1",{"status":"Accepted","currentTime":"2024-05-01T10:00:00Z","interval":300}]\r\n`,
    ),
  );
  await expect(view.getByTestId('console-line').filter({ hasText: 'Acme W1 fw 1.42' })).toBeVisible();
  await expect(view.getByTestId('console-lifted')).toHaveText('2');
  await app.screenshot('console');

  await view.getByTestId('console-input').fill('version');
  await view.getByTestId('console-input').press('Enter');
  await expect.poll(received, { message: 'the command reaches the charger with CR LF' }).toContain('version\r\n');
  await expect(view.locator('[data-testid="console-line"][data-dir="tx"]', { hasText: 'version' })).toBeVisible();

  const presets = view.getByTestId('console-presets');
  await presets.getByTestId('preset-command').selectOption('Set OCPP URL');
  await presets.getByTestId('preset-param-url').fill('ws://192.168.1.20:8180/ocpp/CP1');
  await presets.getByTestId('preset-run').click();
  await expect.poll(received).toContain('ocpp set url ws://192.168.1.20:8180/ocpp/CP1\r\n');
  await far.write(Buffer.from('OK saved\r\n'));
  await expect(presets.getByTestId('preset-result')).toHaveAttribute('data-ok', 'true');

  // A lifted frame links into the message log.
  await view.getByTestId('console-frame-link').first().click();
  await expect(page.getByTestId('log-detail')).toContainText('BootNotification');
  await expect(page.getByTestId('log-detail')).toContainText('leg serial');

  await app.go('console');
  await page.getByTestId('serial-import-file').setInputFiles({ name: 'site-visit.log', mimeType: 'text/plain', buffer: Buffer.from(LOG) });
  await expect(page.getByTestId('serial-import-result')).toContainText('3 OCPP frames lifted from 3 lines');
  await page.getByTestId('serial-import-result').getByRole('button').click();
  await expect(page.getByTestId('identity')).toContainText('W2');
  await app.screenshot('console-import');
}
