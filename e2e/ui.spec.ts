// The UI in Debian's Chromium against `fieldkit serve --demo` (a real child process on loopback).
import { test } from '@playwright/test';
import { rmSync } from 'node:fs';
import { startServeChild, type ServeChild } from '../app/testing/serve-child.ts';
import { tempDir } from '../app/testing/central-fixture.ts';
import { AppPage, pageErrors } from './app-page.ts';
import { fullPath } from './flows.ts';

let serve: ServeChild;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = tempDir('fieldkit-e2e-');
  serve = await startServeChild(['--demo', '--quiet', '--data', dataDir]);
});

test.afterAll(async () => {
  serve.child.kill('SIGTERM');
  await serve.exited;
  rmSync(dataDir, { recursive: true, force: true });
});

test('browser: an installer goes through every page with the demo chargers', async ({ page }, info) => {
  const errors = pageErrors(page);
  await page.goto(serve.uiUrl);
  await fullPath(new AppPage(page, 'browser', info));
  test.expect(errors, 'no script errors and no CSP violations').toEqual([]);
});
