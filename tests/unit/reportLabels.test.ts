import { describe, expect, it } from 'vitest';
import { REPORT_LABELS, en, fr } from '../../shared/report/reportLabels';

describe('report labels', () => {
  it('French and English name the same things', () => {
    const keys = (o: object): string[] =>
      Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v).map((s) => `${k}.${s}`) : [k])).sort();
    expect(keys(en)).toEqual(keys(fr));
    expect(REPORT_LABELS.fr.lang).toBe('fr');
  });

  it('agrees counts with their noun', () => {
    expect(fr.votesWord(1)).toBe('1 vote');
    expect(fr.voters(3)).toBe('3 votant·es');
    expect(en.dotsWord(2)).toBe('2 dots');
    expect(en.clustersCount(0)).toBe('0 components');
  });
});
