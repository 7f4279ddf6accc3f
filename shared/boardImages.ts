import * as Y from 'yjs';
import { CANVAS_LIMIT, MAX_TITLE, NOTE_HEIGHT, NOTE_WIDTH } from './schema';
import { truncate } from './textDiff';

/**
 * Images placed on a project's board: a photo or a map from the project's attachments, shown as an
 * item that moves (and resizes) like a note. The bytes stay in the attachment store; the board
 * holds only where the image sits.
 *
 * Project document: images: Y.Map<imageId, Y.Map { id, attachmentId, name, x, y, width, height,
 *                                                 authorId, authorName, createdAt }>
 */

export interface BoardImageView {
  id: string;
  attachmentId: string;
  /** The attachment's file name, kept as the image's accessible name. */
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
  authorId: string;
  authorName: string;
  createdAt: number;
}

export const MIN_IMAGE_SIZE = 40;
export const MAX_IMAGE_SIZE = 4000;
/** Width an image is first placed with (its height follows its proportions). */
export const DEFAULT_IMAGE_WIDTH = 320;

export const imagesMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('images');

const clampCoord = (v: number) => Math.round(Math.max(-CANVAS_LIMIT, Math.min(CANVAS_LIMIT, Number.isFinite(v) ? v : 0)));
const clampSize = (v: number) => Math.round(Math.max(MIN_IMAGE_SIZE, Math.min(MAX_IMAGE_SIZE, Number.isFinite(v) ? v : DEFAULT_IMAGE_WIDTH)));
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Space kept between a placed image and the notes around it. */
const IMAGE_GAP = 24;
const SEARCH_STEP = 40;
const SEARCH_RADIUS = 2000;

/**
 * Where an image of `width`×`height` goes, centred as near `centre` as it can be without covering
 * a note (the board's notes are drawn above images, so a covered image would be hidden and hard to
 * grab). Candidates are tried nearest first; with no free spot in reach, the centre itself.
 */
export function freeImageSpot(
  centre: { x: number; y: number },
  width: number,
  height: number,
  notes: ReadonlyArray<{ x: number; y: number }>,
): { x: number; y: number } {
  const free = (x: number, y: number) =>
    notes.every(
      (n) => x + width + IMAGE_GAP <= n.x || n.x + NOTE_WIDTH + IMAGE_GAP <= x || y + height + IMAGE_GAP <= n.y || n.y + NOTE_HEIGHT + IMAGE_GAP <= y,
    );
  const origin = { x: Math.round(centre.x - width / 2), y: Math.round(centre.y - height / 2) };
  const offsets: Array<[number, number]> = [];
  for (let dx = -SEARCH_RADIUS; dx <= SEARCH_RADIUS; dx += SEARCH_STEP) {
    for (let dy = -SEARCH_RADIUS; dy <= SEARCH_RADIUS; dy += SEARCH_STEP) offsets.push([dx, dy]);
  }
  offsets.sort((a, b) => Math.hypot(a[0], a[1]) - Math.hypot(b[0], b[1]));
  const found = offsets.find(([dx, dy]) => free(origin.x + dx, origin.y + dy));
  return found ? { x: origin.x + found[0], y: origin.y + found[1] } : origin;
}

export function placeImage(doc: Y.Doc, image: BoardImageView, origin?: unknown): void {
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    m.set('id', image.id);
    m.set('attachmentId', image.attachmentId);
    m.set('name', truncate(image.name, MAX_TITLE));
    m.set('x', clampCoord(image.x));
    m.set('y', clampCoord(image.y));
    m.set('width', clampSize(image.width));
    m.set('height', clampSize(image.height));
    m.set('authorId', image.authorId);
    m.set('authorName', image.authorName);
    m.set('createdAt', image.createdAt);
    imagesMap(doc).set(image.id, m);
  }, origin);
}

export function moveImage(doc: Y.Doc, id: string, x: number, y: number, origin?: unknown): boolean {
  const m = imagesMap(doc).get(id);
  if (!m) return false;
  doc.transact(() => {
    m.set('x', clampCoord(x));
    m.set('y', clampCoord(y));
  }, origin);
  return true;
}

/** Resizes keeping the image's proportions (the width decides). */
export function resizeImage(doc: Y.Doc, id: string, width: number, origin?: unknown): boolean {
  const m = imagesMap(doc).get(id);
  if (!m) return false;
  const ratio = num(m.get('height')) / Math.max(1, num(m.get('width'))) || 1;
  const w = clampSize(width);
  doc.transact(() => {
    m.set('width', w);
    m.set('height', clampSize(w * ratio));
  }, origin);
  return true;
}

export function removeImage(doc: Y.Doc, id: string, origin?: unknown): boolean {
  if (!imagesMap(doc).has(id)) return false;
  doc.transact(() => imagesMap(doc).delete(id), origin);
  return true;
}

export function readImage(m: Y.Map<unknown>): BoardImageView {
  return {
    id: str(m.get('id')),
    attachmentId: str(m.get('attachmentId')),
    name: str(m.get('name')),
    x: num(m.get('x')),
    y: num(m.get('y')),
    width: num(m.get('width')) || DEFAULT_IMAGE_WIDTH,
    height: num(m.get('height')) || DEFAULT_IMAGE_WIDTH,
    authorId: str(m.get('authorId')),
    authorName: str(m.get('authorName')),
    createdAt: num(m.get('createdAt')),
  };
}

/** Images oldest first (later ones above). */
export function readImages(doc: Y.Doc): BoardImageView[] {
  return [...imagesMap(doc).values()].map(readImage).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}
