/**
 * The command line's own words: one command's help, a flag given a word where it wants a number, and
 * a hint that can be pasted into a shell as it is. Real child processes of the bin.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { FIELDKIT_BIN } from '../testing/serve-child.ts';
import { shellArgument } from '../lib/printable.ts';
import { connectCharger, startCentral } from '../testing/central-fixture.ts';

const run = (...args: string[]) => spawnSync(process.execPath, [FIELDKIT_BIN, ...args], { encoding: 'utf8', timeout: 30_000 });

test('`help check` and `check --help` print the check command’s options only; help for no such command says so', () => {
  for (const args of [
    ['help', 'check'],
    ['check', '--help'],
  ]) {
    const r = run(...args);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /--heartbeat/, 'the check options');
    assert.doesNotMatch(r.stdout, /commands:/, 'not the whole help');
    assert.doesNotMatch(r.stdout, /--upstream/, "not the relay's options");
  }
  const all = run('help');
  assert.match(all.stdout, /commands:/);
  const none = run('help', 'frobnicate');
  assert.equal(none.status, 2);
  assert.match(none.stderr, /no command "frobnicate" to explain/);
});

test('`--baud fast` names the flag and what it wants, not "expected number, received NaN"', () => {
  const r = run('serial', '--port', '/dev/null-no-such-port', '--baud', 'fast');
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /--baud wants a number such as 115200, not "fast"/);
  assert.doesNotMatch(r.stderr, /NaN/);
});

test('a hint with a charger id holding a space quotes it for the shell', async (t) => {
  assert.equal(shellArgument('CP1:PASSWORD'), 'CP1:PASSWORD');
  assert.equal(shellArgument('CP 2:PASSWORD'), "'CP 2:PASSWORD'");
  assert.equal(shellArgument("it's:PASSWORD"), `'it'\\''s:PASSWORD'`);
  const central = await startCentral({ passwords: new Map([['OTHER', 'secret-1234']]) });
  t.after(() => central.close());
  await assert.rejects(connectCharger(central.wsUrl, 'CP 2', { password: 'x' }), (err: { message: string }) =>
    /add it \(--auth 'CP 2:PASSWORD'\)/.test(err.message),
  );
});
