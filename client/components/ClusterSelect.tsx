import type * as Y from 'yjs';
import { assignNotes, unassignNotes, type ClusterView } from '../../shared/clusters';
import { useT } from '../i18n';

/** Which component (cluster) a note belongs to, as a labelled select; used by the note panel and the outline. */
export function ClusterSelect(props: {
  doc: Y.Doc;
  noteId: string;
  clusterId: string | null;
  clusters: readonly ClusterView[];
  disabled: boolean;
  origin: unknown;
  testId: string;
  className?: string;
}) {
  const t = useT();
  const { doc, noteId, origin } = props;
  return (
    <label className={props.className ?? 'field'}>
      <span className="field-label">{t('clusters.ofNote')}</span>
      <select
        data-testid={props.testId}
        value={props.clusterId ?? ''}
        disabled={props.disabled}
        onChange={(e) => (e.target.value ? assignNotes(doc, e.target.value, [noteId], origin) : unassignNotes(doc, [noteId], origin))}
      >
        <option value="">{t('clusters.none')}</option>
        {props.clusters.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name || t('clusters.untitled')}
          </option>
        ))}
      </select>
    </label>
  );
}
