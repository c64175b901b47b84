#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so `npx fieldkit` works right after `npm ci`. The OS
// adapters app/ may not import itself (serial ports) are handed in here, loaded only when used.
import { register } from 'tsx/esm/api';

register();
// Before the app loads: the heap setting of a process that serves chargers.
(await import('../app/host/server-heap.ts')).tuneHeapForServing();
const { main } = await import('../app/cli/main.ts');
const serialPorts = async () => new (await import('../native/serial.ts')).NativeSerialPorts();
const code = await main(process.argv.slice(2), { serialPorts });
process.exitCode = code;
// A command that failed ends even if something it started still listens (a file server, a socket):
// the message is out, nothing more will happen. The timer does not keep a finished process alive.
if (code !== 0) setTimeout(() => process.exit(code), 200).unref();
