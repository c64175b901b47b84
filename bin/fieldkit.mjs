#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so `npx fieldkit` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../app/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
