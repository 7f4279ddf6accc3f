import { PARTNER_TYPES, type PartnerType } from '../shared/partners';

/**
 * What a partner or funder said about themselves when joining (organisation, type), kept on this
 * device for the workshop so every interest they declare starts filled in. Not sent anywhere by
 * itself: it travels only inside the interests they choose to declare.
 */
export interface PartnerProfile {
  organisation: string;
  partnerType: PartnerType;
}

const key = (workshopId: string) => `croisee.partner.${workshopId}`;

export function savePartnerProfile(workshopId: string, profile: PartnerProfile): void {
  try {
    localStorage.setItem(key(workshopId), JSON.stringify(profile));
  } catch {
    // private mode: the form simply starts empty
  }
}

export function loadPartnerProfile(workshopId: string): PartnerProfile | null {
  try {
    const raw = JSON.parse(localStorage.getItem(key(workshopId)) ?? 'null') as Partial<PartnerProfile> | null;
    if (!raw || typeof raw.organisation !== 'string' || !PARTNER_TYPES.includes(raw.partnerType as PartnerType)) return null;
    return { organisation: raw.organisation, partnerType: raw.partnerType as PartnerType };
  } catch {
    return null;
  }
}
