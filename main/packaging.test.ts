/**
 * Packaging, offline: electron-builder.yml is valid against electron-builder's own schema and says
 * what the installers need; `electron-builder --dir` (with a stand-in Electron, since Electron's
 * binaries cannot be downloaded here) packs an app.asar whose main bundle finds every package it imports.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { tempDir } from '../app/testing/central-fixture.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
// electron-builder.yml is untyped YAML read only for assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;
/** Electron's fuse wire: the sentinel @electron/fuses looks for, and the fuses in their order (V1). */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_NAMES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
];
/** As Electron ships them: RunAsNode on, cookie encryption off, NODE_OPTIONS and --inspect on, no asar checks, file:// privileged. */
const ELECTRON_DEFAULT_FUSES = '10110001';
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string> };

test("electron-builder.yml is valid against electron-builder's schema", () => {
  const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
  const validate = ajv.compile(schema);
  assert.ok(validate(config), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  // A mistake the schema catches, so the check above can fail.
  assert.equal(validate({ ...config, mac: { ...config.mac, hardenedRuntime: 'yes' } }), false);
});

test('the installers: Windows nsis and macOS dmg for x64 and arm64, Linux AppImage and deb; hardened runtime may listen; serialport unpacked', () => {
  const archs = (targets: { target: string; arch: string[] }[], name: string) => targets.find((t) => t.target === name)?.arch;
  assert.deepEqual(archs(config.win.target, 'nsis'), ['x64', 'arm64']);
  assert.deepEqual(archs(config.mac.target, 'dmg'), ['x64', 'arm64']);
  assert.deepEqual(archs(config.mac.target, 'zip'), ['x64', 'arm64'], 'the zip electron-updater installs on macOS');
  assert.equal(config.publish.provider, 'github', 'updates come from the GitHub releases');
  assert.deepEqual(
    config.linux.target.map((t: { target: string }) => t.target),
    ['AppImage', 'deb'],
  );
  assert.equal(config.mac.hardenedRuntime, true);
  assert.match(readFileSync(join(root, config.mac.entitlements), 'utf8'), /com\.apple\.security\.network\.server<\/key>\s*<true\/>/);
  assert.ok(config.asarUnpack.some((p: string) => p.includes('@serialport/bindings-cpp')));
  assert.equal(config.directories.app, '.', 'app/ is source, not the application folder');
  assert.equal(config.electronFuses.runAsNode, false, 'the packed app cannot be run as plain Node');
  assert.equal(pkg.main, 'dist/main/main.mjs');
});

test('electron-builder --dir packs the bundles and every package the main process imports', { timeout: 120_000 }, () => {
  for (const f of ['dist/main/main.mjs', 'dist/main/preload.cjs', 'dist/renderer/index.html'])
    assert.ok(existsSync(join(root, f)), `${f} is built (npm run build)`);
  const work = tempDir('fieldkit-pack-');
  try {
    const stub = join(work, 'electron-dist');
    mkdirSync(stub);
    // A stand-in Electron with the fuse wire real ones carry (sentinel, version 1, eight fuses at Electron's
    // defaults), so that packing flips them as electron-builder.yml says and the test can read them back.
    writeFileSync(
      join(stub, 'electron'),
      Buffer.concat([Buffer.from('#!/bin/sh\n'), Buffer.from(FUSE_SENTINEL), Buffer.from([1, 8]), Buffer.from(ELECTRON_DEFAULT_FUSES)]),
    );
    chmodSync(join(stub, 'electron'), 0o755);
    const out = join(work, 'release');
    execFileSync(
      process.execPath,
      [
        require.resolve('electron-builder/cli.js'),
        '--dir',
        '--linux',
        '--x64',
        `-c.electronDist=${stub}`,
        '-c.electronVersion=45.4.1',
        `-c.directories.output=${out}`,
      ],
      { cwd: root, stdio: 'pipe' },
    );
    // The fuses of the packed binary: as the config says, every one.
    const binary = readFileSync(join(out, 'linux-unpacked', config.executableName ?? 'ocpp-field-kit'));
    const at = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
    assert.ok(at > FUSE_SENTINEL.length, 'the packed binary carries the fuse wire');
    const fuses = Object.fromEntries(FUSE_NAMES.map((name, i) => [name, String.fromCharCode(binary[at + 2 + i]!)]));
    assert.deepEqual(fuses, {
      runAsNode: '0',
      enableCookieEncryption: '1',
      enableNodeOptionsEnvironmentVariable: '0',
      enableNodeCliInspectArguments: '0',
      enableEmbeddedAsarIntegrityValidation: '1',
      onlyLoadAppFromAsar: '1',
      loadBrowserProcessSpecificV8Snapshot: '0',
      grantFileProtocolExtraPrivileges: '0',
    });
    const asar = require('@electron/asar') as { listPackage(path: string, options: object): string[] };
    const files = new Set(asar.listPackage(join(out, 'linux-unpacked', 'resources', 'app.asar'), {}).map((f) => f.replaceAll('\\', '/')));
    for (const f of [
      '/package.json',
      '/dist/main/main.mjs',
      '/dist/main/preload.cjs',
      '/dist/renderer/index.html',
      '/node_modules/ocpp-rpc/lib/schemas/ocpp1_6.json',
    ])
      assert.ok(files.has(f), `${f} is packed`);
    assert.ok(![...files].some((f) => f.startsWith('/app/') || f.startsWith('/renderer/') || /\.test\./.test(f)), 'no sources or tests');
    assert.ok(![...files].some((f) => f.startsWith('/node_modules/react/') || f.startsWith('/node_modules/electron/')), 'build-time packages stay out');
    // Every bare import of the main bundle resolves to a packed package.
    const main = readFileSync(join(root, 'dist/main/main.mjs'), 'utf8');
    const imports = [...main.matchAll(/^import .*? from "([^"]+)";$/gm)]
      .map((m) => m[1]!)
      .filter((s) => !s.startsWith('node:') && !builtinModules.includes(s) && s !== 'electron');
    assert.ok(imports.length > 3, `imports found: ${imports.join(', ')}`);
    for (const spec of imports) {
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
      assert.ok(pkg.dependencies[name], `${name} (imported by the main process) is a production dependency`);
      assert.ok(files.has(`/node_modules/${name}/package.json`), `${name} is packed`);
    }
    // The serial ports: serialport is imported, and its N-API binding lies outside the asar, unrebuilt.
    assert.ok(imports.includes('serialport'), 'the main process opens serial ports');
    const binding = join(
      out,
      'linux-unpacked',
      'resources',
      'app.asar.unpacked',
      'node_modules',
      '@serialport',
      'bindings-cpp',
      'prebuilds',
      'linux-x64',
      '@serialport+bindings-cpp.glibc.node',
    );
    assert.ok(existsSync(binding), 'the serialport binding is unpacked beside the asar');
    // Every installer target finds its binding in the same folder: Windows x64 and arm64, macOS x64 and arm64 (one universal file), Linux x64.
    const prebuilds = join(binding, '..', '..');
    for (const [target, file] of [
      ['win32-x64', '@serialport+bindings-cpp.node'],
      ['win32-arm64', '@serialport+bindings-cpp.armv8.node'],
      ['darwin-x64+arm64', '@serialport+bindings-cpp.node'],
      ['linux-x64', '@serialport+bindings-cpp.glibc.node'],
    ])
      assert.ok(existsSync(join(prebuilds, target!, file!)), `the serialport binding for ${target} is packed`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
