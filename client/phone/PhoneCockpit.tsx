import { createContext, useContext } from 'react';

/**
 * A facilitator on a phone opens the cockpit (the same panel as on a laptop) as a full-screen sheet:
 * the phone bar shows its button when the page provides this (WorkshopGate does for facilitators).
 */
export const PhoneCockpitContext = createContext<(() => void) | null>(null);

export const useOpenPhoneCockpit = () => useContext(PhoneCockpitContext);
