/** The window's security settings and the app:// file resolution, as plain decisions. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { headersFor, resolveAppFile } from './protocol.ts';
import { isAppUrl, isExternalWebUrl, secureWebPreferences, windowOptions } from './window.ts';
import { menuTemplate } from './menu.ts';

test('the renderer runs isolated, sandboxed, without Node, with the preload only', () => {
  const prefs = secureWebPreferences('/app/dist/main/preload.cjs');
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.nodeIntegrationInWorker, false);
  assert.equal(prefs.webSecurity, true);
  assert.equal(prefs.webviewTag, false);
  assert.equal(prefs.allowRunningInsecureContent, false);
  assert.equal(windowOptions('/p', 'x').webPreferences?.preload, '/p');
});

test('app:// serves only files inside the renderer folder, with the CSP', () => {
  const root = '/opt/fieldkit/dist/renderer';
  assert.equal(resolveAppFile(root, 'app://fieldkit/'), join(root, 'index.html'));
  assert.equal(resolveAppFile(root, 'app://fieldkit/assets/index-1.js'), join(root, 'assets/index-1.js'));
  assert.equal(resolveAppFile(root, 'app://fieldkit/charger'), join(root, 'index.html'), 'app routes get the index');
  assert.ok(resolveAppFile(root, 'app://fieldkit/%2e%2e/%2e%2e/secrets/passwords.bin')!.startsWith(`${root}/`), 'dot segments are resolved inside the folder');
  assert.equal(resolveAppFile(root, 'app://fieldkit/..%2F..%2Fetc%2Fpasswd'), null);
  assert.equal(resolveAppFile(root, 'not a url'), null);
  const headers = headersFor(join(root, 'index.html'));
  assert.match(headers['Content-Security-Policy']!, /default-src 'self'; script-src 'self'/);
  assert.equal(headers['Content-Type'], 'text/html; charset=utf-8');
});

test('navigation stays in the app; only web links open outside', () => {
  assert.ok(isAppUrl('app://fieldkit/index.html#log'));
  assert.ok(!isAppUrl('https://evil.example/'));
  assert.ok(!isAppUrl('file:///etc/passwd'));
  assert.ok(isExternalWebUrl('https://example.com/docs'));
  assert.ok(!isExternalWebUrl('file:///C:/Windows/system32/calc.exe'));
  assert.ok(!isExternalWebUrl('javascript:alert(1)'));
});

test('the menu has the desktop basics, About with the update state and a check for updates, and no developer tools in a packaged app', () => {
  const actions = { openBundle: () => {}, openDataFolder: () => {}, openDocs: () => {}, showAbout: () => {}, checkForUpdates: () => {} };
  const labels = (devTools: boolean) => JSON.stringify(menuTemplate('OCPP Field Kit', { isMac: false, devTools, ...actions }));
  assert.match(labels(false), /Open the data folder/);
  assert.match(labels(false), /"label":"Open a session bundle…","accelerator":"CmdOrCtrl\+O"/);
  assert.doesNotMatch(labels(false), /toggleDevTools/);
  assert.match(labels(true), /toggleDevTools/);
  assert.match(labels(false), /"label":"Check for updates…"/);
  assert.match(labels(false), /"label":"About OCPP Field Kit"/);
  const mac = JSON.stringify(menuTemplate('OCPP Field Kit', { isMac: true, devTools: false, ...actions }));
  assert.match(mac, /"label":"About OCPP Field Kit"/);
  assert.equal(mac.match(/Check for updates…/g)?.length, 1, 'once, in the app menu on macOS');
});
