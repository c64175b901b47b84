/**
 * What of the release pipeline can be verified without GitHub: the workflows are valid GitHub
 * Actions workflows (action-validator, the real CLI), shown to catch a broken one.
 * (electron-builder.yml against its schema: main/packaging.test.ts.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const validator = join(root, 'node_modules', '@action-validator', 'cli', 'cli.mjs');

function validate(file: string): { ok: boolean; output: string } {
  const run = spawnSync(process.execPath, [validator, file], { encoding: 'utf8', timeout: 60_000 });
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

test('every workflow under .github/workflows is a valid GitHub Actions workflow; a broken one is caught', () => {
  const dir = join(root, '.github', 'workflows');
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
  assert.deepEqual(files.sort(), ['ci.yml', 'release.yml']);
  for (const file of files) {
    const { ok, output } = validate(join(dir, file));
    assert.ok(ok, `${file}: ${output}`);
  }
  const scratch = mkdtempSync(join(tmpdir(), 'fieldkit-workflow-'));
  try {
    const broken = join(scratch, 'broken.yml');
    writeFileSync(broken, 'name: broken\non: push\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    stepz:\n      - run: echo hi\n');
    assert.equal(validate(broken).ok, false, 'an unknown key in a job is an error');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
