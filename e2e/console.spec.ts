// The serial console in Debian's Chromium against `fieldkit serve`, on a real pseudo-terminal pair
// (socat) through the real serialport package on both ends.
import { test } from '@playwright/test';
import { rmSync } from 'node:fs';
import { startServeChild, type ServeChild } from '../app/testing/serve-child.ts';
import { tempDir } from '../app/testing/central-fixture.ts';
import { ptyPair, type PtyPair } from '../app/testing/pty-pair.ts';
import { NativeSerialPorts } from '../native/serial.ts';
import { DEFAULT_SERIAL, type SerialLink } from '../app/serial/port.ts';
import { AppPage, pageErrors } from './app-page.ts';
import { serialConsole } from './console-flow.ts';

let serve: ServeChild;
let dataDir: string;
let pty: PtyPair;
let far: SerialLink;
const received: Buffer[] = [];

test.beforeAll(async () => {
  dataDir = tempDir('fieldkit-e2e-console-');
  pty = await ptyPair(dataDir, 'e2e');
  far = await new NativeSerialPorts().open(pty.b, DEFAULT_SERIAL);
  far.onData((d) => received.push(d));
  serve = await startServeChild(['--quiet', '--accept-any', '--data', dataDir]);
});

test.afterAll(async () => {
  serve.child.kill('SIGTERM');
  await serve.exited;
  await far.close();
  await pty.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('browser: the serial console, lifted frames into the log, a preset, an imported log', async ({ page }, info) => {
  const errors = pageErrors(page);
  await page.goto(serve.uiUrl);
  await serialConsole(new AppPage(page, 'browser', info), { path: pty.a, far, received: () => Buffer.concat(received).toString() });
  test.expect(errors, 'no script errors and no CSP violations').toEqual([]);
});
