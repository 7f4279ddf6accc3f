/**
 * Scrolling inside a side panel without moving the page under it: `scrollIntoView` scrolls every
 * scrollable ancestor, the document included (a quick link of the cockpit scrolled the workshop
 * page by 750 px). These scroll only the element's nearest scrolling ancestor.
 */

/** The nearest ancestor that scrolls vertically (overflow auto or scroll, with something to scroll). */
function scrollParent(el: HTMLElement): HTMLElement | null {
  for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    const overflow = getComputedStyle(p).overflowY;
    if ((overflow === 'auto' || overflow === 'scroll') && p.scrollHeight > p.clientHeight) return p;
  }
  return null;
}

/**
 * Height covered at the top of the container by its sticky children (the panel's header), or
 * grandchildren (the same panel inside a phone's full-screen sheet).
 */
function stickyInset(box: HTMLElement): number {
  let inset = 0;
  for (const el of box.querySelectorAll<HTMLElement>(':scope > *, :scope > * > *')) if (getComputedStyle(el).position === 'sticky') inset += el.offsetHeight;
  return inset;
}

/**
 * Shows `el` in its panel: at the top (`start`, a section reached from a quick link) or by the
 * least scroll that brings it fully in view (`nearest`, the agenda's current step).
 */
export function scrollIntoPanel(el: HTMLElement, block: 'start' | 'nearest'): void {
  const box = scrollParent(el);
  if (!box) return;
  const r = el.getBoundingClientRect();
  const b = box.getBoundingClientRect();
  const top = b.top + stickyInset(box);
  if (block === 'start') box.scrollTop += r.top - top;
  else if (r.top < top) box.scrollTop -= top - r.top;
  else if (r.bottom > b.bottom) box.scrollTop += r.bottom - b.bottom;
}
