/**
 * electron-updater behind the update policy's port: it reads the GitHub release feed the build
 * names (electron-builder.yml `publish`), downloads only when the policy says so, and installs on
 * quit or when the user agrees to restart. Logs go to the console (the main process's log).
 */
import electronUpdater from 'electron-updater';
import type { UpdaterPort } from './updates.ts';

export function electronUpdaterPort(log: (line: string) => void): UpdaterPort {
  const { autoUpdater } = electronUpdater;
  autoUpdater.autoDownload = false; // the policy decides (never while busy)
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.logger = { info: log, warn: log, error: log, debug: () => {} };
  return {
    async check() {
      const result = await autoUpdater.checkForUpdates();
      return result?.isUpdateAvailable ? { version: result.updateInfo.version } : null;
    },
    async download() {
      await autoUpdater.downloadUpdate();
    },
    installAndRestart: () => autoUpdater.quitAndInstall(),
  };
}
