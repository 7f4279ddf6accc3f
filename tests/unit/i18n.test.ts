import { describe, expect, it } from 'vitest';
import { fr } from '../../client/i18n/fr';
import { en } from '../../client/i18n/en';
import { nl } from '../../client/i18n/nl';
import { de } from '../../client/i18n/de';
import { interpolate } from '../../client/i18n';
import { COUNT_WORDS, isCountWord } from '../../shared/words';

/**
 * Every language has exactly the French keys (the source), no empty string, and the same
 * `{placeholders}` as French so interpolation never leaves a `{name}` on screen.
 */
const dictionaries: Record<string, Record<string, string>> = { en, nl, de };
const placeholders = (s: string) => [...s.matchAll(/\{(\w+(?::\w+)?)\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  const keys = Object.keys(fr).sort();

  it('French has no empty strings', () => {
    expect(
      Object.entries(fr)
        .filter(([, v]) => !v.trim())
        .map(([k]) => k),
    ).toEqual([]);
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
        expect(
          Object.entries(dict)
            .filter(([, v]) => typeof v !== 'string' || !v.trim())
            .map(([k]) => k),
        ).toEqual([]);
      });
      it('keeps the placeholders of every message', () => {
        const wrong = keys.filter((k) => k in dict && placeholders(dict[k]).join() !== placeholders((fr as Record<string, string>)[k]).join());
        expect(wrong).toEqual([]);
      });
    });
  }
});

describe('counted words', () => {
  it('take the form the language’s plural rules choose: 0 is singular in French only', () => {
    expect(interpolate('{n:vote}', { n: 0 }, 'fr')).toBe('0 vote');
    expect(interpolate('{n:vote}', { n: 2 }, 'fr')).toBe('2 votes');
    expect(interpolate('{n:vote}', { n: 0 }, 'en')).toBe('0 votes');
    expect(interpolate('{n:vote}', { n: 1 }, 'nl')).toBe('1 stem');
    expect(interpolate('{n:vote}', { n: 0 }, 'de')).toBe('0 Stimmen');
    expect(interpolate('{matching} sur {total:note}', { matching: 1, total: 1500 }, 'fr')).toBe('1 sur 1\u00a0500 notes');
    expect(fr['selection.count']).toBe('{count:selectedNote}');
    expect(interpolate(fr['selection.count'], { count: 1 }, 'fr')).toBe('1 note sélectionnée');
  });

  it('no message writes a plural by hand ("note(s)") and every counted word exists in the catalogue', () => {
    for (const [lang, dict] of Object.entries({ fr, ...dictionaries })) {
      const handMade = Object.entries(dict).filter(([, v]) => /\w\((?:s|en|e|n|r)\)/.test(v));
      expect(handMade, lang).toEqual([]);
      const words = Object.values(dict).flatMap((v) => [...v.matchAll(/\{\w+:(\w+)\}/g)].map((m) => m[1]));
      expect(
        words.filter((w) => !isCountWord(w)),
        lang,
      ).toEqual([]);
    }
    expect(Object.keys(COUNT_WORDS).length).toBeGreaterThan(10);
  });
});
