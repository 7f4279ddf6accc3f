import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
/** Yjs does not export the DeleteSet class's type by name. */
type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];
import type { Principal } from '../../shared/protocol';
import { judgeChanges, type Author, type DocChange, type RoomPolicy, type ValueShape } from '../../shared/writePolicy';

/**
 * Works out what a decoded Yjs update would change in a document, before it is applied: every
 * inserted item becomes a change at the path of its parent (a root type, a type already in the
 * document, or one the update itself creates) and map key, every deleted item a deletion at its
 * path. Pure over (document, update): nothing is applied.
 *
 * Items under something already deleted or garbage-collected change nothing a reader can see and
 * produce no change. An item whose parent is neither in the document nor in the update, or a
 * deletion of ids the server has never seen, is refused: Yjs would keep them pending and apply them
 * later, past any check.
 */

export interface DecodedUpdate {
  structs: Array<Y.Item | Y.GC | Y.Skip>;
  ds: DeleteSet;
}

/**
 * `missing`: the update needs changes the server does not have yet — an honest client's live edit can
 * arrive before the sync reply that carries what it builds on (edits made offline). It is checked
 * again once more has arrived, like Yjs keeps such updates pending.
 */
export type Resolution = { ok: true; changes: DocChange[] } | { ok: false; reason: string; missing?: true };

/** Where an inserted item lands. */
interface Parent {
  path: readonly string[];
  /** The map the item lands in is created by this update. */
  isNew: boolean;
  /** The parent type in the document (absent when new). */
  type: AnyType | null;
  /** Under something deleted or collected: changes there are invisible. */
  gone: boolean;
}

interface Placed {
  parent: Parent;
  sub: string | null;
}

type AnyType = Y.AbstractType<any>;

const GONE: Parent = { path: [], isNew: false, type: null, gone: true };
const SEQUENCE = '#';

/** Paths of the document's types never change (a key stays a key): cached per type. */
const typePaths = new WeakMap<AnyType, readonly string[] | null>();

function typePath(type: AnyType): readonly string[] | null {
  const cached = typePaths.get(type);
  if (cached !== undefined) return cached;
  const item = type._item;
  let path: readonly string[] | null;
  if (item === null) path = [Y.findRootTypeKey(type)];
  else if (item.parentSub === null)
    path = null; // a type inside a sequence: not part of Croisée's schema
  else {
    const parentPath = typePath(item.parent as AnyType);
    path = parentPath && [...parentPath, item.parentSub];
  }
  typePaths.set(type, path);
  return path;
}

/** True when the type or one of its ancestors is deleted (or about to be, by `ds`). */
function underDeleted(type: AnyType, ds: DeleteSet | null): boolean {
  for (let item = type._item; item !== null; item = (item.parent as AnyType)._item) {
    if (item.deleted || (ds !== null && Y.isDeleted(ds, item.id))) return true;
  }
  return false;
}

function docParent(type: AnyType): Parent | null {
  if (underDeleted(type, null)) return GONE;
  const path = typePath(type);
  return path && { path, isNew: false, type, gone: false };
}

function shapeOf(content: Y.Item['content']): { shape: ValueShape; value?: unknown } {
  if (content instanceof Y.ContentAny) return { shape: 'plain', value: content.arr[content.arr.length - 1] };
  if (content instanceof Y.ContentString) return { shape: 'plain', value: content.str };
  if (content instanceof Y.ContentType) {
    if (content.type instanceof Y.Text) return { shape: 'text' };
    if (content.type instanceof Y.Map) return { shape: 'map' };
  }
  return { shape: 'other' };
}

/**
 * `heldBack`: items of other updates the server holds back (see Room): sync replies that carry each
 * other's dependencies (changes relayed between peers) can only be placed together. Only the update's
 * own items make changes; the others only tell where those land.
 */
export function resolveUpdate(doc: Y.Doc, update: DecodedUpdate, heldBack: readonly Y.Item[] = []): Resolution {
  const store = doc.store;
  // The update's own items by client, in clock order (as decoded), to find ids it refers to itself.
  const own = new Map<number, Array<Y.Item | Y.GC>>();
  // Structs Yjs holds back until what they build on arrives count as known too: an update may carry
  // both what a held-back struct needs and something that builds on that struct.
  const pending = (store as unknown as { pendingStructs: { update: Uint8Array } | null }).pendingStructs;
  const held = pending ? Y.decodeUpdate(pending.update).structs : [];
  const known = held.length > 0 || heldBack.length > 0 ? [...update.structs, ...held, ...heldBack] : update.structs;
  /** Held back structs were judged when they first arrived; a resend of them is no new change. */
  const isHeld = (s: Y.Item) => held.some((h) => h.id.client === s.id.client && h.id.clock <= s.id.clock && s.id.clock < h.id.clock + h.length);
  for (const s of known) {
    // Collected items (GC) count: a sync reply carries them, and its deletions cover them.
    if (s instanceof Y.Skip) continue;
    const list = own.get(s.id.client);
    if (list) list.push(s);
    else own.set(s.id.client, [s]);
  }
  const findOwn = (id: Y.ID): Y.Item | Y.GC | undefined => own.get(id.client)?.find((s) => s.id.clock <= id.clock && id.clock < s.id.clock + s.length);
  const inDoc = (id: Y.ID): boolean => id.clock < Y.getState(store, id.client);

  const placed = new Map<Y.Item, Placed | null>();
  const resolving = new Set<Y.Item>();

  /** Where an item of the update lands; null when it depends on something nobody has. */
  function place(item: Y.Item): Placed | null {
    if (placed.has(item)) return placed.get(item)!;
    if (resolving.has(item)) return null; // a cycle of references: forged
    resolving.add(item);
    const result = placeUncached(item);
    resolving.delete(item);
    placed.set(item, result);
    return result;
  }

  function placeUncached(item: Y.Item): Placed | null {
    const parent = item.parent as unknown;
    if (typeof parent === 'string') {
      return { parent: { path: [parent], isNew: false, type: doc.share.get(parent) ?? null, gone: false }, sub: item.parentSub };
    }
    if (parent !== null) return { parent: typeAt(parent as Y.ID) ?? GONE, sub: item.parentSub };
    // No parent info: the item goes next to its neighbour, in the neighbour's parent, under its key.
    const neighbour = item.origin ?? item.rightOrigin;
    if (!neighbour) return null;
    const mine = findOwn(neighbour);
    if (mine) return mine instanceof Y.Item ? place(mine) : { parent: GONE, sub: null };
    if (!inDoc(neighbour)) return null;
    const struct = Y.getItem(store, neighbour);
    if (!(struct instanceof Y.Item)) return { parent: GONE, sub: null };
    const p = docParent(struct.parent as AnyType);
    return p && { parent: p, sub: struct.parentSub };
  }

  /** The type created by the item with this id (in the update or the document). */
  function typeAt(id: Y.ID): Parent | null {
    const mine = findOwn(id);
    if (mine) {
      if (!(mine instanceof Y.Item)) return GONE;
      if (!(mine.content instanceof Y.ContentType)) return null;
      const where = place(mine);
      if (!where) return null;
      if (where.parent.gone) return GONE;
      return { path: [...where.parent.path, where.sub ?? SEQUENCE], isNew: true, type: null, gone: false };
    }
    if (!inDoc(id)) return null;
    const struct = Y.getItem(store, id);
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentType)) return GONE;
    if (struct.deleted) return GONE;
    return docParent(struct.content.type);
  }

  const changes: DocChange[] = [];
  const seen = new Set<string>();
  /** Keys this update writes: the value it replaces is in its deletions, and is not a deletion of its own. */
  const written = new Set<string>();
  const add = (change: DocChange) => {
    // Many characters typed into one text are one decision.
    if (change.op === 'edit' || change.op === 'delete') {
      const key = `${change.op}\u0000${change.path.join('\u0000')}`;
      if (seen.has(key)) return;
      seen.add(key);
    }
    changes.push(change);
  };

  for (const struct of update.structs) {
    if (!(struct instanceof Y.Item)) continue; // GC and Skip change nothing visible
    // Already in the document (a sync reply resends from the first id the server lacks): Yjs skips it.
    if (struct.id.clock + struct.length <= Y.getState(store, struct.id.client)) continue;
    if (held.length > 0 && isHeld(struct)) continue;
    const where = place(struct);
    if (!where) return { ok: false, reason: 'the update depends on changes the server does not have', missing: true };
    const { parent, sub } = where;
    if (parent.gone) continue;
    if (parent.path.includes(SEQUENCE)) return { ok: false, reason: 'not part of this document: nested sequence' };
    const { shape, value } = shapeOf(struct.content);
    if (sub === null) {
      if (!(struct.content instanceof Y.ContentDeleted)) add({ op: 'edit', path: parent.path, shape, inNewEntity: parent.isNew, client: struct.id.client });
      continue;
    }
    const path = [...parent.path, sub];
    const current = parent.type?._map.get(sub);
    const live = !parent.isNew && current !== undefined && !current.deleted;
    if (struct.content instanceof Y.ContentDeleted) {
      // Overwriting a key with a deleted item deletes what it held.
      if (live) add({ op: 'delete', path, inNewEntity: false, client: struct.id.client });
      continue;
    }
    written.add(path.join('\u0000'));
    add({ op: live ? 'update' : 'create', path, shape, value, inNewEntity: parent.isNew, client: struct.id.client });
  }

  for (const [client, ranges] of update.ds.clients) {
    const structs = store.clients.get(client) ?? [];
    const state = Y.getState(store, client);
    for (const { clock, len } of ranges) {
      const end = clock + len;
      // Ids past what the server holds must be the update's own items (deleted as they are inserted).
      for (let c = Math.max(clock, state); c < end; ) {
        const mine = findOwn({ client, clock: c } as Y.ID);
        if (!mine) return { ok: false, reason: 'the update deletes something the server does not have', missing: true };
        c = mine.id.clock + mine.length;
      }
      if (clock >= state) continue;
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i].id.clock < end; i++) {
        const item = structs[i];
        if (!(item instanceof Y.Item) || item.deleted) continue;
        const parentType = item.parent as AnyType;
        // Deleting an entity deletes its fields too: the entity's deletion is the one decision.
        if (underDeleted(parentType, update.ds)) continue;
        const path = typePath(parentType);
        if (!path) return { ok: false, reason: 'not part of this document: nested sequence' };
        if (item.parentSub === null) add({ op: 'edit', path, inNewEntity: false, client });
        else if (!written.has([...path, item.parentSub].join('\u0000'))) add({ op: 'delete', path: [...path, item.parentSub], inNewEntity: false, client });
      }
    }
  }
  return { ok: true, changes };
}

/**
 * A field of the entity `collection/id`, as the document holds it: the last value written, even if
 * the entity was deleted, as long as it was not garbage-collected (see `keepDeletedIdentities`).
 */
export function storedField(doc: Y.Doc, collection: string, id: string, field: string): unknown {
  const entity = doc.share.get(collection)?._map.get(id);
  if (!entity || !(entity.content instanceof Y.ContentType)) return undefined;
  const item = entity.content.type._map.get(field);
  return item && item.content instanceof Y.ContentAny ? item.content.arr[item.content.arr.length - 1] : undefined;
}

/**
 * A `gcFilter` for a room's document: deleted entities of the collections whose authorship the
 * policy fixes keep their authorship fields (not their text), so restoring one (undo, "recently
 * deleted") can be checked against who it was by. Everything else is collected as usual.
 */
export function keepDeletedIdentities(fields: ReadonlyMap<string, ReadonlySet<string>>): (item: Y.Item) => boolean {
  const isEntity = (item: Y.Item | null): boolean => {
    if (item === null || item.parentSub === null) return false;
    const parent = item.parent as AnyType;
    return parent._item === null && fields.has(Y.findRootTypeKey(parent));
  };
  return (item) => {
    if (isEntity(item)) return false;
    const owner = (item.parent as AnyType)._item;
    if (item.parentSub === null || !isEntity(owner)) return true;
    return !fields.get(Y.findRootTypeKey(owner!.parent as AnyType))!.has(item.parentSub);
  };
}

/** What the server knows of a room's writers when judging an update. */
export interface WriteContext {
  principal: Principal;
  authorOf(client: number): Author | undefined;
}

export type UpdateVerdict =
  | { ok: true /** client ids first seen writing as the sender */; binds: number[] }
  /** Held back, to be checked again when the document has changed, or when that client's author is known. */
  | { ok: false; reason: string; wait?: 'changes' | { author: number } };

/** Resolves an update against the document and judges every change it makes with the room's policy. */
export function checkUpdate(
  doc: Y.Doc,
  update: DecodedUpdate,
  policy: RoomPolicy,
  writer: WriteContext,
  heldBack: () => readonly Y.Item[] = () => [],
): UpdateVerdict {
  let resolved = resolveUpdate(doc, update);
  // Only when something is missing: it may be in another held-back update.
  if (!resolved.ok && resolved.missing) {
    const others = heldBack();
    if (others.length > 0) resolved = resolveUpdate(doc, update, others);
  }
  if (!resolved.ok) return resolved.missing ? { ok: false, reason: resolved.reason, wait: 'changes' } : { ok: false, reason: resolved.reason };
  const ctx = { ...writer, storedField: (collection: string, id: string, field: string) => storedField(doc, collection, id, field) };
  return judgeChanges(policy, resolved.changes, ctx);
}

/**
 * A refused update still uses up its author's Yjs clock range: every later change of that client
 * builds on it, and Yjs would hold all of them back forever behind the gap. So the server keeps the
 * range as collected (GC) structs — nothing of the content — and asks the sender to delete what it
 * made there. Only the clients the sender writes as are handled; ranges the server has already are
 * left alone.
 *
 * Returns the update that fills the ranges (to apply to the room's document) and the one that
 * retracts the refused items on the sender (null when there is nothing to do).
 */
export function neutralise(doc: Y.Doc, update: DecodedUpdate, isSenders: (client: number) => boolean): { fill: Uint8Array; retract: Uint8Array } | null {
  const runs = new Map<number, Array<{ clock: number; len: number }>>();
  for (const s of update.structs) {
    if (s instanceof Y.Skip || !isSenders(s.id.client)) continue;
    const state = Y.getState(doc.store, s.id.client);
    const clock = Math.max(s.id.clock, state);
    const end = s.id.clock + s.length;
    if (end <= clock) continue;
    const list = runs.get(s.id.client) ?? [];
    list.push({ clock, len: end - clock });
    runs.set(s.id.client, list);
  }
  if (runs.size === 0) return null;
  const clients = [...runs.entries()].sort((a, b) => b[0] - a[0]);

  const fill = encoding.createEncoder();
  encoding.writeVarUint(fill, clients.length);
  for (const [client, ranges] of clients) {
    ranges.sort((a, b) => a.clock - b.clock);
    // One block per client: collected structs for the ranges, skips for the gaps between them.
    const parts: Array<[kind: number, len: number]> = [];
    let at = ranges[0].clock;
    for (const { clock, len } of ranges) {
      if (clock + len <= at) continue;
      if (clock > at) parts.push([STRUCT_SKIP, clock - at]);
      const from = Math.max(clock, at);
      parts.push([STRUCT_GC, clock + len - from]);
      at = clock + len;
    }
    encoding.writeVarUint(fill, parts.length);
    encoding.writeVarUint(fill, client);
    encoding.writeVarUint(fill, ranges[0].clock);
    for (const [kind, len] of parts) {
      encoding.writeUint8(fill, kind);
      encoding.writeVarUint(fill, len);
    }
  }
  encoding.writeVarUint(fill, 0); // no deletions

  const retract = encoding.createEncoder();
  encoding.writeVarUint(retract, 0); // no structs
  encoding.writeVarUint(retract, clients.length);
  for (const [client, ranges] of clients) {
    encoding.writeVarUint(retract, client);
    encoding.writeVarUint(retract, ranges.length);
    for (const { clock, len } of ranges) {
      encoding.writeVarUint(retract, clock);
      encoding.writeVarUint(retract, len);
    }
  }
  return { fill: encoding.toUint8Array(fill), retract: encoding.toUint8Array(retract) };
}

/** Struct kinds of the Yjs update format (v1): a collected range, and a gap. */
const STRUCT_GC = 0;
const STRUCT_SKIP = 10;
