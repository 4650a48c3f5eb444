/** The languages the app speaks: the one list every screen, receipt, report and page reads. */
export const LANGUAGES = ['en', 'fr', 'rw'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language in its own words, as a language picker shows it. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { en: 'English', fr: 'Français', rw: 'Kinyarwanda' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language of a terminal (the command lines, the browser-mode server's
 * messages): MOMO_POS_LANGUAGE when it names one of ours, else the shell's
 * LANG (`fr_RW.UTF-8` → fr), else English.
 */
export function shellLanguage(env: Readonly<Record<string, string | undefined>>): Language {
  for (const value of [env.MOMO_POS_LANGUAGE, env.LANG]) {
    const tag = (value ?? '').slice(0, 2).toLowerCase();
    if (isLanguage(tag)) return tag;
  }
  return 'en';
}
