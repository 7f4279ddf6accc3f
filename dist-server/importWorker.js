// server/importWorker.ts
import { parentPort } from "node:worker_threads";
import * as Y9 from "yjs";

// shared/report/importJson.ts
import * as Y8 from "yjs";
import { z } from "zod";

// shared/schema.ts
import * as Y from "yjs";
var NOTE_KINDS = ["idea", "technology", "need", "risk", "question"];
var ROLES = ["facilitator", "commune", "expert", "viewer"];
var COMMUNITIES = ["maker", "researcher", "company"];
var NOTE_WIDTH = 200;
var NOTE_HEIGHT = 150;
var MAX_NOTE_TEXT = 2e3;
var MAX_TITLE = 200;
var MAX_QUESTION_LENGTH = 280;
var CANVAS_LIMIT = 1e5;
var metaMap = (doc) => doc.getMap("meta");
var themesMap = (doc) => doc.getMap("themes");
var projectsMap = (doc) => doc.getMap("projects");
var notesMap = (doc) => doc.getMap("notes");
var questionsMap = (doc) => doc.getMap("questions");
var votesMap = (doc) => doc.getMap("votes");
var str = (v, fallback = "") => typeof v === "string" ? v : fallback;
var num = (v, fallback = 0) => typeof v === "number" && Number.isFinite(v) ? v : fallback;
function isNoteKind(v) {
  return typeof v === "string" && NOTE_KINDS.includes(v);
}
function readTheme(m) {
  return { id: str(m.get("id")), name: str(m.get("name")), order: num(m.get("order")) };
}
function readProject(m) {
  const themeId = m.get("themeId");
  return {
    id: str(m.get("id")),
    name: str(m.get("name")),
    commune: str(m.get("commune")),
    themeId: typeof themeId === "string" ? themeId : null,
    order: num(m.get("order")),
    createdAt: num(m.get("createdAt"))
  };
}
var byOrder = (a, b) => a.order - b.order || a.id.localeCompare(b.id);
function readWorkshop(doc) {
  const meta = metaMap(doc);
  return {
    title: str(meta.get("title")),
    createdAt: num(meta.get("createdAt")),
    themes: [...themesMap(doc).values()].map(readTheme).sort(byOrder),
    projects: [...projectsMap(doc).values()].map(readProject).sort(byOrder)
  };
}

// shared/facilitation.ts
var MIN = 6e4;
var STAGE_DEFAULTS = {
  lobby: { durationMs: 0, writers: "everyone", privateMode: false, projector: "overview" },
  "reverse-pitch": { durationMs: 15 * MIN, writers: "everyone", privateMode: false, projector: "canvas" },
  exchange: { durationMs: 30 * MIN, writers: "everyone", privateMode: false, projector: "canvas" },
  ideation: { durationMs: 120 * MIN, writers: "everyone", privateMode: false, projector: "canvas" },
  pitch: { durationMs: 10 * MIN, writers: "facilitators", privateMode: false, projector: "questions" },
  break: { durationMs: 15 * MIN, writers: "facilitators", privateMode: false, projector: "timer" },
  closed: { durationMs: 0, writers: "facilitators", privateMode: false, projector: "overview" }
};
var VOTER_GROUPS = ["commune", "maker", "researcher", "company", "facilitator"];

// shared/operations.ts
import * as Y2 from "yjs";

// shared/textDiff.ts
var isHighSurrogate = (c) => c >= 55296 && c <= 56319;
function truncate(text, max) {
  if (text.length <= max) return text;
  const end = max > 0 && isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

// shared/operations.ts
var clampCoord = (v) => Math.max(-CANVAS_LIMIT, Math.min(CANVAS_LIMIT, Number.isFinite(v) ? v : 0));
function addNote(doc, args) {
  doc.transact(() => {
    const note = new Y2.Map();
    note.set("id", args.id);
    note.set("text", new Y2.Text(truncate(args.text ?? "", MAX_NOTE_TEXT)));
    note.set("x", clampCoord(args.x));
    note.set("y", clampCoord(args.y));
    note.set("kind", isNoteKind(args.kind) ? args.kind : "idea");
    note.set("authorId", args.authorId);
    note.set("authorName", args.authorName);
    note.set("createdAt", args.createdAt);
    note.set("tags", new Y2.Map());
    notesMap(doc).set(args.id, note);
  });
}
function recordVoteResults(doc, results) {
  doc.transact(() => votesMap(doc).set(results.roundId, results));
}

// shared/taxonomy.ts
import * as Y3 from "yjs";
var MAX_TAG_LABEL = 60;
var taxonomyMap = (doc) => doc.getMap("taxonomy");

// shared/clusters.ts
import * as Y4 from "yjs";
var CLUSTER_PADDING = 20;
var CLUSTER_HEADER = 40;
var MIN_CLUSTER_WIDTH = NOTE_WIDTH + 2 * CLUSTER_PADDING;
var MIN_CLUSTER_HEIGHT = NOTE_HEIGHT + 2 * CLUSTER_PADDING + CLUSTER_HEADER;
var clustersMap = (doc) => doc.getMap("clusters");
var clampCoord2 = (v) => Math.max(-CANVAS_LIMIT, Math.min(CANVAS_LIMIT, Number.isFinite(v) ? v : 0));
var clampSize = (v, min) => Math.max(min, Math.min(2 * CANVAS_LIMIT, Number.isFinite(v) ? v : min));
var cleanName = (s) => truncate(s.trim(), MAX_TITLE).trim();
function addCluster(doc, args, origin) {
  doc.transact(() => {
    const c = new Y4.Map();
    c.set("id", args.id);
    c.set("name", cleanName(args.name));
    c.set("x", clampCoord2(args.x));
    c.set("y", clampCoord2(args.y));
    c.set("width", clampSize(args.width, MIN_CLUSTER_WIDTH));
    c.set("height", clampSize(args.height, MIN_CLUSTER_HEIGHT));
    c.set("createdAt", args.createdAt);
    clustersMap(doc).set(args.id, c);
  }, origin);
}

// shared/comments.ts
import * as Y5 from "yjs";
var MAX_COMMENT = 2e3;
var commentsMap = (doc) => doc.getMap("comments");
var threadsMap = (doc) => doc.getMap("threads");
function restoreComments(doc, comments, states, origin) {
  doc.transact(() => {
    for (const view of comments) {
      const c = new Y5.Map();
      for (const key of ["id", "target", "text", "authorId", "authorName", "authorRole", "authorCommunity", "createdAt", "editedAt"]) {
        c.set(key, view[key]);
      }
      commentsMap(doc).set(view.id, c);
    }
    for (const s of states) threadsMap(doc).set(s.target, { resolved: s.resolved, by: s.by, at: s.at });
  }, origin);
}

// shared/challenges.ts
import * as Y6 from "yjs";
var MAX_CHALLENGE_DESCRIPTION = 2e3;
var challengesMap = (doc) => doc.getMap("challenges");
var cleanTitle = (s) => truncate(s.trim().replace(/\s+/g, " "), MAX_TITLE).trim();
var cleanDescription = (s) => truncate(s.trim(), MAX_CHALLENGE_DESCRIPTION).trim();
var linkKey = (l) => l.noteId === null ? `p:${l.projectId}` : `n:${l.projectId}:${l.noteId}`;
function subMap(c, key) {
  const m = c.get(key);
  if (m instanceof Y6.Map) return m;
  const created = new Y6.Map();
  c.set(key, created);
  return created;
}
function writeChallenge(doc, args, source) {
  const c = new Y6.Map();
  c.set("id", args.id);
  c.set("title", cleanTitle(args.title));
  c.set("description", cleanDescription(args.description ?? ""));
  c.set("themeId", args.themeId ?? null);
  c.set("createdBy", args.createdBy);
  c.set("createdAt", args.createdAt);
  c.set("source", source);
  c.set("links", new Y6.Map());
  c.set("voters", new Y6.Map());
  c.set("dots", new Y6.Map());
  c.set("mergedInto", null);
  c.set("mergedAt", null);
  challengesMap(doc).set(args.id, c);
  return c;
}
function restoreChallenge(doc, r, origin) {
  doc.transact(() => {
    const c = writeChallenge(doc, r, r.source);
    c.set("title", r.title);
    c.set("description", r.description);
    for (const l of r.links) subMap(c, "links").set(linkKey(l), { projectId: l.projectId, noteId: l.noteId });
    for (const v of r.voters) subMap(c, "voters").set(v, true);
    for (const [round, total] of Object.entries(r.dots)) subMap(c, "dots").set(round, total);
    c.set("mergedInto", r.mergedInto);
    c.set("mergedAt", r.mergedAt);
  }, origin);
}

// shared/partners.ts
import * as Y7 from "yjs";
var PARTNER_TYPES = ["company", "expert", "funder"];
var PARTNER_OFFERS = ["expertise", "technology", "funding", "pilot-site"];
var MAX_PARTNER_NAME = 120;
var MAX_PARTNER_DESCRIPTION = 2e3;
var MAX_CONTACT = 200;
var partnersMap = (doc) => doc.getMap("partners");
var clean = (s, max) => truncate(s.trim(), max).trim();
var isType = (v) => PARTNER_TYPES.includes(v);
var cleanOffers = (offers) => PARTNER_OFFERS.filter((o) => offers.includes(o));
function declareInterest(doc, args, origin) {
  const name = clean(args.name, MAX_PARTNER_NAME);
  if (!name) return false;
  doc.transact(() => {
    const p = new Y7.Map();
    p.set("id", args.id);
    p.set("name", name);
    p.set("organisation", clean(args.organisation, MAX_PARTNER_NAME));
    p.set("partnerType", isType(args.partnerType) ? args.partnerType : "company");
    p.set("offers", cleanOffers(args.offers));
    p.set("description", clean(args.description, MAX_PARTNER_DESCRIPTION));
    p.set("consent", args.consent === true);
    const contact = clean(args.contact ?? "", MAX_CONTACT);
    if (args.consent === true && contact) p.set("contact", contact);
    p.set("declaredBy", args.declaredBy);
    p.set("createdAt", args.createdAt);
    partnersMap(doc).set(args.id, p);
  }, origin);
  return true;
}

// shared/report/exportJson.ts
var WORKSHOP_EXPORT_FORMAT = "croisee.workshop";
var WORKSHOP_EXPORT_VERSION = 1;

// shared/report/importJson.ts
var WorkshopImportError = class extends Error {
  constructor(message, field) {
    super(message);
    this.field = field;
    this.name = "WorkshopImportError";
  }
  field;
};
var MAX_ITEMS = 1e4;
var short = z.string().max(MAX_TITLE);
var label = z.string().max(MAX_TAG_LABEL);
var list = (item) => z.array(item).max(MAX_ITEMS);
var id = short.min(1).max(64);
var time = z.number().finite();
var groupCounts = z.object(Object.fromEntries(VOTER_GROUPS.map((g) => [g, z.number().finite()])));
var voteResults = z.object({
  roundId: short,
  projectId: short,
  voters: z.number().finite(),
  votersByGroup: groupCounts,
  items: list(z.object({ itemId: short, total: z.number().finite(), byGroup: groupCounts })),
  closedAt: time
});
var projectExport = z.object({
  projectId: id,
  notes: list(
    z.object({
      id,
      text: z.string().max(MAX_NOTE_TEXT),
      x: z.number().finite(),
      y: z.number().finite(),
      kind: z.enum(NOTE_KINDS),
      authorId: short,
      authorName: short,
      createdAt: time,
      tags: list(short),
      clusterId: short.nullable()
    })
  ),
  clusters: list(z.object({ id, name: short, x: z.number(), y: z.number(), width: z.number(), height: z.number(), createdAt: time })),
  comments: list(
    z.object({
      id,
      target: short,
      text: z.string().max(MAX_COMMENT),
      authorId: short,
      authorName: short,
      authorRole: z.enum(ROLES),
      authorCommunity: z.enum(COMMUNITIES).nullable(),
      createdAt: time,
      editedAt: time.nullable()
    })
  ),
  threads: list(z.object({ target: short, resolved: z.boolean(), by: short, at: time })),
  partners: list(
    z.object({
      id,
      name: z.string().max(MAX_PARTNER_NAME),
      organisation: short,
      partnerType: z.enum(PARTNER_TYPES),
      offers: list(z.enum(PARTNER_OFFERS)),
      description: z.string().max(MAX_PARTNER_DESCRIPTION),
      consent: z.boolean(),
      contact: z.string().max(MAX_CONTACT).nullable(),
      declaredBy: short,
      createdAt: time
    })
  ),
  questions: list(
    z.object({
      id,
      text: z.string().max(MAX_QUESTION_LENGTH),
      authorId: short,
      authorName: short,
      askedAt: time,
      answered: z.boolean(),
      upvoters: list(short)
    })
  ),
  votes: list(voteResults)
});
var workshopExportSchema = z.object({
  format: z.literal(WORKSHOP_EXPORT_FORMAT),
  version: z.literal(WORKSHOP_EXPORT_VERSION),
  workshop: z.object({
    title: z.string().max(MAX_TITLE),
    createdAt: time,
    themes: list(z.object({ id, name: short, order: z.number() })),
    projects: list(
      z.object({ id, name: short, commune: short, themeId: short.nullable(), order: z.number(), createdAt: time })
    ),
    // nl and de are absent from exports of tags that have no Dutch or German label (and from older exports).
    taxonomy: list(z.object({ id, fr: label, en: label, nl: label.optional(), de: label.optional(), order: z.number() })),
    challenges: list(
      z.object({
        id,
        title: z.string().max(MAX_TITLE),
        description: z.string().max(MAX_CHALLENGE_DESCRIPTION),
        themeId: short.nullable(),
        createdBy: short,
        createdAt: time,
        source: z.object({ projectId: short, noteId: short }).nullable(),
        links: list(z.object({ projectId: short, noteId: short.nullable() })),
        voters: list(short),
        dots: z.record(short, z.number().finite()).refine((r) => Object.keys(r).length <= MAX_ITEMS, "too many entries"),
        mergedInto: short.nullable(),
        mergedAt: time.nullable()
      })
    )
  }),
  projects: list(projectExport)
});
function parseWorkshopExport(data) {
  const format = data?.format;
  const version = data?.version;
  if (format === WORKSHOP_EXPORT_FORMAT && typeof version === "number" && version > WORKSHOP_EXPORT_VERSION) {
    throw new WorkshopImportError(`export version ${version} is newer than this server understands (${WORKSHOP_EXPORT_VERSION})`, "version");
  }
  const parsed = workshopExportSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join(".") || "body";
    throw new WorkshopImportError(`${field}: ${issue?.message ?? "invalid"}`, field);
  }
  return parsed.data;
}
function map(entries) {
  const m = new Y8.Map();
  for (const [k, v] of Object.entries(entries)) m.set(k, v);
  return m;
}
function importWorkshop(data) {
  const exp = parseWorkshopExport(data);
  const workshop = new Y8.Doc();
  workshop.transact(() => {
    const w = exp.workshop;
    metaMap(workshop).set("title", w.title);
    metaMap(workshop).set("createdAt", w.createdAt);
    for (const t of w.themes) themesMap(workshop).set(t.id, map({ id: t.id, name: t.name, order: t.order }));
    for (const p of w.projects) {
      projectsMap(workshop).set(p.id, map({ id: p.id, name: p.name, commune: p.commune, themeId: p.themeId, order: p.order, createdAt: p.createdAt }));
    }
    for (const t of w.taxonomy) {
      const tag = map({ id: t.id, fr: t.fr, en: t.en, order: t.order });
      if (t.nl) tag.set("nl", t.nl);
      if (t.de) tag.set("de", t.de);
      taxonomyMap(workshop).set(t.id, tag);
    }
    for (const c of w.challenges) restoreChallenge(workshop, c);
  });
  const projects = {};
  for (const p of exp.projects) {
    const doc = new Y8.Doc();
    doc.transact(() => {
      for (const c of p.clusters) addCluster(doc, c);
      for (const n of p.notes) {
        addNote(doc, n);
        const note = notesMap(doc).get(n.id);
        if (n.tags.length > 0) note.set("tags", map(Object.fromEntries(n.tags.map((t) => [t, true]))));
        if (n.clusterId !== null) note.set("clusterId", n.clusterId);
      }
      restoreComments(doc, p.comments, p.threads);
      for (const partner of p.partners) declareInterest(doc, { ...partner, contact: partner.contact ?? void 0 });
      for (const q of p.questions) {
        const upvoters = map(Object.fromEntries(q.upvoters.map((u) => [u, true])));
        questionsMap(doc).set(q.id, map({ id: q.id, text: q.text, authorId: q.authorId, authorName: q.authorName, askedAt: q.askedAt, answered: q.answered, upvoters }));
      }
      for (const v of p.votes) recordVoteResults(doc, v);
    });
    projects[p.projectId] = doc;
  }
  return { workshop, projects };
}

// server/importWorker.ts
parentPort.on("message", ({ id: id2, body }) => {
  let result;
  try {
    const data = JSON.parse(Buffer.from(body).toString("utf8"));
    const imported = importWorkshop(data);
    result = {
      id: id2,
      ok: true,
      title: readWorkshop(imported.workshop).title,
      workshop: Y9.encodeStateAsUpdate(imported.workshop),
      projects: Object.fromEntries(Object.entries(imported.projects).map(([projectId, doc]) => [projectId, Y9.encodeStateAsUpdate(doc)]))
    };
  } catch (err) {
    result = err instanceof SyntaxError ? { id: id2, ok: false, kind: "json", message: "Malformed JSON body." } : err instanceof WorkshopImportError ? { id: id2, ok: false, kind: "invalid", message: err.message, field: err.field } : { id: id2, ok: false, kind: "internal", message: err instanceof Error ? err.message : String(err) };
  }
  parentPort.postMessage(result, result.ok ? [...new Set([result.workshop, ...Object.values(result.projects)].map((u) => u.buffer))] : []);
});
//# sourceMappingURL=importWorker.js.map
