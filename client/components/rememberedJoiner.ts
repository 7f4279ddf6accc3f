import { COMMUNITIES, JOIN_ROLES, type Community, type JoinRole } from '../../shared/schema';

/** Who last joined a workshop on this device, to fill the next join form (no account, only a hint). */
export interface RememberedJoiner {
  name: string;
  role: JoinRole;
  community: Community | null;
}

const KEY = 'croisee.joiner';

export function rememberedJoiner(): RememberedJoiner | null {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<RememberedJoiner> | null;
    if (!raw || typeof raw.name !== 'string' || !(JOIN_ROLES as readonly unknown[]).includes(raw.role)) return null;
    const community = (COMMUNITIES as readonly unknown[]).includes(raw.community) ? (raw.community as Community) : null;
    return { name: raw.name.slice(0, 60), role: raw.role as JoinRole, community };
  } catch {
    return null;
  }
}

export function rememberJoiner(joiner: RememberedJoiner): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(joiner));
  } catch {
    // private mode: the form simply starts empty next time
  }
}
