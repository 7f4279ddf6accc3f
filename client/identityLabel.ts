import type { ParticipantOrigin, Principal } from '../shared/protocol';
import type { MessageKey, Translate } from './i18n';

/** Which kind of identity a token is, as people name it: the creator, a co-facilitator, the projector… */
export function identityKey(me: Pick<Principal, 'role'> | null, origin: ParticipantOrigin | null): MessageKey {
  switch (me?.role) {
    case 'facilitator':
      return origin === 'link' ? 'identity.cofacilitator' : 'identity.creator';
    case 'viewer':
      return origin === 'link' ? 'identity.projector' : 'identity.viewer';
    case 'expert':
      return 'identity.expert';
    default:
      return 'identity.commune';
  }
}

/** "co-facilitator “Zoé”": the kind of identity and the name it goes by (once, when the name says the same). */
export function identityLabel(t: Translate, me: Pick<Principal, 'role' | 'name'> | null, origin: ParticipantOrigin | null): string {
  const identity = t(identityKey(me, origin));
  const same = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base' }) === 0;
  return me?.name && !same(me.name, identity) && !same(me.name, t(`role.${me.role}`)) ? t('identity.named', { identity, name: me.name }) : identity;
}
