import { describe, expect, it } from 'vitest';
import { REPORT_LABELS, type ReportLabels, de, en, fr, isReportLang, nl } from '../../shared/report/reportLabels';

/** Every leaf of a label set by its dotted path: strings as they are, count functions applied to a few numbers. */
function leaves(labels: ReportLabels): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (o: object, prefix: string) => {
    for (const [k, v] of Object.entries(o)) {
      const path = `${prefix}${k}`;
      if (typeof v === 'function') for (const n of [0, 1, 2, 17]) out[`${path}(${n})`] = (v as (n: number) => string)(n);
      else if (v && typeof v === 'object') walk(v, `${path}.`);
      else out[path] = String(v);
    }
  };
  walk(labels, '');
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\w+\}|%\w/g)].map((m) => m[0]).sort();

describe('report labels', () => {
  const languages = Object.entries(REPORT_LABELS);

  it('exist in the four UI languages, each naming its own language', () => {
    expect(Object.keys(REPORT_LABELS)).toEqual(['fr', 'nl', 'en', 'de']);
    expect(REPORT_LABELS).toEqual({ fr, nl, en, de });
    for (const [lang, labels] of languages) expect(labels.lang).toBe(lang);
    expect(['fr', 'nl', 'en', 'de'].every(isReportLang)).toBe(true);
    for (const other of ['', 'FR', 'es', 'toString', 'constructor', undefined, null, 1, ['fr']]) expect(isReportLang(other)).toBe(false);
  });

  it.each(languages)('%s has every key of French, none empty, with the same placeholders', (_lang, labels) => {
    const reference = leaves(fr);
    const mine = leaves(labels);
    expect(Object.keys(mine).sort()).toEqual(Object.keys(reference).sort());
    for (const [key, value] of Object.entries(mine)) {
      expect(value.trim(), key).not.toBe('');
      expect(value, key).toBe(value.trim());
      expect(placeholders(value), key).toEqual(placeholders(reference[key]));
    }
  });

  it.each(languages)('%s counts show the number itself', (_lang, labels) => {
    for (const word of [
      labels.votesWord,
      labels.dotsWord,
      labels.voters,
      labels.notesCount,
      labels.clustersCount,
      labels.challengesCount,
      labels.interestsCount,
    ]) {
      for (const n of [0, 1, 2, 17]) expect(word(n)).toMatch(new RegExp(`^${n} \\S`));
    }
  });

  it.each(languages)('%s CSV headers are plain lowercase ASCII and distinct', (_lang, labels) => {
    const headers = Object.values(labels.csv);
    for (const h of headers) expect(h).toMatch(/^[a-z_]+$/);
    expect(new Set(headers).size).toBe(headers.length);
  });

  it('translates rather than copies: Dutch and German differ from English and French', () => {
    for (const labels of [nl, de]) {
      for (const key of ['summary', 'components', 'annotations', 'challenges', 'partners', 'technologiesFound'] as const) {
        expect(labels[key], key).not.toBe(en[key]);
        expect(labels[key], key).not.toBe(fr[key]);
      }
    }
  });

  it('agrees counts with their noun', () => {
    expect(fr.votesWord(1)).toBe('1 vote');
    expect(fr.voters(3)).toBe('3 votant·es');
    expect(en.dotsWord(2)).toBe('2 dots');
    expect(en.clustersCount(0)).toBe('0 components');
    expect(nl.votesWord(1)).toBe('1 stem');
    expect(nl.votesWord(2)).toBe('2 stemmen');
    expect(nl.clustersCount(1)).toBe('1 onderdeel');
    expect(nl.notesCount(0)).toBe('0 notities');
    expect(de.dotsWord(1)).toBe('1 Punkt');
    expect(de.dotsWord(4)).toBe('4 Punkte');
    expect(de.interestsCount(1)).toBe('1 interessierter Partner');
    expect(de.interestsCount(2)).toBe('2 interessierte Partner');
  });
});
