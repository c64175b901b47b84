/**
 * What the host says in its own words (refusal reasons, hints, readiness reasons: app/lib/message.ts)
 * in the UI's language. Older recordings carry plain English, which is shown as it is.
 */
import i18next from 'i18next';
import { render, type Message, type Said } from '../app/lib/message.ts';
import { MESSAGES_TH } from '../app/lib/messages-th.ts';

export function said(value: Said | Message | null | undefined, english = ''): string {
  if (value === null || value === undefined) return english;
  return render(value, i18next.language.startsWith('th') ? MESSAGES_TH : undefined);
}
