import { useCallback, useState } from 'react';
import type { Ack } from '../../shared/protocol';

/**
 * A control bound to a server value (policy, lock…), shown changed at once: the local choice stands
 * until the server has answered, then the server's value (which the answer follows) takes over —
 * so a refusal puts the control back.
 */
export function usePendingValue<T>(server: T, send: (value: T) => Promise<Ack<unknown>>): [T, (value: T) => void] {
  const [pending, setPending] = useState<{ value: T } | null>(null);
  const set = useCallback(
    (value: T) => {
      const mine = { value };
      setPending(mine);
      void send(value).then(() => setPending((p) => (p === mine ? null : p)));
    },
    [send],
  );
  return [pending ? pending.value : server, set];
}
