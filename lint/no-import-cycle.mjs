/**
 * No file may reach itself through relative imports, type imports included (a type import is an
 * import: it ties two files' designs together just the same). import-x/no-cycle skips type-only
 * imports, so this rule walks the graph itself: the files' import specifiers, read once per lint run.
 */
import { readFileSync, existsSync } from 'node:fs';
import { dirname, resolve, relative } from 'node:path';

const SPECIFIER = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;
const graph = new Map();

function importsOf(file) {
  let found = graph.get(file);
  if (found) return found;
  found = [];
  graph.set(file, found);
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return found;
  }
  for (const m of text.matchAll(SPECIFIER)) {
    const target = resolve(dirname(file), m[1] ?? m[2]);
    if (existsSync(target) && /\.(ts|tsx|mjs)$/.test(target) && !target.includes('node_modules')) found.push(target);
  }
  return found;
}

/** A path from `from` back to `start`, or null. */
function pathBack(start, from, seen = new Set()) {
  if (from === start) return [from];
  if (seen.has(from)) return null;
  seen.add(from);
  for (const next of importsOf(from)) {
    const rest = pathBack(start, next, seen);
    if (rest) return [from, ...rest];
  }
  return null;
}

export default {
  meta: { type: 'problem', docs: { description: 'no import circles between files, type imports included' }, schema: [] },
  create(context) {
    const file = context.filename;
    const check = (node, spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = resolve(dirname(file), spec);
      const back = pathBack(file, target);
      if (back)
        context.report({ node, message: `import circle: ${[relative(process.cwd(), file), ...back.map((f) => relative(process.cwd(), f))].join(' → ')}` });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};
