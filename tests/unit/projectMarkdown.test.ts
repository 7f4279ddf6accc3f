import { describe, expect, it } from 'vitest';
import { exportWorkshop } from '../../shared/report/exportJson';
import { excerpt, inline, projectMarkdown } from '../../shared/report/projectMarkdown';
import { en } from '../../shared/report/reportLabels';
import { reportFixture } from './reportFixture';

describe('project report (Markdown)', () => {
  const { workshop, projects } = reportFixture();
  const data = exportWorkshop(workshop, projects);

  it('is shaped for a call for projects, in French by default (golden)', () => {
    expect(projectMarkdown(data, 'namur')).toBe(`# Air sain

## Résumé

- **Commune** : Namur
- **Thème** : Technologie et données dans l’espace public
- **Notes** : 5 notes, 1 composante

## Composantes

### Réseau de capteurs

**Domaines technologiques** : Capteurs & IoT, Connectivité

**Technologies**

- Capteurs de qualité de l'air
- Réseau LoRaWAN, "communal"

**Besoins**

- Budget de maintenance sur 5 ans

**Risques**

- Vandalisme

### Hors composante

**Domaines technologiques** : Données ouvertes

**Idées**

- Publier les mesures en open data

## Technologies identifiées

- Capteurs & IoT (1 note)
- Connectivité (1 note)
- Données ouvertes (1 note)

## Annotations des experts

### Makers

- **Marc**, « Réseau LoRaWAN, "communal" » : Vérifier la couverture des gateways _(résolu)_

### Chercheur·euses

- **Rita**, « Réseau de capteurs » : Calibrer les capteurs chaque année

### Entreprises

- **Ben**, le projet : Nous pouvons fournir un site pilote

## Défis communs

- **Ouvrir les données** — 2 votes
- **Financer la maintenance** — 1 vote

## Votes

3 votant·es

- Capteurs de qualité de l'air — 4 points (Makers 2, Commune 2)
- Publier les mesures en open data — 2 points (Chercheur·euses 2)

## Partenaires intéressés

- **Sophie Martin, IoT Wallonie** (entreprise) — apporte : technologie, site pilote — Passerelles LoRaWAN — Contact : sophie@example.be
- **Fonds Air** (financeur) — apporte : financement
`);
  });

  it('is available in English, and says so when sections are empty (golden)', () => {
    expect(projectMarkdown(data, 'ciney', en)).toBe(`# Budget participatif

## Summary

- **Municipality**: Ciney
- **Theme**: Implication citoyenne
- **Notes**: 1 note, 0 components

## Components

### Not in a component

**Technology areas**: —

**Ideas**

- Budget participatif en ligne

## Technologies identified

_None_

## Expert annotations

_None_

## Common challenges

- **Ouvrir les données** — 2 votes
- **Financer la maintenance** — 1 vote

## Votes

_None_

## Interested partners

_None_
`);
  });

  it('never shows a partner contact given without consent', () => {
    expect(projectMarkdown(data, 'namur')).not.toContain('hidden@example.be');
  });

  it('is empty for a project that is not in the export', () => {
    expect(projectMarkdown(data, 'nope')).toBe('');
  });

  it('keeps list items on one line and shortens quotes', () => {
    expect(inline(' a\n b\t c ')).toBe('a b c');
    expect(excerpt('x'.repeat(70), 10)).toBe('xxxxxxxxx…');
  });
});
