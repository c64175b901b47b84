import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// DESIGN.md: app/ never imports electron, react or a native module; that is what keeps it testable anywhere.
const FORBIDDEN = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](electron|react|react-dom|serialport|@serialport\/[^'"]+)['"]/;

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (/\.tsx?$/.test(entry.name)) yield path;
  }
}

test('app/ imports no electron, react or native module', () => {
  const root = fileURLToPath(new URL('.', import.meta.url));
  const offenders = [...sourceFiles(root)].filter((f) => FORBIDDEN.test(readFileSync(f, 'utf8')));
  assert.deepEqual(offenders, []);
});
