import { useCallback, useMemo, useRef } from 'react';
import type * as Y from 'yjs';
import type { Principal } from '../../shared/protocol';
import { readLatestVotes } from '../../shared/schema';
import type { NoteVoteProps } from '../components/NoteVote';
import { sameJson, useDocValue } from './useDocValue';
import { useFacilitation } from './useFacilitation';

export interface NoteDecorations {
  spotlightId: string | null;
  onSpotlight: ((id: string) => void) | undefined;
  voteOf: (noteId: string) => NoteVoteProps | null;
}

/**
 * What facilitation adds to the notes of this project: the spotlight, and dot voting (your own dots
 * while a round is open; totals with their breakdown once it is closed). The per-note objects are
 * memoised so panning does not re-render every note.
 */
export function useNoteDecorations(doc: Y.Doc, projectId: string, me: Principal): NoteDecorations {
  const { state, ballot, run } = useFacilitation();
  const latest = useDocValue(doc, readLatestVotes, '', sameJson);
  const spotlight = state?.spotlight;
  const spotlightId = spotlight && spotlight.projectId === projectId ? spotlight.noteId : null;
  const spotlightRef = useRef(spotlightId);
  spotlightRef.current = spotlightId;
  const facilitator = me.role === 'facilitator';
  const onSpotlight = useCallback(
    (noteId: string) => {
      void run({ type: 'spotlight.set', spotlight: spotlightRef.current === noteId ? null : { projectId, noteId } });
    },
    [run, projectId],
  );

  const vote = state?.vote ?? null;
  const openRound = vote?.status === 'open' && vote.projectId === projectId ? vote : null;
  const roundId = openRound?.id ?? null;
  const onVote = useCallback(
    (noteId: string, delta: 1 | -1) => {
      if (roundId) void run({ type: 'vote.cast', roundId, itemId: noteId, delta });
    },
    [run, roundId],
  );
  const closedResults = vote?.status === 'closed' && vote.projectId === projectId ? vote.results : openRound ? null : latest;
  // The server sends a ballot on connection and after each of your own vote commands, not when a
  // round opens: until then, a round you have not voted in is a full, empty ballot.
  const mine = ballot && openRound && ballot.roundId === openRound.id ? ballot : null;
  const myVotes = mine?.votes ?? null;
  const remaining = mine ? mine.remaining : (openRound?.budget ?? 0);
  const cap = openRound?.perItemCap ?? null;
  const canVote = me.role !== 'viewer';

  const voteOf = useMemo(() => {
    const cache = new Map<string, NoteVoteProps>();
    if (openRound) {
      return (noteId: string) => {
        let v = cache.get(noteId);
        if (!v) {
          const mine = myVotes?.[noteId] ?? 0;
          v = { mode: 'open', mine, canVote, canAdd: remaining > 0 && (cap === null || mine < cap), onVote };
          cache.set(noteId, v);
        }
        return v;
      };
    }
    if (closedResults) {
      const byId = new Map(closedResults.items.map((item) => [item.itemId, item]));
      return (noteId: string) => {
        let v = cache.get(noteId);
        if (!v) {
          v = { mode: 'closed', result: byId.get(noteId) ?? null };
          cache.set(noteId, v);
        }
        return v;
      };
    }
    return () => null;
  }, [openRound, closedResults, myVotes, remaining, cap, canVote, onVote]);

  return { spotlightId, onSpotlight: facilitator ? onSpotlight : undefined, voteOf };
}
