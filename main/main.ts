/**
 * The Electron main process: one window over the app's core. Thin on purpose: everything that
 * decides is in app/ (tested without Electron); this file wires Electron's pieces to it.
 *   --data DIR   data folder (default: the user data folder, shared with `fieldkit serve`)
 *   --demo       also start the two simulated chargers of `fieldkit serve --demo`
 */
import { app, BrowserWindow, Menu, dialog, ipcMain, net, protocol, safeStorage, session, shell } from 'electron';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createCore, type Core } from '../app/host/core.ts';
import { tuneHeapForServing } from '../app/host/server-heap.ts';
import { loadSettings } from '../app/host/settings.ts';
import { RelayTargetFile } from '../app/relay/target-file.ts';
import { NativeSerialPorts } from '../native/serial.ts';
import { bundlePathIn, openBundleFile } from './open-bundle.ts';
import type { Demo } from '../app/sim/demo.ts';
import { startDemoOn } from '../app/host/demo.ts';
import { DEFAULT_FTP_PORT } from '../app/central/ftp-transfers.ts';
import { EncryptedPasswordFile } from '../native/secrets.ts';
import { EncryptedSecretFile } from '../native/secret-file.ts';
import { registerHostIpc } from './ipc.ts';
import { UpdatePolicy, updatesDisabledByEnvironment } from './updates.ts';
import { electronUpdaterPort } from './updater.ts';
import { menuTemplate } from './menu.ts';
import { APP_SCHEME, headersFor, resolveAppFile } from './protocol.ts';
import { isAppUrl, isExternalWebUrl, windowOptions } from './window.ts';

// This process serves the chargers (the core runs here): V8's setting for that, before the core exists.
tuneHeapForServing();

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererDir = join(here, '..', 'renderer');
const preload = join(here, 'preload.cjs');

const { values: options } = parseArgs({
  args: process.argv.slice(app.isPackaged ? 1 : 2),
  options: { data: { type: 'string' }, demo: { type: 'boolean' } },
  strict: false,
});
if (typeof options.data === 'string') app.setPath('userData', options.data);

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let core: Core | undefined;
let demo: Demo | undefined;
let window: BrowserWindow | undefined;
let pendingBundle: string | null = bundlePathIn(process.argv);

/** Opens a bundle read-only; a file that cannot be opened is explained in a dialog. */
async function openBundle(path: string): Promise<void> {
  if (!core) return;
  const opened = await openBundleFile(core.host, path);
  if (!opened.ok) dialog.showErrorBox('This file cannot be opened', opened.reason);
}

if (!app.requestSingleInstanceLock()) {
  app.quit(); // another instance owns the ports and the data folder; it comes to the front instead
} else {
  app.on('second-instance', (_event, argv) => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
    // A bundle double-clicked while the app runs arrives here.
    const bundle = bundlePathIn(argv);
    if (bundle) void openBundle(bundle);
  });
  // macOS hands a double-clicked file over this way, possibly before the app is ready.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (core) void openBundle(path);
    else pendingBundle = path;
  });
  app.whenReady().then(start, (err: Error) => fail(err));
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(rendererDir, request.url);
    if (!file) return new Response('forbidden', { status: 403 });
    const response = await net.fetch(pathToFileURL(file).toString());
    return new Response(response.body, { status: response.status, headers: headersFor(file) });
  });
  // The page gets no permission (camera, notifications, geolocation …) but writing to the clipboard (copy buttons).
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(permission === 'clipboard-sanitized-write'));

  const vault = new EncryptedPasswordFile(join(dataDir, 'secrets', 'passwords.bin'), safeStorage);
  const settingsFile = join(dataDir, 'settings.json');
  const { settings, problem } = loadSettings(settingsFile);
  if (problem) console.error(problem);
  const relayTargets = new RelayTargetFile(join(dataDir, 'relay-targets.json'));
  const upstreamPasswords = new EncryptedPasswordFile(join(dataDir, 'secrets', 'upstream-passwords.bin'), safeStorage);
  // Client certificates and keys for platforms that ask for one, kept like the passwords.
  const upstreamIdentities = new EncryptedPasswordFile(join(dataDir, 'secrets', 'upstream-identities.bin'), safeStorage);
  // The local CA's key in the OS's protected storage (a headless host's clear 0600 key is taken over).
  const caKeyStore = new EncryptedSecretFile(join(dataDir, 'secrets', 'ca-key.bin'), join(dataDir, 'certs', 'ca.key.pem'), safeStorage);
  core = await createCore({
    dataDir,
    host: '0.0.0.0',
    ...settings,
    passwords: new Map(),
    acceptAny: false,
    // A fixed FTP port, so a site firewall can let it through (docs/transfers.md); it listens only during a transfer.
    ftpPort: DEFAULT_FTP_PORT,
    passwordVault: vault,
    settingsFile,
    relay: { stores: { targets: relayTargets, passwords: upstreamPasswords, identities: upstreamIdentities } },
    caKeyStore,
    serialPorts: new NativeSerialPorts(),
  });
  if (relayTargets.problem) console.error(relayTargets.problem);
  registerHostIpc(ipcMain, core.host);
  try {
    await core.central.start();
  } catch (err) {
    // The window still opens: the Connect page says the central system is stopped and starts it on other ports.
    console.error(`central system could not start: ${(err as Error).message}`);
  }
  if (options.demo) demo = startDemoOn(core);
  startUpdates(core, settingsFile);

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(app.getName(), {
        isMac: process.platform === 'darwin',
        devTools: !app.isPackaged,
        openBundle: () => {
          void dialog
            .showOpenDialog({
              title: 'Open a session bundle',
              properties: ['openFile'],
              filters: [{ name: 'OCPP Field Kit session', extensions: ['fieldkit'] }],
            })
            .then((picked) => {
              if (!picked.canceled && picked.filePaths[0]) void openBundle(picked.filePaths[0]);
            });
        },
        openDataFolder: () => void shell.openPath(dataDir),
        openDocs: () => void shell.openExternal('https://github.com/ocpp-field-kit/ocpp-field-kit#readme'),
        showAbout: () => void showAbout(),
        checkForUpdates: () => void updates?.checkNow().then(() => showAbout()),
      }),
    ),
  );
  createWindow();
  if (pendingBundle) void openBundle(pendingBundle);
  pendingBundle = null;
}

let updates: UpdatePolicy | undefined;

/**
 * Updates from the GitHub releases, for an installed (packaged) app only: at start and daily, never
 * while a readiness run, a relayed charger, an FTP transfer or a serial console is active.
 */
function startUpdates(core: Core, settingsFile: string): void {
  if (!app.isPackaged) return;
  updates = new UpdatePolicy({
    updater: electronUpdaterPort((line) => console.log(`updates: ${line}`)),
    currentVersion: app.getVersion(),
    busy: () => core.host.busy(),
    enabled: () => loadSettings(settingsFile).settings.updates && !updatesDisabledByEnvironment(process.env),
    askToRestart: async (version) => {
      const options = {
        type: 'question' as const,
        buttons: ['Restart now', 'Later'],
        defaultId: 0,
        cancelId: 1,
        message: `OCPP Field Kit ${version} is ready to install.`,
        detail: 'Restart now to use it, or later: it installs when the app quits.',
      };
      const answer = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
      return answer.response === 0;
    },
  });
  updates.start();
}

/** The version, the update channel and the update state. */
async function showAbout(): Promise<void> {
  const state = updates?.state;
  const update = !app.isPackaged
    ? 'updates: not for a development build'
    : !state
      ? 'updates: not started'
      : `updates: ${state.phase}${state.availableVersion ? ` (${state.availableVersion} available)` : ''}${state.message ? ` — ${state.message}` : ''}`;
  const options = {
    type: 'info' as const,
    message: `OCPP Field Kit ${app.getVersion()}`,
    detail: `channel: ${state?.channel ?? 'latest'}\n${update}\nElectron ${process.versions.electron}, Node ${process.versions.node}`,
  };
  if (window) await dialog.showMessageBox(window, options);
  else await dialog.showMessageBox(options);
}

function createWindow(): void {
  window = new BrowserWindow(windowOptions(preload, app.getName()));
  const contents = window.webContents;
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window?.show());
  window.on('closed', () => (window = undefined));
  void window.loadURL(`${APP_SCHEME}://fieldkit/index.html`);
}

function fail(err: Error): void {
  console.error(err);
  app.exit(1);
}

app.on('window-all-closed', () => app.quit());
app.on('activate', () => {
  if (!window && core) createWindow();
});
let closing = false;
app.on('will-quit', (event) => {
  if (closing || !core) return;
  closing = true;
  event.preventDefault();
  // Sessions are flushed and chargers see a clean close before the process ends.
  void (demo?.stop() ?? Promise.resolve()).then(() => core?.close()).finally(() => app.exit(0));
});
