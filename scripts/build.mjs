#!/usr/bin/env node
// Builds what the app runs from: the renderer (vite → dist/renderer), the Electron main process
// (ESM, our code bundled, npm packages left to node_modules → dist/main/main.mjs) and the preload
// (sandboxed, so everything but electron bundled into one CommonJS file → dist/main/preload.cjs).
// `--renderer` builds the renderer only (what `fieldkit serve` needs).
import { build as viteBuild } from 'vite';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const rendererOnly = process.argv.includes('--renderer');

await viteBuild({ root: `${root}renderer`, configFile: `${root}vite.config.ts`, logLevel: 'warn' });
if (!rendererOnly) {
  const common = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node22', sourcemap: false, logLevel: 'warning', legalComments: 'none' };
  await build({ ...common, entryPoints: ['main/main.ts'], outfile: 'dist/main/main.mjs', format: 'esm', packages: 'external' });
  await build({ ...common, entryPoints: ['main/preload.ts'], outfile: 'dist/main/preload.cjs', format: 'cjs', external: ['electron'] });
}
process.stdout.write(`built ${rendererOnly ? 'the renderer' : 'the renderer, main and preload'} into dist/\n`);
