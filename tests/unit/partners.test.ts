import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  declareInterest,
  partnersMap,
  readPartnerInterests,
  setContactConsent,
  updateInterest,
  withdrawInterest,
  type PartnerInterestInit,
} from '../../shared/partners';

const interest = (over: Partial<PartnerInterestInit> = {}): PartnerInterestInit => ({
  id: 'p1',
  name: ' Sophie Martin ',
  organisation: 'IoT Wallonie',
  partnerType: 'company',
  offers: ['pilot-site', 'technology', 'technology'],
  description: 'Passerelles LoRaWAN',
  consent: true,
  contact: 'sophie@example.be',
  declaredBy: 'u1',
  createdAt: 10,
  ...over,
});

describe('partner interest', () => {
  it('records an interest, offers in a fixed order, contact only with consent', () => {
    const doc = new Y.Doc();
    expect(declareInterest(doc, interest())).toBe(true);
    expect(
      declareInterest(
        doc,
        interest({ id: 'p2', name: 'Fonds', partnerType: 'funder', offers: ['funding'], consent: false, contact: 'secret@x.be', createdAt: 5 }),
      ),
    ).toBe(true);
    expect(declareInterest(doc, interest({ id: 'p3', name: '  ' }))).toBe(false);
    expect(readPartnerInterests(doc)).toEqual([
      {
        id: 'p2',
        name: 'Fonds',
        organisation: 'IoT Wallonie',
        partnerType: 'funder',
        offers: ['funding'],
        description: 'Passerelles LoRaWAN',
        consent: false,
        contact: null,
        declaredBy: 'u1',
        createdAt: 5,
      },
      {
        id: 'p1',
        name: 'Sophie Martin',
        organisation: 'IoT Wallonie',
        partnerType: 'company',
        offers: ['technology', 'pilot-site'],
        description: 'Passerelles LoRaWAN',
        consent: true,
        contact: 'sophie@example.be',
        declaredBy: 'u1',
        createdAt: 10,
      },
    ]);
    // Without consent the contact never reaches the document.
    expect(partnersMap(doc).get('p2')!.has('contact')).toBe(false);
  });

  it('withdrawing consent deletes the contact; giving it stores one', () => {
    const doc = new Y.Doc();
    declareInterest(doc, interest());
    expect(setContactConsent(doc, 'p1', false)).toBe(true);
    expect(partnersMap(doc).get('p1')!.has('contact')).toBe(false);
    expect(readPartnerInterests(doc)[0]).toMatchObject({ consent: false, contact: null });
    expect(setContactConsent(doc, 'p1', true, ' +32 81 00 00 00 ')).toBe(true);
    expect(readPartnerInterests(doc)[0]).toMatchObject({ consent: true, contact: '+32 81 00 00 00' });
    expect(setContactConsent(doc, 'gone', true, 'x')).toBe(false);
  });

  it('updates offers and description, withdraws; unknown ids are no-ops', () => {
    const doc = new Y.Doc();
    declareInterest(doc, interest());
    expect(updateInterest(doc, 'p1', { offers: ['expertise'], description: ' Formation ' })).toBe(true);
    expect(readPartnerInterests(doc)[0]).toMatchObject({ offers: ['expertise'], description: 'Formation' });
    expect(updateInterest(doc, 'gone', { offers: [] })).toBe(false);
    expect(withdrawInterest(doc, 'p1')).toBe(true);
    expect(withdrawInterest(doc, 'p1')).toBe(false);
    expect(readPartnerInterests(doc)).toEqual([]);
  });
});
