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

const RENDERER = readdirSync(fileURLToPath(new URL('..', import.meta.url)), { recursive: true, encoding: 'utf8' }).map(
  (f) => `renderer/${f.replaceAll('\\', '/')}`,
);
/** Every page and component of the UI (the chart bench page is not the UI). */
const TRANSLATED = RENDERER.filter((f) => f.endsWith('.tsx')).sort();
/** And everything else the page runs (its state, its link to the host): a sentence there reaches a reader too. */
const SCRIPTS = RENDERER.filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts')).sort();

/** Words that are not language: the product's name, OCPP and protocol names (CamelCase actions and keys) and enum values, units, what the charger sends. */
const NOT_LANGUAGE =
  /^(?:OCPP Field Kit|[\s\d.,:;·–—()[\]{}#%×/+\-→'"…]|kW|kWh|A|V|s|ms|L[123]|TLS|ws|wss|meterStart|meterStop|OCPP|FTP|HTTP|ID|id|HAR|SoC|Daily|Weekly|SHA-256|[A-Z][a-z]+(?:[A-Z][a-z]+)+)*$/;

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

/**
 * Sentences in string literals anywhere (a placeholder chosen in code, a reason built in a handler, a
 * map of words outside JSX): three or more plain lower-case words, where class names and test ids
 * are hyphenated single tokens ("muted small-text").
 */
function sentencesIn(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      const parts = ts.isTemplateExpression(node) ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)] : [node.text];
      const words = parts
        .join(' ')
        .split(/\s+/)
        .filter((token) => /^\(?[a-z']{2,}[,:;.?!)…]*$/.test(token));
      if (words.length >= 3 && !ts.isImportDeclaration(node.parent) && !ts.isExportDeclaration(node.parent))
        found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} "${parts.join('…').slice(0, 80)}"`);
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

test('no script of the page holds a sentence in a string: placeholders, reasons and word maps come from the catalogues', () => {
  assert.ok(SCRIPTS.length > TRANSLATED.length);
  // Said to no one: the reason the feed compares with the host's to stay quiet about a recording the user closed.
  const internal = new Set(['closed by the user']);
  const found = SCRIPTS.flatMap((f) => sentencesIn(f, readFileSync(fileURLToPath(new URL(`../../${f}`, import.meta.url)), 'utf8'))).filter(
    (line) => ![...internal].some((text) => line.endsWith(`"${text}"`)),
  );
  assert.deepEqual(found, []);
  assert.deepEqual(sentencesIn('probe.ts', "const x = cond ? 'not used: the charger\\'s own' : 'muted small-text';"), [
    'probe.ts:1 "not used: the charger\'s own"',
  ]);
});

test('the check finds a literal where there is one, and lets units and phase names pass', () => {
  const found = literalsIn('probe.tsx', '<p title="Hello there">Waiting for the charger {x} kW</p>');
  assert.deepEqual(found, ['probe.tsx:1 title="Hello there"', 'probe.tsx:1 text "Waiting for the charger"']);
  assert.deepEqual(literalsIn('probe.tsx', '<td>{t("a")} kWh · L1</td>'), []);
  assert.deepEqual(literalsIn('probe.tsx', '<p>CertificateSigned: {x}</p>'), [], 'an OCPP name is not language');
  assert.deepEqual(literalsIn('probe.tsx', '<p>Certificate signed</p>'), ['probe.tsx:1 text "Certificate signed"']);
  assert.deepEqual(literalsIn('probe.tsx', '<span>{ok ? x : `last failure: ${x}`}</span>'), ['probe.tsx:1 template "last failure:"']);
  assert.deepEqual(literalsIn('probe.tsx', '<span className={`badge ${tone}`}>{`${n} kW`}</span>'), []);
});
