/**
 * The house rules catch what they are for: a lower layer of app/ importing a higher one (type
 * imports too), app/ importing Electron, the renderer importing Node or an internal module of app/,
 * and an import circle through type imports. Run through ESLint's own API on the real config.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

async function messages(file: string, text: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: join(process.cwd(), file) });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

test('a layer of app/ may not import a layer above it, not even a type', async () => {
  const found = await messages('app/ocpp/probe.ts', "import type { HostApi } from '../host/contract.ts';\nexport type X = HostApi;\n");
  assert.ok(
    found.some((m) => /no-restricted-paths: .*app\/ocpp may import only the layers below it/.test(m)),
    found.join('\n'),
  );
  const fine = await messages('app/host/probe.ts', "import type { Frame } from '../ocpp/frames.ts';\nexport type X = Frame;\n");
  assert.deepEqual(
    fine.filter((m) => m.includes('no-restricted-paths')),
    [],
  );
});

test('app/ never imports electron, react or serialport; the renderer never imports Node or app/ internals', async () => {
  assert.ok((await messages('app/central/probe.ts', "import { app } from 'electron';\nexport const a = app;\n")).some((m) => /never imports electron/.test(m)));
  assert.ok(
    (await messages('renderer/probe.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")).some((m) =>
      /runs in a browser page/.test(m),
    ),
  );
  assert.ok(
    (await messages('renderer/pages/probe.ts', "import type { FrameRecord } from '../../app/store/records.ts';\nexport type F = FrameRecord;\n")).some((m) =>
      /types from app\/host\/contract\.ts only/.test(m),
    ),
  );
  assert.deepEqual(
    await messages('renderer/pages/probe.ts', "import type { FrameRecord } from '../../app/host/contract.ts';\nexport type F = FrameRecord;\n"),
    [],
  );
});

test('an import circle through type imports is an error', async () => {
  const dir = mkdtempSync(join(process.cwd(), 'app/lib/.circle-'));
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'a.ts'), "import type { B } from './b.ts';\nexport type A = { b: B };\n");
    writeFileSync(join(dir, 'b.ts'), "import type { A } from './a.ts';\nexport type B = { a?: A };\n");
    const [result] = await new ESLint({ cwd: process.cwd() }).lintFiles([join(dir, 'a.ts')]);
    assert.ok(
      result!.messages.some((m) => /import circle: .*a\.ts → .*b\.ts → .*a\.ts/.test(m.message)),
      JSON.stringify(result!.messages),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
