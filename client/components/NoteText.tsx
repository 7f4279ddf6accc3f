import { useEffect, useLayoutEffect, useRef } from 'react';
import type * as Y from 'yjs';
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
}

/**
 * A textarea bound to the note's Y.Text. It is uncontrolled on purpose: local input becomes the
 * smallest splice (setNoteText diffs), and a remote change rewrites the value while moving the
 * local caret by what was inserted or deleted before it.
 */
export function NoteText({ doc, noteId, readOnly, autoFocus, label, placeholder, fontSize, tabIndex }: Props) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const composing = useRef(false);

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
      if (textarea.value === value) return;
      const focused = document.activeElement === textarea;
      const { selectionStart, selectionEnd, selectionDirection, scrollTop } = textarea;
      textarea.value = value;
      textarea.scrollTop = scrollTop;
      if (focused) {
        textarea.setSelectionRange(
          transformIndex(selectionStart, event.delta),
          transformIndex(selectionEnd, event.delta),
          selectionDirection ?? undefined,
        );
      }
    };
    ytext.observe(onChange);
    return () => ytext.unobserve(onChange);
  }, [doc, noteId]);

  useEffect(() => {
    if (autoFocus && !readOnly) ref.current?.focus({ preventScroll: true });
  }, [autoFocus, readOnly]);

  const commit = () => {
    const textarea = ref.current;
    if (textarea && !readOnly) setNoteText(doc, noteId, textarea.value);
  };

  return (
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
    />
  );
}
