import { describe, expect, it } from 'vitest';
import { communeLabel } from '../../shared/communeLabel';

describe('the commune shown beside a project’s name', () => {
  it('is the commune when it says something the name does not', () => {
    expect(communeLabel({ name: 'Qualité de l’air aux écoles', commune: 'Namur' })).toBe('Namur');
    expect(communeLabel({ name: 'Namur', commune: ' Gembloux ' })).toBe('Gembloux');
  });

  it('is empty when it repeats the name (case, accents and spaces aside) or is blank', () => {
    expect(communeLabel({ name: 'Andenne', commune: 'Andenne' })).toBe('');
    expect(communeLabel({ name: 'Ciney ', commune: 'ciney' })).toBe('');
    expect(communeLabel({ name: 'Liège', commune: 'Liege' })).toBe('');
    expect(communeLabel({ name: 'Andenne', commune: '  ' })).toBe('');
  });
});
