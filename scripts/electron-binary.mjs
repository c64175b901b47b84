// Where Electron's binary is, if it is installed; null otherwise. Reads the electron package's
// path.txt itself: require('electron') would start a download when the binary is missing.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ELECTRON_PACKAGE = fileURLToPath(new URL('../node_modules/electron', import.meta.url));

export function electronBinary() {
  const pathFile = join(ELECTRON_PACKAGE, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(ELECTRON_PACKAGE, 'dist');
  const full = executable ? join(distDir, executable) : null;
  return full && existsSync(full) ? full : null;
}

/** Why there is no binary, in words (for a skip reason or a start-up message). */
export function whyNoElectron() {
  if (!existsSync(ELECTRON_PACKAGE)) return 'the electron package is not installed (run npm ci)';
  return "Electron's binary is not installed: npm blocks the electron package's download script (allowScripts) and this machine cannot download it; `node node_modules/electron/install.js` fetches it where the network allows";
}
