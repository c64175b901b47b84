/**
 * The preload (sandboxed, bundled into one CommonJS file): exposes exactly the host contract as
 * window.fieldkit, never ipcRenderer. Arguments are validated here and again in the main process.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridgeApi, type RendererIpc } from './bridge.ts';

const api = createBridgeApi(ipcRenderer as unknown as RendererIpc);
contextBridge.exposeInMainWorld('fieldkit', { invoke: api.invoke, subscribe: api.subscribe, call: api.call });
