#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so `npx fieldkit` works right after `npm ci`. The OS
// adapters app/ may not import itself (serial ports) are handed in here, loaded only when used.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../app/cli/main.ts');
const serialPorts = async () => new (await import('../native/serial.ts')).NativeSerialPorts();
process.exitCode = await main(process.argv.slice(2), { serialPorts });
