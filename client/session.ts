import type { ParticipantOrigin, Principal } from '../shared/protocol';
import { dropPendingCopies } from './sync/pendingCopy';

/**
 * Sessions live in localStorage, one per identity: a browser may hold several in one workshop (the
 * facilitator, the projector tab they dragged onto the wall, a co-facilitator link they tried), and
 * none ever replaces another. Which one a tab uses is remembered per tab (sessionStorage) and per
 * kind of page (the wall, or everything else), so reloading a tab keeps its identity. A fresh tab
 * takes the strongest identity for the page: facilitator first on the board, the projector on the
 * wall. No account: the token is the whole identity.
 */
export interface Session {
  workshopId: string;
  token: string;
  userId: string | null;
  /** Last identity confirmed by the server; lets the board open offline. */
  me: Principal | null;
  /** How the token came to exist (creator, link, join), once the server said. */
  origin: ParticipantOrigin | null;
  title: string;
  joinCode: string | null;
  /** A co-facilitator confirmed (or chose) the name others see. */
  named: boolean;
  savedAt: number;
}

/** The wall (`/w/<id>/present`) or any other page of the workshop. */
export type PageMode = 'present' | 'main';

const PREFIX = 'croisee.session.';
const keyOf = (workshopId: string, userId: string | null) => `${PREFIX}${workshopId}.${userId ?? 'unknown'}`;
const tabKey = (workshopId: string, mode: PageMode) => `croisee.tab.${mode}.${workshopId}`;
const linkKey = (workshopId: string) => `croisee.link.${workshopId}`;

function parse(raw: string | null, workshopId: string): Session | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<Session>;
    if (typeof v.token !== 'string' || !v.token) return null;
    return {
      workshopId,
      token: v.token,
      userId: typeof v.userId === 'string' ? v.userId : null,
      me: v.me && typeof v.me === 'object' ? v.me : null,
      origin: v.origin === 'creator' || v.origin === 'link' || v.origin === 'join' ? v.origin : null,
      title: typeof v.title === 'string' ? v.title : '',
      joinCode: typeof v.joinCode === 'string' ? v.joinCode : null,
      named: v.named === true,
      savedAt: typeof v.savedAt === 'number' ? v.savedAt : 0,
    };
  } catch {
    return null;
  }
}

/** Every stored session, most recent first. Sessions stored one per workshop by older versions count too. */
export function listSessions(): Session[] {
  const out: Session[] = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (!key?.startsWith(PREFIX)) continue;
      const workshopId = key.slice(PREFIX.length).split('.')[0];
      const session = parse(localStorage.getItem(key), workshopId);
      if (session) out.push(session);
    }
  } catch {
    return [];
  }
  return out.sort((a, b) => b.savedAt - a.savedAt);
}

/** The sessions this browser holds for one workshop. */
export const sessionsOf = (workshopId: string): Session[] => listSessions().filter((s) => s.workshopId === workshopId);

function storedKeyOf(session: Pick<Session, 'workshopId' | 'token'>): string | null {
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (!key?.startsWith(`${PREFIX}${session.workshopId}`)) continue;
      if (parse(localStorage.getItem(key), session.workshopId)?.token === session.token) return key;
    }
  } catch {
    // storage disabled
  }
  return null;
}

/**
 * Stores (or refreshes) the session of one identity, keyed by its user id; other identities of the
 * same workshop are left as they are.
 */
export function saveSession(workshopId: string, session: Partial<Omit<Session, 'workshopId'>> & { token: string }): Session {
  const previous = sessionsOf(workshopId).find((s) => s.token === session.token) ?? null;
  const next: Session = {
    workshopId,
    token: session.token,
    userId: session.userId ?? previous?.userId ?? null,
    me: session.me ?? previous?.me ?? null,
    origin: session.origin ?? previous?.origin ?? null,
    title: session.title ?? previous?.title ?? '',
    joinCode: session.joinCode ?? previous?.joinCode ?? null,
    named: session.named ?? previous?.named ?? false,
    savedAt: Date.now(),
  };
  try {
    const oldKey = storedKeyOf(next);
    const key = keyOf(workshopId, next.userId);
    if (oldKey && oldKey !== key) localStorage.removeItem(oldKey);
    localStorage.setItem(key, JSON.stringify(next));
  } catch {
    // storage full or disabled: the session still works until the page is closed
  }
  return next;
}

/** Forgets one identity (its token stopped working, or the person asked). */
export function forgetSession(session: Pick<Session, 'workshopId' | 'token'>): void {
  try {
    const key = storedKeyOf(session);
    if (key) localStorage.removeItem(key);
    // Nobody of this device is in the workshop any more: its unsent changes have nowhere to go.
    if (sessionsOf(session.workshopId).length === 0) dropPendingCopies(localStorage, session.workshopId);
  } catch {
    // nothing to forget
  }
}

/** Forgets every identity of a workshop (it was deleted). */
export function clearSession(workshopId: string): void {
  for (const s of sessionsOf(workshopId)) forgetSession(s);
}

// ---- which identity this tab uses ----------------------------------------------------------------

/** Makes `session` this tab's identity for that kind of page (kept across reloads of the tab). */
export function chooseForTab(session: Pick<Session, 'workshopId' | 'token'>, mode: PageMode): void {
  try {
    sessionStorage.setItem(tabKey(session.workshopId, mode), session.token);
  } catch {
    // without sessionStorage every tab takes the default identity
  }
}

/** Stores a new session and makes it this tab's (a workshop just created, joined or imported). */
export function openSession(workshopId: string, session: Partial<Omit<Session, 'workshopId'>> & { token: string }): Session {
  const saved = saveSession(workshopId, session);
  chooseForTab(saved, 'main');
  return saved;
}

/**
 * How strongly an identity suits a page when the tab has not chosen: on the wall, the projector (a
 * viewer made by link); elsewhere the creator, then co-facilitators, then participants, viewers last.
 * So a projector link opened in the facilitator's browser never takes over the board.
 */
function rank(s: Session, mode: PageMode): number {
  const role = s.me?.role;
  if (mode === 'present') return role === 'viewer' ? (s.origin === 'link' ? 0 : 1) : role === 'facilitator' ? 2 : 3;
  if (role === 'facilitator') return s.origin === 'creator' ? 0 : 1;
  if (role === 'commune' || role === 'expert') return 2;
  if (role === 'viewer') return 4;
  return 3; // not yet confirmed by the server
}

/** The identity this tab uses for the workshop on that kind of page, or null if the browser holds none. */
export function pickSession(workshopId: string, mode: PageMode): Session | null {
  const sessions = sessionsOf(workshopId);
  if (sessions.length === 0) return null;
  let chosen: string | null = null;
  try {
    chosen = sessionStorage.getItem(tabKey(workshopId, mode));
  } catch {
    chosen = null;
  }
  const byTab = chosen ? sessions.find((s) => s.token === chosen) : undefined;
  if (byTab) return byTab;
  // listSessions is most recent first and the sort is stable: equal ranks keep the latest.
  return [...sessions].sort((a, b) => rank(a, mode) - rank(b, mode))[0];
}

// ---- links carrying a token ------------------------------------------------------------------------

/** A token that arrived in a link's fragment, waiting for the page to decide what to do with it. */
export interface PendingLink {
  token: string;
  joinCode: string | null;
}

/**
 * The facilitator link is `/w/<id>#token=<token>` (the projector's `/w/<id>/present#token=<t>&code=<CODE>`).
 * The token is taken out of the address bar at once (so it does not linger in history or screenshots)
 * and parked for this tab: the workshop page then adopts it, or asks first when this browser already
 * holds another identity there. It never silently replaces a stored session.
 */
export function adoptTokenFromHash(): void {
  const match = /^\/w\/([A-Za-z0-9_-]+)/.exec(location.pathname);
  const hash = new URLSearchParams(location.hash.replace(/^#/, ''));
  const token = hash.get('token');
  if (!token) return;
  const pending: PendingLink = { token, joinCode: hash.get('code') };
  try {
    if (match) sessionStorage.setItem(linkKey(match[1]), JSON.stringify(pending));
  } catch {
    // no sessionStorage: the link cannot be parked; the page opens with what the browser holds
  }
  history.replaceState(history.state, '', location.pathname + location.search);
  arrivals++;
  window.dispatchEvent(new Event(LINK_EVENT));
}

const LINK_EVENT = 'croisee:link';
let arrivals = 0;

/**
 * A link pasted into a tab already showing the workshop only changes the fragment (no reload):
 * pages subscribe here to look at the parked token again.
 */
export function subscribeLinks(onLink: () => void): () => void {
  window.addEventListener(LINK_EVENT, onLink);
  return () => window.removeEventListener(LINK_EVENT, onLink);
}
export const linkArrivals = (): number => arrivals;

export function pendingLink(workshopId: string): PendingLink | null {
  try {
    const v = JSON.parse(sessionStorage.getItem(linkKey(workshopId)) ?? 'null') as Partial<PendingLink> | null;
    return v && typeof v.token === 'string' ? { token: v.token, joinCode: typeof v.joinCode === 'string' ? v.joinCode : null } : null;
  } catch {
    return null;
  }
}

export function dropPendingLink(workshopId: string): void {
  try {
    sessionStorage.removeItem(linkKey(workshopId));
  } catch {
    // nothing parked
  }
}

// ---- this browser --------------------------------------------------------------------------------

const DEVICE_KEY = 'croisee.device';

/**
 * A random id for this browser, sent when joining. A facilitator's removal refuses later joins with
 * the same id; clearing the site's data, another browser or a private window gets a new one — the
 * honest limit of a ban without accounts.
 */
export function deviceId(): string | undefined {
  try {
    let id = localStorage.getItem(DEVICE_KEY);
    if (!id || !/^[A-Za-z0-9_-]{16,64}$/.test(id)) {
      const bytes = new Uint8Array(18);
      crypto.getRandomValues(bytes);
      id = btoa(String.fromCharCode(...bytes))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .replace(/=+$/, '');
      localStorage.setItem(DEVICE_KEY, id);
    }
    return id;
  } catch {
    return undefined;
  }
}
