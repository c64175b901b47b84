/**
 * The one window: sandboxed renderer with context isolation and no Node, no remote content, no new
 * windows, no navigation away from the app; links to the web open in the user's browser.
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

export function windowOptions(preloadPath: string, title: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 960,
    minWidth: 980,
    minHeight: 640,
    title,
    show: false,
    backgroundColor: '#f5f6f8',
    webPreferences: secureWebPreferences(preloadPath),
  };
}

/** Where the window may go: only the app's own pages. */
export function isAppUrl(url: string): boolean {
  return url.startsWith('app://fieldkit/');
}

/** Links the user may open outside: the web, nothing else (no file:, no custom schemes). */
export function isExternalWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}
