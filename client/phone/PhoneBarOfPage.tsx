import type * as Y from 'yjs';
import { useT } from '../i18n';
import { useWorkshop } from '../sync/useWorkshop';
import { PhoneBar } from './PhoneBar';

/**
 * The phone bar under a page of the full layout opened on a phone (the outline, the challenges):
 * its questions are those of the page's project, if it has one. Its own component, so only it
 * re-renders when the workshop document changes.
 */
export function PhoneBarOfPage({ workshopDoc, projectId }: { workshopDoc: Y.Doc; projectId: string | null }) {
  const t = useT();
  const project = useWorkshop(workshopDoc).projects.find((p) => p.id === projectId);
  return <PhoneBar questionsProject={project ? { id: project.id, name: project.name || t('project.untitled') } : null} />;
}
