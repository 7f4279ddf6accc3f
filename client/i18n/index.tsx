import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { fr, type MessageKey } from './fr';
import { countLabel, isCountWord } from '../../shared/words';

type Messages = Record<MessageKey, string>;

/**
 * Translations (FR default, then NL, EN, DE). Adding a language = one dictionary typed against `fr` plus one
 * entry in LANGUAGES; nothing else changes. Only French is in the initial bundle: the others are loaded
 * when chosen (or before the first render when they were chosen before — see `loadLanguage`).
 */
export const LANGUAGES = [
  { code: 'fr', label: 'Français', load: async (): Promise<Messages> => fr },
  { code: 'nl', label: 'Nederlands', load: async (): Promise<Messages> => (await import('./nl')).nl },
  { code: 'en', label: 'English', load: async (): Promise<Messages> => (await import('./en')).en },
  { code: 'de', label: 'Deutsch', load: async (): Promise<Messages> => (await import('./de')).de },
] as const;

export type Lang = (typeof LANGUAGES)[number]['code'];
export type { MessageKey };

const loaded = new Map<Lang, Messages>([['fr', fr]]);

/** Loads a language's dictionary once; a failed load (offline, first visit) falls back to French. */
export async function loadLanguage(lang: Lang): Promise<void> {
  if (loaded.has(lang)) return;
  const entry = LANGUAGES.find((l) => l.code === lang);
  try {
    if (entry) loaded.set(lang, await entry.load());
  } catch {
    // The chunk could not be fetched: French stays, the switch can be retried.
  }
}
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const DEFAULT_LANG: Lang = 'fr';
const STORAGE_KEY = 'croisee.lang';

export function isLang(v: unknown): v is Lang {
  return LANGUAGES.some((l) => l.code === v);
}

export function storedLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLang(v) ? v : DEFAULT_LANG;
  } catch {
    return DEFAULT_LANG;
  }
}

/**
 * `{name}` is replaced by its parameter; `{count:note}` by the number and the word in the form the
 * language's plural rules choose ("0 note", "2 notes"), from the catalogue shared with the reports
 * (shared/words.ts).
 */
export function interpolate(template: string, params?: Params, lang: Lang = DEFAULT_LANG): string {
  if (!params) return template;
  return template.replace(/\{(\w+)(?::(\w+))?\}/g, (m, name: string, word: string | undefined) => {
    if (!(name in params)) return m;
    const value = params[name];
    return word !== undefined && isCountWord(word) && typeof value === 'number' ? countLabel(lang, word, value) : String(value);
  });
}

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const stored = storedLang();
    return loaded.has(stored) ? stored : DEFAULT_LANG;
  });

  const setLang = useCallback((next: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // private mode: the choice simply lasts for this page
    }
    void loadLanguage(next).then(() => setLangState(loaded.has(next) ? next : DEFAULT_LANG));
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const value = useMemo<I18nValue>(() => {
    const messages = loaded.get(lang) ?? fr;
    const t: Translate = (key, params) => interpolate(messages[key] ?? fr[key] ?? key, params, lang);
    return { lang, setLang, t };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useT must be used inside <I18nProvider>');
  return value;
}

export const useT = (): Translate => useI18n().t;
export const useLang = (): [Lang, (lang: Lang) => void] => {
  const { lang, setLang } = useI18n();
  return [lang, setLang];
};
