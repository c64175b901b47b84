#!/usr/bin/env node
// `npm start`: builds the app, then opens the desktop app in Electron. Where Electron's binary is not
// installed and cannot be downloaded (npm blocks its install script; some networks block the
// download), it says so and starts the headless host instead, whose UI opens in any browser.
// `npm run serve` (--headless) goes straight to the headless host; `npm run relay` (--headless
// --relay) to the headless host relaying to a platform. Other arguments pass through.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const relay = args.includes('--relay');
const headless = args.includes('--headless') || relay;
const passThrough = args.filter((a) => a !== '--headless' && a !== '--relay');

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const build = spawnSync(process.execPath, ['scripts/build.mjs', ...(headless ? ['--renderer'] : [])], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

let electron = headless ? null : electronBinary();
if (!headless && !electron) {
  process.stdout.write("Electron's binary is not installed yet: fetching it once (node node_modules/electron/install.js)…\n");
  const fetched = spawnSync(process.execPath, ['node_modules/electron/install.js'], { cwd: root, stdio: ['ignore', 'inherit', 'pipe'], timeout: 180_000 });
  electron = electronBinary();
  if (!electron) {
    process.stdout.write(
      `Electron could not be downloaded here (${fetched.error?.message ?? lastLine(fetched.stderr) ?? `install exited with ${fetched.status}`}).\n` +
        'Starting the headless host instead: open the "UI and host API" address it prints in a browser.\n\n',
    );
  }
}

if (electron) run(electron, ['.', ...passThrough]);
else run(process.execPath, ['bin/fieldkit.mjs', relay ? 'relay' : 'serve', ...passThrough]);

function lastLine(buffer) {
  const lines = String(buffer ?? '')
    .trim()
    .split('\n')
    .filter((l) => !/^\s+at /.test(l));
  return lines.at(-1) || null;
}
