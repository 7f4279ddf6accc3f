import type { ClusterView } from '../../shared/clusters';
import { NOTE_HEIGHT, NOTE_WIDTH, type NoteKind, type NoteView } from '../../shared/schema';

/** The design tokens (client/tokens.css) as the page has them: the image uses the board's own colours. */
function tokens() {
  const style = getComputedStyle(document.documentElement);
  const token = (name: string) => style.getPropertyValue(name).trim();
  return {
    kind: (k: NoteKind): [string, string] => [token(`--kind-${k}`), token(`--kind-${k}-strip`)],
    background: token('--bg'),
    ink: token('--ink'),
    inkSoft: token('--ink-soft'),
    noteInk: token('--note-ink'),
    frame: token('--line-strong'),
    frameTitle: token('--primary'),
  };
}
const MARGIN = 40;
const MAX_SIDE = 8000;
/** Room for the board's title above a small board. */
const MIN_WIDTH = 640;

function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (ctx.measureText(next).width <= width) line = next;
      else {
        if (line) lines.push(line);
        line = word;
        while (ctx.measureText(line).width > width && line.length > 1) {
          let cut = line.length - 1;
          while (cut > 1 && ctx.measureText(line.slice(0, cut)).width > width) cut--;
          lines.push(line.slice(0, cut));
          line = line.slice(cut);
        }
      }
    }
    lines.push(line);
  }
  return lines;
}

/**
 * Draws a project's clusters and notes on an offscreen canvas (2D API) and returns it as a PNG:
 * frames with their names, then notes as coloured rectangles with a kind strip and wrapped text.
 */
export function renderCanvasPng(args: { title: string; notes: NoteView[]; clusters: ClusterView[]; kindLabel: (k: NoteKind) => string }): Promise<Blob> {
  const { notes, clusters } = args;
  const colours = tokens();
  const rects = [
    ...notes.map((n) => ({ x: n.x, y: n.y, w: NOTE_WIDTH, h: NOTE_HEIGHT })),
    ...clusters.map((c) => ({ x: c.x, y: c.y, w: c.width, h: c.height })),
  ];
  // Cropped to what is on the board (wherever it is), never narrower than the title needs.
  const some = rects.length > 0;
  const minX = (some ? Math.min(...rects.map((r) => r.x)) : 0) - MARGIN;
  const minY = (some ? Math.min(...rects.map((r) => r.y)) : 0) - MARGIN - 50;
  const maxX = Math.max((some ? Math.max(...rects.map((r) => r.x + r.w)) : NOTE_WIDTH) + MARGIN, minX + MIN_WIDTH);
  const maxY = (some ? Math.max(...rects.map((r) => r.y + r.h)) : NOTE_HEIGHT) + MARGIN;
  const scale = Math.min(2, MAX_SIDE / Math.max(maxX - minX, maxY - minY));
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil((maxX - minX) * scale);
  canvas.height = Math.ceil((maxY - minY) * scale);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(scale, scale);
  ctx.translate(-minX, -minY);
  ctx.fillStyle = colours.background;
  ctx.fillRect(minX, minY, maxX - minX, maxY - minY);
  ctx.fillStyle = colours.ink;
  ctx.font = '600 24px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  ctx.fillText(args.title, minX + MARGIN, minY + 16);

  for (const c of clusters) {
    ctx.fillStyle = 'rgba(255,255,255,0.7)';
    ctx.strokeStyle = colours.frame;
    ctx.lineWidth = 2;
    ctx.setLineDash([8, 6]);
    ctx.beginPath();
    ctx.roundRect(c.x, c.y, c.width, c.height, 12);
    ctx.fill();
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = colours.frameTitle;
    ctx.font = '700 18px system-ui, sans-serif';
    ctx.fillText(c.name, c.x + 14, c.y + 10, c.width - 28);
  }
  for (const n of notes) {
    const [bg, strip] = colours.kind(n.kind);
    ctx.shadowColor = 'rgba(0,0,0,0.15)';
    ctx.shadowBlur = 6;
    ctx.shadowOffsetY = 2;
    ctx.fillStyle = bg;
    ctx.beginPath();
    ctx.roundRect(n.x, n.y, NOTE_WIDTH, NOTE_HEIGHT, 6);
    ctx.fill();
    ctx.shadowColor = 'transparent';
    ctx.fillStyle = strip;
    ctx.beginPath();
    ctx.roundRect(n.x, n.y, NOTE_WIDTH, 26, [6, 6, 0, 0]);
    ctx.fill();
    ctx.fillStyle = colours.noteInk;
    ctx.font = '700 12px system-ui, sans-serif';
    ctx.fillText(args.kindLabel(n.kind).toUpperCase(), n.x + 10, n.y + 7);
    ctx.font = '15px system-ui, sans-serif';
    const lines = wrap(ctx, n.text, NOTE_WIDTH - 20).slice(0, 6);
    lines.forEach((line, i) => ctx.fillText(line, n.x + 10, n.y + 36 + i * 19));
    if (n.authorName) {
      ctx.fillStyle = colours.inkSoft;
      ctx.font = '11px system-ui, sans-serif';
      ctx.fillText(n.authorName, n.x + 10, n.y + NOTE_HEIGHT - 18, NOTE_WIDTH - 20);
    }
  }
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob'))), 'image/png'));
}
