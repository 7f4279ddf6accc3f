import { describe, expect, it } from 'vitest';
import { fr } from '../../client/i18n/fr';
import { en } from '../../client/i18n/en';
import { nl } from '../../client/i18n/nl';
import { de } from '../../client/i18n/de';

/**
 * Every language has exactly the French keys (the source), no empty string, and the same
 * `{placeholders}` as French so interpolation never leaves a `{name}` on screen.
 */
const dictionaries: Record<string, Record<string, string>> = { en, nl, de };
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  const keys = Object.keys(fr).sort();

  it('French has no empty strings', () => {
    expect(Object.entries(fr).filter(([, v]) => !v.trim()).map(([k]) => k)).toEqual([]);
  });

  for (const [lang, dict] of Object.entries(dictionaries)) {
    describe(lang, () => {
      it('has no missing key', () => {
        expect(keys.filter((k) => !(k in dict))).toEqual([]);
      });
      it('has no extra key', () => {
        expect(Object.keys(dict).filter((k) => !(k in fr))).toEqual([]);
      });
      it('has no empty string', () => {
        expect(Object.entries(dict).filter(([, v]) => typeof v !== 'string' || !v.trim()).map(([k]) => k)).toEqual([]);
      });
      it('keeps the placeholders of every message', () => {
        const wrong = keys.filter((k) => k in dict && placeholders(dict[k]).join() !== placeholders((fr as Record<string, string>)[k]).join());
        expect(wrong).toEqual([]);
      });
    });
  }
});
