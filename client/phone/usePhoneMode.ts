import { useSyncExternalStore } from 'react';

/**
 * Whether the participant pages show the phone layout (lists and sheets instead of the board):
 * on screens narrower than PHONE_MAX_WIDTH or phones in landscape, or on any screen when the person asked for it; a person
 * on a small screen may also ask for the full layout. The choice is kept on the device.
 */
export const PHONE_MAX_WIDTH = 700;
/** A phone held sideways is wider than that but very short: it keeps the phone layout. */
const PHONE_MAX_LANDSCAPE_HEIGHT = 500;
const QUERY = `(max-width: ${PHONE_MAX_WIDTH - 1}px), (pointer: coarse) and (max-height: ${PHONE_MAX_LANDSCAPE_HEIGHT}px)`;
const KEY = 'croisee.layout';
const CHANGE = 'croisee:layout';

export type LayoutChoice = 'phone' | 'full' | null;

function storedChoice(): LayoutChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'phone' || v === 'full' ? v : null;
  } catch {
    return null;
  }
}

export function setLayoutChoice(choice: LayoutChoice): void {
  try {
    if (choice) localStorage.setItem(KEY, choice);
    else localStorage.removeItem(KEY);
  } catch {
    // private mode: the choice lasts until the page is reloaded
    memory = choice;
  }
  window.dispatchEvent(new Event(CHANGE));
}
let memory: LayoutChoice = null;

function subscribe(onChange: () => void): () => void {
  const mq = window.matchMedia(QUERY);
  mq.addEventListener('change', onChange);
  window.addEventListener(CHANGE, onChange);
  window.addEventListener('storage', onChange);
  return () => {
    mq.removeEventListener('change', onChange);
    window.removeEventListener(CHANGE, onChange);
    window.removeEventListener('storage', onChange);
  };
}

function snapshot(): boolean {
  const choice = storedChoice() ?? memory;
  if (choice) return choice === 'phone';
  return window.matchMedia(QUERY).matches;
}

export function usePhoneMode(): boolean {
  return useSyncExternalStore(subscribe, snapshot);
}

/** Whether this screen is narrow, whatever was chosen (the switch is labelled after it). */
export function useNarrowScreen(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(QUERY).matches);
}
