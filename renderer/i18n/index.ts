/**
 * The UI's languages (English, Thai) with i18next: the message catalogues, the language the user
 * picked (remembered on this computer) or the system's, and `<html lang>` kept in step so the Thai
 * font stack and line breaking apply. OCPP names (actions, keys, statuses, measurands) are never in
 * the catalogues: they are shown as the charger sends them.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json' with { type: 'json' };
import th from './th.json' with { type: 'json' };

export const LANGUAGES = { en: 'English', th: 'ไทย' } as const;
export type Language = keyof typeof LANGUAGES;
export const CATALOGUES: Record<Language, typeof en> = { en, th };

const STORAGE_KEY = 'fieldkit.language';

/** The language to start in: the one picked before, else the system's first we have, else English. */
export function initialLanguage(stored: string | null, preferred: readonly string[]): Language {
  if (stored === 'en' || stored === 'th') return stored;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'th' || base === 'en') return base;
  }
  return 'en';
}

export async function startI18n(): Promise<typeof i18next> {
  const stored = safeStorage()?.getItem(STORAGE_KEY) ?? null;
  const language = initialLanguage(stored, typeof navigator === 'undefined' ? [] : navigator.languages);
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, th: { translation: th } },
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes
  });
  document.documentElement.lang = language;
  return i18next;
}

/** Switches the UI's language and remembers it on this computer. */
export async function switchLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
  safeStorage()?.setItem(STORAGE_KEY, language);
}

/** localStorage where the page may use it (a sandboxed frame may not). */
function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
