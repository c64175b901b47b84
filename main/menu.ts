/** The application menu: what a desktop user expects (file, edit, view, window, help), nothing that reaches the network on its own. */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  readonly openBundle: () => void;
  readonly openDataFolder: () => void;
  readonly openDocs: () => void;
  readonly showAbout: () => void;
  readonly checkForUpdates: () => void;
  readonly isMac: boolean;
  readonly devTools: boolean;
}

export function menuTemplate(appName: string, actions: MenuActions): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [];
  if (actions.isMac)
    template.push({
      label: appName,
      submenu: [
        { label: `About ${appName}`, click: actions.showAbout },
        { label: 'Check for updates…', click: actions.checkForUpdates },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  template.push(
    {
      label: 'File',
      submenu: [
        { label: 'Open a session bundle…', accelerator: 'CmdOrCtrl+O', click: actions.openBundle },
        { label: 'Open the data folder (sessions, certificates)', click: actions.openDataFolder },
        { type: 'separator' },
        actions.isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        ...(actions.devTools ? [{ role: 'toggleDevTools' } as const] : []),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'window', submenu: [{ role: 'minimize' }, { role: 'zoom' }] },
    {
      role: 'help',
      submenu: [
        { label: 'OCPP Field Kit documentation', click: actions.openDocs },
        ...(actions.isMac
          ? []
          : [
              { type: 'separator' as const },
              { label: 'Check for updates…', click: actions.checkForUpdates },
              { label: `About ${appName}`, click: actions.showAbout },
            ]),
      ],
    },
  );
  return template;
}
