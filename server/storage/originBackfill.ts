/**
 * Records written before origins were kept: the creator is the facilitator registered in the same
 * instant as the workshop; other facilitators and viewers came from links, the rest joined.
 */
export const originBackfill = (t: (name: string) => string) => `
UPDATE ${t('participants')} SET origin = CASE
  WHEN role = 'facilitator' AND created_at = (SELECT w.created_at FROM ${t('workshops')} w WHERE w.id = workshop_id) THEN 'creator'
  WHEN role IN ('facilitator', 'viewer') THEN 'link'
  ELSE 'join' END
WHERE origin IS NULL`;
