/** Reactions and the vote limit, from the zod-free shared module (keeps parsers out of the bundle). */
export { MAX_VOTE_BUDGET, REACTIONS } from '../shared/facilitation';
