import { assignExpert, panelsMap } from '../../shared/panels';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdate, keepDeletedIdentities } from '../../server/sync/updateChanges';
import { addChallenge, challengesMap, removeChallenge, toggleChallengeVote } from '../../shared/challenges';
import { addCluster, moveCluster } from '../../shared/clusters';
import { imagesMap, moveImage, placeImage, removeImage, resizeImage } from '../../shared/boardImages';
import { addComment, commentsMap, deleteComment, editComment, threadsMap } from '../../shared/comments';
import {
  addNote,
  addProject,
  addQuestion,
  addTheme,
  deleteNote,
  initWorkshop,
  moveNote,
  recordVoteResults,
  removeProject,
  renameWorkshop,
  setNoteText,
} from '../../shared/operations';
import { declareInterest, partnersMap } from '../../shared/partners';
import type { Principal } from '../../shared/protocol';
import type { RoomRef } from '../../shared/rooms';
import { notesMap, themesMap } from '../../shared/schema';
import { seedTaxonomy, taxonomyMap, toggleNoteTag } from '../../shared/taxonomy';
import { createUserOrigin, createUserUndoManager } from '../../shared/undo';
import { identityFields, ruleFor, WRITE_POLICIES } from '../../shared/writePolicy';
import { RECORD_FIELDS, setRecordApproach, setRecordNumber, setRecordText } from '../../shared/projectRecord';
import { moveTheme, removeTheme, renameTheme } from '../../shared/themes';
import { projectsMap } from '../../shared/schema';
import { mulberry32 } from '../../bench/lib/robustness/prng';

const person = (userId: string, role: Principal['role'], community: Principal['community'] = null): Principal => ({
  userId,
  workshopId: 'wshop001',
  name: `Nom ${userId}`,
  role,
  community,
});
const facilitator = person('fac00001', 'facilitator');
const commune = person('com00001', 'commune');
const expert = person('exp00001', 'expert', 'maker');

/** A server-side document of a room kind, with the server's garbage-collection filter. */
function serverDoc(kind: RoomRef['kind']): Y.Doc {
  return new Y.Doc({ gcFilter: keepDeletedIdentities(identityFields(WRITE_POLICIES[kind])) });
}

/**
 * What the server would decide if `who` made `change` on a copy of `server` and sent the update:
 * the writer's own client id is known as theirs (as its presence announces it).
 */
function attempt(server: Y.Doc, kind: RoomRef['kind'], who: Principal, change: (doc: Y.Doc) => void, client = new Y.Doc()) {
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  change(client);
  const update = Y.encodeStateAsUpdate(client, before);
  const verdict = checkUpdate(server, Y.decodeUpdate(update), WRITE_POLICIES[kind], {
    principal: who,
    authorOf: (c) => (c === client.clientID ? who : undefined),
  });
  return { verdict, update, client };
}

/** Applies `change` as the server would (a server-side or already accepted write). */
function serverWrite(doc: Y.Doc, change: (doc: Y.Doc) => void): void {
  change(doc);
}

const image = (id: string, by: Principal) => ({
  id,
  attachmentId: 'file0001',
  name: 'plan.png',
  x: 0,
  y: 0,
  width: 320,
  height: 240,
  authorId: by.userId,
  authorName: by.name,
  createdAt: 6,
});
const note = (id: string, by: Principal) => ({ id, x: 0, y: 0, kind: 'idea' as const, text: 'texte', authorId: by.userId, authorName: by.name, createdAt: 1 });

function projectFixture(): Y.Doc {
  const doc = serverDoc('project');
  serverWrite(doc, (d) => {
    addNote(d, note('notefac1', facilitator));
    addNote(d, note('notecom1', commune));
    addComment(d, {
      id: 'comfac01',
      target: { type: 'note', id: 'notefac1' },
      text: 'avis',
      authorId: facilitator.userId,
      authorName: facilitator.name,
      authorRole: 'facilitator',
      authorCommunity: null,
      createdAt: 2,
    });
    addComment(d, {
      id: 'comcom01',
      target: { type: 'note', id: 'notefac1' },
      text: 'avis',
      authorId: commune.userId,
      authorName: commune.name,
      authorRole: 'commune',
      authorCommunity: null,
      createdAt: 3,
    });
    declareInterest(d, {
      id: 'partexp1',
      name: 'Expert',
      organisation: 'Lab',
      partnerType: 'expert',
      offers: [],
      description: '',
      consent: false,
      declaredBy: expert.userId,
      createdAt: 4,
    });
    addQuestion(d, { id: 'quest001', text: 'Budget ?', authorId: commune.userId, authorName: commune.name, askedAt: 5 });
    placeImage(d, image('imgfac01', facilitator));
  });
  return doc;
}

function workshopFixture(): Y.Doc {
  const doc = serverDoc('workshop');
  serverWrite(doc, (d) => {
    initWorkshop(d, { title: 'Atelier', createdAt: 1, themes: [{ id: 'theme001', name: 'Mobilité' }] });
    addProject(d, { id: 'proj0001', name: 'Parking', themeId: 'theme001', createdAt: 1 });
    addProject(d, { id: 'proj0002', name: 'Éclairage', themeId: null, createdAt: 2 });
    addTheme(d, { id: 'theme002', name: 'Énergie' });
    setRecordText(d, 'proj0002', 'objectives', 'Réduire la consommation');
    seedTaxonomy(d);
    addChallenge(d, { id: 'chalfac1', title: 'Données', createdBy: facilitator.userId, createdAt: 1 });
    addChallenge(d, { id: 'chalcom1', title: 'Budget', createdBy: commune.userId, createdAt: 2 });
  });
  return doc;
}

type Case = [label: string, change: (doc: Y.Doc) => void, allowed: Record<'facilitator' | 'commune' | 'expert', boolean>];
const all = { facilitator: true, commune: true, expert: true };
const facilitatorOnly = { facilitator: true, commune: false, expert: false };
const none = { facilitator: false, commune: false, expert: false };
/** The project record: the commune's participants and facilitators (not experts). */
const communeAndFacilitator = { facilitator: true, commune: true, expert: false };
const byRole = { facilitator, commune, expert };

const projectCases = (): Case[] => [
  ['add a note of their own', (d) => addNote(d, note('newnote1', currentWriter)), all],
  ['add a note signed by someone else', (d) => addNote(d, note('forged01', currentWriter === commune ? facilitator : commune)), none],
  [
    'add a note with their own role and community',
    (d) => addNote(d, { ...note('newnote2', currentWriter), authorRole: currentWriter.role, authorCommunity: currentWriter.community }),
    all,
  ],
  [
    'add a note claiming another role',
    (d) => addNote(d, { ...note('forged02', currentWriter), authorRole: currentWriter.role === 'expert' ? 'commune' : 'expert', authorCommunity: null }),
    none,
  ],
  ["change a note's recorded role", (d) => notesMap(d).get('notecom1')!.set('authorRole', 'facilitator'), none],
  ["move and edit someone else's note", (d) => (moveNote(d, 'notefac1', 50, 60), setNoteText(d, 'notefac1', 'nouveau')), all],
  ['tag a note', (d) => toggleNoteTag(d, 'notefac1', 'sensors'), all],
  ['delete a note', (d) => deleteNote(d, 'notecom1'), all],
  ['change the author of a note', (d) => notesMap(d).get('notecom1')!.set('authorId', currentWriter.userId), none],
  ['change the creation time of a note', (d) => notesMap(d).get('notecom1')!.set('createdAt', 0), none],
  ['replace the text of a note by a plain string', (d) => notesMap(d).get('notecom1')!.set('text', 'plat'), none],
  ['add an unknown field to a note', (d) => notesMap(d).get('notecom1')!.set('score', 999), none],
  ['write into an unknown part of the document', (d) => d.getMap('anything').set('x', 1), none],
  [
    'write vote results',
    (d) =>
      recordVoteResults(d, {
        roundId: 'round001',
        projectId: 'p',
        closedAt: 1,
        voters: 1,
        items: [{ itemId: 'notecom1', total: 999, byGroup: { commune: 999, maker: 0, researcher: 0, company: 0, facilitator: 0 } }],
        votersByGroup: { commune: 1, maker: 0, researcher: 0, company: 0, facilitator: 0 },
      } as never),
    none,
  ],
  [
    'add an audience question',
    (d) => addQuestion(d, { id: 'quest002', text: '?', authorId: currentWriter.userId, authorName: currentWriter.name, askedAt: 1 }),
    none,
  ],
  ['mark a question answered', (d) => (d.getMap('questions').get('quest001') as Y.Map<unknown>).set('answered', true), none],
  [
    'add a comment of their own',
    (d) =>
      addComment(d, {
        id: 'comnew01',
        target: { type: 'note', id: 'notefac1' },
        text: 'oui',
        authorId: currentWriter.userId,
        authorName: currentWriter.name,
        authorRole: currentWriter.role,
        authorCommunity: currentWriter.community,
        createdAt: 9,
      }),
    all,
  ],
  [
    'add a comment claiming another role',
    (d) =>
      addComment(d, {
        id: 'comnew02',
        target: { type: 'note', id: 'notefac1' },
        text: 'oui',
        authorId: currentWriter.userId,
        authorName: currentWriter.name,
        authorRole: 'expert',
        authorCommunity: 'researcher',
        createdAt: 9,
      }),
    { facilitator: false, commune: false, expert: false },
  ],
  ["edit the facilitator's comment", (d) => editComment(d, { id: 'comfac01', userId: facilitator.userId, text: 'modifié', editedAt: 9 }), facilitatorOnly],
  ["change a comment's author", (d) => commentsMap(d).get('comcom01')!.set('authorId', currentWriter.userId), none],
  ["delete the commune's comment", (d) => deleteComment(d, { id: 'comcom01', userId: commune.userId }), { facilitator: true, commune: true, expert: false }],
  ['resolve a thread as themselves', (d) => threadsMap(d).set('note:notefac1', { resolved: true, by: currentWriter.userId, at: 9 }), all],
  ['resolve a thread in the name of someone else', (d) => threadsMap(d).set('note:notefac1', { resolved: true, by: 'someone1', at: 9 }), none],
  [
    "edit the expert's partner interest",
    (d) => partnersMap(d).get('partexp1')!.set('description', 'autre'),
    { facilitator: true, commune: false, expert: true },
  ],
  [
    'add and move a cluster',
    (d) => (addCluster(d, { id: 'clust001', name: 'Capteurs', x: 0, y: 0, width: 400, height: 300, createdAt: 1 }), moveCluster(d, 'clust001', 10, 10)),
    all,
  ],
  ['place an image of their own', (d) => placeImage(d, image('imgnew01', currentWriter)), all],
  ['place an image signed by someone else', (d) => placeImage(d, image('imgforg1', currentWriter === commune ? facilitator : commune)), none],
  ["move, resize and remove someone else's image", (d) => (moveImage(d, 'imgfac01', 40, 50), resizeImage(d, 'imgfac01', 500), removeImage(d, 'imgfac01')), all],
  ['point an image at another attachment', (d) => imagesMap(d).get('imgfac01')!.set('attachmentId', 'other001'), none],
  ["change an image's author", (d) => imagesMap(d).get('imgfac01')!.set('authorId', currentWriter.userId), none],
];

const workshopCases = (): Case[] => [
  ['rename the workshop', (d) => renameWorkshop(d, 'Piraté'), facilitatorOnly],
  ['delete a project', (d) => removeProject(d, 'proj0001'), facilitatorOnly],
  ['add a project', (d) => addProject(d, { id: 'proj0002', name: 'Nouveau', themeId: null, createdAt: 3 }), facilitatorOnly],
  ['delete a theme', (d) => themesMap(d).delete('theme001'), facilitatorOnly],
  ['add a theme', (d) => addTheme(d, { id: 'theme003', name: 'Énergie' }), facilitatorOnly],
  ['edit the taxonomy', (d) => taxonomyMap(d).delete([...taxonomyMap(d).keys()][0]), facilitatorOnly],
  ['create a challenge of their own', (d) => addChallenge(d, { id: 'chalnew1', title: 'Nouveau', createdBy: currentWriter.userId, createdAt: 5 }), all],
  ['create a challenge in the name of someone else', (d) => addChallenge(d, { id: 'chalnew2', title: 'Faux', createdBy: 'someone1', createdAt: 5 }), none],
  ['vote for a challenge', (d) => toggleChallengeVote(d, 'chalfac1', currentWriter.userId), all],
  ['vote in the name of someone else', (d) => (challengesMap(d).get('chalfac1')!.get('voters') as Y.Map<boolean>).set('someone1', true), none],
  ['write dots on a challenge', (d) => (challengesMap(d).get('chalfac1')!.get('dots') as Y.Map<number>).set('round001', 99), none],
  ["delete the facilitator's challenge", (d) => removeChallenge(d, 'chalfac1'), facilitatorOnly],
  ["delete the commune's challenge", (d) => removeChallenge(d, 'chalcom1'), { facilitator: true, commune: true, expert: false }],
  ['put an expert on a project panel', (d) => assignExpert(d, 'proj0001', { userId: 'expert01', name: 'Experte', community: 'maker' }), facilitatorOnly],
  [
    'put themselves on a project panel',
    (d) => assignExpert(d, 'proj0001', { userId: currentWriter.userId, name: currentWriter.name, community: currentWriter.community }),
    facilitatorOnly,
  ],
  ['replace a panel by a plain value', (d) => panelsMap(d).set('proj0001', 'x' as never), none],
  [
    'write the project record',
    (d) => (
      setRecordText(d, 'proj0001', 'description', 'Des capteurs'),
      setRecordApproach(d, 'proj0001', 'replicated'),
      setRecordNumber(d, 'proj0001', 'budgetMax', 90000)
    ),
    communeAndFacilitator,
  ],
  ["change the project's commune", (d) => projectsMap(d).get('proj0001')!.set('commune', 'Andenne'), communeAndFacilitator],
  ['clear a field of the project record', (d) => setRecordText(d, 'proj0002', 'objectives', ''), communeAndFacilitator],
  ['put a map into a record field', (d) => projectsMap(d).get('proj0001')!.set('description', new Y.Map()), none],
  ['rename the project', (d) => projectsMap(d).get('proj0001')!.set('name', 'Autre'), facilitatorOnly],
  ['rename a theme', (d) => renameTheme(d, 'theme001', 'Mobilité douce'), facilitatorOnly],
  ['reorder the themes', (d) => moveTheme(d, 'theme002', -1), facilitatorOnly],
  ['remove a theme (its project becomes themeless)', (d) => removeTheme(d, 'theme001'), facilitatorOnly],
];

let currentWriter: Principal = commune;

describe('write policy inside documents', () => {
  for (const [kind, cases, fixture] of [
    ['project', projectCases, projectFixture],
    ['workshop', workshopCases, workshopFixture],
  ] as const) {
    for (const role of ['facilitator', 'commune', 'expert'] as const) {
      it(`${kind} document, as ${role}: each change allowed or refused as the policy says`, () => {
        currentWriter = byRole[role];
        for (const [label, change, allowed] of cases()) {
          const { verdict } = attempt(fixture(), kind, byRole[role], change);
          expect(verdict.ok, `${role}: ${label} (${verdict.ok ? 'accepted' : verdict.reason})`).toBe(allowed[role]);
        }
      });
    }
  }

  it('refuses a note signed by someone else by a client nobody has claimed yet: held back, never accepted', () => {
    const server = projectFixture();
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(client);
    addNote(client, note('forged02', facilitator));
    const verdict = checkUpdate(server, Y.decodeUpdate(Y.encodeStateAsUpdate(client, before)), WRITE_POLICIES.project, {
      principal: commune,
      authorOf: () => undefined,
    });
    expect(verdict).toMatchObject({ ok: false, wait: { author: client.clientID } });
  });

  it("accepts a peer's change relayed by someone else once its author is known", () => {
    const server = projectFixture();
    const authorDoc = new Y.Doc();
    Y.applyUpdate(authorDoc, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(authorDoc);
    addNote(authorDoc, note('relay001', expert));
    const update = Y.decodeUpdate(Y.encodeStateAsUpdate(authorDoc, before));
    // The commune's tab received it from the expert's tab and sends it in its sync reply.
    const relayed = checkUpdate(server, update, WRITE_POLICIES.project, {
      principal: commune,
      authorOf: (c) => (c === authorDoc.clientID ? expert : undefined),
    });
    expect(relayed).toMatchObject({ ok: true });
  });

  it('lets anyone restore a deleted note with its original author (undo), but not with another one', () => {
    const server = projectFixture();
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const origin = createUserOrigin(commune.userId);
    const undo = createUserUndoManager(client, origin, { captureTimeout: 0 });
    let sv = Y.encodeStateVector(client);
    client.transact(() => deleteNote(client, 'notefac1'), origin);
    const deletion = Y.encodeStateAsUpdate(client, sv);
    const ctx = { principal: commune, authorOf: (c: number) => (c === client.clientID ? commune : undefined) };
    expect(checkUpdate(server, Y.decodeUpdate(deletion), WRITE_POLICIES.project, ctx)).toMatchObject({ ok: true });
    Y.applyUpdate(server, deletion);
    expect(notesMap(server).has('notefac1')).toBe(false);

    sv = Y.encodeStateVector(client);
    undo.undo();
    expect(notesMap(client).get('notefac1')?.get('authorId')).toBe(facilitator.userId);
    const restore = Y.encodeStateAsUpdate(client, sv);
    expect(checkUpdate(server, Y.decodeUpdate(restore), WRITE_POLICIES.project, ctx)).toMatchObject({ ok: true });

    // A "restore" that names someone else than the note's author is a forgery.
    const forger = new Y.Doc();
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(server));
    const fsv = Y.encodeStateVector(forger);
    addNote(forger, note('notefac1', expert));
    const forged = Y.encodeStateAsUpdate(forger, fsv);
    expect(
      checkUpdate(server, Y.decodeUpdate(forged), WRITE_POLICIES.project, {
        principal: commune,
        authorOf: (c) => (c === forger.clientID ? commune : undefined),
      }),
    ).toMatchObject({ ok: false });
  });

  it('a partner (networking day) declares interest in a project and changes nothing else', () => {
    const partner = person('par00001', 'partner');
    const interest = (d: Y.Doc) =>
      declareInterest(d, {
        id: 'partnew1',
        name: 'Ana',
        organisation: 'BEP',
        partnerType: 'funder',
        offers: ['funding'],
        description: '',
        consent: true,
        contact: 'ana@bep.be',
        declaredBy: partner.userId,
        createdAt: 9,
      });
    expect(attempt(projectFixture(), 'project', partner, interest).verdict).toMatchObject({ ok: true });
    for (const change of [
      (d: Y.Doc) => addNote(d, note('notepar1', partner)),
      (d: Y.Doc) => moveNote(d, 'notefac1', 5, 5),
      (d: Y.Doc) => placeImage(d, image('imgpar01', partner)),
      (d: Y.Doc) => partnersMap(d).get('partexp1')!.set('description', 'pris'),
    ]) {
      expect(attempt(projectFixture(), 'project', partner, change).verdict).toMatchObject({ ok: false });
    }
    expect(
      attempt(workshopFixture(), 'workshop', partner, (d) => addChallenge(d, { id: 'chalpar1', title: 'X', createdBy: partner.userId, createdAt: 5 })).verdict,
    ).toMatchObject({ ok: false });
  });

  it('declares a rule for every field the document operations write', () => {
    for (const path of ['notes/n/text', 'notes/n/tags/t', 'clusters/c/width', 'comments/c/editedAt', 'partners/p/contact', 'images/i/x', 'images/i/height']) {
      expect(ruleFor(WRITE_POLICIES.project, path.split('/')), path).toBeDefined();
    }
    for (const path of ['meta/title', 'projects/p/themeId', 'taxonomy/t/nl', 'challenges/c/links/k', 'challenges/c/voters/u', 'panels/p', 'panels/p/u']) {
      expect(ruleFor(WRITE_POLICIES.workshop, path.split('/')), path).toBeDefined();
    }
    expect(ruleFor(WRITE_POLICIES.project, ['notes', 'n', 'nope'])).toBeUndefined();
  });
});

describe('write policy fuzzing (seeded)', () => {
  /** What a commune must never change, whatever it sends: read as JSON before and after. */
  // The project record is the commune's to write: everything else of a project is protected.
  const record = new Set<string>(['commune', ...RECORD_FIELDS]);
  const projectsBut = (d: Y.Doc) =>
    Object.fromEntries([...projectsMap(d).entries()].map(([id, p]) => [id, Object.fromEntries([...p.entries()].filter(([k]) => !record.has(k)))]));
  const protectedWorkshop = (d: Y.Doc) =>
    JSON.stringify([d.getMap('meta').toJSON(), d.getMap('themes').toJSON(), projectsBut(d), d.getMap('taxonomy').toJSON()]);
  const protectedProject = (d: Y.Doc) =>
    JSON.stringify([
      d.getMap('votes').toJSON(),
      d.getMap('questions').toJSON(),
      // Others' comments stay as they are (a commune may delete only its own).
      [...commentsMap(d).entries()]
        .filter(([, c]) => c.get('authorId') !== commune.userId)
        .map(([id, c]) => [id, c.get('authorId'), c.get('authorName'), c.get('text')]),
    ]);
  /** Notes may be deleted by anyone, but no note's authorship changes and new ones are the commune's. */
  const authorshipKept = (before: Y.Doc, after: Y.Doc) =>
    [...notesMap(after).entries()].every(([id, n]) => {
      const was = notesMap(before).get(id);
      const authorship = (m: Y.Map<unknown>) => JSON.stringify([m.get('authorId'), m.get('authorName'), m.get('createdAt')]);
      return was ? authorship(was) === authorship(n) : n.get('authorId') === commune.userId && n.get('authorName') === commune.name;
    });

  it('random changes by a commune at random paths never crash and never change a protected area', () => {
    const rng = mulberry32(20261130);
    const roots = ['meta', 'themes', 'projects', 'taxonomy', 'notes', 'comments', 'votes', 'questions', 'partners', 'threads', 'challenges', 'zzz'];
    const keys = [
      'title',
      'authorId',
      'authorName',
      'createdAt',
      'text',
      'x',
      'notefac1',
      'notecom1',
      'comfac01',
      'proj0001',
      'theme001',
      'sensors',
      'quest001',
      'id',
      'voters',
      'name',
      'description',
      'budgetMin',
    ];
    const values = () => rng.pick<unknown>([commune.userId, facilitator.userId, 'x', 42, null, true, { by: facilitator.userId }]);
    let accepted = 0;
    for (let i = 0; i < 600; i++) {
      const kind = rng.bool() ? 'project' : 'workshop';
      const server = kind === 'project' ? projectFixture() : workshopFixture();
      const guard = kind === 'project' ? protectedProject : protectedWorkshop;
      const before = guard(server);
      const { verdict, update } = attempt(server, kind, commune, (d) => {
        for (let n = rng.int(1, 3); n > 0; n--) {
          const root = d.getMap<unknown>(rng.pick(roots)) as Y.Map<unknown>;
          const target = rng.bool(0.6) ? root.get(rng.pick(keys)) : root;
          const map: Y.Map<unknown> = target instanceof Y.Map ? (target as Y.Map<unknown>) : root;
          const op = rng.int(0, 3);
          if (op === 0) map.delete(rng.pick(keys));
          else if (op === 1) map.set(rng.pick(keys), values());
          else if (op === 2) map.set(rng.pick(keys), new Y.Map());
          else map.set(rng.pick(keys), new Y.Text('t'));
        }
      });
      if (!verdict.ok) continue;
      accepted++;
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
      Y.applyUpdate(server, update);
      expect(authorshipKept(copy, server), `case ${i}: authorship`).toBe(true);
      expect(guard(server), `case ${i}`).toBe(before);
    }
    expect(accepted).toBeGreaterThan(0); // some random changes were legitimate
  });
});
