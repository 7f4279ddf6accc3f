import type { Principal } from '../shared/protocol';

/**
 * Sessions live in localStorage, one key per workshop, so a person can sit in several workshops
 * from one browser and come back after a reload. No account: the token is the whole identity.
 */
export interface Session {
  workshopId: string;
  token: string;
  userId: string | null;
  /** Last identity confirmed by the server; lets the board open offline. */
  me: Principal | null;
  title: string;
  joinCode: string | null;
  savedAt: number;
}

const PREFIX = 'croisee.session.';
const keyOf = (workshopId: string) => PREFIX + workshopId;

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
      title: typeof v.title === 'string' ? v.title : '',
      joinCode: typeof v.joinCode === 'string' ? v.joinCode : null,
      savedAt: typeof v.savedAt === 'number' ? v.savedAt : 0,
    };
  } catch {
    return null;
  }
}

export function loadSession(workshopId: string): Session | null {
  try {
    return parse(localStorage.getItem(keyOf(workshopId)), workshopId);
  } catch {
    return null;
  }
}

export function saveSession(workshopId: string, session: Partial<Omit<Session, 'workshopId'>> & { token: string }): Session {
  const previous = loadSession(workshopId);
  const sameToken = previous?.token === session.token;
  const next: Session = {
    workshopId,
    token: session.token,
    userId: session.userId ?? (sameToken ? previous?.userId : null) ?? null,
    me: session.me ?? (sameToken ? previous?.me : null) ?? null,
    title: session.title ?? previous?.title ?? '',
    joinCode: session.joinCode ?? previous?.joinCode ?? null,
    savedAt: Date.now(),
  };
  try {
    localStorage.setItem(keyOf(workshopId), JSON.stringify(next));
  } catch {
    // storage full or disabled: the session still works until the page is closed
  }
  return next;
}

export function clearSession(workshopId: string): void {
  try {
    localStorage.removeItem(keyOf(workshopId));
  } catch {
    // nothing to clear
  }
}

/** Every stored session, most recent first. */
export function listSessions(): Session[] {
  const out: Session[] = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (!key?.startsWith(PREFIX)) continue;
      const session = parse(localStorage.getItem(key), key.slice(PREFIX.length));
      if (session) out.push(session);
    }
  } catch {
    return [];
  }
  return out.sort((a, b) => b.savedAt - a.savedAt);
}

/**
 * The facilitator link is `/w/<id>#token=<token>` (the projector's `/w/<id>/present#token=<t>&code=<CODE>`):
 * adopt the token (and join code) as this workshop's session and drop them from the address bar so
 * they do not linger in history or screenshots.
 */
export function adoptTokenFromHash(): void {
  const match = /^\/w\/([A-Za-z0-9_-]+)/.exec(location.pathname);
  const hash = new URLSearchParams(location.hash.replace(/^#/, ''));
  const token = hash.get('token');
  if (!token) return;
  const code = hash.get('code');
  if (match) saveSession(match[1], { token, ...(code ? { joinCode: code } : {}) });
  history.replaceState(history.state, '', location.pathname + location.search);
}
