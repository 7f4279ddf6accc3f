import { describe, expect, it } from 'vitest';
import { TILE_TEXT_CHARS, TILE_TEXT_LINES, tileText } from '../../client/canvas/tileText';

describe('the text of a far-away tile', () => {
  it('keeps a short text whole', () => {
    expect(tileText('Capteurs de places libres')).toBe('Capteurs de places libres');
    expect(tileText('')).toBe('');
  });

  it('cuts a long text at the character budget and marks the cut', () => {
    const long = 'Données ouvertes sur le stationnement, publiées en temps réel sur le portail régional, avec une API documentée et des jeux de test';
    const cut = tileText(long);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(TILE_TEXT_CHARS + 1);
    expect(long.startsWith(cut.slice(0, -1))).toBe(true);
  });

  it('never shows more lines than the tile holds, however short they are', () => {
    const list = Array.from({ length: 12 }, (_, i) => `- ${i}`).join('\n');
    const cut = tileText(list);
    expect(cut.split('\n')).toHaveLength(TILE_TEXT_LINES);
    expect(cut).toBe(`${list.split('\n').slice(0, TILE_TEXT_LINES).join('\n')}…`);
  });
});
