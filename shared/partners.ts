import * as Y from 'yjs';
import { truncate } from './textDiff';

/**
 * Partner interest: a company, an expert or a funder declares interest in a project (day 3,
 * networking).
 *
 * Project document:
 *   partners: Y.Map<interestId, Y.Map { id, name, organisation, partnerType, offers: string[],
 *                                       description, consent, contact?, declaredBy, createdAt }>
 *
 * Contact details are personal data: they are stored only while `consent` is true, and withdrawing
 * consent deletes them from the document.
 */

export const PARTNER_TYPES = ['company', 'expert', 'funder', 'public-body', 'research', 'association'] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];

export const PARTNER_OFFERS = ['expertise', 'technology', 'funding', 'pilot-site'] as const;
export type PartnerOffer = (typeof PARTNER_OFFERS)[number];

export const MAX_PARTNER_NAME = 120;
export const MAX_PARTNER_DESCRIPTION = 2000;
export const MAX_CONTACT = 200;

export interface PartnerInterestInit {
  id: string;
  name: string;
  organisation: string;
  partnerType: PartnerType;
  offers: readonly PartnerOffer[];
  description: string;
  consent: boolean;
  /** Ignored unless `consent` is true. */
  contact?: string;
  declaredBy: string;
  createdAt: number;
}

export interface PartnerInterestView extends Omit<PartnerInterestInit, 'contact' | 'offers'> {
  offers: PartnerOffer[];
  /** null without consent. */
  contact: string | null;
}

export const partnersMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('partners');

const clean = (s: string, max: number) => truncate(s.trim(), max).trim();
const isType = (v: unknown): v is PartnerType => (PARTNER_TYPES as readonly unknown[]).includes(v);
const cleanOffers = (offers: readonly unknown[]): PartnerOffer[] => PARTNER_OFFERS.filter((o) => offers.includes(o));

/** False when the name is empty. */
export function declareInterest(doc: Y.Doc, args: PartnerInterestInit, origin?: unknown): boolean {
  const name = clean(args.name, MAX_PARTNER_NAME);
  if (!name) return false;
  doc.transact(() => {
    const p = new Y.Map<unknown>();
    p.set('id', args.id);
    p.set('name', name);
    p.set('organisation', clean(args.organisation, MAX_PARTNER_NAME));
    p.set('partnerType', isType(args.partnerType) ? args.partnerType : 'company');
    p.set('offers', cleanOffers(args.offers));
    p.set('description', clean(args.description, MAX_PARTNER_DESCRIPTION));
    p.set('consent', args.consent === true);
    const contact = clean(args.contact ?? '', MAX_CONTACT);
    if (args.consent === true && contact) p.set('contact', contact);
    p.set('declaredBy', args.declaredBy);
    p.set('createdAt', args.createdAt);
    partnersMap(doc).set(args.id, p);
  }, origin);
  return true;
}

/** Gives consent with a contact, or withdraws it (the contact is deleted). */
export function setContactConsent(doc: Y.Doc, id: string, consent: boolean, contact?: string, origin?: unknown): boolean {
  const p = partnersMap(doc).get(id);
  if (!p) return false;
  doc.transact(() => {
    p.set('consent', consent);
    const value = clean(contact ?? '', MAX_CONTACT);
    if (consent && value) p.set('contact', value);
    else if (!consent) p.delete('contact');
  }, origin);
  return true;
}

export function updateInterest(doc: Y.Doc, id: string, change: { offers?: readonly PartnerOffer[]; description?: string }, origin?: unknown): boolean {
  const p = partnersMap(doc).get(id);
  if (!p) return false;
  doc.transact(() => {
    if (change.offers) p.set('offers', cleanOffers(change.offers));
    if (change.description !== undefined) p.set('description', clean(change.description, MAX_PARTNER_DESCRIPTION));
  }, origin);
  return true;
}

export function withdrawInterest(doc: Y.Doc, id: string, origin?: unknown): boolean {
  const partners = partnersMap(doc);
  if (!partners.has(id)) return false;
  doc.transact(() => partners.delete(id), origin);
  return true;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function readPartnerInterest(p: Y.Map<unknown>): PartnerInterestView {
  const offers = p.get('offers');
  const type = p.get('partnerType');
  const consent = p.get('consent') === true;
  const contact = p.get('contact');
  const createdAt = p.get('createdAt');
  return {
    id: str(p.get('id')),
    name: str(p.get('name')),
    organisation: str(p.get('organisation')),
    partnerType: isType(type) ? type : 'company',
    offers: Array.isArray(offers) ? cleanOffers(offers) : [],
    description: str(p.get('description')),
    consent,
    contact: consent && typeof contact === 'string' ? contact : null,
    declaredBy: str(p.get('declaredBy')),
    createdAt: typeof createdAt === 'number' ? createdAt : 0,
  };
}

/** The project's partner interests, oldest first. */
export function readPartnerInterests(doc: Y.Doc): PartnerInterestView[] {
  return [...partnersMap(doc).values()].map(readPartnerInterest).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}
