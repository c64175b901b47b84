import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// DESIGN.md: the renderer only renders. It imports only types from app/ (plus the browser-safe
// WebSocket client of the contract), never Node, Electron or a native module.
const BROWSER_SAFE = new Set(['app/host/ws-client.ts', 'app/host/host-error.ts']);
const root = fileURLToPath(new URL('.', import.meta.url));

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts')) yield path;
  }
}

test('renderer/ imports only types from app/, and nothing from Node, Electron or native modules', () => {
  const offenders: string[] = [];
  for (const file of sourceFiles(root)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^import\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
      const [, typeOnly, spec] = m as unknown as [string, string | undefined, string];
      const where = relative(root, file);
      if (/^(node:|electron$|serialport|@serialport\/|ws$)/.test(spec)) offenders.push(`${where}: ${spec}`);
      if (spec.includes('/app/') && !typeOnly) {
        const target = relative(join(root, '..'), join(file, '..', spec)).replaceAll('\\', '/');
        if (!BROWSER_SAFE.has(target)) offenders.push(`${where}: runtime import of ${target}`);
      }
    }
  }
  assert.deepEqual(offenders, []);
});
