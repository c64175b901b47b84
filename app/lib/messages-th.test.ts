/**
 * The Thai catalogue of what the app says in its own words: every msg`…` template in the app's
 * source (found with the TypeScript parser) has its Thai, none is left over from a sentence that is
 * gone, each keeps exactly the values of its English, and a message renders in either language with
 * its nested messages in the same language.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MESSAGES_TH } from './messages-th.ts';
import ts from 'typescript';
import { msg, render, templateOf, type Message } from './message.ts';

/** Every msg`…` template in one source text (the TypeScript parser, not a regular expression), with where it is. */
function messageTemplatesIn(file: string, text: string): { readonly template: string; readonly where: string }[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: { template: string; where: string }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isTaggedTemplateExpression(node) && node.tag.getText() === 'msg') {
      const t = node.template;
      const parts = ts.isNoSubstitutionTemplateLiteral(t) ? [t.text] : [t.head.text, ...t.templateSpans.map((s) => s.literal.text)];
      const template = templateOf(parts);
      if (template.trim() !== '') found.push({ template, where: `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}` });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The app and the adapters above it (native/ says why passwords are not kept, main/ what an update does). */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const found = ['app', 'native', 'main'].flatMap((dir) =>
  readdirSync(`${ROOT}/${dir}`, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => `${dir}/${f.replaceAll('\\', '/')}`)
    .flatMap((f) => messageTemplatesIn(f, readFileSync(`${ROOT}/${f}`, 'utf8'))),
);
/**
 * Templates of only values, punctuation and OCPP names ("{{0}}: {{1}}", "SupportedFeatureProfiles: {{0}}")
 * read the same in every language.
 */
const wordless = (template: string) =>
  template
    .replace(/\{\{\d+\}\}/g, ' ')
    .split(/[\s:;(),→=]+/)
    .every((word) => word === '' || /^[A-Z][a-z]+(?:[A-Z.][A-Za-z]*)+$/.test(word));
const placeholders = (template: string) => [...template.matchAll(/\{\{(\d+)\}\}/g)].map((x) => x[1]).sort();

test('every sentence the app says has its Thai, and the catalogue holds nothing else', () => {
  assert.ok(found.length > 150, `${found.length} templates found`);
  const missing = found.filter((f) => !wordless(f.template) && !(f.template in MESSAGES_TH)).map((f) => `${f.where}: ${f.template}`);
  assert.deepEqual(missing, []);
  const inSource = new Set(found.map((f) => f.template));
  assert.deepEqual(
    Object.keys(MESSAGES_TH).filter((k) => !inSource.has(k)),
    [],
    'entries whose English is no longer said anywhere',
  );
});

test('each Thai sentence keeps the values of its English and is written in Thai', () => {
  for (const [english, thai] of Object.entries(MESSAGES_TH)) {
    assert.ok(!wordless(english), `"${english}" needs no entry: it reads the same in every language`);
    assert.deepEqual(placeholders(thai), placeholders(english), `the values of "${english}"`);
    assert.match(thai, /[\u0E00-\u0E7F]/, `"${english}" has Thai text`);
  }
});

test('a message renders in English or Thai, nested messages and OCPP names included', () => {
  const message = msg`${msg`wrong password for ${'CP-7'}`}: the charger must offer Sec-WebSocket-Protocol: ocpp1.6`;
  assert.equal(render(message), 'wrong password for CP-7: the charger must offer Sec-WebSocket-Protocol: ocpp1.6');
  assert.equal(render(message, MESSAGES_TH), 'รหัสผ่านของ CP-7 ไม่ถูกต้อง: เครื่องชาร์จต้องเสนอ Sec-WebSocket-Protocol: ocpp1.6');
  // A message from a newer app (a template this catalogue lacks) still reads, in English.
  assert.equal(render({ template: 'something new about {{0}}', values: ['CP-7'] }, MESSAGES_TH), 'something new about CP-7');
  assert.equal(render('an older recording said this in plain English', MESSAGES_TH), 'an older recording said this in plain English');
});

test('a message from a hostile file (a bundle, a recording) renders as text, never throws', () => {
  const hostile = [
    { template: 5, values: [] },
    { template: '{{0}} and {{1}}', values: [{ not: 'a message' }, ['x']] },
    { template: 'toString', values: [] },
    { template: '__proto__', values: [] },
    null,
    42,
  ] as unknown as Message[];
  for (const value of hostile) for (const catalogue of [undefined, MESSAGES_TH]) assert.equal(typeof render(value, catalogue), 'string');
  assert.equal(render({ template: '{{0}} and {{1}}', values: [{ not: 'a message' }, 'x'] } as unknown as Message), ' and x');
  // A message nested in itself (a crafted file) stops.
  const loop = { template: 'loop {{0}}', values: [] as unknown[] };
  loop.values.push(loop);
  assert.match(render(loop as unknown as Message), /^loop loop/);
});
