/**
 * A number field as the installer typed it. The form keeps the text (an emptied field stays empty,
 * typing "16" after it gives 16, never "016") and reads a number from it only to build a request:
 * an empty required field is "required", never 0, and a request with a problem is not sent.
 */

export interface NumberRule {
  /** Whole numbers only (ids, seconds, stack levels). */
  readonly integer?: boolean;
  readonly min?: number;
  readonly max?: number;
  /** Empty is allowed and means "not given". */
  readonly optional?: boolean;
}

/** What is wrong with a field's text: a catalogue key under "form." and its values. */
export interface NumberProblem {
  readonly key: 'required' | 'notNumber' | 'notWhole' | 'atLeast' | 'atMost';
  readonly values?: { readonly min?: number; readonly max?: number };
}

export type NumberReading = { readonly value: number | null; readonly problem: null } | { readonly value: null; readonly problem: NumberProblem };

export function readNumber(text: string, rule: NumberRule = {}): NumberReading {
  const trimmed = text.trim();
  if (trimmed === '') return rule.optional ? { value: null, problem: null } : { value: null, problem: { key: 'required' } };
  // Number() takes "0x10", "1e3" and " "; a person types digits, a sign and one decimal point (or comma).
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(trimmed)) return { value: null, problem: { key: 'notNumber' } };
  const value = Number(trimmed.replace(',', '.'));
  if (rule.integer && !Number.isInteger(value)) return { value: null, problem: { key: 'notWhole' } };
  if (rule.min !== undefined && value < rule.min) return { value: null, problem: { key: 'atLeast', values: { min: rule.min } } };
  if (rule.max !== undefined && value > rule.max) return { value: null, problem: { key: 'atMost', values: { max: rule.max } } };
  return { value, problem: null };
}
