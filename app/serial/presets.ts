/**
 * Command presets for a charger family's service console: a JSON file of named commands, each a
 * template with parameters, the response that means it worked, and how long to wait for it. The
 * loader checks a file completely and names every mistake with where it is, so a support engineer
 * can fix a preset file without reading code. The format is documented in docs/serial.md.
 */
import { z } from 'zod';
import generic from './presets/generic.json' with { type: 'json' };

export const PRESET_FORMAT = 'fieldkit-serial-presets/1';

const name = z.string().min(1, 'must not be empty').max(64, 'is longer than 64 characters');

const paramSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a parameter name is a letter then letters, digits or _'),
    description: z.string().max(500).optional(),
    default: z.string().max(1_000).optional(),
    /** A regular expression the value must match. */
    pattern: z.string().max(500).optional(),
  })
  .strict();

const commandSchema = z
  .object({
    name,
    description: z.string().max(1_000).optional(),
    /** The text sent, with {param} placeholders; the line ending is added. */
    template: z.string().min(1, 'must not be empty').max(2_000),
    params: z.array(paramSchema).max(20).optional(),
    /** A regular expression a response line must match for the command to count as done. */
    expect: z.string().min(1).max(500).optional(),
    ignoreCase: z.boolean().optional(),
    timeoutMs: z.number().int().min(100, 'is below 100 ms').max(600_000, 'is above 10 minutes').optional(),
  })
  .strict();

const fileSchema = z
  .object({
    format: z.literal(PRESET_FORMAT, { message: `must be "${PRESET_FORMAT}"` }),
    family: name,
    description: z.string().max(2_000).optional(),
    /** The commands are examples of the format, not real ones. */
    placeholder: z.boolean().optional(),
    lineEnding: z.enum(['lf', 'crlf', 'cr']).optional(),
    baudRate: z.number().int().min(50).max(4_000_000).optional(),
    commands: z.array(commandSchema).min(1, 'needs at least one command').max(200),
  })
  .strict();

export type PresetFile = z.infer<typeof fileSchema>;
export type PresetCommand = z.infer<typeof commandSchema>;

export type PresetLoad = { readonly ok: true; readonly presets: PresetFile } | { readonly ok: false; readonly problems: readonly string[] };

/** The shipped preset: placeholders that show the format. */
export const GENERIC_PRESETS = generic as PresetFile;

/** Reads a preset file's text: the presets, or every problem found, each with where it is. */
export function loadPresets(text: string, source = 'the preset file'): PresetLoad {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, problems: [`${source} is not valid JSON: ${where(text, err as Error)}`] };
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => `${pathOf(i.path)}: ${i.message}`) };
  const problems: string[] = [];
  const seen = new Set<string>();
  parsed.data.commands.forEach((c, i) => {
    const at = `commands[${i}] ("${c.name}")`;
    if (seen.has(c.name.toLowerCase())) problems.push(`${at}: another command has the same name`);
    seen.add(c.name.toLowerCase());
    const declared = new Set((c.params ?? []).map((p) => p.name));
    const used = new Set([...c.template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!));
    for (const u of used) if (!declared.has(u)) problems.push(`${at}.template: uses {${u}} but the command declares no parameter "${u}"`);
    for (const d of declared) if (!used.has(d)) problems.push(`${at}.params: "${d}" is declared but the template has no {${d}}`);
    if (c.expect !== undefined) {
      const bad = regexProblem(c.expect);
      if (bad) problems.push(`${at}.expect: not a valid regular expression (${bad})`);
    }
    (c.params ?? []).forEach((p, k) => {
      if (p.pattern === undefined) return;
      const bad = regexProblem(p.pattern);
      if (bad) problems.push(`${at}.params[${k}].pattern: not a valid regular expression (${bad})`);
    });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, presets: parsed.data };
}

/** The text to send for a command with these values, or what is wrong with them. */
export function renderCommand(command: PresetCommand, values: Readonly<Record<string, string>>): { ok: true; text: string } | { ok: false; reason: string } {
  for (const p of command.params ?? []) {
    const value = values[p.name] ?? p.default;
    if (value === undefined || value === '') return { ok: false, reason: `${p.name} is needed${p.description ? ` (${p.description})` : ''}` };
    if (/[\r\n]/.test(value)) return { ok: false, reason: `${p.name} must be one line: a line break would send a second command` };
    if (p.pattern !== undefined && !new RegExp(p.pattern).test(value)) return { ok: false, reason: `${p.name} "${value}" does not match ${p.pattern}` };
  }
  const text = command.template.replace(/\{([^{}]*)\}/g, (_, key: string) => values[key] ?? command.params?.find((p) => p.name === key)?.default ?? '');
  return { ok: true, text };
}

/** Whether a response line means the command worked. */
export function expectation(command: PresetCommand): RegExp | null {
  return command.expect === undefined ? null : new RegExp(command.expect, command.ignoreCase ? 'i' : '');
}

function regexProblem(source: string): string | null {
  try {
    new RegExp(source);
    return null;
  } catch (err) {
    return (err as Error).message.replace(/^Invalid regular expression: /, '');
  }
}

function pathOf(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(the file)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('');
}

/** "line 3, column 14: Unexpected token ','" from a JSON.parse error (Node words its errors in several ways). */
function where(text: string, err: Error): string {
  const message = err.message;
  let position = Number(/position (\d+)/.exec(message)?.[1] ?? NaN);
  if (Number.isNaN(position)) {
    // Node 20: Unexpected token ',', ..."mmands": [,]}" is not valid JSON: find the quoted context.
    const context = /"(?:\.\.\.)?([^]+?)(?:\.\.\.)?" is not valid JSON/.exec(message)?.[1];
    const token = /Unexpected token '(.)'/.exec(message)?.[1];
    const at = context ? text.indexOf(context) : -1;
    if (at >= 0) position = at + (token ? Math.max(0, context!.indexOf(token)) : 0);
  }
  const reason = message
    .replace(/,? ?(?:\.\.\.)?"[^]*" is not valid JSON$/, '')
    .replace(/ in JSON at position \d+.*$/, '')
    .replace(/\s*\(line \d+ column \d+\)/, '');
  if (Number.isNaN(position)) return reason;
  const before = text.slice(0, position);
  return `line ${before.split('\n').length}, column ${position - before.lastIndexOf('\n')}: ${reason}`;
}
