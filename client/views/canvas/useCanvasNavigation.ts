import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type * as Y from 'yjs';
import { readClusters } from '../../../shared/clusters';
import { notesStoreOf } from '../../sync/notesStore';
import {
  DEFAULT_VIEW,
  FIRST_OPEN_MIN_SCALE,
  ZOOM_STEP,
  centreOn as centred,
  fitView,
  notesBox,
  parseStoredView,
  unionBox,
  zoomAround,
  zoomToScale,
  type Box,
  type CanvasTransform,
} from '../../canvas/viewMath';

const SAVE_DELAY_MS = 400;

/** Where a person's view of one canvas is remembered in this browser. */
export const viewStorageKey = (userId: string, projectId: string) => `croisee.view.${userId}.${projectId}`;

function readStored(key: string): CanvasTransform | null {
  try {
    return parseStoredView(localStorage.getItem(key));
  } catch {
    return null; // storage disabled: every open fits the content
  }
}

/** The box around every note and cluster frame of the board. */
export function contentBox(doc: Y.Doc): Box | null {
  const notes = notesBox(notesStoreOf(doc).getSnapshot());
  const frames = readClusters(doc).map((c) => ({ x0: c.x, y0: c.y, x1: c.x + c.width, y1: c.y + c.height }));
  return frames.reduce<Box | null>((acc, f) => unionBox(acc, f), notes);
}

interface Args {
  doc: Y.Doc;
  boardRef: RefObject<HTMLDivElement | null>;
  storageKey: string;
  /** The document holds what the server (or the cache) had: time to fit a first open. */
  ready: boolean;
  /** Any pan or zoom by hand (stops following the facilitator). */
  onManualMove: () => void;
}

/**
 * The committed view of a canvas and the commands on it: zoom in/out/100 % around the centre, zoom
 * to fit, to a box, centre on a point. The first open of a canvas fits its content; after that
 * each person's view is remembered per project in localStorage.
 */
export function useCanvasNavigation({ doc, boardRef, storageKey, ready, onManualMove }: Args) {
  const stored = useRef(readStored(storageKey));
  const [view, setViewState] = useState<CanvasTransform>(stored.current ?? DEFAULT_VIEW);
  const [fitted, setFitted] = useState(stored.current !== null);
  const size = () => {
    const r = boardRef.current?.getBoundingClientRect();
    return { w: r?.width ?? 0, h: r?.height ?? 0 };
  };

  const setView = useCallback(
    (update: (v: CanvasTransform) => CanvasTransform) => {
      onManualMove();
      // A view asked for (centre on a searched note, zoom, pan) wins over the first-open fit, which
      // may otherwise land after it when the document finishes loading.
      setFitted(true);
      setViewState(update);
    },
    [onManualMove],
  );

  // First open: fit the content once the document has it. Before paint, and the board holds its
  // notes back until then (`fitPending`): they are rendered once, at the fitted view, not first at
  // the default one (a 5,000-note board's first render is most of the time it takes to open).
  useLayoutEffect(() => {
    if (fitted || !ready) return;
    const { w, h } = size();
    setFitted(true);
    // A board without a size (not laid out) keeps the default view.
    if (w > 0) setViewState(fitView(contentBox(doc), w, h, undefined, FIRST_OPEN_MIN_SCALE));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fitted, ready, doc]);

  // Remember the view (debounced: a pan commits several times a second).
  useEffect(() => {
    if (!fitted) return;
    const timer = setTimeout(() => {
      try {
        localStorage.setItem(storageKey, JSON.stringify({ x: Math.round(view.x), y: Math.round(view.y), scale: view.scale }));
      } catch {
        /* storage full or disabled: the view is simply not remembered */
      }
    }, SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [view, fitted, storageKey]);

  const zoomCentre = useCallback(
    (factor: number) => {
      const { w, h } = size();
      setView((v) => zoomAround(v, factor, w / 2, h / 2));
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [setView],
  );
  const fitBox = useCallback(
    (box: Box | null) => {
      if (!box) return;
      const { w, h } = size();
      setView(() => fitView(box, w, h));
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [setView],
  );

  return {
    view,
    /** The first-open fit is about to replace `view` (this render is not painted). */
    fitPending: ready && !fitted,
    setView,
    /** Sets the view without counting as a manual move (follow-me). */
    setViewQuietly: setViewState,
    zoomIn: useCallback(() => zoomCentre(ZOOM_STEP), [zoomCentre]),
    zoomOut: useCallback(() => zoomCentre(1 / ZOOM_STEP), [zoomCentre]),
    zoomTo100: useCallback(() => {
      const { w, h } = size();
      setView((v) => zoomToScale(v, 1, w / 2, h / 2));
      // eslint-disable-next-line react-hooks/exhaustive-deps
    }, [setView]),
    fitAll: useCallback(() => fitBox(contentBox(doc) ?? { x0: -200, y0: -150, x1: 200, y1: 150 }), [fitBox, doc]),
    fitBox,
    centreOn: useCallback(
      (x: number, y: number) => {
        const { w, h } = size();
        setView((v) => centred(x, y, Math.max(v.scale, 1), w, h));
      },
      // eslint-disable-next-line react-hooks/exhaustive-deps
      [setView],
    ),
    size,
  };
}

export type CanvasNavigation = ReturnType<typeof useCanvasNavigation>;
