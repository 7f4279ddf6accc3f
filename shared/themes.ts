import type * as Y from 'yjs';
import { challengesMap } from './challenges';
import { MAX_TITLE, projectsMap, readTheme, themesMap } from './schema';
import { truncate } from './textDiff';

/**
 * Themes after their creation (operations.ts adds them): renamed, reordered, removed. A removed
 * theme's projects and challenges become "no theme" in the same transaction: nothing else is lost.
 */

export function renameTheme(doc: Y.Doc, id: string, name: string): boolean {
  const theme = themesMap(doc).get(id);
  const clean = truncate(name.trim(), MAX_TITLE).trim();
  if (!theme || !clean) return false;
  doc.transact(() => theme.set('name', clean));
  return true;
}

/**
 * Moves a theme one place up (-1) or down (+1). Orders are rewritten 0..n-1 so that themes that
 * shared an order (imported, or added concurrently) get distinct places.
 */
export function moveTheme(doc: Y.Doc, id: string, delta: -1 | 1): boolean {
  const themes = [...themesMap(doc).values()].map(readTheme).sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  const from = themes.findIndex((t) => t.id === id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= themes.length) return false;
  [themes[from], themes[to]] = [themes[to], themes[from]];
  doc.transact(() => {
    themes.forEach((t, order) => {
      const m = themesMap(doc).get(t.id);
      if (m && m.get('order') !== order) m.set('order', order);
    });
  });
  return true;
}

export function removeTheme(doc: Y.Doc, id: string): boolean {
  const themes = themesMap(doc);
  if (!themes.has(id)) return false;
  doc.transact(() => {
    for (const project of projectsMap(doc).values()) if (project.get('themeId') === id) project.set('themeId', null);
    for (const challenge of challengesMap(doc).values()) if (challenge.get('themeId') === id) challenge.set('themeId', null);
    themes.delete(id);
  });
  return true;
}
