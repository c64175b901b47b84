/**
 * The host contract over Electron IPC, main-process side: commands answered through handleInvoke
 * (validated, never throwing), events pushed to each window that subscribed, and unsubscribed when
 * that window goes away.
 */
import type { IpcMain, WebContents } from 'electron';
import type { HostApi } from '../app/host/contract.ts';
import { EVENT_CHANNEL, INVOKE_CHANNEL, SUBSCRIBE_CHANNEL, handleInvoke, isTrustedOrigin } from './bridge.ts';

export function registerHostIpc(ipcMain: IpcMain, host: HostApi): () => void {
  const subscriptions = new Map<WebContents, () => void>();
  ipcMain.handle(INVOKE_CHANNEL, (event, name: unknown, args: unknown) => handleInvoke(host, event.senderFrame?.url ?? '', name, args));
  const onSubscribe = (event: Electron.IpcMainEvent) => {
    const contents = event.sender;
    if (subscriptions.has(contents) || !isTrustedOrigin(event.senderFrame?.url ?? '')) return;
    // One message per host tick, however many events it carries.
    const unsubscribe = host.subscribe((events) => {
      if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, events);
    });
    subscriptions.set(contents, unsubscribe);
    const drop = () => {
      subscriptions.get(contents)?.();
      subscriptions.delete(contents);
    };
    contents.once('destroyed', drop);
    // A reload starts a new page that subscribes again.
    contents.once('did-start-navigation', drop);
  };
  ipcMain.on(SUBSCRIBE_CHANNEL, onSubscribe);
  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL);
    ipcMain.off(SUBSCRIBE_CHANNEL, onSubscribe);
    for (const unsubscribe of subscriptions.values()) unsubscribe();
    subscriptions.clear();
  };
}
