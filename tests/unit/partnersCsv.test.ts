import { describe, expect, it } from 'vitest';
import { partnersCsv } from '../../shared/partnersCsv';
import type { PartnerInterestView } from '../../shared/partners';

const labels = {
  headers: ['Projet', 'Nom', 'Organisation', 'Type', 'Apporte', 'Description', 'Contact'] as const,
  type: (t: string) => ({ funder: 'Financeur', company: 'Entreprise' })[t] ?? t,
  offer: (o: string) => ({ funding: 'Financement', technology: 'Technologie' })[o] ?? o,
};
const interest = (over: Partial<PartnerInterestView>): PartnerInterestView & { projectName: string } => ({
  id: 'part0001',
  name: 'Ana',
  organisation: 'BEP',
  partnerType: 'funder',
  offers: ['funding'],
  description: '',
  consent: true,
  contact: 'ana@bep.be',
  declaredBy: 'u1',
  createdAt: 1,
  projectName: 'Parking; Dinant',
  ...over,
});

describe('partner list as CSV', () => {
  it('BOM, a header row, one row per interest; contact only with consent; formulas and separators quoted', () => {
    const csv = partnersCsv(
      [interest({}), interest({ name: '=HYPERLINK("x")', consent: false, contact: null, offers: ['funding', 'technology'], partnerType: 'company' })],
      labels,
      ';',
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('Projet;Nom;Organisation;Type;Apporte;Description;Contact');
    expect(lines[1]).toBe('"Parking; Dinant";Ana;BEP;Financeur;Financement;;ana@bep.be');
    expect(lines[2]).toContain("'=HYPERLINK");
    expect(lines[2]).toContain('Entreprise;"Financement, Technologie";;');
    expect(lines[2].endsWith(';')).toBe(true); // no contact without consent
    expect(lines[3]).toBe('');
  });
});
