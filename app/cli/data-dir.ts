/**
 * The default data folder: the same one Electron's app.getPath('userData') gives the desktop app,
 * so sessions recorded headless show up in the app and the reverse. FIELDKIT_DATA overrides it.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { PRODUCT_NAME } from '../lib/version.ts';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.FIELDKIT_DATA) return env.FIELDKIT_DATA;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}
