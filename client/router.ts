import { useSyncExternalStore } from 'react';

/**
 * A tiny history-API router: the server answers every path with index.html, so routes are plain
 * paths. `navigate` pushes (or replaces) a history entry and notifies subscribers.
 */

const NAVIGATE_EVENT = 'croisee:navigate';

export interface NavigateOptions {
  replace?: boolean;
  /** Stored in history.state; used to carry a one-off notice to the next page. */
  state?: unknown;
}

export function navigate(path: string, options: NavigateOptions = {}): void {
  const state = options.state ?? null;
  if (options.replace) history.replaceState(state, '', path);
  else history.pushState(state, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
  if (!options.replace) window.scrollTo(0, 0);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, () => location.pathname);
}

/** The state attached to the current history entry (stable between navigations). */
export function useHistoryState(): unknown {
  return useSyncExternalStore(subscribe, () => history.state as unknown);
}

export type Route =
  | { name: 'lobby'; joinCode: string | null }
  | { name: 'workshop'; workshopId: string }
  | { name: 'canvas'; workshopId: string; projectId: string }
  | { name: 'outline'; workshopId: string; projectId: string }
  | { name: 'projectReport'; workshopId: string; projectId: string }
  | { name: 'workshopReport'; workshopId: string }
  | { name: 'challenges'; workshopId: string }
  | { name: 'present'; workshopId: string }
  | { name: 'notFound' };

const SEGMENT = '([A-Za-z0-9_-]+)';

export function matchRoute(path: string): Route {
  const clean = path.replace(/\/+$/, '') || '/';
  if (clean === '/') return { name: 'lobby', joinCode: null };
  let m = new RegExp(`^/join/${SEGMENT}$`).exec(clean);
  if (m) return { name: 'lobby', joinCode: decodeURIComponent(m[1]) };
  m = new RegExp(`^/w/${SEGMENT}$`).exec(clean);
  if (m) return { name: 'workshop', workshopId: m[1] };
  m = new RegExp(`^/w/${SEGMENT}/present$`).exec(clean);
  if (m) return { name: 'present', workshopId: m[1] };
  m = new RegExp(`^/w/${SEGMENT}/p/${SEGMENT}$`).exec(clean);
  if (m) return { name: 'canvas', workshopId: m[1], projectId: m[2] };
  m = new RegExp(`^/w/${SEGMENT}/p/${SEGMENT}/outline$`).exec(clean);
  if (m) return { name: 'outline', workshopId: m[1], projectId: m[2] };
  m = new RegExp(`^/w/${SEGMENT}/p/${SEGMENT}/report$`).exec(clean);
  if (m) return { name: 'projectReport', workshopId: m[1], projectId: m[2] };
  m = new RegExp(`^/w/${SEGMENT}/report$`).exec(clean);
  if (m) return { name: 'workshopReport', workshopId: m[1] };
  m = new RegExp(`^/w/${SEGMENT}/challenges$`).exec(clean);
  if (m) return { name: 'challenges', workshopId: m[1] };
  return { name: 'notFound' };
}

export const paths = {
  lobby: () => '/',
  join: (code: string) => `/join/${encodeURIComponent(code)}`,
  workshop: (workshopId: string) => `/w/${workshopId}`,
  canvas: (workshopId: string, projectId: string) => `/w/${workshopId}/p/${projectId}`,
  present: (workshopId: string) => `/w/${workshopId}/present`,
  outline: (workshopId: string, projectId: string) => `/w/${workshopId}/p/${projectId}/outline`,
  projectReport: (workshopId: string, projectId: string) => `/w/${workshopId}/p/${projectId}/report`,
  workshopReport: (workshopId: string) => `/w/${workshopId}/report`,
  challenges: (workshopId: string) => `/w/${workshopId}/challenges`,
  /** The canvas with one note highlighted and centred (search results, backlinks). */
  note: (workshopId: string, projectId: string, noteId: string) => `/w/${workshopId}/p/${projectId}?note=${encodeURIComponent(noteId)}`,
  /** The board itself where the phone layout would show the list (the board opened from a phone). */
  board: (workshopId: string, projectId: string) => `/w/${workshopId}/p/${projectId}?view=board`,
};

/** The query string (`?note=…`), re-read on every navigation. */
export function useSearch(): string {
  return useSyncExternalStore(subscribe, () => location.search);
}
