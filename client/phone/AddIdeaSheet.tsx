import { X } from 'lucide-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { CLUSTER_PADDING, assignNotes, fitClusters, type ClusterView } from '../../shared/clusters';
import { newId } from '../../shared/ids';
import { addNote } from '../../shared/operations';
import { Occupancy, freeSpotAround } from '../../shared/placement';
import type { Principal } from '../../shared/protocol';
import { MAX_NOTE_TEXT, NOTE_HEIGHT, NOTE_KINDS, NOTE_WIDTH, notesMap, readNote, type NoteKind } from '../../shared/schema';
import { toggleNoteTag, type TagView } from '../../shared/taxonomy';
import { useT } from '../i18n';
import { labelOf, useTagLang, userOrigin } from '../sync/useContent';

interface Props {
  doc: Y.Doc;
  /** The note goes to the author's private drafts (private writing is on). */
  isDraft: boolean;
  me: Principal;
  taxonomy: TagView[];
  clusters: ClusterView[];
  onClose: () => void;
}

/** Where a note added from a list lands on the board: inside its cluster, else next to the last note. */
function placeFor(doc: Y.Doc, cluster: ClusterView | null): { x: number; y: number } {
  const notes = [...notesMap(doc).values()].map(readNote);
  const occupied = new Occupancy(notes);
  if (cluster) {
    return freeSpotAround(cluster.x + CLUSTER_PADDING + NOTE_WIDTH / 2, cluster.y + cluster.height - CLUSTER_PADDING - NOTE_HEIGHT / 2, occupied);
  }
  const last = notes.reduce<(typeof notes)[number] | null>((a, n) => (!a || n.createdAt > a.createdAt ? n : a), null);
  return last ? freeSpotAround(last.x + NOTE_WIDTH / 2, last.y + NOTE_HEIGHT / 2, occupied) : freeSpotAround(0, 0, occupied);
}

/** The phone's "add an idea" sheet: text, kind, technology tags, cluster — posted in one tap. */
export function AddIdeaSheet({ doc, isDraft, me, taxonomy, clusters, onClose }: Props) {
  const t = useT();
  const lang = useTagLang();
  const [text, setText] = useState('');
  const [kind, setKind] = useState<NoteKind>('idea');
  const [tags, setTags] = useState<string[]>([]);
  const [clusterId, setClusterId] = useState('');
  const textRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => textRef.current?.focus(), []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const clean = text.trim();
    if (!clean) return;
    const cluster = clusters.find((c) => c.id === clusterId) ?? null;
    const origin = userOrigin(me.userId);
    const id = newId();
    const { x, y } = placeFor(doc, cluster);
    doc.transact(() => {
      addNote(doc, {
        id,
        x,
        y,
        kind,
        text: clean,
        authorId: me.userId,
        authorName: me.name,
        authorRole: me.role,
        authorCommunity: me.community,
        createdAt: Date.now(),
      });
      for (const tag of tags) toggleNoteTag(doc, id, tag, origin);
      if (cluster) {
        assignNotes(doc, cluster.id, [id], origin);
        fitClusters(doc, [cluster.id], origin);
      }
    }, origin);
    onClose();
  };

  return (
    // A tap on the dimmed page outside the sheet closes it, as Escape does anywhere in it.
    <div className="phone-overlay" onClick={(e) => e.target === e.currentTarget && onClose()} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <form
        className="phone-sheet add-idea-sheet"
        role="dialog"
        aria-modal="true"
        aria-labelledby="add-idea-heading"
        data-testid="add-idea-sheet"
        onSubmit={submit}
      >
        <div className="phone-sheet-head">
          <h2 id="add-idea-heading">{t(isDraft ? 'phone.addDraft' : 'phone.addIdea')}</h2>
          <button type="button" className="icon-button" aria-label={t('phone.close')} onClick={onClose}>
            <X size={22} aria-hidden="true" />
          </button>
        </div>
        {isDraft && <p className="muted small">{t('canvas.privateModeHint')}</p>}
        <label className="field">
          <span className="visually-hidden">{t('phone.ideaText')}</span>
          <textarea
            ref={textRef}
            data-testid="add-idea-text"
            rows={4}
            maxLength={MAX_NOTE_TEXT}
            value={text}
            placeholder={t('note.placeholder')}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <fieldset className="phone-choices">
          <legend>{t('note.kind')}</legend>
          {NOTE_KINDS.map((k) => (
            <label key={k} className={`phone-choice note-${k}`}>
              <input type="radio" name="add-idea-kind" value={k} checked={kind === k} data-testid="add-idea-kind" onChange={() => setKind(k)} />
              {t(`kind.${k}`)}
            </label>
          ))}
        </fieldset>
        {taxonomy.length > 0 && (
          <fieldset className="phone-choices">
            <legend>{t('tags.heading')}</legend>
            {taxonomy.map((tag) => (
              <label key={tag.id} className="phone-choice">
                <input
                  type="checkbox"
                  checked={tags.includes(tag.id)}
                  data-testid="add-idea-tag"
                  onChange={() => setTags((ts) => (ts.includes(tag.id) ? ts.filter((x) => x !== tag.id) : [...ts, tag.id]))}
                />
                {labelOf(tag, lang)}
              </label>
            ))}
          </fieldset>
        )}
        {clusters.length > 0 && (
          <label className="field">
            <span className="field-label">{t('clusters.ofNote')}</span>
            <select data-testid="add-idea-cluster" value={clusterId} onChange={(e) => setClusterId(e.target.value)}>
              <option value="">{t('clusters.none')}</option>
              {clusters.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name || t('clusters.untitled')}
                </option>
              ))}
            </select>
          </label>
        )}
        <div className="phone-sheet-actions">
          <button type="submit" className="button primary wide" data-testid="add-idea-submit" disabled={!text.trim()}>
            {t(isDraft ? 'phone.postDraft' : 'phone.post')}
          </button>
        </div>
      </form>
    </div>
  );
}
