import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { freeImageSpot, MAX_IMAGE_SIZE, MIN_IMAGE_SIZE, moveImage, placeImage, readImages, removeImage, resizeImage } from '../../shared/boardImages';
import { CANVAS_LIMIT, NOTE_HEIGHT, NOTE_WIDTH } from '../../shared/schema';

const image = {
  id: 'img00001',
  attachmentId: 'file0001',
  name: 'Carte.png',
  x: 10,
  y: 20,
  width: 320,
  height: 240,
  authorId: 'u1',
  authorName: 'Ada',
  createdAt: 5,
};
const overlaps = (spot: { x: number; y: number }, w: number, h: number, n: { x: number; y: number }) =>
  spot.x < n.x + NOTE_WIDTH && n.x < spot.x + w && spot.y < n.y + NOTE_HEIGHT && n.y < spot.y + h;

describe('images on the board', () => {
  it('are placed, moved, resized keeping their proportions, and removed', () => {
    const doc = new Y.Doc();
    placeImage(doc, image);
    expect(readImages(doc)).toEqual([image]);
    moveImage(doc, image.id, 100.4, -CANVAS_LIMIT * 3);
    expect(readImages(doc)[0]).toMatchObject({ x: 100, y: -CANVAS_LIMIT });
    resizeImage(doc, image.id, 640);
    expect(readImages(doc)[0]).toMatchObject({ width: 640, height: 480 });
    resizeImage(doc, image.id, 1);
    expect(readImages(doc)[0].width).toBe(MIN_IMAGE_SIZE);
    resizeImage(doc, image.id, 1e9);
    expect(readImages(doc)[0].width).toBe(MAX_IMAGE_SIZE);
    expect(removeImage(doc, image.id)).toBe(true);
    expect(readImages(doc)).toEqual([]);
    expect(moveImage(doc, image.id, 0, 0)).toBe(false);
  });

  it('a new image goes next to the notes at the centre rather than under them', () => {
    const notes = [0, 1, 2].map((i) => ({ x: i * 240 - 360, y: -75 }));
    const spot = freeImageSpot({ x: 0, y: 0 }, 320, 240, notes);
    for (const n of notes) expect(overlaps(spot, 320, 240, n)).toBe(false);
    // as near as it can: just above or below the row of notes
    expect(Math.abs(spot.y + 120)).toBeLessThan(75 + 120 + 24 + 40 + 1);
    // an empty area keeps the centre
    expect(freeImageSpot({ x: 500, y: 500 }, 320, 240, [])).toEqual({ x: 340, y: 380 });
  });
});
