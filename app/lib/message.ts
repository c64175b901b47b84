/**
 * Sentences the app says in its own words (refusal reasons and hints, readiness reasons), kept as
 * an English template with its values so that each reader gets them in their language: the JSON
 * report and the CLI read the English, the UI and the HTML report render the template from a
 * catalogue (messages-th.ts) with the same values. The English template is the key (as gettext's
 * msgid): the sentence stays readable where it is written, and a test over the source finds every
 * template and checks the catalogue has each one.
 *
 * Values are what the charger sent or a number (never translated: OCPP names stay as they are),
 * or a message of their own (translated too).
 */
/** null and undefined read as in a template literal (a value the charger did not send). */
export type MessageValue = string | number | null | undefined | Message;

export interface Message {
  /** The English template: the values' places are {{0}}, {{1}} … */
  readonly template: string;
  readonly values: readonly MessageValue[];
}

/** A message from a template literal: msg`the charger offered ${offered} but not ${wanted}`. */
export function msg(strings: TemplateStringsArray, ...values: MessageValue[]): Message {
  return { template: templateOf(strings), values };
}

/** The template a tagged literal's parts make (also what the catalogue test computes from the source). */
export function templateOf(parts: readonly string[]): string {
  return parts.reduce((template, part, i) => (i === 0 ? part : `${template}{{${i - 1}}}${part}`), '');
}

export type Catalogue = Readonly<Record<string, string>>;

/**
 * The message in the catalogue's language (English without one, or where the catalogue lacks the
 * template). Messages also come from files (a recording, a bundle from a site): anything that is not
 * a string or a well-formed message is shown as text, never thrown on.
 */
export function render(message: Message | string, catalogue?: Catalogue, depth = 0): string {
  if (typeof message === 'string') return message;
  if (!isMessage(message) || depth > 8) return typeof message === 'object' ? '' : String(message);
  const template = (Object.hasOwn(catalogue ?? {}, message.template) ? catalogue![message.template] : undefined) ?? message.template;
  return template.replace(/\{\{(\d+)\}\}/g, (whole, index: string) => {
    const at = Number(index);
    if (at >= message.values.length) return whole;
    const value = message.values[at];
    return value !== null && typeof value === 'object' ? render(value, catalogue, depth + 1) : String(value);
  });
}

/** Messages joined for one sentence: a list of reasons, each rendered in the reader's language. */
export function joined(separator: string, parts: readonly Message[]): Message {
  if (parts.length === 0) return msg``;
  // A template of its own, {{0}}; {{1}} …: the separator is punctuation, the same in every language.
  return { template: parts.map((_, i) => `{{${i}}}`).join(separator), values: parts };
}

/** A reason as the app keeps it: the English text (machine-readable) and the message beside it (`said`). */
export function reasonOf(message: Message): { readonly reason: string; readonly said: Message } {
  return { reason: render(message), said: message };
}

export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && typeof (value as Message).template === 'string' && Array.isArray((value as Message).values);
}

/** What an error (NamedError, HostError) or an answer said as a message, if it did: checked, as it may come from a socket. */
export function saidOf(err: unknown): Message | undefined {
  const said = (err as { said?: unknown } | null)?.said;
  return isMessage(said) ? said : undefined;
}

/** What older recordings hold as plain English, newer ones as a message: both read the same way. */
export type Said = string | Message;
