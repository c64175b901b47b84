// The same path through the app in the Electron app itself (Playwright's _electron), where an
// Electron binary exists. Where none does (this build machine cannot download it), the test is
// reported as skipped with the reason.
import { _electron as electron, test } from '@playwright/test';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTestPki, startPlatform } from '../app/testing/platform-fixture.ts';
import type { SimChargePoint } from '../app/sim/charge-point.ts';
import { relayToPlatform, startRelayedSim } from './relay-flow.ts';
import { serialConsole } from './console-flow.ts';
import { ptyPair } from '../app/testing/pty-pair.ts';
import { NativeSerialPorts } from '../native/serial.ts';
import { DEFAULT_SERIAL } from '../app/serial/port.ts';
import { fileURLToPath } from 'node:url';
import { electronBinary, whyNoElectron } from '../scripts/electron-binary.mjs';
import { tempDir } from '../app/testing/central-fixture.ts';
import { AppPage, pageErrors } from './app-page.ts';
import { fullPath } from './flows.ts';

const main = fileURLToPath(new URL('../dist/main/main.mjs', import.meta.url));

test('electron: an installer goes through every page with the demo chargers', async ({}, info) => {
  const binary = electronOrSkip();
  const dataDir = tempDir('fieldkit-electron-e2e-');
  // The desktop app listens on its default ports (8180, 8443): run it where they are free.
  const app = await electron.launch({ executablePath: binary, args: [main, '--demo', '--data', dataDir, ...noSandboxAsRoot()] });
  try {
    const page = await app.firstWindow();
    const errors = pageErrors(page);
    // The renderer must not reach Node or Electron: only the contract.
    test
      .expect(
        await page.evaluate(() => [
          typeof (globalThis as { require?: unknown }).require,
          typeof (globalThis as { process?: unknown }).process,
          typeof window.fieldkit?.invoke,
        ]),
      )
      .toEqual(['undefined', 'undefined', 'function']);
    await fullPath(new AppPage(page, 'electron', info));
    test.expect(errors).toEqual([]);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('electron: relay a charger to its platform, watch both legs, inject a call, see an outage', async ({}, info) => {
  const binary = electronOrSkip();
  const dataDir = tempDir('fieldkit-electron-relay-');
  const pki = await makeTestPki(dataDir);
  const platform = await startPlatform({ cert: pki.serverCert, key: pki.serverKey, password: 'electron-platform-pw' });
  let sim: SimChargePoint | undefined;
  const app = await launchOnFreePorts(binary, dataDir);
  try {
    const page = await app.firstWindow();
    await relayToPlatform(new AppPage(page, 'electron', info), {
      platform,
      caFile: pki.caFile,
      password: 'electron-platform-pw',
      startCharger: (url) => (sim = startRelayedSim(url)),
    });
  } finally {
    await sim?.stop();
    await app.close();
    await platform.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('electron: the serial console, lifted frames into the log, a preset, an imported log', async ({}, info) => {
  const binary = electronOrSkip();
  const dataDir = tempDir('fieldkit-electron-console-');
  const pty = await ptyPair(dataDir, 'electron');
  const far = await new NativeSerialPorts().open(pty.b, DEFAULT_SERIAL);
  const received: Buffer[] = [];
  far.onData((d) => received.push(d));
  const app = await launchOnFreePorts(binary, dataDir);
  try {
    await serialConsole(new AppPage(await app.firstWindow(), 'electron', info), { path: pty.a, far, received: () => Buffer.concat(received).toString() });
  } finally {
    await app.close();
    await far.close();
    await pty.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

/** The Electron binary; where there is none (or no build), the test is skipped with the reason. */
function electronOrSkip(): string {
  const binary = electronBinary();
  test.skip(binary === null, whyNoElectron()); // skip: the reason is whyNoElectron()'s text
  test.skip(!existsSync(main), 'the main process is not built: run npm run build'); // skip: reason given
  return binary!;
}

/** Chromium refuses its sandbox as root (CI containers). */
function noSandboxAsRoot(): string[] {
  return process.getuid?.() === 0 ? ['--no-sandbox'] : [];
}

/** The desktop app with its own data folder, on free ports (the Connect page shows which), so it runs beside anything. */
function launchOnFreePorts(binary: string, dataDir: string) {
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ wsPort: 0, wssPort: 0 }));
  return electron.launch({ executablePath: binary, args: [main, '--data', dataDir, ...noSandboxAsRoot()] });
}
