import type { Principal } from './protocol';
import { RECORD_FIELDS } from './projectRecord';
import type { RoomRef } from './rooms';

/**
 * Who may change what inside a document, declared as data beside the schema (schema.ts).
 *
 * The server resolves every incoming Yjs update into changes — "create `notes/n1`", "update
 * `notes/n1/x`", "edit the text `notes/n1/text`", "delete `comments/c3`" — against the room's document
 * before applying it (server/sync/updateChanges.ts), and `judgeChange` decides each one with the
 * policy of the room's kind. One refused change refuses the whole update: nothing is half applied.
 *
 * Paths are the keys from a root type down (`*` matches any key). A path no rule names is refused, so
 * a new field must be added here on purpose. Whether someone may write to the room at all (viewers
 * never; nobody but facilitators during a pitch) is decided before this, per connection.
 */

/** create: a key that holds nothing (or something deleted); update: overwrite a live key; edit: text. */
export type ChangeOp = 'create' | 'update' | 'delete' | 'edit';

/**
 * - writer: anyone allowed to write to the room;
 * - owner: the entity's owner (see `owners`) or a facilitator;
 * - facilitator: facilitators only;
 * - nobody: only the server itself (vote results, audience questions) — no client, whatever its role;
 * - commune: facilitators and participants who joined as a commune (the project record). Joining
 *   names a role, not a project, so any commune participant may edit any project's record — as
 *   they may any board; experts, partners and viewers may not.
 */
export type Who = 'writer' | 'owner' | 'facilitator' | 'nobody' | 'commune';

/** What kind of value a change writes. */
export type ValueShape = 'map' | 'text' | 'plain' | 'other';

/** The writer's own identity, which authorship fields must carry. */
export type IdentityField = 'userId' | 'name' | 'role' | 'community';

export interface PathRule {
  create?: Who;
  update?: Who;
  delete?: Who;
  edit?: Who;
  /** Only written together with its entity, in the update that creates it; fixed afterwards. */
  atCreation?: boolean;
  /** The value must be the writer's own (or, when a deleted entity is restored, what it was). */
  identity?: IdentityField;
  /** With `identity`: the property of a plain object value that must be the writer's own. */
  identityProp?: string;
  /** The value must have this shape (a note's text stays a Y.Text, its tags a Y.Map). */
  shape?: ValueShape;
  /** Per-person entries (voters): the key must be the writer's own user id. */
  ownKey?: boolean;
  /** An entity created here must be created with these fields (its authorship). */
  requires?: readonly string[];
}

export interface RoomPolicy {
  rules: Readonly<Record<string, PathRule>>;
  /** Collections whose entities have an owner: the field holding the owner's user id. */
  owners: Readonly<Record<string, string>>;
  /**
   * The only collections a partner or funder (networking day) may change in this document: they
   * declare interest in projects; the communes' and experts' content is not theirs to edit.
   */
  partnerCollections?: readonly string[];
}

/** One change an update makes, resolved against the document it would apply to. */
export interface DocChange {
  op: ChangeOp;
  path: readonly string[];
  /** What create/update writes. */
  shape?: ValueShape;
  /** The plain value written (create/update of a plain value). */
  value?: unknown;
  /** The map holding this key is created by the same update. */
  inNewEntity: boolean;
  /** The Yjs client id of the item that makes the change (whose author it speaks for). */
  client: number;
}

/** The identity fields of a person, as authorship carries them. */
export type Author = Pick<Principal, 'userId' | 'name' | 'role' | 'community'>;

export interface PolicyContext {
  /** Who sent the update. */
  principal: Principal;
  /**
   * Who writes as a Yjs client id, when the server knows (the connection whose presence announced it,
   * or whose own authored writes introduced it). Changes travel between peers (tabs of one browser
   * share them), so an update may carry someone else's changes: authorship is checked against the
   * author of each change, not the sender.
   */
  authorOf(client: number): Author | undefined;
  /**
   * A field of the entity `collection/id` as the document holds it — live, or deleted but still
   * known to the server — or undefined.
   */
  storedField(collection: string, id: string, field: string): unknown;
}

/**
 * `bind`: the change is authored as the sender, by a client id nobody has claimed yet: the sender's.
 * `wait`: it carries someone else's authorship by a client id not known yet — a relayed change
 * arriving before its author connected, or a forgery: it is held back, not applied.
 */
export type Verdict = { ok: true; bind?: number } | { ok: false; reason: string; wait?: { author: number } };

const FIXED = { create: 'writer', atCreation: true } as const satisfies PathRule;
const FIELD = { create: 'writer', update: 'writer', delete: 'writer' } as const satisfies PathRule;
const OWNED = { create: 'owner', update: 'owner', delete: 'owner' } as const satisfies PathRule;
const FACILITATED = { create: 'facilitator', update: 'facilitator', delete: 'facilitator' } as const satisfies PathRule;
const ENTITY = { create: 'writer', delete: 'writer', shape: 'map' } as const satisfies PathRule;
const AUTHORED = { ...ENTITY, requires: ['authorId', 'authorName'] } as const satisfies PathRule;
const COMMUNE_FIELD = { create: 'commune', update: 'commune', delete: 'commune', shape: 'plain' } as const satisfies PathRule;
const author = (identity: IdentityField): PathRule => ({ ...FIXED, identity });

/** Notes, clusters, comments and partner interest: the canvas of a project and private drafts. */
const canvasRules: Record<string, PathRule> = {
  'notes/*': AUTHORED,
  'notes/*/id': FIXED,
  'notes/*/text': { ...FIXED, shape: 'text', edit: 'writer' },
  'notes/*/x': FIELD,
  'notes/*/y': FIELD,
  'notes/*/kind': FIELD,
  'notes/*/clusterId': FIELD,
  'notes/*/authorId': author('userId'),
  'notes/*/authorName': author('name'),
  'notes/*/authorRole': author('role'),
  'notes/*/authorCommunity': author('community'),
  'notes/*/createdAt': FIXED,
  // Revealed without the author's name (a flag, labelled in each reader's language).
  'notes/*/anonymous': FIXED,
  'notes/*/tags': { create: 'writer', shape: 'map' },
  'notes/*/tags/*': FIELD,

  'clusters/*': ENTITY,
  'clusters/*/id': FIXED,
  'clusters/*/createdAt': FIXED,
  'clusters/*/name': FIELD,
  'clusters/*/x': FIELD,
  'clusters/*/y': FIELD,
  'clusters/*/width': FIELD,
  'clusters/*/height': FIELD,

  // A comment is its author's: only they edit it; they or a facilitator delete it.
  'comments/*': { create: 'writer', delete: 'owner', shape: 'map', requires: ['authorId', 'authorName', 'authorRole', 'authorCommunity'] },
  'comments/*/id': FIXED,
  'comments/*/target': FIXED,
  'comments/*/createdAt': FIXED,
  'comments/*/authorId': author('userId'),
  'comments/*/authorName': author('name'),
  'comments/*/authorRole': author('role'),
  'comments/*/authorCommunity': author('community'),
  'comments/*/text': OWNED,
  'comments/*/editedAt': OWNED,
  // Resolving a thread is open to all; `by` must be the writer (checked as an identity of the value).
  'threads/*': { create: 'writer', update: 'writer', shape: 'plain', identity: 'userId', identityProp: 'by' },

  'partners/*': { create: 'writer', delete: 'owner', shape: 'map', requires: ['declaredBy'] },
  'partners/*/id': FIXED,
  'partners/*/createdAt': FIXED,
  'partners/*/declaredBy': author('userId'),
  'partners/*/name': OWNED,
  'partners/*/organisation': OWNED,
  'partners/*/partnerType': OWNED,
  'partners/*/offers': OWNED,
  'partners/*/description': OWNED,
  'partners/*/consent': OWNED,
  'partners/*/contact': OWNED,

  // Audience questions and vote results are written by the server (socket.io commands) only.
  'questions/*': {},
  'votes/*': {},

  // Attachment images on the board (boardImages.ts): placed, moved, resized and removed like notes.
  'images/*': AUTHORED,
  'images/*/id': FIXED,
  'images/*/attachmentId': FIXED,
  'images/*/name': FIXED,
  'images/*/createdAt': FIXED,
  'images/*/authorId': author('userId'),
  'images/*/authorName': author('name'),
  'images/*/x': FIELD,
  'images/*/y': FIELD,
  'images/*/width': FIELD,
  'images/*/height': FIELD,
};

/** The workshop document: its structure is the facilitators'; challenges are everyone's. */
const workshopRules: Record<string, PathRule> = {
  'meta/*': FACILITATED,
  'themes/*': FACILITATED,
  'themes/*/*': FACILITATED,
  'projects/*': FACILITATED,
  'projects/*/*': FACILITATED,
  'taxonomy/*': FACILITATED,
  'taxonomy/*/*': FACILITATED,

  'challenges/*': { create: 'writer', delete: 'owner', shape: 'map', requires: ['createdBy'] },
  'challenges/*/id': FIXED,
  'challenges/*/createdAt': FIXED,
  'challenges/*/source': FIXED,
  'challenges/*/createdBy': author('userId'),
  'challenges/*/title': FIELD,
  'challenges/*/description': FIELD,
  'challenges/*/themeId': FIELD,
  'challenges/*/mergedInto': FIELD,
  'challenges/*/mergedAt': FIELD,
  'challenges/*/links': { create: 'writer', shape: 'map' },
  'challenges/*/links/*': FIELD,
  'challenges/*/voters': { create: 'writer', shape: 'map' },
  'challenges/*/voters/*': { ...FIELD, ownKey: true },
  // Dots come from closed vote rounds, recorded by the server.
  'challenges/*/dots': { ...FIXED, shape: 'map' },
  'challenges/*/dots/*': {},

  // Expert panels (shared/panels.ts): the facilitators choose who sits on which project's panel.
  'panels/*': { ...FACILITATED, shape: 'map' },
  'panels/*/*': { ...FACILITATED, shape: 'plain' },
  // The project record (projectRecord.ts): the commune states its project, facilitators help.
  ...Object.fromEntries(['commune', ...RECORD_FIELDS].map((field) => [`projects/*/${field}`, COMMUNE_FIELD])),
};

const canvasPolicy: RoomPolicy = { rules: canvasRules, owners: { comments: 'authorId', partners: 'declaredBy' }, partnerCollections: ['partners'] };

export const WRITE_POLICIES: Readonly<Record<RoomRef['kind'], RoomPolicy>> = {
  workshop: { rules: workshopRules, owners: { challenges: 'createdBy' } },
  project: canvasPolicy,
  private: canvasPolicy,
};

// ---- judging ----------------------------------------------------------------------------------

interface RuleNode {
  rule?: PathRule;
  keys: Map<string, RuleNode>;
  any?: RuleNode;
}

const compiled = new WeakMap<RoomPolicy, RuleNode>();

function compile(policy: RoomPolicy): RuleNode {
  const root: RuleNode = { keys: new Map() };
  for (const [pattern, rule] of Object.entries(policy.rules)) {
    let node = root;
    for (const segment of pattern.split('/')) {
      if (segment === '*') node = node.any ??= { keys: new Map() };
      else {
        let next = node.keys.get(segment);
        if (!next) node.keys.set(segment, (next = { keys: new Map() }));
        node = next;
      }
    }
    node.rule = rule;
  }
  return root;
}

/** The rule for a path: literal keys win over `*`. */
export function ruleFor(policy: RoomPolicy, path: readonly string[]): PathRule | undefined {
  let root = compiled.get(policy);
  if (!root) compiled.set(policy, (root = compile(policy)));
  const walk = (node: RuleNode, i: number): PathRule | undefined => {
    if (i === path.length) return node.rule;
    const literal = node.keys.get(path[i]);
    return (literal && walk(literal, i + 1)) ?? (node.any && walk(node.any, i + 1));
  };
  return walk(root, 0);
}

const identityOf = (principal: Author, field: IdentityField): unknown => (field === 'name' ? principal.name : principal[field]);

function allowed(who: Who | undefined, policy: RoomPolicy, change: DocChange, ctx: PolicyContext): boolean {
  const { principal } = ctx;
  switch (who) {
    case undefined:
    case 'nobody':
      return false;
    case 'writer':
      return true;
    case 'facilitator':
      return principal.role === 'facilitator';
    case 'commune':
      return principal.role === 'facilitator' || principal.role === 'commune';
    case 'owner': {
      if (principal.role === 'facilitator') return true;
      const [collection, id] = change.path;
      const field = policy.owners[collection];
      // A field written with its new entity belongs to the writer (the owner field is checked as an identity).
      if (change.inNewEntity && change.path.length > 2) return true;
      return field !== undefined && id !== undefined && ctx.storedField(collection, id, field) === principal.userId;
    }
  }
}

/** Decides one change. The reason is for logs and the refused client; it names the path. */
export function judgeChange(policy: RoomPolicy, change: DocChange, ctx: PolicyContext): Verdict {
  const where = change.path.join('/');
  const refuse = (why: string): Verdict => ({ ok: false, reason: `${why}: ${change.op} ${where}` });
  const rule = ruleFor(policy, change.path);
  if (!rule) return refuse('not part of this document');
  if (ctx.principal.role === 'partner' && !(policy.partnerCollections ?? []).includes(change.path[0])) return refuse('partners only declare interest');
  if (!allowed(rule[change.op], policy, change, ctx)) return refuse('not allowed for this role');
  if (change.op === 'create' || change.op === 'update') {
    if (rule.atCreation && !change.inNewEntity) return refuse('fixed once created');
    if (rule.shape && change.shape !== rule.shape) return refuse(`must be a ${rule.shape}`);
    if (rule.identity) {
      const authorship = checkAuthorship(change, rule.identity, rule.identityProp, ctx);
      if (authorship === 'wait') return { ok: false, reason: `waiting for its author: ${change.op} ${where}`, wait: { author: change.client } };
      if (authorship === 'refuse') return refuse('must be your own identity');
      if (authorship === 'bind') return rule.ownKey && !isOwnKey(change, ctx) ? refuse('only your own entry') : { ok: true, bind: change.client };
    }
  }
  if (rule.ownKey && !isOwnKey(change, ctx)) return refuse('only your own entry');
  return { ok: true };
}

const isOwnKey = (change: DocChange, ctx: PolicyContext) => change.path[change.path.length - 1] === ctx.principal.userId;

/**
 * Decides every change of one update: the first refusal refuses it all. Entities it creates must
 * carry the fields their rule requires. `bind` lists the client ids first seen writing as the sender.
 */
export function judgeChanges(
  policy: RoomPolicy,
  changes: readonly DocChange[],
  ctx: PolicyContext,
): { ok: true; binds: number[] } | { ok: false; reason: string; wait?: { author: number } } {
  const binds = new Set<number>();
  const created = new Map<string, readonly string[]>();
  const written = new Set<string>();
  for (const change of changes) {
    const verdict = judgeChange(policy, change, ctx);
    if (!verdict.ok) return verdict;
    if (verdict.bind !== undefined) binds.add(verdict.bind);
    if (change.op !== 'create' && change.op !== 'update') continue;
    written.add(change.path.join('/'));
    const requires = change.op === 'create' ? ruleFor(policy, change.path)?.requires : undefined;
    if (requires) created.set(change.path.join('/'), requires);
  }
  for (const [path, fields] of created) {
    const missing = fields.find((field) => !written.has(`${path}/${field}`));
    if (missing !== undefined) return { ok: false, reason: `created without its ${missing}: create ${path}` };
  }
  return { ok: true, binds: [...binds] };
}

/**
 * Authorship is the writer's own — except when a deleted entity is restored (undo, "recently
 * deleted"): then it may carry the identity it had, if the server still knows it.
 */
function checkAuthorship(change: DocChange, field: IdentityField, prop: string | undefined, ctx: PolicyContext): 'ok' | 'bind' | 'wait' | 'refuse' {
  const author = ctx.authorOf(change.client);
  const value =
    prop === undefined ? change.value : typeof change.value === 'object' && change.value !== null ? (change.value as Record<string, unknown>)[prop] : undefined;
  if (value === identityOf(author ?? ctx.principal, field)) return author ? 'ok' : 'bind';
  const [collection, id, key] = change.path;
  const restored = prop === undefined && change.path.length === 3 && value !== undefined && ctx.storedField(collection, id, key) === value;
  if (restored) return 'ok';
  return author ? 'refuse' : 'wait';
}

/** For each collection, the authorship fields its entities must keep (rules on an entity field with an identity). */
export function identityFields(policy: RoomPolicy): Map<string, Set<string>> {
  const fields = new Map<string, Set<string>>();
  for (const [pattern, rule] of Object.entries(policy.rules)) {
    const [collection, any, field, ...rest] = pattern.split('/');
    if (!rule.identity || rule.identityProp !== undefined || any !== '*' || field === undefined || rest.length > 0) continue;
    fields.set(collection, (fields.get(collection) ?? new Set()).add(field));
  }
  return fields;
}
