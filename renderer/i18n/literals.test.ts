/**
 * No user-facing English left in the translated parts of the UI: JSX text, and the attributes a
 * user reads (title, placeholder, aria-label), must come from the catalogues, in every page and
 * component of the renderer. Text that is not language (OCPP names, units, punctuation, numbers)
 * may stay. A new page with a literal fails here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** Every page and component of the UI (the chart bench page is not the UI). */
const TRANSLATED = readdirSync(fileURLToPath(new URL('..', import.meta.url)), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.tsx'))
  .map((f) => `renderer/${f.replaceAll('\\', '/')}`)
  .sort();

/** Words that are not language: the product's name, OCPP and protocol names and enum values, units, what the charger sends. */
const NOT_LANGUAGE =
  /^(?:OCPP Field Kit|[\s\d.,:;·–—()[\]{}#%×/+\-→'"…]|kW|kWh|A|V|s|ms|L[123]|TLS|ws|wss|meterStart|meterStop|OCPP|FTP|HTTP|ID|id|HAR|SoC|Daily|Weekly|GetCompositeSchedule)*$/;

function literals(file: string): string[] {
  return literalsIn(file, readFileSync(fileURLToPath(new URL(`../../${file}`, import.meta.url)), 'utf8'));
}

/** Inside a JSX expression ({…}) but not in a call's arguments there (t('key', { … }), className={cx(…)}). */
function insideJsx(node: ts.Node): boolean {
  for (let at = node.parent; at; at = at.parent) {
    if (ts.isCallExpression(at)) return false;
    if (ts.isJsxExpression(at)) return !(ts.isJsxAttribute(at.parent) && !['title', 'placeholder', 'aria-label'].includes(at.parent.name.getText()));
  }
  return false;
}

/** The user-facing literals of one source text, each with its file and line. */
function literalsIn(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      const text = node.getText().replace(/\s+/g, ' ').trim();
      if (text && !NOT_LANGUAGE.test(text)) found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} text "${text}"`);
    }
    if (
      ts.isJsxAttribute(node) &&
      ['title', 'placeholder', 'aria-label'].includes(node.name.getText()) &&
      node.initializer &&
      ts.isStringLiteral(node.initializer)
    ) {
      const text = node.initializer.text.trim();
      if (text && !NOT_LANGUAGE.test(text))
        found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${node.name.getText()}="${text}"`);
    }
    // A sentence built in a template literal inside JSX ({`last failure: ${reason}`}): two words or more
    // of its own text are language (a class name built from one word is not).
    if ((ts.isTemplateExpression(node) || ts.isNoSubstitutionTemplateLiteral(node)) && insideJsx(node)) {
      const text = (ts.isNoSubstitutionTemplateLiteral(node) ? [node.text] : [node.head.text, ...node.templateSpans.map((s) => s.literal.text)]).join(' ');
      const words = text.match(/[A-Za-z]{2,}/g) ?? [];
      if (words.length >= 2 && !NOT_LANGUAGE.test(text))
        found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} template "${text.replace(/\s+/g, ' ').trim()}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

test('no page holds a user-facing literal: every word a user reads comes from the catalogues', () => {
  assert.ok(TRANSLATED.length >= 19, `${TRANSLATED.length} files`);
  assert.deepEqual(TRANSLATED.flatMap(literals), []);
});

test('the check finds a literal where there is one, and lets units and phase names pass', () => {
  const found = literalsIn('probe.tsx', '<p title="Hello there">Waiting for the charger {x} kW</p>');
  assert.deepEqual(found, ['probe.tsx:1 title="Hello there"', 'probe.tsx:1 text "Waiting for the charger"']);
  assert.deepEqual(literalsIn('probe.tsx', '<td>{t("a")} kWh · L1</td>'), []);
  assert.deepEqual(literalsIn('probe.tsx', '<span>{ok ? x : `last failure: ${x}`}</span>'), ['probe.tsx:1 template "last failure:"']);
  assert.deepEqual(literalsIn('probe.tsx', '<span className={`badge ${tone}`}>{`${n} kW`}</span>'), []);
});
