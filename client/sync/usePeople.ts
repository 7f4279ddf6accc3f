import { useCallback, useEffect, useState } from 'react';
import type { PersonInfo } from '../../shared/protocol';
import { listPeople } from '../api';
import { useFacilitation } from './useFacilitation';

/**
 * Facilitators: everyone ever admitted (with origin and revocation), fetched over HTTP and again
 * whenever the presence list changes (someone joined or left), or after an action (`refresh`).
 */
export function usePeople(workshopId: string, token: string): { people: PersonInfo[] | null; refresh: () => void } {
  const { presence } = useFacilitation();
  const [people, setPeople] = useState<PersonInfo[] | null>(null);
  const [round, setRound] = useState(0);
  const refresh = useCallback(() => setRound((n) => n + 1), []);
  useEffect(() => {
    let cancelled = false;
    listPeople(workshopId, token).then(
      (res) => !cancelled && setPeople(res.people),
      () => undefined, // offline or refused: keep what was shown
    );
    return () => {
      cancelled = true;
    };
  }, [workshopId, token, presence, round]);
  return { people, refresh };
}
