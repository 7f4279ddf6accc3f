import { useEffect, useMemo, useRef, type PointerEvent } from 'react';
import type * as Y from 'yjs';
import { NOTE_HEIGHT, NOTE_WIDTH } from '../../shared/schema';
import { boxWithin, notesBox, unionBox, visibleBox, type Box, type CanvasTransform } from '../canvas/viewMath';
import { useT } from '../i18n';
import { useNotes } from '../sync/useNotes';
import './Minimap.css';

const W = 192;
const H = 120;
const PAD = 6;
const KIND_COLOUR: Record<string, string> = {
  idea: '#f5d63d',
  technology: '#6aa8ef',
  need: '#5fc47c',
  risk: '#ef7b88',
  question: '#a98ae6',
};

/** Canvas units → minimap pixels for a box that must hold both the content and the current view. */
function mapping(box: Box) {
  const k = Math.min((W - 2 * PAD) / Math.max(1, box.x1 - box.x0), (H - 2 * PAD) / Math.max(1, box.y1 - box.y0));
  const ox = PAD + (W - 2 * PAD - (box.x1 - box.x0) * k) / 2 - box.x0 * k;
  const oy = PAD + (H - 2 * PAD - (box.y1 - box.y0) * k) / 2 - box.y0 * k;
  return { k, ox, oy };
}

/**
 * The whole board in miniature with the visible area framed; click or drag on it to move there.
 * Drawn on a <canvas>: one element however many notes the board holds. Shown only while some note
 * is out of view: with everything on screen there is nowhere to go, and it would only cover notes.
 */
export function Minimap({
  doc,
  view,
  boardSize,
  onCentre,
}: {
  doc: Y.Doc;
  view: CanvasTransform;
  boardSize: () => { w: number; h: number };
  onCentre: (x: number, y: number) => void;
}) {
  const t = useT();
  const notes = useNotes(doc);
  const ref = useRef<HTMLCanvasElement>(null);
  const map = useRef(mapping({ x0: 0, y0: 0, x1: 1, y1: 1 }));
  const dragging = useRef(false);
  const content = useMemo(() => notesBox(notes), [notes]);
  const { w, h } = boardSize();
  const allInView = !content || (w > 0 && boxWithin(content, visibleBox(view, w, h)));
  const hidden = allInView && !dragging.current;

  useEffect(() => {
    if (hidden) return;
    const frame = requestAnimationFrame(() => {
      const ctx = ref.current?.getContext('2d');
      if (!ctx) return;
      const { w, h } = boardSize();
      const seen = visibleBox(view, w, h);
      const box = unionBox(content, seen)!;
      const m = mapping(box);
      map.current = m;
      ctx.clearRect(0, 0, W, H);
      for (const n of notes) {
        ctx.fillStyle = KIND_COLOUR[n.kind] ?? '#ccc';
        ctx.fillRect(n.x * m.k + m.ox, n.y * m.k + m.oy, Math.max(1.5, NOTE_WIDTH * m.k), Math.max(1.5, NOTE_HEIGHT * m.k));
      }
      ctx.strokeStyle = '#0b63ce';
      ctx.lineWidth = 1.5;
      ctx.strokeRect(seen.x0 * m.k + m.ox, seen.y0 * m.k + m.oy, (seen.x1 - seen.x0) * m.k, (seen.y1 - seen.y0) * m.k);
    });
    return () => cancelAnimationFrame(frame);
  }, [notes, content, view, boardSize, hidden]);

  const go = (e: PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const m = map.current;
    onCentre((e.clientX - r.left - m.ox) / m.k, (e.clientY - r.top - m.oy) / m.k);
  };

  if (hidden) return null;
  return (
    <canvas
      ref={ref}
      className="minimap"
      data-testid="minimap"
      width={W}
      height={H}
      role="img"
      aria-label={t('canvas.minimap')}
      title={t('canvas.minimap')}
      onPointerDown={(e) => {
        e.stopPropagation();
        e.currentTarget.setPointerCapture(e.pointerId);
        dragging.current = true;
        go(e);
      }}
      onPointerMove={(e) => dragging.current && go(e)}
      onPointerUp={() => {
        dragging.current = false;
      }}
    />
  );
}
