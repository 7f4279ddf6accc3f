/**
 * Far-away tiles stay mounted once built, up to a cap: panning back over an area reuses them.
 * Unmounting hundreds of tiles at each change of the render window was the longest task of a pan
 * over a zoomed-out 5,000-note board (70–100 ms each, a dozen per pan). Pure: the board keeps one
 * per mount and asks it which notes to render.
 */
export const MAX_KEPT_TILES = 2500;

export class KeptTiles {
  private ids = new Set<string>();
  private bare: boolean | null = null;

  /**
   * The notes to render as tiles: those `inWindow` plus those already built, in the notes' order.
   * A change of tile kind (`bare`) starts afresh; past the cap, only the window's notes are kept.
   */
  select<N extends { id: string }>(notes: readonly N[], inWindow: (n: N) => boolean, bare: boolean, cap = MAX_KEPT_TILES): N[] {
    if (this.bare !== bare) {
      this.bare = bare;
      this.ids = new Set();
    }
    const kept = this.ids;
    let out = notes.filter((n) => inWindow(n) || kept.has(n.id));
    if (out.length > cap) {
      kept.clear();
      out = notes.filter(inWindow);
    }
    for (const n of out) kept.add(n.id);
    return out;
  }

  /** Close enough to edit: the tiles are gone. */
  clear(): void {
    this.ids = new Set();
    this.bare = null;
  }
}
