import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { GENERIC_PRESETS, expectation, loadPresets, renderCommand } from './presets.ts';

const valid = {
  format: 'fieldkit-serial-presets/1',
  family: 'Acme W1',
  lineEnding: 'lf',
  commands: [
    { name: 'Version', template: 'ver', expect: '^FW \\d+\\.\\d+', timeoutMs: 2000 },
    {
      name: 'Set URL',
      template: 'set url {url} id {id}',
      params: [
        { name: 'url', pattern: '^wss?://' },
        { name: 'id', default: 'CP1' },
      ],
      expect: 'OK',
    },
  ],
};

test('the shipped generic preset loads and says its commands are placeholders', () => {
  const text = readFileSync(new URL('./presets/generic.json', import.meta.url), 'utf8');
  const load = loadPresets(text);
  assert.ok(load.ok, load.ok ? '' : load.problems.join('\n'));
  assert.equal(load.presets.placeholder, true);
  assert.deepEqual(
    load.presets.commands.map((c) => c.name),
    ['Show version', 'Reboot', 'Show OCPP settings', 'Set OCPP URL'],
  );
  assert.deepEqual(GENERIC_PRESETS, load.presets);
});

test('a valid preset file loads; commands render with their values and defaults, and refuse bad ones', () => {
  const load = loadPresets(JSON.stringify(valid));
  assert.ok(load.ok);
  const set = load.presets.commands[1]!;
  assert.deepEqual(renderCommand(set, { url: 'wss://x.example/ocpp' }), { ok: true, text: 'set url wss://x.example/ocpp id CP1' });
  assert.deepEqual(renderCommand(set, { url: 'http://x' }), { ok: false, reason: 'url "http://x" does not match ^wss?://' });
  assert.match((renderCommand(set, {}) as { reason: string }).reason, /^url is needed/);
  assert.match((renderCommand(set, { url: 'wss://a\nreboot' }) as { reason: string }).reason, /must be one line/);
  assert.ok(expectation(load.presets.commands[0]!)!.test('FW 1.42 build 7'));
});

const mistakes: [string, string, RegExp][] = [
  ['not JSON', '{"format": "fieldkit-serial-presets/1",\n  "family": "x",\n  "commands": [,]}', /not valid JSON: line 3, column \d+/],
  ['wrong format tag', JSON.stringify({ ...valid, format: 'v2' }), /^format: must be "fieldkit-serial-presets\/1"/],
  ['no commands', JSON.stringify({ ...valid, commands: [] }), /^commands: needs at least one command/],
  ['a command without a template', JSON.stringify({ ...valid, commands: [{ name: 'x' }] }), /^commands\[0\]\.template: /],
  [
    'an unknown field (a typo)',
    JSON.stringify({ ...valid, commands: [{ name: 'x', template: 'y', expcet: 'OK' }] }),
    /^commands\[0\]: Unrecognized key: "expcet"/,
  ],
  [
    'a bad regular expression',
    JSON.stringify({ ...valid, commands: [{ name: 'x', template: 'y', expect: 'OK(' }] }),
    /commands\[0\] \("x"\)\.expect: not a valid regular expression/,
  ],
  [
    'a placeholder without its parameter',
    JSON.stringify({ ...valid, commands: [{ name: 'x', template: 'set {url}' }] }),
    /template: uses \{url\} but the command declares no parameter "url"/,
  ],
  [
    'a parameter the template does not use',
    JSON.stringify({ ...valid, commands: [{ name: 'x', template: 'set', params: [{ name: 'url' }] }] }),
    /params: "url" is declared but the template has no \{url\}/,
  ],
  [
    'two commands with one name',
    JSON.stringify({
      ...valid,
      commands: [
        { name: 'x', template: 'a' },
        { name: 'X', template: 'b' },
      ],
    }),
    /commands\[1\] \("X"\): another command has the same name/,
  ],
  ['a timeout out of range', JSON.stringify({ ...valid, commands: [{ name: 'x', template: 'a', timeoutMs: 5 }] }), /commands\[0\]\.timeoutMs: is below 100 ms/],
];

for (const [what, text, message] of mistakes) {
  test(`a preset file with ${what} is refused with a clear message`, () => {
    const load = loadPresets(text);
    assert.equal(load.ok, false);
    assert.ok(!load.ok && load.problems.some((p) => message.test(p)), `expected ${message}, got:\n${!load.ok ? load.problems.join('\n') : ''}`);
  });
}
