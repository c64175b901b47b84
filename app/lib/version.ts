import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The app's package.json, found by walking up from this module: app/ when run from source,
 * dist/main/ when bundled into the Electron app (inside app.asar, where fs reads work the same).
 */
function readPackage(): { version: string; productName: string } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++, dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string; productName: string };
    if (pkg.name === 'ocpp-field-kit') return pkg;
  }
  throw new Error('package.json of ocpp-field-kit not found above app/lib/version.ts');
}

const pkg = readPackage();

export const APP_VERSION = pkg.version;
export const PRODUCT_NAME = pkg.productName;
