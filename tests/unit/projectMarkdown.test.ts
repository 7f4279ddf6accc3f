import { describe, expect, it } from 'vitest';
import { exportWorkshop } from '../../shared/report/exportJson';
import { excerpt, inline } from '../../shared/report/markdownText';
import { projectMarkdown } from '../../shared/report/projectMarkdown';
import { de, en, nl } from '../../shared/report/reportLabels';
import { renameTag } from '../../shared/taxonomy';
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

- **Sophie Martin, IoT Wallonie** (entreprise) — apporte : technologie, site pilote — Passerelles LoRaWAN — Contact : sophie\\@example\\.be
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

  it('is available in German, with German tag labels where set and English ones otherwise (golden)', () => {
    const fixture = reportFixture();
    renameTag(fixture.workshop, 'sensorsiot', { de: 'Sensoren & IoT' });
    expect(projectMarkdown(exportWorkshop(fixture.workshop, fixture.projects), 'namur', de)).toBe(`# Air sain

## Zusammenfassung

- **Gemeinde**: Namur
- **Thema**: Technologie et données dans l’espace public
- **Notizen**: 5 Notizen, 1 Baustein

## Bausteine

### Réseau de capteurs

**Technologiebereiche**: Sensoren & IoT, Connectivity

**Technologien**

- Capteurs de qualité de l'air
- Réseau LoRaWAN, "communal"

**Bedarfe**

- Budget de maintenance sur 5 ans

**Risiken**

- Vandalisme

### Keinem Baustein zugeordnet

**Technologiebereiche**: Open data

**Ideen**

- Publier les mesures en open data

## Ermittelte Technologien

- Sensoren & IoT (1 Notiz)
- Connectivity (1 Notiz)
- Open data (1 Notiz)

## Anmerkungen der Fachleute

### Maker

- **Marc**, „Réseau LoRaWAN, "communal"“: Vérifier la couverture des gateways _(erledigt)_

### Forschende

- **Rita**, „Réseau de capteurs“: Calibrer les capteurs chaque année

### Unternehmen

- **Ben**, das Projekt: Nous pouvons fournir un site pilote

## Gemeinsame Herausforderungen

- **Ouvrir les données** — 2 Stimmen
- **Financer la maintenance** — 1 Stimme

## Abstimmung

3 abstimmende Personen

- Capteurs de qualité de l'air — 4 Punkte (Maker 2, Gemeinde 2)
- Publier les mesures en open data — 2 Punkte (Forschende 2)

## Interessierte Partner

- **Sophie Martin, IoT Wallonie** (Unternehmen) — bringt ein: Technologie, Pilotstandort — Passerelles LoRaWAN — Kontakt: sophie\\@example\\.be
- **Fonds Air** (Geldgeber) — bringt ein: Finanzierung
`);
  });

  it('is available in Dutch, and says so when sections are empty (golden)', () => {
    expect(projectMarkdown(data, 'ciney', nl)).toBe(`# Budget participatif

## Samenvatting

- **Gemeente**: Ciney
- **Thema**: Implication citoyenne
- **Notities**: 1 notitie, 0 onderdelen

## Onderdelen

### Buiten een onderdeel

**Technologiedomeinen**: —

**Ideeën**

- Budget participatif en ligne

## Geïdentificeerde technologieën

_Geen_

## Opmerkingen van experts

_Geen_

## Gemeenschappelijke uitdagingen

- **Ouvrir les données** — 2 stemmen
- **Financer la maintenance** — 1 stem

## Stemming

_Geen_

## Geïnteresseerde partners

_Geen_
`);
  });

  it('never shows a partner contact given without consent', () => {
    // The consented contact shows (escaped as Markdown text); the other one in no form at all.
    expect(projectMarkdown(data, 'namur')).toContain('sophie\\@example\\.be');
    expect(projectMarkdown(data, 'namur')).not.toMatch(/hidden/);
  });

  it('is empty for a project that is not in the export', () => {
    expect(projectMarkdown(data, 'nope')).toBe('');
  });

  it('keeps list items on one line and shortens quotes', () => {
    expect(inline(' a\n b\t c ')).toBe('a b c');
    expect(excerpt('x'.repeat(70), 10)).toBe('xxxxxxxxx…');
  });
});
