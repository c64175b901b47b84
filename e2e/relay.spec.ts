// The relay in Debian's Chromium: an installer sets the platform on the Connect page, a charger is
// forwarded to a real WSS platform on loopback (test CA), both legs show in the log, a call from the
// Actions page stays off the platform, and a platform outage is shown with its reason.
import { expect, test } from '@playwright/test';
import { rmSync } from 'node:fs';
import { startServeChild, type ServeChild } from '../app/testing/serve-child.ts';
import { tempDir } from '../app/testing/central-fixture.ts';
import { makeTestPki, startPlatform, type Platform, type TestPki } from '../app/testing/platform-fixture.ts';
import type { SimChargePoint } from '../app/sim/charge-point.ts';
import { AppPage, pageErrors } from './app-page.ts';
import { relayToPlatform, startRelayedSim } from './relay-flow.ts';

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
  // No --accept-any: the flow sets the charger's local password on the Connect page, as in the desktop app.
  serve = await startServeChild(['--quiet', '--data', dataDir]);
});

test.afterAll(async () => {
  await sim?.stop();
  serve.child.kill('SIGTERM');
  await serve.exited;
  await platform.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('browser: relay a charger to its platform, watch both legs, inject a call, see an outage', async ({ page }, info) => {
  const errors = pageErrors(page);
  await page.goto(serve.uiUrl);
  await relayToPlatform(new AppPage(page, 'browser', info), {
    platform,
    caFile: pki.caFile,
    password: PASSWORD,
    startCharger: (url) => (sim = startRelayedSim(url)),
  });
  expect(errors, 'no script errors and no CSP violations').toEqual([]);
});
