import { describe, expect, it } from 'vitest';
import { DEFAULT_SIMILARITY_THRESHOLD, normalizeText, rankSimilar, stem, terms, textSimilarity } from '../../shared/similarity';

describe('text normalisation', () => {
  it('lower-cases, strips accents and ligatures, splits on punctuation and apostrophes', () => {
    expect(normalizeText('Qualité de l’AIR — cœur de ville!')).toBe('qualite de l air coeur de ville');
  });

  it('drops French and English stop words and single letters, stems light', () => {
    expect(terms("Capteurs de qualité de l'air")).toEqual(['capt', 'qualit', 'air']);
    expect(terms('capteur qualité air')).toEqual(['capt', 'qualit', 'air']);
    expect(terms('The sensors of the city')).toEqual(['sensor', 'citi']);
    expect(terms('5G et LoRaWAN')).toEqual(['5g', 'lorawan']);
  });

  it('maps plurals and common suffixes to the same key, French and English alike', () => {
    expect(stem('reseaux')).toBe(stem('reseau'));
    expect(stem('journaux')).toBe(stem('journal'));
    expect(stem('mobilite')).toBe(stem('mobility'));
    expect(stem('energie')).toBe(stem('energy'));
    expect(stem('numerique')).toBe(stem('numeric'));
    expect(stem('participation')).toBe(stem('participer'));
    expect(stem('mobile')).not.toBe(stem('mobilite'));
  });
});

describe('rankSimilar', () => {
  const candidates = [
    { id: 'a', text: 'Qualité de vie des habitants' },
    { id: 'b', text: 'capteur qualité air' },
    { id: 'c', text: 'Application mobile pour signaler les dépôts clandestins' },
    { id: 'd', text: "Mesure de la qualité de l'air près des écoles avec des capteurs" },
    { id: 'e', text: 'Parking intelligent' },
  ];

  it('ranks French variants of the same idea first, above the threshold', () => {
    const hits = rankSimilar("Capteurs de qualité de l'air", candidates, (c) => c.text);
    expect(hits.map((h) => h.item.id)).toEqual(['b', 'd']);
    expect(hits[0].score).toBe(1);
    expect(hits[1].score).toBeGreaterThan(DEFAULT_SIMILARITY_THRESHOLD);
    expect(hits[1].score).toBeLessThan(1);
  });

  it('shows weaker matches with a lower threshold, and limits', () => {
    const hits = rankSimilar("Capteurs de qualité de l'air", candidates, (c) => c.text, { threshold: 0.05 });
    expect(hits.map((h) => h.item.id)).toEqual(['b', 'd', 'a']);
    expect(rankSimilar("Capteurs de qualité de l'air", candidates, (c) => c.text, { threshold: 0.05, limit: 1 }).map((h) => h.item.id)).toEqual(['b']);
  });

  it('weighs rare words more than words every candidate shares', () => {
    const corpus = ['plateforme citoyenne budget', 'plateforme citoyenne mobilité', 'plateforme citoyenne énergie'];
    const hits = rankSimilar('budget participatif plateforme', corpus, (t) => t, { threshold: 0 });
    expect(hits[0].item).toBe('plateforme citoyenne budget');
    expect(hits[0].score).toBeGreaterThan(hits[1].score * 2);
  });

  it('finds nothing for stop words only, no candidates, or unrelated text', () => {
    expect(rankSimilar('de la et les', candidates, (c) => c.text)).toEqual([]);
    expect(rankSimilar('capteurs', [], (c: string) => c)).toEqual([]);
    expect(rankSimilar('cybersécurité des serveurs', candidates, (c) => c.text)).toEqual([]);
  });

  it('compares two texts alone', () => {
    expect(textSimilarity('Données ouvertes de la commune', 'données ouvertes communales')).toBeGreaterThan(0.5);
    expect(textSimilarity('éclairage intelligent', 'budget participatif')).toBe(0);
  });
});
