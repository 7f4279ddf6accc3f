import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, type CSSProperties } from 'react';
import type * as Y from 'yjs';
import { caretPoint } from '../canvas/caretPoint';
import { caretIndex, type RemoteCaret, type RemoteCarets } from '../sync/remoteCarets';
import { setNoteText } from '../../shared/operations';
import { MAX_NOTE_TEXT, noteText, notesMap } from '../../shared/schema';
import { transformIndex } from '../../shared/textDiff';

interface Props {
  doc: Y.Doc;
  noteId: string;
  readOnly: boolean;
  autoFocus: boolean;
  label: string;
  placeholder: string;
  /** Canvas units: the note picks the size at which its text fits. */
  fontSize?: number;
  tabIndex?: number;
  /** Other people's carets, drawn over the text (the live canvas only). */
  carets?: RemoteCarets | null;
  /** My caret or selection moved (null: I left the text), for the others to draw. */
  onSelection?: (selection: { start: number; end: number } | null) => void;
}

const NO_CARETS: readonly RemoteCaret[] = [];
const noSubscription = () => () => undefined;

interface DrawnCaret {
  clientId: number;
  name: string;
  color: string;
  left: number;
  top: number;
  height: number;
  /** Near the right edge the name goes to the caret's left, so the note does not cut it. */
  flip: boolean;
}

/**
 * A textarea bound to the note's Y.Text. It is uncontrolled on purpose: local input becomes the
 * smallest splice (setNoteText diffs), and a remote change rewrites the value while moving the
 * local caret by what was inserted or deleted before it.
 */
export function NoteText({ doc, noteId, readOnly, autoFocus, label, placeholder, fontSize, tabIndex, carets, onSelection }: Props) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const composing = useRef(false);
  const remote = useSyncExternalStore(carets ? (l) => carets.subscribe(noteId, l) : noSubscription, () => carets?.get(noteId) ?? NO_CARETS);
  const remoteRef = useRef(remote);
  remoteRef.current = remote;
  /** Bumped when the text changes under remote carets: they are measured again. */
  const [textVersion, setTextVersion] = useState(0);
  const [drawn, setDrawn] = useState<DrawnCaret[]>([]);

  useLayoutEffect(() => {
    const textarea = ref.current;
    const note = notesMap(doc).get(noteId);
    const ytext = note ? noteText(note) : null;
    if (!textarea || !ytext) return;
    textarea.value = ytext.toString();
    const onChange = (event: Y.YTextEvent) => {
      // Our own keystrokes are already in the textarea; anything else — a remote edit, or a local
      // undo/redo (Yjs counts those as local) — must be shown.
      const value = ytext.toString();
      if (remoteRef.current.length > 0) setTextVersion((v) => v + 1);
      if (textarea.value === value) return;
      const focused = document.activeElement === textarea;
      const { selectionStart, selectionEnd, selectionDirection, scrollTop } = textarea;
      textarea.value = value;
      textarea.scrollTop = scrollTop;
      if (focused) {
        textarea.setSelectionRange(transformIndex(selectionStart, event.delta), transformIndex(selectionEnd, event.delta), selectionDirection ?? undefined);
      }
    };
    ytext.observe(onChange);
    return () => ytext.unobserve(onChange);
  }, [doc, noteId]);

  useEffect(() => {
    if (autoFocus && !readOnly) ref.current?.focus({ preventScroll: true });
  }, [autoFocus, readOnly]);

  // Remote carets: index from their relative position, then pixels from a layout of the same text.
  useLayoutEffect(() => {
    const textarea = ref.current;
    if (!textarea || remote.length === 0) {
      setDrawn((prev) => (prev.length ? [] : prev));
      return;
    }
    setDrawn(
      remote.flatMap((c) => {
        const index = caretIndex(doc, c.head);
        if (index === null) return [];
        const p = caretPoint(textarea, index);
        return [
          {
            clientId: c.clientId,
            name: c.name,
            color: c.color,
            left: textarea.offsetLeft + p.left,
            top: textarea.offsetTop + p.top,
            height: p.height,
            flip: p.left > textarea.clientWidth * 0.55,
          },
        ];
      }),
    );
  }, [remote, textVersion, doc, fontSize]);

  const reportSelection = () => {
    const textarea = ref.current;
    if (textarea && onSelection && !readOnly && document.activeElement === textarea)
      onSelection({ start: textarea.selectionStart, end: textarea.selectionEnd });
  };

  const commit = () => {
    const textarea = ref.current;
    if (textarea && !readOnly) setNoteText(doc, noteId, textarea.value);
    reportSelection();
  };

  return (
    <>
      <textarea
        ref={ref}
        className="note-text"
        data-testid="note-text"
        aria-label={label}
        placeholder={readOnly ? undefined : placeholder}
        readOnly={readOnly}
        maxLength={MAX_NOTE_TEXT}
        spellCheck
        tabIndex={tabIndex}
        style={fontSize ? { fontSize } : undefined}
        onInput={() => {
          if (!composing.current) commit();
        }}
        onCompositionStart={() => {
          composing.current = true;
        }}
        onCompositionEnd={() => {
          composing.current = false;
          commit();
        }}
        onSelect={reportSelection}
        onKeyUp={reportSelection}
        onFocus={reportSelection}
        onBlur={() => onSelection?.(null)}
      />
      {drawn.map((c) => (
        <span
          key={c.clientId}
          className={c.flip ? 'remote-caret is-flipped' : 'remote-caret'}
          data-testid="remote-caret"
          aria-hidden="true"
          style={{ left: c.left, top: c.top, height: c.height, '--caret-color': c.color } as CSSProperties}
        >
          {/* Re-made when the caret moves, so its name shows again, then fades (see the CSS). */}
          <span key={`${c.left},${c.top}`} className="remote-caret-name">
            {c.name}
          </span>
        </span>
      ))}
    </>
  );
}
