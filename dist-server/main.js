// server/main.ts
import { mkdirSync } from "node:fs";
import path5 from "node:path";
import { fileURLToPath } from "node:url";

// server/config.ts
import path from "node:path";
import { z } from "zod";
var int = (name2, min, max, fallback) => z.string().optional().transform((raw, ctx) => {
  if (raw === void 0 || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    ctx.addIssue({ code: "custom", message: `${name2} must be a whole number from ${min} to ${max} (got "${raw}")` });
    return z.NEVER;
  }
  return value;
});
var text = (fallback) => z.string().optional().transform((raw) => raw === void 0 || raw.trim() === "" ? fallback : raw.trim());
var url = (name2, protocols) => text().superRefine((raw, ctx) => {
  if (raw === void 0) return;
  let parsed;
  try {
    parsed = new URL(raw);
  } catch {
    ctx.addIssue({ code: "custom", message: `${name2} must be a URL (got "${raw.slice(0, 80)}")` });
    return;
  }
  if (!protocols.includes(parsed.protocol)) {
    ctx.addIssue({ code: "custom", message: `${name2} must start with ${protocols.map((p) => `${p}//`).join(" or ")} (got "${parsed.protocol}//\u2026")` });
  }
});
var LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];
var envSchema = z.object({
  PORT: int("PORT", 0, 65535, 3e3),
  HOST: text("0.0.0.0"),
  DATA_DIR: text("data"),
  STATIC_DIR: text(),
  PUBLIC_URL: url("PUBLIC_URL", ["http:", "https:"]),
  ALLOWED_ORIGINS: text("").superRefine((raw, ctx) => {
    for (const origin of splitList(raw ?? "")) {
      if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
        ctx.addIssue({
          code: "custom",
          message: `ALLOWED_ORIGINS must be a comma-separated list of origins like https://example.org (got "${origin.slice(0, 80)}")`
        });
      }
    }
  }),
  DATABASE_URL: url("DATABASE_URL", ["postgres:", "postgresql:"]),
  DATABASE_SCHEMA: text("croisee").refine((s) => /^[a-z_][a-z0-9_]{0,62}$/.test(s ?? ""), {
    message: "DATABASE_SCHEMA must be a lower-case SQL identifier (letters, digits, _)"
  }),
  REDIS_URL: url("REDIS_URL", ["redis:", "rediss:"]),
  REDIS_PREFIX: text("croisee:"),
  LOG_LEVEL: text("info").refine((l) => LOG_LEVELS.includes(l ?? ""), {
    message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}`
  }),
  METRICS_TOKEN: text().refine((t) => t === void 0 || t.length >= 16, {
    message: "METRICS_TOKEN must be at least 16 characters (or unset to leave /metrics open)"
  }),
  TRUST_PROXY: text("false").refine((v) => /^(true|false|\d{1,2})$/.test(v ?? ""), {
    message: "TRUST_PROXY must be false, true, or the number of proxies in front of the server (e.g. 1)"
  }),
  WS_PING_INTERVAL_MS: int("WS_PING_INTERVAL_MS", 1e3, 6e5, 3e4),
  SHUTDOWN_TIMEOUT_MS: int("SHUTDOWN_TIMEOUT_MS", 1e3, 6e5, 15e3),
  MAX_CONNECTIONS: int("MAX_CONNECTIONS", 1, 1e6, 1e4),
  MAX_CONNECTIONS_PER_IP: int("MAX_CONNECTIONS_PER_IP", 0, 1e6, 1e3),
  RATE_LIMIT_JOIN_CODE: int("RATE_LIMIT_JOIN_CODE", 1, 1e6, 30),
  RATE_LIMIT_JOIN: int("RATE_LIMIT_JOIN", 1, 1e6, 300),
  RATE_LIMIT_CREATE: int("RATE_LIMIT_CREATE", 1, 1e6, 30),
  RATE_LIMIT_TOKENS: int("RATE_LIMIT_TOKENS", 1, 1e6, 120),
  RATE_LIMIT_IMPORT: int("RATE_LIMIT_IMPORT", 1, 1e6, 10)
});
var ConfigError = class extends Error {
  constructor(problems) {
    super(`Invalid configuration:
${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.problems = problems;
  }
  problems;
};
function splitList(raw) {
  return raw.split(",").map((s) => s.trim()).filter(Boolean);
}
function loadConfig(env) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name2 = String(issue.path[0] ?? "");
        return issue.message.startsWith(name2) ? issue.message : `${name2}: ${issue.message}`;
      })
    );
  }
  const e = parsed.data;
  if (Boolean(e.DATABASE_URL) !== Boolean(e.REDIS_URL)) {
    throw new ConfigError([`${e.DATABASE_URL ? "REDIS_URL" : "DATABASE_URL"}: multi-node mode needs both DATABASE_URL and REDIS_URL; set both or neither`]);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    staticDir: e.STATIC_DIR ? path.resolve(e.STATIC_DIR) : null,
    publicUrl: e.PUBLIC_URL ? e.PUBLIC_URL.replace(/\/$/, "") : null,
    allowedOrigins: splitList(e.ALLOWED_ORIGINS ?? ""),
    multiNode: e.DATABASE_URL && e.REDIS_URL ? { databaseUrl: e.DATABASE_URL, databaseSchema: e.DATABASE_SCHEMA, redisUrl: e.REDIS_URL, redisPrefix: e.REDIS_PREFIX } : null,
    logLevel: e.LOG_LEVEL,
    metricsToken: e.METRICS_TOKEN ?? null,
    trustProxy: e.TRUST_PROXY === "true" ? true : e.TRUST_PROXY === "false" ? false : Number(e.TRUST_PROXY),
    wsPingIntervalMs: e.WS_PING_INTERVAL_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    maxConnections: e.MAX_CONNECTIONS,
    maxConnectionsPerIp: e.MAX_CONNECTIONS_PER_IP,
    rateLimits: {
      joinCodeLookups: e.RATE_LIMIT_JOIN_CODE,
      joins: e.RATE_LIMIT_JOIN,
      workshopCreations: e.RATE_LIMIT_CREATE,
      tokenMints: e.RATE_LIMIT_TOKENS,
      imports: e.RATE_LIMIT_IMPORT
    }
  };
}

// server/createCroiseeServer.ts
import { createServer } from "node:http";

// shared/protocol.ts
var canWrite = (role) => role !== "viewer";
var YJS_PATH = "/yjs";
var MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3
};
var CloseCode = {
  /** A frame that is not a well-formed y-websocket message, or an update Yjs cannot read. */
  badMessage: 4400,
  /** The token stopped being valid (participant removed). */
  unauthorized: 4401,
  /** The document limit was reached. */
  documentTooLarge: 4413,
  /** Too many messages too fast; the client may reconnect after backing off. */
  rateLimited: 4529,
  /** The workshop was deleted by its facilitator. */
  workshopDeleted: 4410,
  /** The room's stored data could not be loaded (damaged storage): retrying will not help. */
  roomUnavailable: 4424,
  /** The server is shutting down; reconnect shortly. */
  serverRestarting: 4503,
  /** An unexpected server fault while handling this connection. */
  internalError: 4500,
  /** Set by `ws` itself when a frame exceeds the server's maxPayload. */
  messageTooBig: 1009
};
var READ_ONLY_REASON = "read-only";

// server/app.ts
import express2 from "express";
import { existsSync } from "node:fs";
import path2 from "node:path";

// server/api/reportRoutes.ts
import express, { Router as Router2 } from "express";

// shared/schema.ts
import * as Y from "yjs";
var NOTE_KINDS = ["idea", "technology", "need", "risk", "question"];
var ROLES = ["facilitator", "commune", "expert", "viewer"];
var JOIN_ROLES = ["commune", "expert", "viewer"];
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
function noteText(note) {
  const text2 = note.get("text");
  return text2 instanceof Y.Text ? text2 : null;
}
function readNote(m) {
  const kind = m.get("kind");
  return {
    id: str(m.get("id")),
    text: noteText(m)?.toString() ?? "",
    x: num(m.get("x")),
    y: num(m.get("y")),
    kind: isNoteKind(kind) ? kind : "idea",
    authorId: str(m.get("authorId")),
    authorName: str(m.get("authorName")),
    createdAt: num(m.get("createdAt"))
  };
}
function readNotes(doc) {
  return [...notesMap(doc).values()].map(readNote).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}
function readQuestion(m) {
  const upvoters = m.get("upvoters");
  return {
    id: str(m.get("id")),
    text: str(m.get("text")),
    authorId: str(m.get("authorId")),
    authorName: str(m.get("authorName")),
    askedAt: num(m.get("askedAt")),
    answered: m.get("answered") === true,
    upvoters: upvoters instanceof Y.Map ? [...upvoters.keys()].sort() : []
  };
}
function readQuestions(doc) {
  return [...questionsMap(doc).values()].map(readQuestion).sort((a, b) => Number(a.answered) - Number(b.answered) || b.upvoters.length - a.upvoters.length || a.askedAt - b.askedAt);
}

// shared/facilitation.ts
var STAGES = ["lobby", "reverse-pitch", "exchange", "ideation", "pitch", "break", "closed"];
var WRITERS = ["everyone", "facilitators"];
var PROJECTOR_MODES = ["overview", "canvas", "questions", "timer"];
var REACTIONS = ["\u{1F44D}", "\u2764\uFE0F", "\u{1F4A1}", "\u{1F44F}", "\u{1F62E}", "\u2753"];
var MAX_VOTE_BUDGET = 50;
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
function timerRemaining(timer, now) {
  switch (timer.status) {
    case "idle":
      return timer.durationMs;
    case "running":
      return Math.max(0, timer.deadline - now);
    case "paused":
      return timer.remainingMs;
  }
}
var VOTER_GROUPS = ["commune", "maker", "researcher", "company", "facilitator"];
function voterGroup(role, community) {
  switch (role) {
    case "expert":
      return community ?? null;
    case "commune":
    case "facilitator":
      return role;
    case "viewer":
      return null;
  }
}
var emptyGroupCounts = () => ({ commune: 0, maker: 0, researcher: 0, company: 0, facilitator: 0 });
function initialFacilitation() {
  const d = STAGE_DEFAULTS.lobby;
  return {
    stage: "lobby",
    projectId: null,
    writers: d.writers,
    privateMode: d.privateMode,
    projector: d.projector,
    timer: { status: "idle", durationMs: d.durationMs },
    chime: true,
    viewport: null,
    spotlight: null,
    vote: null,
    hands: [],
    joinLocked: false,
    shownQuestion: null
  };
}
function publicFacilitation(state, now) {
  const { vote, ...rest } = state;
  let publicVote = null;
  if (vote?.status === "open") {
    const { id: id2, projectId, budget, perItemCap } = vote;
    const voters = Object.values(vote.ballots).filter((ballot) => Object.values(ballot).some((dots) => dots > 0)).length;
    publicVote = { status: "open", id: id2, projectId, budget, perItemCap, voters };
  } else if (vote?.status === "closed") {
    const { id: id2, projectId, budget, perItemCap, results } = vote;
    publicVote = { status: "closed", id: id2, projectId, budget, perItemCap, results };
  }
  return { ...rest, vote: publicVote, serverNow: now };
}
function mayWriteCanvas(role, state) {
  if (role === "viewer") return false;
  if (role === "facilitator") return true;
  return state.writers === "everyone";
}
function tallyVotes(round, closedAt) {
  const items = /* @__PURE__ */ new Map();
  const votersByGroup = emptyGroupCounts();
  let voters = 0;
  for (const [userId, ballot] of Object.entries(round.ballots)) {
    const group = round.groups[userId];
    if (!group) continue;
    let cast = false;
    for (const [itemId, dots] of Object.entries(ballot)) {
      if (dots <= 0) continue;
      cast = true;
      const item = items.get(itemId) ?? { itemId, total: 0, byGroup: emptyGroupCounts() };
      item.total += dots;
      item.byGroup[group] += dots;
      items.set(itemId, item);
    }
    if (cast) {
      voters++;
      votersByGroup[group]++;
    }
  }
  return {
    roundId: round.id,
    projectId: round.projectId,
    voters,
    votersByGroup,
    items: [...items.values()].sort((a, b) => b.total - a.total || a.itemId.localeCompare(b.itemId)),
    closedAt
  };
}

// shared/taxonomy.ts
import * as Y2 from "yjs";

// shared/textDiff.ts
var isHighSurrogate = (c) => c >= 55296 && c <= 56319;
function truncate(text2, max) {
  if (text2.length <= max) return text2;
  const end = max > 0 && isHighSurrogate(text2.charCodeAt(max - 1)) ? max - 1 : max;
  return text2.slice(0, end);
}

// shared/taxonomy.ts
var MAX_TAG_LABEL = 60;
var DEFAULT_TAXONOMY = [
  { id: "sensorsiot", fr: "Capteurs & IoT", nl: "Sensoren & IoT", en: "Sensors & IoT", de: "Sensoren & IoT" },
  { id: "opendata", fr: "Donn\xE9es ouvertes", nl: "Open data", en: "Open data", de: "Offene Daten" },
  { id: "dataplatform", fr: "Plateforme de donn\xE9es", nl: "Dataplatform", en: "Data platform", de: "Datenplattform" },
  { id: "aianalytics", fr: "IA & analyse de donn\xE9es", nl: "AI & data-analyse", en: "AI & analytics", de: "KI & Datenanalyse" },
  { id: "gistwin", fr: "SIG & jumeau num\xE9rique", nl: "GIS & digitale tweeling", en: "GIS & digital twin", de: "GIS & digitaler Zwilling" },
  { id: "mobileapp", fr: "Application mobile", nl: "Mobiele app", en: "Mobile app", de: "Mobile App" },
  {
    id: "citizenplatform",
    fr: "Plateforme de participation citoyenne",
    nl: "Platform voor burgerparticipatie",
    en: "Citizen participation platform",
    de: "Plattform f\xFCr B\xFCrgerbeteiligung"
  },
  {
    id: "connectivity",
    fr: "Connectivit\xE9 (LoRaWAN, 5G, wifi)",
    nl: "Connectiviteit (LoRaWAN, 5G, wifi)",
    en: "Connectivity (LoRaWAN, 5G, wifi)",
    de: "Konnektivit\xE4t (LoRaWAN, 5G, WLAN)"
  },
  { id: "cybersecurity", fr: "Cybers\xE9curit\xE9", nl: "Cyberbeveiliging", en: "Cybersecurity", de: "Cybersicherheit" },
  { id: "energy", fr: "\xC9nergie", nl: "Energie", en: "Energy", de: "Energie" },
  { id: "mobility", fr: "Mobilit\xE9", nl: "Mobiliteit", en: "Mobility", de: "Mobilit\xE4t" },
  { id: "environment", fr: "Environnement & qualit\xE9 de l\u2019air", nl: "Milieu & luchtkwaliteit", en: "Environment & air quality", de: "Umwelt & Luftqualit\xE4t" },
  { id: "smartlighting", fr: "\xC9clairage intelligent", nl: "Slimme verlichting", en: "Smart lighting", de: "Intelligente Beleuchtung" },
  { id: "digitalinclusion", fr: "Inclusion num\xE9rique", nl: "Digitale inclusie", en: "Digital inclusion", de: "Digitale Teilhabe" }
];
var taxonomyMap = (doc) => doc.getMap("taxonomy");
var cleanLabel = (s) => truncate(s.trim(), MAX_TAG_LABEL).trim();
var str2 = (v) => typeof v === "string" ? v : "";
function nextOrder(map) {
  return Math.max(-1, ...[...map.values()].map((t) => Number(t.get("order")) || 0)) + 1;
}
function writeTag(doc, tag, order) {
  const m = new Y2.Map();
  m.set("id", tag.id);
  m.set("fr", cleanLabel(tag.fr));
  m.set("en", cleanLabel(tag.en) || cleanLabel(tag.fr));
  const nl2 = cleanLabel(tag.nl ?? "");
  const de2 = cleanLabel(tag.de ?? "");
  if (nl2) m.set("nl", nl2);
  if (de2) m.set("de", de2);
  m.set("order", order);
  taxonomyMap(doc).set(tag.id, m);
}
function seedTaxonomy(doc, tags = DEFAULT_TAXONOMY, origin) {
  const map = taxonomyMap(doc);
  let added = 0;
  doc.transact(() => {
    for (const tag of tags) {
      if (map.has(tag.id) || !cleanLabel(tag.fr)) continue;
      writeTag(doc, tag, nextOrder(map));
      added++;
    }
  }, origin);
  return added;
}
function readTag(m) {
  const order = m.get("order");
  const nl2 = str2(m.get("nl"));
  const de2 = str2(m.get("de"));
  return {
    id: str2(m.get("id")),
    fr: str2(m.get("fr")),
    en: str2(m.get("en")),
    ...nl2 ? { nl: nl2 } : {},
    ...de2 ? { de: de2 } : {},
    order: typeof order === "number" ? order : 0
  };
}
function readTaxonomy(doc) {
  return [...taxonomyMap(doc).values()].map(readTag).sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}
function labelIn(tag, lang) {
  return tag[lang] || tag.en || tag.fr;
}
function readNoteTagIds(note) {
  const tags = note.get("tags");
  return tags instanceof Y2.Map ? [...tags.keys()].sort() : [];
}

// shared/clusters.ts
import * as Y3 from "yjs";
var CLUSTER_PADDING = 20;
var CLUSTER_HEADER = 40;
var MIN_CLUSTER_WIDTH = NOTE_WIDTH + 2 * CLUSTER_PADDING;
var MIN_CLUSTER_HEIGHT = NOTE_HEIGHT + 2 * CLUSTER_PADDING + CLUSTER_HEADER;
var clustersMap = (doc) => doc.getMap("clusters");
var num2 = (v) => typeof v === "number" && Number.isFinite(v) ? v : 0;
function members(doc, clusterId) {
  return [...notesMap(doc).values()].filter((n) => n.get("clusterId") === clusterId).sort((a, b) => num2(a.get("createdAt")) - num2(b.get("createdAt")) || String(a.get("id")).localeCompare(String(b.get("id"))));
}
function readCluster(doc, m) {
  const id2 = typeof m.get("id") === "string" ? m.get("id") : "";
  return {
    id: id2,
    name: typeof m.get("name") === "string" ? m.get("name") : "",
    x: num2(m.get("x")),
    y: num2(m.get("y")),
    width: num2(m.get("width")),
    height: num2(m.get("height")),
    createdAt: num2(m.get("createdAt")),
    noteIds: members(doc, id2).map((n) => String(n.get("id")))
  };
}
function readClusters(doc) {
  return [...clustersMap(doc).values()].map((m) => readCluster(doc, m)).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

// shared/comments.ts
import * as Y4 from "yjs";
var commentsMap = (doc) => doc.getMap("comments");
var threadsMap = (doc) => doc.getMap("threads");
function parseTargetKey(key) {
  if (key === "project") return { type: "project" };
  const [type, id2, ...rest] = key.split(":");
  if (rest.length > 0 || !id2) return null;
  return type === "note" || type === "cluster" ? { type, id: id2 } : null;
}
var str3 = (v) => typeof v === "string" ? v : "";
var num3 = (v) => typeof v === "number" && Number.isFinite(v) ? v : 0;
function readComment(m) {
  const role = m.get("authorRole");
  const community = m.get("authorCommunity");
  const editedAt = m.get("editedAt");
  return {
    id: str3(m.get("id")),
    target: str3(m.get("target")),
    text: str3(m.get("text")),
    authorId: str3(m.get("authorId")),
    authorName: str3(m.get("authorName")),
    authorRole: ROLES.includes(role) ? role : "viewer",
    authorCommunity: COMMUNITIES.includes(community) ? community : null,
    createdAt: num3(m.get("createdAt")),
    editedAt: typeof editedAt === "number" ? editedAt : null
  };
}
var byCreation = (a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id);
function readThreads(doc) {
  const byTarget = /* @__PURE__ */ new Map();
  for (const m of commentsMap(doc).values()) {
    const c = readComment(m);
    byTarget.set(c.target, [...byTarget.get(c.target) ?? [], c]);
  }
  const threads = [...byTarget].map(([target, comments]) => {
    const state = threadsMap(doc).get(target);
    const resolved = state?.resolved === true;
    return {
      target,
      resolved,
      resolvedBy: resolved ? state.by : null,
      resolvedAt: resolved ? state.at : null,
      comments: comments.sort(byCreation)
    };
  });
  return threads.sort((a, b) => byCreation(a.comments[0], b.comments[0]));
}
function readThreadStates(doc) {
  return [...threadsMap(doc).entries()].filter(([, s]) => s && typeof s === "object").map(([target, s]) => ({ target, resolved: s.resolved === true, by: str3(s.by), at: num3(s.at) })).sort((a, b) => a.target.localeCompare(b.target));
}

// shared/challenges.ts
import * as Y5 from "yjs";
var challengesMap = (doc) => doc.getMap("challenges");
var linkKey = (l) => l.noteId === null ? `p:${l.projectId}` : `n:${l.projectId}:${l.noteId}`;
var str4 = (v) => typeof v === "string" ? v : "";
var num4 = (v) => typeof v === "number" && Number.isFinite(v) ? v : 0;
function resolveWith(next, id2) {
  if (next(id2) === void 0) return null;
  const seen = [];
  let current = id2;
  for (; ; ) {
    seen.push(current);
    const into = next(current);
    if (typeof into !== "string" || next(into) === void 0) return current;
    const loop = seen.indexOf(into);
    if (loop >= 0) return [...seen.slice(loop)].sort()[0];
    current = into;
  }
}
function readChallengeRecord(c) {
  const links = c.get("links");
  const voters = c.get("voters");
  const dots = c.get("dots");
  const source = c.get("source");
  const themeId = c.get("themeId");
  const mergedInto = c.get("mergedInto");
  const mergedAt = c.get("mergedAt");
  const dotEntries = dots instanceof Y5.Map ? [...dots.entries()].sort(([a], [b]) => a.localeCompare(b)) : [];
  return {
    id: str4(c.get("id")),
    title: str4(c.get("title")),
    description: str4(c.get("description")),
    themeId: typeof themeId === "string" ? themeId : null,
    createdBy: str4(c.get("createdBy")),
    createdAt: num4(c.get("createdAt")),
    source: source && typeof source === "object" ? { projectId: str4(source.projectId), noteId: str4(source.noteId) } : null,
    links: links instanceof Y5.Map ? [...links.values()].map((l) => ({ projectId: str4(l.projectId), noteId: typeof l.noteId === "string" ? l.noteId : null })).sort(byLink) : [],
    voters: voters instanceof Y5.Map ? [...voters.keys()].sort() : [],
    dots: Object.fromEntries(dotEntries.map(([k, v]) => [k, num4(v)])),
    mergedInto: typeof mergedInto === "string" ? mergedInto : null,
    mergedAt: typeof mergedAt === "number" ? mergedAt : null
  };
}
var byLink = (a, b) => a.projectId.localeCompare(b.projectId) || (a.noteId ?? "").localeCompare(b.noteId ?? "");
function readChallengeRecords(doc) {
  return [...challengesMap(doc).values()].map(readChallengeRecord).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}
function liveChallenges(records) {
  const byId2 = new Map(records.map((r) => [r.id, r]));
  const groups = /* @__PURE__ */ new Map();
  for (const r of records) {
    const live = resolveWith((i) => byId2.has(i) ? byId2.get(i).mergedInto : void 0, r.id);
    groups.set(live, [...groups.get(live) ?? [], r]);
  }
  return [...groups].map(([liveId, members2]) => {
    const own = byId2.get(liveId);
    const links = /* @__PURE__ */ new Map();
    const voters = /* @__PURE__ */ new Set();
    let dots = 0;
    for (const m of members2) {
      for (const l of m.links) links.set(linkKey(l), l);
      for (const v of m.voters) voters.add(v);
      dots += Object.values(m.dots).reduce((s, d) => s + d, 0);
    }
    const linkList = [...links.values()].sort(byLink);
    return {
      id: own.id,
      title: own.title,
      description: own.description,
      themeId: own.themeId,
      createdBy: own.createdBy,
      createdAt: own.createdAt,
      source: own.source,
      links: linkList,
      projectIds: [...new Set(linkList.map((l) => l.projectId))].sort(),
      voters: [...voters].sort(),
      votes: voters.size,
      dots,
      mergedFrom: members2.filter((m) => m.id !== liveId).map((m) => m.id).sort()
    };
  }).sort(byAge);
}
var byAge = (a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id);
var SORTERS = {
  votes: (a, b) => b.votes - a.votes || b.dots - a.dots || byAge(a, b),
  dots: (a, b) => b.dots - a.dots || b.votes - a.votes || byAge(a, b),
  newest: (a, b) => -byAge(a, b),
  oldest: byAge
};
function queryChallenges(views, query, projectTheme = () => null) {
  return views.filter(
    (v) => (query.projectId === void 0 || v.projectIds.includes(query.projectId)) && (query.themeId === void 0 || v.themeId === query.themeId || v.projectIds.some((p) => projectTheme(p) === query.themeId))
  ).sort(SORTERS[query.sort ?? "votes"]);
}
function readChallenges(doc, query = {}) {
  const projectTheme = (projectId) => {
    const t = projectsMap(doc).get(projectId)?.get("themeId");
    return typeof t === "string" ? t : null;
  };
  return queryChallenges(liveChallenges(readChallengeRecords(doc)), query, projectTheme);
}

// shared/partners.ts
import * as Y6 from "yjs";
var PARTNER_TYPES = ["company", "expert", "funder"];
var PARTNER_OFFERS = ["expertise", "technology", "funding", "pilot-site"];
var partnersMap = (doc) => doc.getMap("partners");
var isType = (v) => PARTNER_TYPES.includes(v);
var cleanOffers = (offers) => PARTNER_OFFERS.filter((o) => offers.includes(o));
var str5 = (v) => typeof v === "string" ? v : "";
function readPartnerInterest(p) {
  const offers = p.get("offers");
  const type = p.get("partnerType");
  const consent = p.get("consent") === true;
  const contact = p.get("contact");
  const createdAt = p.get("createdAt");
  return {
    id: str5(p.get("id")),
    name: str5(p.get("name")),
    organisation: str5(p.get("organisation")),
    partnerType: isType(type) ? type : "company",
    offers: Array.isArray(offers) ? cleanOffers(offers) : [],
    description: str5(p.get("description")),
    consent,
    contact: consent && typeof contact === "string" ? contact : null,
    declaredBy: str5(p.get("declaredBy")),
    createdAt: typeof createdAt === "number" ? createdAt : 0
  };
}
function readPartnerInterests(doc) {
  return [...partnersMap(doc).values()].map(readPartnerInterest).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

// shared/report/exportJson.ts
var WORKSHOP_EXPORT_FORMAT = "croisee.workshop";
var WORKSHOP_EXPORT_VERSION = 1;
var groupCounts = (g) => Object.fromEntries(VOTER_GROUPS.map((k) => [k, Number(g?.[k]) || 0]));
function normalizeVotes(r) {
  return {
    roundId: String(r.roundId),
    projectId: String(r.projectId),
    voters: Number(r.voters) || 0,
    votersByGroup: groupCounts(r.votersByGroup),
    items: (Array.isArray(r.items) ? r.items : []).map((i) => ({ itemId: String(i.itemId), total: Number(i.total) || 0, byGroup: groupCounts(i.byGroup) })),
    closedAt: Number(r.closedAt) || 0
  };
}
var byId = (a, b) => a.id.localeCompare(b.id);
function exportProject(projectId, doc) {
  const notes = [...notesMap(doc).values()].map((m) => {
    const n = readNote(m);
    const clusterId = m.get("clusterId");
    return {
      id: n.id,
      text: n.text,
      x: n.x,
      y: n.y,
      kind: n.kind,
      authorId: n.authorId,
      authorName: n.authorName,
      createdAt: n.createdAt,
      tags: readNoteTagIds(m),
      clusterId: typeof clusterId === "string" ? clusterId : null
    };
  }).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  const comments = readThreads(doc).flatMap((t) => t.comments).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)).map((c) => ({
    id: c.id,
    target: c.target,
    text: c.text,
    authorId: c.authorId,
    authorName: c.authorName,
    authorRole: c.authorRole,
    authorCommunity: c.authorCommunity,
    createdAt: c.createdAt,
    editedAt: c.editedAt
  }));
  return {
    projectId,
    notes,
    clusters: readClusters(doc).map((c) => ({ id: c.id, name: c.name, x: c.x, y: c.y, width: c.width, height: c.height, createdAt: c.createdAt })),
    comments,
    threads: readThreadStates(doc),
    partners: readPartnerInterests(doc).map((p) => ({
      id: p.id,
      name: p.name,
      organisation: p.organisation,
      partnerType: p.partnerType,
      offers: p.offers,
      description: p.description,
      consent: p.consent,
      contact: p.contact,
      declaredBy: p.declaredBy,
      createdAt: p.createdAt
    })),
    questions: readQuestions(doc).sort((a, b) => a.askedAt - b.askedAt || byId(a, b)),
    votes: [...votesMap(doc).values()].filter((r) => r && typeof r === "object").map(normalizeVotes).sort((a, b) => a.closedAt - b.closedAt || a.roundId.localeCompare(b.roundId))
  };
}
function exportWorkshop(workshop, projectDocs, options = {}) {
  const view = readWorkshop(workshop);
  const wanted = options.projectIds ? new Set(options.projectIds) : null;
  const projects = view.projects.filter((p) => !wanted || wanted.has(p.id));
  let challenges = readChallengeRecords(workshop);
  if (wanted) {
    const keep = new Set(readChallenges(workshop).filter((c) => c.projectIds.some((p) => wanted.has(p))).flatMap((c) => [c.id, ...c.mergedFrom]));
    challenges = challenges.filter((c) => keep.has(c.id));
  }
  return {
    format: WORKSHOP_EXPORT_FORMAT,
    version: WORKSHOP_EXPORT_VERSION,
    workshop: {
      title: view.title,
      createdAt: view.createdAt,
      themes: view.themes,
      projects,
      taxonomy: readTaxonomy(workshop),
      challenges
    },
    projects: projects.filter((p) => projectDocs[p.id]).map((p) => exportProject(p.id, projectDocs[p.id]))
  };
}
function workshopJson(data) {
  return `${JSON.stringify(data, null, 2)}
`;
}

// shared/report/reportLabels.ts
var plural = (one, many) => (n) => `${n} ${n === 1 ? one : many}`;
var fr = {
  lang: "fr",
  summary: "R\xE9sum\xE9",
  commune: "Commune",
  theme: "Th\xE8me",
  noTheme: "Sans th\xE8me",
  notes: "Notes",
  components: "Composantes",
  untitled: "Sans titre",
  unclustered: "Hors composante",
  technologyAreas: "Domaines technologiques",
  technologiesFound: "Technologies identifi\xE9es",
  none: "Aucun \xE9l\xE9ment",
  kinds: { idea: "Id\xE9e", technology: "Technologie", need: "Besoin", risk: "Risque", question: "Question" },
  kindPlural: { idea: "Id\xE9es", technology: "Technologies", need: "Besoins", risk: "Risques", question: "Questions" },
  annotations: "Annotations des experts",
  communities: { maker: "Makers", researcher: "Chercheur\xB7euses", company: "Entreprises", other: "Autres participant\xB7es" },
  onProject: "le projet",
  resolved: "r\xE9solu",
  challenges: "D\xE9fis communs",
  votesWord: plural("vote", "votes"),
  dotsWord: plural("point", "points"),
  voters: plural("votant\xB7e", "votant\xB7es"),
  votes: "Votes",
  partners: "Partenaires int\xE9ress\xE9s",
  partnerTypes: { company: "entreprise", expert: "expert\xB7e", funder: "financeur" },
  offers: { expertise: "expertise", technology: "technologie", funding: "financement", "pilot-site": "site pilote" },
  brings: "apporte",
  contact: "Contact",
  projects: "Projets",
  linkedProjects: "Projets",
  notesCount: plural("note", "notes"),
  clustersCount: plural("composante", "composantes"),
  challengesCount: plural("d\xE9fi commun", "d\xE9fis communs"),
  interestsCount: plural("partenaire int\xE9ress\xE9", "partenaires int\xE9ress\xE9s"),
  csv: {
    projectId: "id_projet",
    project: "projet",
    commune: "commune",
    noteId: "id_note",
    kind: "type",
    text: "texte",
    author: "auteur",
    cluster: "composante",
    tags: "technologies",
    dots: "points",
    challenges: "defis_communs",
    comments: "annotations",
    x: "x",
    y: "y",
    createdAt: "cree_le"
  }
};
var nl = {
  lang: "nl",
  summary: "Samenvatting",
  commune: "Gemeente",
  theme: "Thema",
  noTheme: "Geen thema",
  notes: "Notities",
  components: "Onderdelen",
  untitled: "Zonder titel",
  unclustered: "Buiten een onderdeel",
  technologyAreas: "Technologiedomeinen",
  technologiesFound: "Ge\xEFdentificeerde technologie\xEBn",
  none: "Geen",
  kinds: { idea: "Idee", technology: "Technologie", need: "Behoefte", risk: "Risico", question: "Vraag" },
  kindPlural: { idea: "Idee\xEBn", technology: "Technologie\xEBn", need: "Behoeften", risk: "Risico\u2019s", question: "Vragen" },
  annotations: "Opmerkingen van experts",
  communities: { maker: "Makers", researcher: "Onderzoekers", company: "Bedrijven", other: "Andere deelnemers" },
  onProject: "het project",
  resolved: "opgelost",
  challenges: "Gemeenschappelijke uitdagingen",
  votesWord: plural("stem", "stemmen"),
  dotsWord: plural("punt", "punten"),
  voters: plural("stemmer", "stemmers"),
  votes: "Stemming",
  partners: "Ge\xEFnteresseerde partners",
  partnerTypes: { company: "bedrijf", expert: "expert", funder: "financier" },
  offers: { expertise: "expertise", technology: "technologie", funding: "financiering", "pilot-site": "proeflocatie" },
  brings: "brengt",
  contact: "Contact",
  projects: "Projecten",
  linkedProjects: "Projecten",
  notesCount: plural("notitie", "notities"),
  clustersCount: plural("onderdeel", "onderdelen"),
  challengesCount: plural("gemeenschappelijke uitdaging", "gemeenschappelijke uitdagingen"),
  interestsCount: plural("ge\xEFnteresseerde partner", "ge\xEFnteresseerde partners"),
  csv: {
    projectId: "project_id",
    project: "project",
    commune: "gemeente",
    noteId: "notitie_id",
    kind: "soort",
    text: "tekst",
    author: "auteur",
    cluster: "onderdeel",
    tags: "technologieen",
    dots: "punten",
    challenges: "gemeenschappelijke_uitdagingen",
    comments: "opmerkingen",
    x: "x",
    y: "y",
    createdAt: "aangemaakt_op"
  }
};
var en = {
  lang: "en",
  summary: "Summary",
  commune: "Municipality",
  theme: "Theme",
  noTheme: "No theme",
  notes: "Notes",
  components: "Components",
  untitled: "Untitled",
  unclustered: "Not in a component",
  technologyAreas: "Technology areas",
  technologiesFound: "Technologies identified",
  none: "None",
  kinds: { idea: "Idea", technology: "Technology", need: "Need", risk: "Risk", question: "Question" },
  kindPlural: { idea: "Ideas", technology: "Technologies", need: "Needs", risk: "Risks", question: "Questions" },
  annotations: "Expert annotations",
  communities: { maker: "Makers", researcher: "Researchers", company: "Companies", other: "Other participants" },
  onProject: "the project",
  resolved: "resolved",
  challenges: "Common challenges",
  votesWord: plural("vote", "votes"),
  dotsWord: plural("dot", "dots"),
  voters: plural("voter", "voters"),
  votes: "Votes",
  partners: "Interested partners",
  partnerTypes: { company: "company", expert: "expert", funder: "funder" },
  offers: { expertise: "expertise", technology: "technology", funding: "funding", "pilot-site": "pilot site" },
  brings: "brings",
  contact: "Contact",
  projects: "Projects",
  linkedProjects: "Projects",
  notesCount: plural("note", "notes"),
  clustersCount: plural("component", "components"),
  challengesCount: plural("common challenge", "common challenges"),
  interestsCount: plural("interested partner", "interested partners"),
  csv: {
    projectId: "project_id",
    project: "project",
    commune: "municipality",
    noteId: "note_id",
    kind: "kind",
    text: "text",
    author: "author",
    cluster: "component",
    tags: "technologies",
    dots: "dots",
    challenges: "common_challenges",
    comments: "annotations",
    x: "x",
    y: "y",
    createdAt: "created_at"
  }
};
var de = {
  lang: "de",
  summary: "Zusammenfassung",
  commune: "Gemeinde",
  theme: "Thema",
  noTheme: "Ohne Thema",
  notes: "Notizen",
  components: "Bausteine",
  untitled: "Ohne Titel",
  unclustered: "Keinem Baustein zugeordnet",
  technologyAreas: "Technologiebereiche",
  technologiesFound: "Ermittelte Technologien",
  none: "Keine",
  kinds: { idea: "Idee", technology: "Technologie", need: "Bedarf", risk: "Risiko", question: "Frage" },
  kindPlural: { idea: "Ideen", technology: "Technologien", need: "Bedarfe", risk: "Risiken", question: "Fragen" },
  annotations: "Anmerkungen der Fachleute",
  communities: { maker: "Maker", researcher: "Forschende", company: "Unternehmen", other: "Weitere Teilnehmende" },
  onProject: "das Projekt",
  resolved: "erledigt",
  challenges: "Gemeinsame Herausforderungen",
  votesWord: plural("Stimme", "Stimmen"),
  dotsWord: plural("Punkt", "Punkte"),
  voters: plural("abstimmende Person", "abstimmende Personen"),
  votes: "Abstimmung",
  partners: "Interessierte Partner",
  partnerTypes: { company: "Unternehmen", expert: "Fachperson", funder: "Geldgeber" },
  offers: { expertise: "Fachwissen", technology: "Technologie", funding: "Finanzierung", "pilot-site": "Pilotstandort" },
  brings: "bringt ein",
  contact: "Kontakt",
  projects: "Projekte",
  linkedProjects: "Projekte",
  notesCount: plural("Notiz", "Notizen"),
  clustersCount: plural("Baustein", "Bausteine"),
  challengesCount: plural("gemeinsame Herausforderung", "gemeinsame Herausforderungen"),
  interestsCount: plural("interessierter Partner", "interessierte Partner"),
  csv: {
    projectId: "projekt_id",
    project: "projekt",
    commune: "gemeinde",
    noteId: "notiz_id",
    kind: "typ",
    text: "text",
    author: "autor",
    cluster: "baustein",
    tags: "technologien",
    dots: "punkte",
    challenges: "gemeinsame_herausforderungen",
    comments: "anmerkungen",
    x: "x",
    y: "y",
    createdAt: "erstellt_am"
  }
};
var REPORT_LABELS = { fr, nl, en, de };
var isReportLang = (v) => typeof v === "string" && Object.keys(REPORT_LABELS).includes(v);

// shared/report/projectMarkdown.ts
var inline = (text2) => text2.replace(/\s+/g, " ").trim();
var excerpt = (text2, max = 60) => {
  const t = inline(text2);
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}\u2026`;
};
function tagLabels(exp, tagIds, labels) {
  const wanted = new Set(tagIds);
  return exp.workshop.taxonomy.filter((t) => wanted.has(t.id)).map((t) => labelIn(t, labels.lang));
}
var colon = (labels) => labels.lang === "fr" ? " : " : ": ";
var quote = (labels, s) => labels.lang === "fr" ? `\xAB ${s} \xBB` : labels.lang === "de" ? `\u201E${s}\u201C` : `\u201C${s}\u201D`;
function latestDots(project) {
  const latest = [...project.votes].sort((a, b) => b.closedAt - a.closedAt)[0];
  return new Map((latest?.items ?? []).map((i) => [i.itemId, i]));
}
function noteList(notes, labels) {
  const out = [];
  for (const kind of NOTE_KINDS) {
    const ofKind = notes.filter((n) => n.kind === kind && inline(n.text));
    if (ofKind.length === 0) continue;
    out.push(`**${labels.kindPlural[kind]}**`, "", ...ofKind.map((n) => `- ${inline(n.text)}`), "");
  }
  return out;
}
function projectMarkdown(exp, projectId, labels = fr) {
  const info = exp.workshop.projects.find((p) => p.id === projectId);
  const project = exp.projects.find((p) => p.projectId === projectId);
  if (!info || !project) return "";
  const c = colon(labels);
  const theme = exp.workshop.themes.find((t) => t.id === info.themeId)?.name ?? labels.noTheme;
  const clusterIds = new Set(project.clusters.map((k) => k.id));
  const lines = [`# ${inline(info.name) || labels.untitled}`, ""];
  lines.push(`## ${labels.summary}`, "");
  lines.push(`- **${labels.commune}**${c}${inline(info.commune) || "\u2014"}`);
  lines.push(`- **${labels.theme}**${c}${theme}`);
  lines.push(`- **${labels.notes}**${c}${labels.notesCount(project.notes.length)}, ${labels.clustersCount(project.clusters.length)}`, "");
  lines.push(`## ${labels.components}`, "");
  const sections = [
    ...project.clusters.map((k) => ({ title: inline(k.name) || labels.untitled, notes: project.notes.filter((n) => n.clusterId === k.id) })),
    { title: labels.unclustered, notes: project.notes.filter((n) => n.clusterId === null || !clusterIds.has(n.clusterId)) }
  ].filter((s, i) => i < project.clusters.length || s.notes.length > 0);
  if (sections.length === 0) lines.push(`_${labels.none}_`, "");
  for (const section of sections) {
    lines.push(`### ${section.title}`, "");
    const techs = tagLabels(exp, section.notes.flatMap((n) => n.tags), labels);
    lines.push(`**${labels.technologyAreas}**${c}${techs.length > 0 ? techs.join(", ") : "\u2014"}`, "");
    lines.push(...noteList(section.notes, labels));
  }
  lines.push(`## ${labels.technologiesFound}`, "");
  const tagCounts = exp.workshop.taxonomy.map((t) => ({ label: labelIn(t, labels.lang), count: project.notes.filter((n) => n.tags.includes(t.id)).length })).filter((t) => t.count > 0).sort((a, b) => b.count - a.count);
  lines.push(...tagCounts.length > 0 ? tagCounts.map((t) => `- ${t.label} (${labels.notesCount(t.count)})`) : [`_${labels.none}_`], "");
  lines.push(`## ${labels.annotations}`, "");
  const resolved = new Set(project.threads.filter((t) => t.resolved).map((t) => t.target));
  const targetLabel = (key) => {
    const target = parseTargetKey(key);
    if (target?.type === "note") return quote(labels, excerpt(project.notes.find((n) => n.id === target.id)?.text ?? ""));
    if (target?.type === "cluster") return quote(labels, inline(project.clusters.find((k) => k.id === target.id)?.name ?? ""));
    return labels.onProject;
  };
  const groups = [...COMMUNITIES, "other"];
  let anyComment = false;
  for (const group of groups) {
    const comments = project.comments.filter((m) => (m.authorRole === "expert" && m.authorCommunity ? m.authorCommunity : "other") === group);
    if (comments.length === 0) continue;
    anyComment = true;
    lines.push(`### ${labels.communities[group]}`, "");
    for (const m of comments) {
      const done2 = resolved.has(m.target) ? ` _(${labels.resolved})_` : "";
      lines.push(`- **${inline(m.authorName)}**, ${targetLabel(m.target)}${c}${inline(m.text)}${done2}`);
    }
    lines.push("");
  }
  if (!anyComment) lines.push(`_${labels.none}_`, "");
  lines.push(`## ${labels.challenges}`, "");
  const challenges = queryChallenges(liveChallenges(exp.workshop.challenges), { projectId, sort: "votes" });
  lines.push(
    ...challenges.length > 0 ? challenges.map((ch) => `- **${inline(ch.title)}** \u2014 ${labels.votesWord(ch.votes)}${ch.dots > 0 ? `, ${labels.dotsWord(ch.dots)}` : ""}`) : [`_${labels.none}_`],
    ""
  );
  lines.push(`## ${labels.votes}`, "");
  const latest = [...project.votes].sort((a, b) => b.closedAt - a.closedAt)[0];
  const voted = (latest?.items ?? []).filter((i) => i.total > 0 && project.notes.some((n) => n.id === i.itemId));
  if (!latest || voted.length === 0) lines.push(`_${labels.none}_`, "");
  else {
    lines.push(`${labels.voters(latest.voters)}`, "");
    for (const item of voted) {
      const note = project.notes.find((n) => n.id === item.itemId);
      const byLabel = /* @__PURE__ */ new Map();
      for (const g of ["maker", "researcher", "company", "commune", "facilitator"]) {
        const label = g === "commune" ? labels.commune : labels.communities[g === "facilitator" ? "other" : g];
        if (item.byGroup[g] > 0) byLabel.set(label, (byLabel.get(label) ?? 0) + item.byGroup[g]);
      }
      const detail = [...byLabel].map(([label, n]) => `${label} ${n}`).join(", ");
      lines.push(`- ${excerpt(note.text, 120)} \u2014 ${labels.dotsWord(item.total)} (${detail})`);
    }
    lines.push("");
  }
  lines.push(`## ${labels.partners}`, "");
  if (project.partners.length === 0) lines.push(`_${labels.none}_`, "");
  for (const p of project.partners) {
    const who = [inline(p.name), inline(p.organisation)].filter(Boolean).join(", ");
    const offers = p.offers.map((o) => labels.offers[o]).join(", ");
    const parts = [`**${who}** (${labels.partnerTypes[p.partnerType]})`];
    if (offers) parts.push(`${labels.brings}${c}${offers}`);
    if (inline(p.description)) parts.push(inline(p.description));
    if (p.consent && p.contact) parts.push(`${labels.contact}${c}${inline(p.contact)}`);
    lines.push(`- ${parts.join(" \u2014 ")}`);
  }
  if (project.partners.length > 0) lines.push("");
  return `${lines.join("\n").replace(/\n+$/, "")}
`;
}

// shared/report/notesCsv.ts
function csvField(value) {
  let s = String(value);
  if (/^[=+@\t\r]/.test(s) || /^-[^\d\s.]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
var csvRow = (fields) => fields.map(csvField).join(",");
function notesCsv(exp, options = {}) {
  const labels = options.labels ?? fr;
  const h = labels.csv;
  const rows = [
    csvRow([h.projectId, h.project, h.commune, h.noteId, h.kind, h.text, h.author, h.cluster, h.tags, h.dots, h.challenges, h.comments, h.x, h.y, h.createdAt])
  ];
  const challenges = liveChallenges(exp.workshop.challenges);
  for (const info of exp.workshop.projects) {
    if (options.projectIds && !options.projectIds.includes(info.id)) continue;
    const project = exp.projects.find((p) => p.projectId === info.id);
    if (!project) continue;
    const dots = latestDots(project);
    for (const note of project.notes) {
      const cluster2 = project.clusters.find((k) => k.id === note.clusterId)?.name ?? "";
      const linked = challenges.filter((ch) => ch.links.some((l) => l.projectId === info.id && l.noteId === note.id)).map((ch) => ch.title);
      const comments = project.comments.filter((m) => m.target === `note:${note.id}`).length;
      rows.push(
        csvRow([
          info.id,
          info.name,
          info.commune,
          note.id,
          labels.kinds[note.kind],
          note.text,
          note.authorName,
          cluster2,
          tagLabels(exp, note.tags, labels).join("; "),
          dots.get(note.id)?.total ?? 0,
          linked.join("; "),
          comments,
          note.x,
          note.y,
          new Date(note.createdAt).toISOString()
        ])
      );
    }
  }
  return `${options.bom ? "\uFEFF" : ""}${rows.join("\r\n")}\r
`;
}

// shared/report/workshopMarkdown.ts
function workshopMarkdown(exp, labels = fr) {
  const c = labels.lang === "fr" ? " : " : ": ";
  const w = exp.workshop;
  const challenges = queryChallenges(liveChallenges(w.challenges), { sort: "votes" });
  const projectName = (id2) => inline(w.projects.find((p) => p.id === id2)?.name ?? "") || id2;
  const inWorkshopOrder = (ids) => w.projects.map((p) => p.id).filter((id2) => ids.includes(id2));
  const content = (id2) => exp.projects.find((p) => p.projectId === id2);
  const lines = [`# ${inline(w.title) || labels.untitled}`, ""];
  lines.push(`## ${labels.projects}`, "");
  const themeIds = new Set(w.themes.map((t) => t.id));
  const groups = [
    ...w.themes.map((t) => ({ title: inline(t.name), projects: w.projects.filter((p) => p.themeId === t.id) })),
    { title: labels.noTheme, projects: w.projects.filter((p) => p.themeId === null || !themeIds.has(p.themeId)) }
  ].filter((g) => g.projects.length > 0);
  if (groups.length === 0) lines.push(`_${labels.none}_`, "");
  for (const group of groups) {
    lines.push(`### ${group.title}`, "");
    for (const p of group.projects) {
      const data = content(p.id);
      const linked = challenges.filter((ch) => ch.projectIds.includes(p.id)).length;
      const facts = [
        ...data ? [labels.notesCount(data.notes.length), labels.clustersCount(data.clusters.length)] : [],
        labels.challengesCount(linked)
      ];
      const commune = inline(p.commune) ? ` (${inline(p.commune)})` : "";
      lines.push(`- **${inline(p.name) || labels.untitled}**${commune} \u2014 ${facts.join(", ")}`);
    }
    lines.push("");
  }
  lines.push(`## ${labels.challenges}`, "");
  if (challenges.length === 0) lines.push(`_${labels.none}_`, "");
  challenges.forEach((ch, i) => {
    const score = [labels.votesWord(ch.votes), ...ch.dots > 0 ? [labels.dotsWord(ch.dots)] : []].join(", ");
    lines.push(`${i + 1}. **${inline(ch.title)}** \u2014 ${score}`);
    if (inline(ch.description)) lines.push(`   ${inline(ch.description)}`);
    if (ch.projectIds.length > 0) lines.push(`   ${labels.linkedProjects}${c}${inWorkshopOrder(ch.projectIds).map(projectName).join(", ")}`);
  });
  if (challenges.length > 0) lines.push("");
  lines.push(`## ${labels.technologiesFound}`, "");
  const notes = exp.projects.flatMap((p) => p.notes);
  const techs = w.taxonomy.map((t) => ({
    label: labelIn(t, labels.lang),
    count: notes.filter((n) => n.tags.includes(t.id)).length,
    projects: exp.projects.filter((p) => p.notes.some((n) => n.tags.includes(t.id))).map((p) => projectName(p.projectId))
  })).filter((t) => t.count > 0).sort((a, b) => b.count - a.count);
  lines.push(...techs.length > 0 ? techs.map((t) => `- ${t.label} \u2014 ${labels.notesCount(t.count)} (${t.projects.join(", ")})`) : [`_${labels.none}_`], "");
  lines.push(`## ${labels.partners}`, "");
  const interests = exp.projects.filter((p) => p.partners.length > 0);
  if (interests.length === 0) lines.push(`_${labels.none}_`, "");
  for (const p of interests) lines.push(`- **${projectName(p.projectId)}**${c}${labels.interestsCount(p.partners.length)}`);
  return `${lines.join("\n").replace(/\n+$/, "")}
`;
}

// shared/similarity.ts
var FRENCH_STOP_WORDS = "a au aux avec ce ces cet cette ceci cela ca dans de des du d elle elles en est et etre eux il ils je j la le les l leur leurs lui ma mais me meme mes moi mon ne n nos notre nous on ou o\xF9 par pas pour qu que qui quoi sa se ses si son sont sur ta te tes toi ton tu un une unes uns vos votre vous y c s t m plus tres tout tous toute toutes sans sous entre comme donc ni car afin ainsi chez vers via etc".split(" ");
var ENGLISH_STOP_WORDS = "a an and are as at be been but by can for from has have how if in into is it its of on or our so such than that the their them then there these they this to too was we were what when where which while who will with you your not no do does".split(" ");
var STOP_WORDS = /* @__PURE__ */ new Set([...FRENCH_STOP_WORDS, ...ENGLISH_STOP_WORDS]);
function normalizeText(text2) {
  return text2.toLowerCase().replace(/œ/g, "oe").replace(/æ/g, "ae").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, " ").trim();
}
var SUFFIXES = [
  ["issement", ""],
  ["atrice", ""],
  ["ateur", ""],
  ["ation", ""],
  ["ition", ""],
  ["ement", ""],
  ["ment", ""],
  ["ite", "it"],
  ["ity", "it"],
  ["iti", "it"],
  ["ique", "iq"],
  ["ic", "iq"],
  ["isme", "ism"],
  ["ism", "ism"],
  ["iste", "ist"],
  ["ist", "ist"],
  ["able", ""],
  ["ible", ""],
  ["euse", ""],
  ["eur", ""],
  ["ive", "iv"],
  ["ie", "i"],
  ["y", "i"],
  ["ness", ""],
  ["ing", ""],
  ["er", ""],
  ["ed", ""],
  ["ly", ""],
  ["e", ""]
].map(([s, r]) => [s, r]).sort((a, b) => b[0].length - a[0].length);
var MIN_STEM = 3;
function stem(word) {
  let w = word;
  if (w.length > 4 && w.endsWith("eaux")) w = w.slice(0, -1);
  else if (w.length > 4 && w.endsWith("aux")) w = `${w.slice(0, -3)}al`;
  else if (w.length > 3 && (w.endsWith("x") || w.endsWith("s") && !w.endsWith("ss"))) w = w.slice(0, -1);
  for (const [suffix, replacement] of SUFFIXES) {
    if (w.endsWith(suffix) && w.length - suffix.length >= MIN_STEM) {
      w = w.slice(0, -suffix.length) + replacement;
      break;
    }
  }
  return w;
}
function terms(text2) {
  const out = [];
  for (const token of normalizeText(text2).split(" ")) {
    if (token.length < 2 || STOP_WORDS.has(token)) continue;
    out.push(/^\d+$/.test(token) ? token : stem(token));
  }
  return out;
}

// shared/search.ts
var nowhere = { projectId: null, noteId: null, clusterId: null, challengeId: null, commentId: null };
function buildSearchEntries(workshop, projectDocs) {
  const entries = [];
  for (const c of readChallenges(workshop, { sort: "oldest" })) {
    entries.push({ kind: "challenge", id: c.id, text: [c.title, c.description].filter(Boolean).join("\n"), location: { ...nowhere, challengeId: c.id } });
  }
  const projectIds = readWorkshop(workshop).projects.map((p) => p.id).filter((id2) => projectDocs[id2]);
  for (const projectId of projectIds) {
    const doc = projectDocs[projectId];
    for (const n of readNotes(doc)) entries.push({ kind: "note", id: n.id, text: n.text, location: { ...nowhere, projectId, noteId: n.id } });
    for (const c of readClusters(doc)) entries.push({ kind: "cluster", id: c.id, text: c.name, location: { ...nowhere, projectId, clusterId: c.id } });
    for (const thread of readThreads(doc)) {
      const target = parseTargetKey(thread.target);
      for (const c of thread.comments) {
        entries.push({
          kind: "comment",
          id: c.id,
          text: c.text,
          location: {
            ...nowhere,
            projectId,
            noteId: target?.type === "note" ? target.id : null,
            clusterId: target?.type === "cluster" ? target.id : null,
            commentId: c.id
          }
        });
      }
    }
  }
  return entries;
}
var KIND_RANK = { challenge: 0, note: 1, cluster: 2, comment: 3 };
var PREFIX_WEIGHT = 0.5;
function search(entries, query, options = {}) {
  const queryTerms = [...new Set(terms(query))];
  if (queryTerms.length === 0) return [];
  const pool = entries.filter(
    (e) => (!options.kinds || options.kinds.includes(e.kind)) && (options.projectId === void 0 || e.location.projectId === options.projectId)
  );
  const entryTerms = pool.map((e) => terms(e.text));
  const idf = (q) => {
    const df = entryTerms.filter((ts) => ts.some((t) => t.startsWith(q))).length;
    return Math.log((pool.length + 1) / (df + 1)) + 1;
  };
  const idfs = new Map(queryTerms.map((q) => [q, idf(q)]));
  const phrase = normalizeText(query);
  const hits = [];
  pool.forEach((entry, i) => {
    const ts = entryTerms[i];
    if (ts.length === 0) return;
    let score = 0;
    for (const q of queryTerms) {
      const exact = ts.filter((t) => t === q).length;
      const prefix = exact > 0 ? 0 : ts.filter((t) => t.startsWith(q)).length;
      if (exact === 0 && prefix === 0) return;
      const weight = exact > 0 ? 1 + Math.log(exact) : PREFIX_WEIGHT * (1 + Math.log(prefix));
      score += weight * idfs.get(q);
    }
    score /= Math.sqrt(ts.length);
    if (phrase && normalizeText(entry.text).includes(phrase)) score += 1;
    hits.push({ ...entry, score: Math.round(score * 1e6) / 1e6 });
  });
  hits.sort((a, b) => b.score - a.score || KIND_RANK[a.kind] - KIND_RANK[b.kind] || a.id.localeCompare(b.id));
  return options.limit === void 0 ? hits : hits.slice(0, options.limit);
}

// server/auth.ts
import { createHash, randomBytes } from "node:crypto";
function newToken() {
  return randomBytes(32).toString("base64url");
}
function hashToken(token) {
  return createHash("sha256").update(token).digest("hex");
}
async function authenticate(registry, token) {
  if (!token || token.length > 200) return null;
  const participant = await registry.findParticipantByTokenHash(hashToken(token));
  if (!participant) return null;
  return {
    userId: participant.userId,
    workshopId: participant.workshopId,
    name: participant.name,
    role: participant.role,
    community: participant.community
  };
}

// server/api/requestAuth.ts
function sendError(res, status, error, message, field) {
  const body = field ? { error, message, field } : { error, message };
  res.status(status).json(body);
}
var bearer = (req) => {
  const header = req.get("authorization") ?? "";
  return header.startsWith("Bearer ") ? header.slice(7).trim() : null;
};
async function requireMember(registry, req, res, opts = {}) {
  const me = await authenticate(registry, bearer(req));
  if (!me) {
    sendError(res, 401, "unauthorized", "Missing or invalid token.");
    return null;
  }
  if (me.workshopId !== req.params.id) {
    sendError(res, 403, "forbidden", "This token is for another workshop.");
    return null;
  }
  if (opts.facilitator && me.role !== "facilitator") {
    sendError(res, 403, "forbidden", "Only a facilitator of this workshop can do this.");
    return null;
  }
  return me;
}

// server/api/workshopRoutes.ts
import { Router } from "express";
import * as Y9 from "yjs";

// shared/ids.ts
var ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
var JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
var ID_PATTERN = /^[a-z0-9]{6,32}$/;
var JOIN_CODE_PATTERN = /^[A-HJ-NP-Z2-9]{6}$/;
function randomString(alphabet, length) {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let out = "";
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}
function newId(length = 12) {
  return randomString(ID_ALPHABET, length);
}
function newJoinCode() {
  return randomString(JOIN_CODE_ALPHABET, 6);
}
function normalizeJoinCode(input) {
  return input.toUpperCase().replace(/[\s-]/g, "");
}

// shared/rooms.ts
function workshopRoom(workshopId) {
  return workshopId;
}
function projectRoom(workshopId, projectId) {
  return `${workshopId}.${projectId}`;
}
var privateRoomPrefix = (workshopId, projectId) => `${workshopId}.${projectId}.`;
function parseRoom(name2) {
  const parts = name2.split(".");
  if (parts.length === 1 && ID_PATTERN.test(parts[0])) return { kind: "workshop", workshopId: parts[0] };
  if (parts.length === 2 && ID_PATTERN.test(parts[0]) && ID_PATTERN.test(parts[1])) {
    return { kind: "project", workshopId: parts[0], projectId: parts[1] };
  }
  if (parts.length === 3 && parts.every((p) => ID_PATTERN.test(p))) {
    return { kind: "private", workshopId: parts[0], projectId: parts[1], userId: parts[2] };
  }
  return null;
}

// shared/validate.ts
import { z as z2 } from "zod";
var name = z2.string().trim().min(1, "required").max(60, "too long (60 characters max)");
var WORKSHOP_TEMPLATES = ["blank", "regards-croises"];
var createWorkshopBody = z2.object({
  title: z2.string().trim().min(1, "required").max(MAX_TITLE, `too long (${MAX_TITLE} characters max)`),
  name: name.optional(),
  template: z2.enum(WORKSHOP_TEMPLATES).optional()
});
var joinBody = z2.object({
  joinCode: z2.string().transform(normalizeJoinCode).pipe(z2.string().regex(JOIN_CODE_PATTERN, "must be 6 letters or digits")),
  name,
  role: z2.enum(JOIN_ROLES),
  community: z2.enum(COMMUNITIES).optional()
}).refine((b) => b.role === "expert" || b.community === void 0, {
  path: ["community"],
  message: "only experts have a community"
}).refine((b) => b.role !== "expert" || b.community !== void 0, {
  path: ["community"],
  message: "required for experts (maker, researcher or company)"
});
function firstIssue(error) {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join(".") || "body";
  return { field, message: `${field}: ${issue?.message ?? "invalid"}` };
}
var tokenBody = z2.object({
  role: z2.enum(["facilitator", "viewer"]),
  name
});

// server/workshopSeed.ts
import * as Y8 from "yjs";

// shared/operations.ts
import * as Y7 from "yjs";
var clampCoord = (v) => Math.max(-CANVAS_LIMIT, Math.min(CANVAS_LIMIT, Number.isFinite(v) ? v : 0));
var cleanTitle = (s) => truncate(s.trim(), MAX_TITLE).trim();
function initWorkshop(doc, args) {
  doc.transact(() => {
    const meta = metaMap(doc);
    meta.set("title", cleanTitle(args.title));
    meta.set("createdAt", args.createdAt);
    args.themes.forEach((theme, order) => addThemeIn(doc, { ...theme, order }));
  });
}
function addThemeIn(doc, args) {
  const theme = new Y7.Map();
  theme.set("id", args.id);
  theme.set("name", cleanTitle(args.name));
  theme.set("order", args.order);
  themesMap(doc).set(args.id, theme);
}
function addProject(doc, args) {
  doc.transact(() => {
    const projects = projectsMap(doc);
    const order = Math.max(-1, ...[...projects.values()].map((p) => Number(p.get("order")) || 0)) + 1;
    const project = new Y7.Map();
    project.set("id", args.id);
    project.set("name", cleanTitle(args.name));
    project.set("commune", cleanTitle(args.commune ?? ""));
    project.set("themeId", args.themeId);
    project.set("order", order);
    project.set("createdAt", args.createdAt);
    projects.set(args.id, project);
  });
}
function addNote(doc, args) {
  doc.transact(() => {
    const note = new Y7.Map();
    note.set("id", args.id);
    note.set("text", new Y7.Text(truncate(args.text ?? "", MAX_NOTE_TEXT)));
    note.set("x", clampCoord(args.x));
    note.set("y", clampCoord(args.y));
    note.set("kind", isNoteKind(args.kind) ? args.kind : "idea");
    note.set("authorId", args.authorId);
    note.set("authorName", args.authorName);
    note.set("createdAt", args.createdAt);
    note.set("tags", new Y7.Map());
    notesMap(doc).set(args.id, note);
  });
}
function revealNotes(doc, drafts, args) {
  const notes = notesMap(doc);
  let added = 0;
  doc.transact(() => {
    for (const draft of drafts) {
      if (notes.has(draft.id)) continue;
      addNote(doc, {
        ...draft,
        authorId: args.anonymous ? "" : draft.authorId,
        authorName: args.anonymous ? args.anonymousName : draft.authorName
      });
      added++;
    }
  });
  return added;
}
function clearNotes(doc) {
  const notes = notesMap(doc);
  doc.transact(() => {
    for (const id2 of [...notes.keys()]) notes.delete(id2);
  });
}
function addQuestion(doc, args) {
  doc.transact(() => {
    const q = new Y7.Map();
    q.set("id", args.id);
    q.set("text", truncate(args.text.trim(), MAX_QUESTION_LENGTH).trim());
    q.set("authorId", args.authorId);
    q.set("authorName", args.authorName);
    q.set("askedAt", args.askedAt);
    q.set("answered", false);
    q.set("upvoters", new Y7.Map());
    questionsMap(doc).set(args.id, q);
  });
}
function toggleQuestionUpvote(doc, questionId, userId) {
  const upvoters = questionsMap(doc).get(questionId)?.get("upvoters");
  if (!(upvoters instanceof Y7.Map)) return false;
  doc.transact(() => {
    if (upvoters.has(userId)) upvoters.delete(userId);
    else upvoters.set(userId, true);
  });
  return true;
}
function setQuestionAnswered(doc, questionId, answered) {
  const q = questionsMap(doc).get(questionId);
  if (!q) return false;
  doc.transact(() => q.set("answered", answered));
  return true;
}
function recordVoteResults(doc, results) {
  doc.transact(() => votesMap(doc).set(results.roundId, results));
}

// server/workshopSeed.ts
var DEMO_TITLE = "Regards crois\xE9s sur la SmartCity";
var REGARDS_CROISES_THEMES = [
  "Implication citoyenne dans les projets locaux",
  "Technologie et donn\xE9es dans l\u2019espace public",
  "Dynamique des centres-villes"
];
var TEMPLATES = {
  blank: { themes: [], projects: [] },
  "regards-croises": { themes: REGARDS_CROISES_THEMES, projects: [] }
};
var DEMO_SEED = {
  themes: REGARDS_CROISES_THEMES,
  projects: [
    { name: "Andenne", commune: "Andenne", theme: 0 },
    { name: "Beauraing", commune: "Beauraing", theme: 2 },
    { name: "Ciney", commune: "Ciney", theme: 2 },
    { name: "Dinant", commune: "Dinant", theme: 1 },
    { name: "Gembloux", commune: "Gembloux", theme: 0 },
    { name: "Marche-en-Famenne", commune: "Marche-en-Famenne", theme: 1 },
    { name: "Namur", commune: "Namur", theme: 1 }
  ]
};
function createWorkshopDocument(args) {
  const doc = new Y8.Doc();
  const themes = args.seed.themes.map((name2) => ({ id: newId(8), name: name2 }));
  initWorkshop(doc, { title: args.title, createdAt: args.createdAt, themes });
  seedTaxonomy(doc);
  for (const project of args.seed.projects) {
    addProject(doc, {
      id: newId(8),
      name: project.name,
      commune: project.commune,
      themeId: themes[project.theme]?.id ?? null,
      createdAt: args.createdAt
    });
  }
  return doc;
}

// server/api/workshopRoutes.ts
var DEFAULT_FACILITATOR_NAME = "Animateur\xB7rice";
async function createWorkshopFromDocs(storage2, args) {
  const id2 = newId();
  let workshop = null;
  for (let attempt = 0; attempt < 10 && !workshop; attempt++) {
    const candidate = { id: id2, title: args.title, joinCode: newJoinCode(), createdAt: args.now };
    if (!await storage2.registry.findWorkshopByJoinCode(candidate.joinCode)) workshop = candidate;
  }
  if (!workshop) throw new Error("could not draw a free join code");
  await storage2.docs.append(workshopRoom(id2), args.workshopState);
  for (const [projectId, state] of Object.entries(args.projectStates ?? {})) {
    await new Promise((resolve) => setImmediate(resolve));
    await storage2.docs.append(projectRoom(id2, projectId), state);
  }
  await storage2.registry.createWorkshop(workshop);
  const facilitatorToken = newToken();
  const userId = newId();
  await storage2.registry.addParticipant(
    { userId, workshopId: id2, name: args.facilitatorName, role: "facilitator", community: null, createdAt: args.now },
    hashToken(facilitatorToken)
  );
  return { id: id2, joinCode: workshop.joinCode, facilitatorToken, userId };
}
async function createWorkshop(storage2, args) {
  const workshopDoc = createWorkshopDocument({ title: args.title, createdAt: args.now, seed: args.seed });
  try {
    return await createWorkshopFromDocs(storage2, { ...args, workshopState: Y9.encodeStateAsUpdate(workshopDoc) });
  } finally {
    workshopDoc.destroy();
  }
}
function workshopRoutes(storage2, isJoinLocked) {
  const router = Router();
  const { registry } = storage2;
  router.post("/workshops", async (req, res) => {
    const parsed = createWorkshopBody.safeParse(req.body);
    if (!parsed.success) {
      const { field, message } = firstIssue(parsed.error);
      return sendError(res, 400, "invalid_body", message, field);
    }
    const created = await createWorkshop(storage2, {
      title: parsed.data.title,
      facilitatorName: parsed.data.name ?? DEFAULT_FACILITATOR_NAME,
      seed: TEMPLATES[parsed.data.template ?? "blank"],
      now: Date.now()
    });
    res.status(201).json(created);
  });
  router.get("/join-codes/:code", async (req, res) => {
    const workshop = await registry.findWorkshopByJoinCode(normalizeJoinCode(req.params.code));
    if (!workshop) return sendError(res, 404, "unknown_code", "No workshop has this join code.");
    const body = { workshopId: workshop.id, title: workshop.title };
    res.json(body);
  });
  router.post("/workshops/:id/join", async (req, res) => {
    const workshop = await registry.getWorkshop(req.params.id);
    if (!workshop) return sendError(res, 404, "unknown_workshop", "This workshop does not exist.");
    const parsed = joinBody.safeParse(req.body);
    if (!parsed.success) {
      const { field, message } = firstIssue(parsed.error);
      return sendError(res, 400, "invalid_body", message, field);
    }
    if (parsed.data.joinCode !== workshop.joinCode) {
      return sendError(res, 403, "wrong_code", "The join code does not match this workshop.", "joinCode");
    }
    if (await isJoinLocked(workshop.id)) {
      return sendError(res, 403, "joining_locked", "The facilitator has closed joining for this workshop.");
    }
    const token = newToken();
    const userId = newId();
    await registry.addParticipant(
      {
        userId,
        workshopId: workshop.id,
        name: parsed.data.name,
        role: parsed.data.role,
        community: parsed.data.community ?? null,
        createdAt: Date.now()
      },
      hashToken(token)
    );
    const body = { token, userId };
    res.json(body);
  });
  router.post("/workshops/:id/tokens", async (req, res) => {
    const me = await requireMember(registry, req, res, { facilitator: true });
    if (!me) return;
    const parsed = tokenBody.safeParse(req.body);
    if (!parsed.success) {
      const { field, message } = firstIssue(parsed.error);
      return sendError(res, 400, "invalid_body", message, field);
    }
    const token = newToken();
    const userId = newId();
    await registry.addParticipant(
      { userId, workshopId: me.workshopId, name: parsed.data.name, role: parsed.data.role, community: null, createdAt: Date.now() },
      hashToken(token)
    );
    const body = { token, userId };
    res.status(201).json(body);
  });
  router.get("/workshops/:id", async (req, res) => {
    const me = await requireMember(registry, req, res);
    if (!me) return;
    const workshop = await registry.getWorkshop(req.params.id);
    if (!workshop) return sendError(res, 404, "unknown_workshop", "This workshop does not exist.");
    const body = { id: workshop.id, title: workshop.title, joinCode: workshop.joinCode, me };
    res.json(body);
  });
  return router;
}

// server/api/workshopDocs.ts
import * as Y10 from "yjs";
async function snapshotWorkshop(rooms, workshopId, projectIds) {
  const copy = async (name2) => {
    const state = await rooms.withRoom(name2, (room) => Y10.encodeStateAsUpdate(room.doc));
    const doc = new Y10.Doc();
    Y10.applyUpdate(doc, state);
    return doc;
  };
  const workshop = await copy(workshopRoom(workshopId));
  const ids = projectIds ?? readWorkshop(workshop).projects.map((p) => p.id);
  const projects = {};
  for (const id2 of ids) projects[id2] = await copy(projectRoom(workshopId, id2));
  return { workshop, projects };
}

// server/api/reportRoutes.ts
var MAX_IMPORT_BYTES = 20 * 1024 * 1024;
var labelsFor = (req) => REPORT_LABELS[isReportLang(req.query.lang) ? req.query.lang : "fr"];
var fileName = (title, ext) => `${title.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "croisee"}.${ext}`;
function reportRoutes(deps) {
  const router = Router2();
  const { storage: storage2, rooms } = deps;
  const member = (req, res, opts = {}) => requireMember(storage2.registry, req, res, opts);
  const download = (res, type, name2, body) => {
    res.type(type).set("Content-Disposition", `attachment; filename="${name2}"`).send(body);
  };
  router.get("/workshops/:id/export.json", async (req, res) => {
    if (!await member(req, res)) return;
    const { workshop, projects } = await snapshotWorkshop(rooms, req.params.id);
    const data = exportWorkshop(workshop, projects);
    download(res, "application/json; charset=utf-8", fileName(data.workshop.title, "json"), workshopJson(data));
  });
  router.get("/workshops/:id/report.md", async (req, res) => {
    if (!await member(req, res)) return;
    const { workshop, projects } = await snapshotWorkshop(rooms, req.params.id);
    const data = exportWorkshop(workshop, projects);
    download(res, "text/markdown; charset=utf-8", fileName(data.workshop.title, "md"), workshopMarkdown(data, labelsFor(req)));
  });
  router.get("/workshops/:id/projects/:projectId/report.md", async (req, res) => {
    if (!await member(req, res)) return;
    const { workshop } = await snapshotWorkshop(rooms, req.params.id, []);
    const project = readWorkshop(workshop).projects.find((p) => p.id === req.params.projectId);
    if (!project) return sendError(res, 404, "unknown_project", "This project does not exist in this workshop.");
    const { projects } = await snapshotWorkshop(rooms, req.params.id, [project.id]);
    const data = exportWorkshop(workshop, projects, { projectIds: [project.id] });
    download(res, "text/markdown; charset=utf-8", fileName(project.name, "md"), projectMarkdown(data, project.id, labelsFor(req)));
  });
  router.get("/workshops/:id/notes.csv", async (req, res) => {
    if (!await member(req, res)) return;
    const only = typeof req.query.project === "string" ? [req.query.project] : void 0;
    const { workshop, projects } = await snapshotWorkshop(rooms, req.params.id, only);
    const data = exportWorkshop(workshop, projects, only ? { projectIds: only } : {});
    if (only && data.workshop.projects.length === 0) return sendError(res, 404, "unknown_project", "This project does not exist in this workshop.");
    download(res, "text/csv; charset=utf-8", fileName(data.workshop.title, "csv"), notesCsv(data, { projectIds: only, labels: labelsFor(req), bom: true }));
  });
  router.get("/workshops/:id/search", async (req, res) => {
    if (!await member(req, res)) return;
    const q = typeof req.query.q === "string" ? req.query.q.slice(0, 200) : "";
    if (!q.trim()) return sendError(res, 400, "invalid_query", "q: required", "q");
    const { workshop, projects } = await snapshotWorkshop(rooms, req.params.id);
    res.json({ hits: search(buildSearchEntries(workshop, projects), q, { limit: 50 }) });
  });
  router.delete("/workshops/:id", async (req, res) => {
    if (!await member(req, res, { facilitator: true })) return;
    const id2 = req.params.id;
    deps.endWorkshopSessions(id2);
    await deps.forgetWorkshop(id2);
    await storage2.docs.deleteRooms([id2, ...await storage2.docs.listRooms(`${id2}.`)]);
    await storage2.registry.deleteWorkshop(id2);
    res.status(204).end();
  });
  return router;
}
function importRoute(storage2, runner) {
  const router = Router2();
  router.post("/workshops/import", express.raw({ type: "application/json", limit: MAX_IMPORT_BYTES }), async (req, res) => {
    if (!Buffer.isBuffer(req.body)) return sendError(res, 400, "invalid_export", "Send the export as application/json.", "body");
    const imported = await runner.run(req.body);
    if (!imported.ok) {
      if (imported.kind === "json") return sendError(res, 400, "bad_request", imported.message);
      if (imported.kind === "invalid") return sendError(res, 400, "invalid_export", imported.message, imported.field);
      throw new Error(`import failed: ${imported.message}`);
    }
    const name2 = typeof req.query.name === "string" && req.query.name.trim() ? req.query.name.trim().slice(0, 60) : DEFAULT_FACILITATOR_NAME;
    const created = await createWorkshopFromDocs(storage2, {
      title: imported.title,
      facilitatorName: name2,
      now: Date.now(),
      workshopState: imported.workshop,
      projectStates: imported.projects
    });
    res.status(201).json(created);
  });
  return router;
}

// shared/commands.ts
import { z as z3 } from "zod";
var id = z3.string().regex(ID_PATTERN, "must be an id");
var durationMs = z3.number().int().min(0).max(12 * 36e5);
var finite = z3.number().finite();
var facilitationCommand = z3.discriminatedUnion("type", [
  // facilitators only
  z3.object({ type: z3.literal("stage.set"), stage: z3.enum(STAGES), projectId: id.nullable().optional() }),
  z3.object({ type: z3.literal("focus.set"), projectId: id.nullable() }),
  z3.object({
    type: z3.literal("policy.set"),
    writers: z3.enum(WRITERS).optional(),
    privateMode: z3.boolean().optional(),
    projector: z3.enum(PROJECTOR_MODES).optional(),
    chime: z3.boolean().optional()
  }),
  z3.object({ type: z3.literal("timer.start"), durationMs: durationMs.optional() }),
  z3.object({ type: z3.literal("timer.pause") }),
  z3.object({ type: z3.literal("timer.resume") }),
  z3.object({ type: z3.literal("timer.add"), ms: z3.number().int().min(-36e5).max(36e5) }),
  z3.object({ type: z3.literal("timer.reset"), durationMs: durationMs.optional() }),
  z3.object({
    type: z3.literal("viewport.set"),
    projectId: id,
    viewport: z3.object({ x: finite, y: finite, zoom: z3.number().min(0.05).max(8) })
  }),
  z3.object({ type: z3.literal("spotlight.set"), spotlight: z3.object({ projectId: id, noteId: id }).nullable() }),
  z3.object({
    type: z3.literal("vote.open"),
    projectId: id,
    budget: z3.number().int().min(1).max(MAX_VOTE_BUDGET),
    perItemCap: z3.number().int().min(1).max(MAX_VOTE_BUDGET).nullable().optional()
  }),
  z3.object({ type: z3.literal("vote.close"), roundId: id }),
  z3.object({ type: z3.literal("vote.cancel"), roundId: id }),
  z3.object({ type: z3.literal("private.reveal"), projectId: id, anonymous: z3.boolean() }),
  z3.object({ type: z3.literal("hands.clear") }),
  z3.object({ type: z3.literal("join.lock"), locked: z3.boolean() }),
  z3.object({ type: z3.literal("participant.remove"), userId: id }),
  z3.object({ type: z3.literal("question.show"), projectId: id, questionId: id.nullable() }),
  z3.object({ type: z3.literal("question.answer"), projectId: id, questionId: id, answered: z3.boolean() }),
  // everyone joined (votes: not viewers)
  z3.object({ type: z3.literal("vote.cast"), roundId: id, itemId: id, delta: z3.union([z3.literal(1), z3.literal(-1)]) }),
  z3.object({ type: z3.literal("hand.raise") }),
  /** Lowers your own hand; a facilitator may name someone else's. */
  z3.object({ type: z3.literal("hand.lower"), userId: id.optional() }),
  z3.object({ type: z3.literal("reaction.send"), reaction: z3.enum(REACTIONS) }),
  z3.object({ type: z3.literal("question.ask"), projectId: id, text: z3.string().trim().min(1).max(MAX_QUESTION_LENGTH) }),
  z3.object({ type: z3.literal("question.upvote"), projectId: id, questionId: id })
]);
var PARTICIPANT_COMMANDS = /* @__PURE__ */ new Set([
  "vote.cast",
  "hand.raise",
  "hand.lower",
  "reaction.send",
  "question.ask",
  "question.upvote"
]);

// server/metrics.ts
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
var SECONDS = [5e-4, 1e-3, 25e-4, 5e-3, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const sources = { openRooms: () => 0, failedRooms: () => 0 };
  new Gauge({
    name: "croisee_open_rooms",
    help: "Rooms (documents) loaded in this process",
    registers,
    collect() {
      this.set(sources.openRooms());
    }
  });
  new Gauge({
    name: "croisee_failed_rooms",
    help: "Rooms whose last load failed (readiness is degraded while any)",
    registers,
    collect() {
      this.set(sources.failedRooms());
    }
  });
  return {
    registry,
    sources,
    connections: new Gauge({ name: "croisee_yjs_connections", help: "Open Yjs WebSocket connections by role", labelNames: ["role"], registers }),
    messagesIn: new Counter({ name: "croisee_yjs_messages_in_total", help: "Yjs protocol messages received", registers }),
    messagesOut: new Counter({ name: "croisee_yjs_messages_out_total", help: "Yjs protocol messages sent (one per connection)", registers }),
    broadcastBatchSize: new Histogram({
      name: "croisee_broadcast_batch_updates",
      help: "Updates merged into one broadcast",
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
      registers
    }),
    broadcastLatency: new Histogram({
      name: "croisee_broadcast_latency_seconds",
      help: "From the first update of a batch to its broadcast (storing included)",
      buckets: SECONDS,
      registers
    }),
    storageWriteSeconds: new Histogram({ name: "croisee_storage_write_seconds", help: "Time to append one update to storage", buckets: SECONDS, registers }),
    compactionSeconds: new Histogram({ name: "croisee_storage_compaction_seconds", help: "Time to compact one room log", buckets: SECONDS, registers }),
    roomLoadFailures: new Counter({ name: "croisee_room_load_failures_total", help: "Rooms that could not be loaded from storage", registers }),
    relayErrors: new Counter({ name: "croisee_relay_errors_total", help: "Multi-node relay errors", labelNames: ["direction"], registers }),
    syncRefusals: new Counter({ name: "croisee_sync_refusals_total", help: "Document updates refused by the server", labelNames: ["reason"], registers }),
    facilitationCommands: new Counter({
      name: "croisee_facilitation_commands_total",
      help: "Facilitation commands by type and outcome (ok or the error code)",
      labelNames: ["type", "outcome"],
      registers
    }),
    httpRequests: new Counter({
      name: "croisee_http_requests_total",
      help: "HTTP requests by route and status",
      labelNames: ["route", "method", "status"],
      registers
    }),
    httpRateLimited: new Counter({ name: "croisee_http_rate_limited_total", help: "HTTP requests answered 429", labelNames: ["limit"], registers }),
    connectionsRefused: new Counter({
      name: "croisee_connections_refused_total",
      help: "TCP connections refused by the connection caps",
      labelNames: ["reason"],
      registers
    })
  };
}
var secondsSince = (start) => (performance.now() - start) / 1e3;

// server/instrumentation.ts
function instrumentDocStorage(docs, metrics) {
  const timed = (histogram, run) => async (room, update) => {
    const start = performance.now();
    try {
      await run(room, update);
    } finally {
      histogram.observe(secondsSince(start));
    }
  };
  const append = timed(metrics.storageWriteSeconds, (room, update) => docs.append(room, update));
  const compact = timed(metrics.compactionSeconds, (room) => docs.compact(room));
  return new Proxy(docs, {
    get(target, prop) {
      if (prop === "append") return append;
      if (prop === "compact") return compact;
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    }
  });
}
function instrumentRelay(relay, metrics) {
  return {
    async subscribe(room, deliver) {
      try {
        await relay.subscribe(room, (kind, data) => {
          try {
            deliver(kind, data);
          } catch (err) {
            metrics.relayErrors.inc({ direction: "receive" });
            throw err;
          }
        });
      } catch (err) {
        metrics.relayErrors.inc({ direction: "subscribe" });
        throw err;
      }
    },
    unsubscribe: (room) => relay.unsubscribe(room),
    publish(room, kind, data) {
      try {
        relay.publish(room, kind, data);
      } catch (err) {
        metrics.relayErrors.inc({ direction: "publish" });
        throw err;
      }
    }
  };
}
function instrumentFacilitation(io, metrics) {
  io.on("connection", (socket) => {
    socket.use((packet, next) => {
      const [event, command, ack] = packet;
      if (event === "command" && typeof ack === "function") {
        const parsed = facilitationCommand.safeParse(command);
        const type = parsed.success ? parsed.data.type : "invalid";
        packet[2] = (reply) => {
          const outcome = reply?.ok ? "ok" : typeof reply?.error === "string" ? reply.error.slice(0, 40) : "error";
          metrics.facilitationCommands.inc({ type, outcome });
          ack(reply);
        };
      }
      next();
    });
  });
}
function httpMetrics(metrics) {
  return (req, res, next) => {
    res.on("finish", () => {
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : res.statusCode === 404 ? "unmatched" : "static";
      metrics.httpRequests.inc({ route, method: req.method, status: String(res.statusCode) });
    });
    next();
  };
}

// server/app.ts
function createApp(deps) {
  const app = express2();
  app.disable("x-powered-by");
  app.set("trust proxy", deps.ops.trustProxy);
  if (deps.ops.requestLog) app.use(deps.ops.requestLog);
  app.use(httpMetrics(deps.ops.metrics));
  app.use(deps.ops.routes);
  deps.ops.mountLimits(app);
  app.use("/api", importRoute(deps.storage, deps.imports));
  app.use("/api", express2.json({ limit: "64kb" }));
  app.use("/api", workshopRoutes(deps.storage, deps.isJoinLocked));
  app.use("/api", reportRoutes(deps.reports));
  app.use("/api", (_req, res) => sendError(res, 404, "not_found", "No such API route."));
  const staticDir2 = deps.staticDir;
  if (staticDir2 && existsSync(path2.join(staticDir2, "index.html"))) {
    app.use(
      express2.static(staticDir2, {
        index: false,
        maxAge: "1h",
        // Hashed assets may be cached; the service worker and the page must be revalidated so a
        // new version reaches everyone.
        setHeaders: (res, file) => {
          if (/\/assets\//.test(file)) res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
          else res.setHeader("Cache-Control", "no-cache");
        }
      })
    );
    app.get(/^\/(?!api\/|yjs\/|socket\.io\/).*/, (_req, res) => {
      res.sendFile(path2.join(staticDir2, "index.html"));
    });
  } else {
    app.get("/", (_req, res) => {
      res.type("text/plain").send("Crois\xE9e server is running, but the client is not built. Run `npm run build`.\n");
    });
  }
  const onError = (err, _req, res, _next) => {
    const status = typeof err?.status === "number" && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) deps.log.error("request failed", err);
    const message = status === 413 ? "Request body too large." : status === 400 ? "Malformed JSON body." : status === 500 ? "Internal error." : String(err.message);
    sendError(res, status, status === 500 ? "internal" : "bad_request", message);
  };
  app.use(onError);
  return app;
}

// server/connectionGuard.ts
function guardConnections(http, caps, metrics) {
  const perIp = /* @__PURE__ */ new Map();
  let open = 0;
  http.on("connection", (socket) => {
    const ip = socket.remoteAddress ?? "";
    const fromIp = perIp.get(ip) ?? 0;
    const reason = open >= caps.total ? "total" : caps.perIp > 0 && fromIp >= caps.perIp ? "per_ip" : null;
    if (reason) {
      metrics.connectionsRefused.inc({ reason });
      socket.destroy();
      return;
    }
    open++;
    perIp.set(ip, fromIp + 1);
    socket.once("close", () => {
      open--;
      const left = (perIp.get(ip) ?? 1) - 1;
      if (left > 0) perIp.set(ip, left);
      else perIp.delete(ip);
    });
  });
  http.on("clientError", (err, socket) => {
    if (!socket.writable) return socket.destroy();
    const status = err.code === "ERR_HTTP_REQUEST_TIMEOUT" ? "408 Request Timeout" : err.code === "HPE_HEADER_OVERFLOW" ? "431 Request Header Fields Too Large" : "400 Bad Request";
    socket.end(`HTTP/1.1 ${status}\r
Connection: close\r
Content-Length: 0\r
\r
`);
    setTimeout(() => socket.destroy(), 1e3).unref();
  });
}

// server/facilitation/FacilitationServer.ts
import { Server } from "socket.io";

// server/originPolicy.ts
function originAllowed(req, allowed) {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

// server/facilitation/FacilitationServer.ts
var workshopChannel = (workshopId) => `workshop:${workshopId}`;
var userChannel = (workshopId, userId) => `user:${workshopId}:${userId}`;
var votersChannel = (workshopId) => `voters:${workshopId}`;
function createSocketServer(httpServer, allowedOrigins) {
  return new Server(httpServer, {
    allowRequest: (req, callback) => callback(originAllowed(req, allowedOrigins) ? null : "origin not allowed", originAllowed(req, allowedOrigins)),
    // The Yjs endpoint shares this HTTP server and authenticates asynchronously: socket.io must not
    // destroy upgrade requests that are not its own.
    destroyUpgrade: false,
    maxHttpBufferSize: 64 * 1024,
    serveClient: false
  });
}
function socketBroadcaster(io, clustered) {
  const toPeers = clustered ? (...args) => io.serverSideEmit(...args) : () => true;
  return {
    state: (workshopId, state) => io.to(workshopChannel(workshopId)).emit("facilitation", state),
    ballot: (workshopId, userId, ballot) => io.to(userChannel(workshopId, userId)).emit("ballot", ballot),
    ballotAll: (workshopId, ballot) => io.to(votersChannel(workshopId)).emit("ballot", ballot),
    viewport: (workshopId, view) => io.to(workshopChannel(workshopId)).volatile.emit("viewport", view),
    reaction: (workshopId, reaction) => io.to(workshopChannel(workshopId)).emit("reaction", reaction),
    endSessionOf: (workshopId, userId, reason) => {
      const channel = userChannel(workshopId, userId);
      io.to(channel).emit("session:ended", reason);
      io.in(channel).disconnectSockets(true);
      toPeers("participant:removed", workshopId, userId);
    },
    peers: (workshopId, stateJson) => toPeers("facilitation:changed", workshopId, stateJson),
    endWorkshop: (workshopId) => {
      const channel = workshopChannel(workshopId);
      io.to(channel).emit("session:ended", "workshop-deleted");
      io.in(channel).disconnectSockets(true);
      toPeers("workshop:deleted", workshopId);
    }
  };
}
function attachFacilitation(io, deps) {
  const { service, log: log2 } = deps;
  io.on("facilitation:changed", (workshopId, stateJson) => service.adopt(workshopId, stateJson));
  io.on("participant:removed", (workshopId, userId) => service.closeDocumentsOf(workshopId, userId));
  io.on("workshop:deleted", (workshopId) => void service.forgetWorkshop(workshopId));
  io.use((socket, next) => {
    const token = socket.handshake.auth?.token;
    authenticate(deps.registry, typeof token === "string" ? token : null).then(
      (principal) => {
        if (!principal) return next(new Error("unauthorized: missing or invalid token"));
        socket.data.principal = principal;
        next();
      },
      (err) => {
        log2.error("socket.io authentication failed", err);
        next(new Error("internal error"));
      }
    );
  });
  const broadcastPresence = async (workshopId) => {
    const sockets = await io.in(workshopChannel(workshopId)).fetchSockets();
    const people = /* @__PURE__ */ new Map();
    for (const s of sockets) {
      const p = s.data.principal;
      if (p && !people.has(p.userId)) people.set(p.userId, { userId: p.userId, name: p.name, role: p.role, community: p.community });
    }
    io.to(workshopChannel(workshopId)).emit("presence", [...people.values()]);
  };
  io.on("connection", (socket) => {
    const { principal } = socket.data;
    const { workshopId, userId } = principal;
    socket.on("error", (err) => log2.warn("socket.io socket error", err.message));
    const channels = [workshopChannel(workshopId), userChannel(workshopId, userId)];
    if (voterGroup(principal.role, principal.community)) channels.push(votersChannel(workshopId));
    void socket.join(channels);
    socket.on("session:whoami", (ack) => {
      if (typeof ack !== "function") return;
      ack({ ok: true, data: { me: principal, workshopId } });
    });
    socket.on("command", (command, ack) => {
      const reply = typeof ack === "function" ? ack : () => {
      };
      void service.run(principal, command).then(reply);
    });
    socket.on("disconnect", () => {
      broadcastPresence(workshopId).catch((err) => log2.warn("presence broadcast failed", err));
    });
    Promise.all([service.publicState(workshopId), service.ballotOf(workshopId, userId)]).then(
      ([state, ballot]) => {
        socket.emit("facilitation", state);
        socket.emit("ballot", ballot);
      },
      (err) => log2.error("could not send the facilitation state", err)
    );
    broadcastPresence(workshopId).catch((err) => log2.warn("presence broadcast failed", err));
  });
}

// server/facilitation/applyCommand.ts
var refuse = (error, message) => ({ ok: false, error, message });
var done = (state, effects = [], extra = {}) => ({
  ok: true,
  state,
  effects,
  ...extra
});
function applyCommand(state, actor, cmd, ctx) {
  const isFacilitator = actor.role === "facilitator";
  if (!isFacilitator && !PARTICIPANT_COMMANDS.has(cmd.type)) {
    return refuse("forbidden", `only facilitators may use ${cmd.type}`);
  }
  const { now } = ctx;
  switch (cmd.type) {
    case "stage.set": {
      const d = STAGE_DEFAULTS[cmd.stage];
      const projectId = cmd.projectId === void 0 ? state.projectId : cmd.projectId;
      return done({
        ...state,
        stage: cmd.stage,
        projectId,
        writers: d.writers,
        privateMode: d.privateMode,
        projector: d.projector,
        timer: { status: "idle", durationMs: d.durationMs },
        spotlight: null,
        shownQuestion: null,
        viewport: projectId === state.projectId ? state.viewport : null
      });
    }
    case "focus.set":
      return done({
        ...state,
        projectId: cmd.projectId,
        spotlight: state.spotlight?.projectId === cmd.projectId ? state.spotlight : null,
        // A viewport of another project is no follow-me target any more.
        viewport: state.viewport?.projectId === cmd.projectId ? state.viewport : null
      });
    case "policy.set":
      return done({
        ...state,
        writers: cmd.writers ?? state.writers,
        privateMode: cmd.privateMode ?? state.privateMode,
        projector: cmd.projector ?? state.projector,
        chime: cmd.chime ?? state.chime
      });
    case "timer.start": {
      const durationMs2 = cmd.durationMs ?? state.timer.durationMs;
      if (durationMs2 <= 0) return refuse("invalid", "the timer needs a duration");
      return done({ ...state, timer: { status: "running", durationMs: durationMs2, deadline: now + durationMs2 } });
    }
    case "timer.pause":
      if (state.timer.status !== "running") return refuse("conflict", "the timer is not running");
      return done({ ...state, timer: { status: "paused", durationMs: state.timer.durationMs, remainingMs: timerRemaining(state.timer, now) } });
    case "timer.resume":
      if (state.timer.status !== "paused") return refuse("conflict", "the timer is not paused");
      return done({ ...state, timer: { status: "running", durationMs: state.timer.durationMs, deadline: now + state.timer.remainingMs } });
    case "timer.add": {
      const t = state.timer;
      const durationMs2 = Math.max(0, t.durationMs + cmd.ms);
      switch (t.status) {
        case "idle":
          return done({ ...state, timer: { status: "idle", durationMs: durationMs2 } });
        case "running":
          return done({ ...state, timer: { status: "running", durationMs: durationMs2, deadline: Math.max(now, t.deadline + cmd.ms) } });
        case "paused":
          return done({ ...state, timer: { status: "paused", durationMs: durationMs2, remainingMs: Math.max(0, t.remainingMs + cmd.ms) } });
      }
      break;
    }
    case "timer.reset":
      return done({ ...state, timer: { status: "idle", durationMs: cmd.durationMs ?? state.timer.durationMs } });
    case "viewport.set": {
      const view = { projectId: cmd.projectId, ...cmd.viewport };
      return done({ ...state, viewport: view }, [{ type: "viewport", view }], { quiet: true });
    }
    case "spotlight.set":
      return done({ ...state, spotlight: cmd.spotlight });
    case "vote.open": {
      if (state.vote?.status === "open") return refuse("conflict", "a vote round is already open");
      const round = {
        status: "open",
        id: ctx.newId(),
        projectId: cmd.projectId,
        budget: cmd.budget,
        perItemCap: cmd.perItemCap ?? null,
        openedAt: now,
        ballots: {},
        groups: {}
      };
      return done({ ...state, vote: round }, [], { data: { roundId: round.id } });
    }
    case "vote.cast": {
      const round = state.vote;
      if (round?.status !== "open" || round.id !== cmd.roundId) return refuse("conflict", "this vote round is not open");
      const group = voterGroup(actor.role, actor.community);
      if (!group) return refuse("forbidden", "observers do not vote");
      const ballot = { ...Object.hasOwn(round.ballots, actor.userId) ? round.ballots[actor.userId] : {} };
      const current = Object.hasOwn(ballot, cmd.itemId) ? ballot[cmd.itemId] : 0;
      const next = current + cmd.delta;
      if (next < 0) return refuse("invalid", "no dot to take back on this item");
      const used = Object.values(ballot).reduce((a, b) => a + b, 0) + cmd.delta;
      if (used > round.budget) return refuse("budget_exhausted", `all ${round.budget} dots are used`);
      if (round.perItemCap !== null && next > round.perItemCap) return refuse("cap_reached", `at most ${round.perItemCap} dots per item`);
      if (next === 0) delete ballot[cmd.itemId];
      else ballot[cmd.itemId] = next;
      const { [actor.userId]: _previous, ...otherBallots } = round.ballots;
      const ballots = Object.keys(ballot).length > 0 ? { ...otherBallots, [actor.userId]: ballot } : otherBallots;
      return done(
        {
          ...state,
          vote: { ...round, ballots, groups: { ...round.groups, [actor.userId]: group } }
        },
        [],
        { data: { myVotes: ballot, remaining: round.budget - used } }
      );
    }
    case "vote.close": {
      const round = state.vote;
      if (round?.status !== "open" || round.id !== cmd.roundId) return refuse("conflict", "this vote round is not open");
      const results = tallyVotes(round, now);
      const { ballots: _b, groups: _g, ...rest } = round;
      return done({ ...state, vote: { ...rest, status: "closed", results } }, [{ type: "recordVotes", results }], { data: results });
    }
    case "vote.cancel":
      if (state.vote?.id !== cmd.roundId) return refuse("conflict", "no such vote round");
      return done({ ...state, vote: null });
    case "private.reveal":
      return done({ ...state, privateMode: false }, [{ type: "reveal", projectId: cmd.projectId, anonymous: cmd.anonymous }]);
    case "hand.raise":
      if (state.hands.some((h) => h.userId === actor.userId)) return done(state);
      return done({ ...state, hands: [...state.hands, { userId: actor.userId, name: actor.name, raisedAt: now }] });
    case "hand.lower": {
      const userId = cmd.userId ?? actor.userId;
      if (userId !== actor.userId && !isFacilitator) return refuse("forbidden", "only facilitators lower someone else's hand");
      return done({ ...state, hands: state.hands.filter((h) => h.userId !== userId) });
    }
    case "hands.clear":
      return done({ ...state, hands: [] });
    case "reaction.send":
      return done(state, [{ type: "reaction", userId: actor.userId, name: actor.name, reaction: cmd.reaction }], { quiet: true });
    case "join.lock":
      return done({ ...state, joinLocked: cmd.locked });
    case "participant.remove":
      if (cmd.userId === actor.userId) return refuse("invalid", "you cannot remove yourself");
      return done({ ...state, hands: state.hands.filter((h) => h.userId !== cmd.userId) }, [{ type: "removeParticipant", userId: cmd.userId }]);
    case "question.ask": {
      const questionId = ctx.newId();
      return done(
        state,
        [{ type: "addQuestion", projectId: cmd.projectId, questionId, text: cmd.text, authorId: actor.userId, authorName: actor.name, askedAt: now }],
        { data: { questionId }, quiet: true }
      );
    }
    case "question.upvote":
      return done(state, [{ type: "upvoteQuestion", projectId: cmd.projectId, questionId: cmd.questionId, userId: actor.userId }], { quiet: true });
    case "question.show":
      return done({ ...state, shownQuestion: cmd.questionId ? { projectId: cmd.projectId, questionId: cmd.questionId } : null });
    case "question.answer":
      return done(state, [{ type: "answerQuestion", projectId: cmd.projectId, questionId: cmd.questionId, answered: cmd.answered }], { quiet: true });
  }
  return assertNever(cmd);
}
function assertNever(x) {
  throw new Error(`unhandled command ${JSON.stringify(x)}`);
}

// server/facilitation/FacilitationService.ts
var parseState = (json) => json ? { ...initialFacilitation(), ...JSON.parse(json) } : initialFacilitation();
var ANONYMOUS_NAME = "Anonyme";
var FacilitationService = class {
  constructor(deps) {
    this.deps = deps;
  }
  deps;
  states = /* @__PURE__ */ new Map();
  queues = /* @__PURE__ */ new Map();
  lastReaction = /* @__PURE__ */ new Map();
  /** The state, loading it on first use. */
  async state(workshopId) {
    const cached = this.states.get(workshopId);
    if (cached) return cached;
    const json = await this.deps.storage.registry.loadFacilitation(workshopId);
    const state = this.states.get(workshopId) ?? parseState(json);
    this.states.set(workshopId, state);
    return state;
  }
  /** Another node changed this workshop's state: take it as ours (it was stored by that node). */
  adopt(workshopId, stateJson) {
    if (this.states.has(workshopId)) this.states.set(workshopId, parseState(stateJson));
  }
  /** Forgets a deleted workshop's state and closes this node's rooms of it. */
  async forgetWorkshop(workshopId) {
    this.states.delete(workshopId);
    this.queues.delete(workshopId);
    await this.deps.rooms.dropRooms((n) => n === workshopId || n.startsWith(`${workshopId}.`), CloseCode.workshopDeleted, "workshop deleted");
  }
  /** Closes this node's document connections of someone removed (on any node). */
  closeDocumentsOf(workshopId, userId) {
    this.deps.rooms.closeConnectionsOf(workshopId, userId, CloseCode.unauthorized, "removed from the workshop");
  }
  /** The state if loaded (synchronous, for the per-update write check of the sync endpoint). */
  loadedState(workshopId) {
    return this.states.get(workshopId) ?? null;
  }
  publicState(workshopId) {
    return this.state(workshopId).then((s) => publicFacilitation(s, this.deps.now()));
  }
  async ballotOf(workshopId, userId) {
    const vote = (await this.state(workshopId)).vote;
    if (vote?.status !== "open") return null;
    const votes = vote.ballots[userId] ?? {};
    const used = Object.values(votes).reduce((a, b) => a + b, 0);
    return { roundId: vote.id, votes, remaining: vote.budget - used };
  }
  /** Parses and runs one command from a client; never throws (the answer says what went wrong). */
  run(actor, raw) {
    const parsed = facilitationCommand.safeParse(raw);
    if (!parsed.success) {
      const { message } = firstIssue(parsed.error);
      return Promise.resolve({ ok: false, error: "invalid", message });
    }
    const command = parsed.data;
    if (command.type === "reaction.send" && !this.allowReaction(actor.userId)) {
      return Promise.resolve({ ok: false, error: "rate_limited", message: "one reaction per second at most" });
    }
    return this.serialize(actor.workshopId, async () => {
      const { outcome, json, before } = await this.deps.storage.registry.transactFacilitation(actor.workshopId, (stored) => {
        const before2 = parseState(stored);
        const outcome2 = applyCommand(before2, actor, command, { now: this.deps.now(), newId: () => newId() });
        const json2 = outcome2.ok && outcome2.state !== before2 ? JSON.stringify(outcome2.state) : null;
        return { json: json2, result: { outcome: outcome2, json: json2, before: before2 } };
      });
      if (!outcome.ok) {
        this.states.set(actor.workshopId, before);
        return { ok: false, error: outcome.error, message: outcome.message };
      }
      this.states.set(actor.workshopId, outcome.state);
      if (json !== null) this.deps.broadcaster.peers(actor.workshopId, json);
      for (const effect of outcome.effects) await this.carryOut(actor, effect);
      if (json !== null && !outcome.quiet) {
        this.deps.broadcaster.state(actor.workshopId, publicFacilitation(outcome.state, this.deps.now()));
      }
      if (command.type === "vote.cast") {
        this.deps.broadcaster.ballot(actor.workshopId, actor.userId, await this.ballotOf(actor.workshopId, actor.userId));
      } else if (command.type === "vote.open" || command.type === "vote.close" || command.type === "vote.cancel") {
        const vote = outcome.state.vote;
        const fresh = vote?.status === "open" ? { roundId: vote.id, votes: {}, remaining: vote.budget } : null;
        this.deps.broadcaster.ballotAll(actor.workshopId, fresh);
      }
      return { ok: true, data: outcome.data };
    }).catch((err) => {
      this.deps.log.error(`facilitation command ${command.type} failed`, err);
      return { ok: false, error: "internal", message: "the server could not carry out this command" };
    });
  }
  allowReaction(userId) {
    const now = this.deps.now();
    if (now - (this.lastReaction.get(userId) ?? 0) < 1e3) return false;
    this.lastReaction.set(userId, now);
    return true;
  }
  serialize(workshopId, task) {
    const previous = this.queues.get(workshopId) ?? Promise.resolve();
    const next = previous.then(task, task);
    this.queues.set(workshopId, next.catch(() => void 0));
    return next;
  }
  async carryOut(actor, effect) {
    const { rooms, broadcaster } = this.deps;
    const workshopId = actor.workshopId;
    switch (effect.type) {
      case "viewport":
        broadcaster.viewport(workshopId, effect.view);
        return;
      case "reaction":
        broadcaster.reaction(workshopId, { userId: effect.userId, name: effect.name, reaction: effect.reaction, at: this.deps.now() });
        return;
      case "recordVotes":
        await rooms.withRoom(projectRoom(workshopId, effect.results.projectId), (room) => recordVoteResults(room.doc, effect.results));
        return;
      case "reveal":
        await this.reveal(workshopId, effect.projectId, effect.anonymous);
        return;
      case "removeParticipant":
        await this.deps.storage.registry.revokeParticipant(workshopId, effect.userId);
        this.closeDocumentsOf(workshopId, effect.userId);
        broadcaster.endSessionOf(workshopId, effect.userId, "removed");
        return;
      case "addQuestion":
        await rooms.withRoom(
          projectRoom(workshopId, effect.projectId),
          (room) => addQuestion(room.doc, { id: effect.questionId, text: effect.text, authorId: effect.authorId, authorName: effect.authorName, askedAt: effect.askedAt })
        );
        return;
      case "upvoteQuestion":
        await rooms.withRoom(projectRoom(workshopId, effect.projectId), (room) => toggleQuestionUpvote(room.doc, effect.questionId, effect.userId));
        return;
      case "answerQuestion":
        await rooms.withRoom(projectRoom(workshopId, effect.projectId), (room) => setQuestionAnswered(room.doc, effect.questionId, effect.answered));
        return;
    }
  }
  /** Moves every private draft of a project into its shared canvas, then empties the drafts. */
  async reveal(workshopId, projectId, anonymous) {
    const { rooms, storage: storage2 } = this.deps;
    const prefix = privateRoomPrefix(workshopId, projectId);
    const names = /* @__PURE__ */ new Set([...await storage2.docs.listRooms(prefix), ...rooms.loadedNames().filter((n) => n.startsWith(prefix))]);
    for (const name2 of names) {
      const drafts = await rooms.withRoom(name2, (room) => readNotes(room.doc));
      if (drafts.length === 0) continue;
      await rooms.withRoom(projectRoom(workshopId, projectId), (room) => revealNotes(room.doc, drafts, { anonymous, anonymousName: ANONYMOUS_NAME }));
      await rooms.withRoom(name2, (room) => clearNotes(room.doc));
    }
  }
};

// server/facilitation/roomAccess.ts
function mayOpenRoom(principal, room) {
  if (room.workshopId !== principal.workshopId) return false;
  return room.kind !== "private" || room.userId === principal.userId || principal.role === "facilitator";
}
function mayWriteRoom(principal, room, state) {
  if (room.kind === "private") return canWrite(principal.role);
  return state ? mayWriteCanvas(principal.role, state) : canWrite(principal.role);
}

// server/importRunner.ts
import { createRequire } from "node:module";
import path3 from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
var tsxEsmApi = () => pathToFileURL(path3.join(path3.dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist/esm/api/index.mjs")).href;
function createImportRunner() {
  let worker = null;
  let nextId = 1;
  const pending = /* @__PURE__ */ new Map();
  const start = () => {
    const source = import.meta.url.endsWith(".ts");
    const entry = new URL(`./importWorker.${source ? "ts" : "js"}`, import.meta.url);
    const w = source ? new Worker(`import(${JSON.stringify(tsxEsmApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`, {
      eval: true
    }) : new Worker(entry);
    w.on("message", (result) => {
      pending.get(result.id)?.resolve(result);
      pending.delete(result.id);
    });
    const fail = (err) => {
      for (const job of pending.values()) job.reject(err);
      pending.clear();
      if (worker === w) worker = null;
    };
    w.on("error", fail);
    w.on("exit", (code) => fail(new Error(`import worker exited with ${code}`)));
    w.unref();
    return w;
  };
  return {
    run(body) {
      worker ??= start();
      const id2 = nextId++;
      const w = worker;
      return new Promise((resolve, reject) => {
        pending.set(id2, { resolve, reject });
        w.postMessage({ id: id2, body });
      });
    },
    async close() {
      const w = worker;
      worker = null;
      await w?.terminate();
    }
  };
}

// server/httpLimits.ts
import { rateLimit } from "express-rate-limit";
var DEFAULT_HTTP_LIMITS = { joinCodeLookups: 30, joins: 300, workshopCreations: 30, tokenMints: 120, imports: 10 };
var MINUTE = 6e4;
function mountHttpLimits(app, deps) {
  const limiter = (name2, limit, windowMs, extra = {}) => rateLimit({
    windowMs,
    limit,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    store: deps.store?.(name2),
    // A store outage (Redis down) must not take joining down with it: let requests through and say so.
    passOnStoreError: true,
    logger: { error: (err) => deps.log.warn(`rate limit ${name2}: store error`, err), warn: () => {
    } },
    ...extra,
    handler: (_req, res) => {
      deps.metrics.httpRateLimited.inc({ limit: name2 });
      sendError(res, 429, "rate_limited", `Too many requests; try again in ${res.getHeader("Retry-After") ?? "a few"} seconds.`);
    }
  });
  const { limits } = deps;
  app.get("/api/join-codes/:code", limiter("join-code", limits.joinCodeLookups, 10 * MINUTE, { skipSuccessfulRequests: true }));
  app.post("/api/workshops/:id/join", limiter("join", limits.joins, 10 * MINUTE));
  app.post("/api/workshops", limiter("create", limits.workshopCreations, 60 * MINUTE));
  app.post("/api/workshops/:id/tokens", limiter("tokens", limits.tokenMints, 10 * MINUTE));
  app.post("/api/workshops/import", limiter("import", limits.imports, 60 * MINUTE));
}

// server/opsRoutes.ts
import { timingSafeEqual } from "node:crypto";
import { Router as Router3 } from "express";
var sameSecret = (a, b) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
function opsRoutes(deps) {
  const router = Router3();
  router.get("/health", (_req, res) => {
    res.set("Cache-Control", "no-store").json({ ok: true });
  });
  router.get("/ready", async (_req, res) => {
    const report = await deps.readiness.report();
    res.set("Cache-Control", "no-store").status(report.status === "unavailable" ? 503 : 200).json(report);
  });
  router.get("/metrics", async (req, res) => {
    if (deps.metricsToken) {
      const header = req.get("authorization") ?? "";
      if (!header.startsWith("Bearer ") || !sameSecret(header.slice(7).trim(), deps.metricsToken)) {
        return sendError(res, 401, "unauthorized", "Missing or invalid metrics token.");
      }
    }
    res.set("Content-Type", deps.metrics.registry.contentType).set("Cache-Control", "no-store").send(await deps.metrics.registry.metrics());
  });
  return router;
}

// server/readiness.ts
var Readiness = class {
  constructor(checks, timeoutMs = 2e3) {
    this.checks = checks;
    this.timeoutMs = timeoutMs;
  }
  checks;
  timeoutMs;
  shuttingDown = false;
  failed = /* @__PURE__ */ new Set();
  markShuttingDown() {
    this.shuttingDown = true;
  }
  roomFailed(name2) {
    this.failed.add(name2);
  }
  roomLoaded(name2) {
    this.failed.delete(name2);
  }
  get failedRoomCount() {
    return this.failed.size;
  }
  async report() {
    const entries = await Promise.all(Object.entries(this.checks).map(async ([name2, check]) => [name2, await this.run(check)]));
    const checks = Object.fromEntries(entries);
    const down = this.shuttingDown || entries.some(([, result]) => result !== "ok");
    return {
      status: down ? "unavailable" : this.failed.size > 0 ? "degraded" : "ready",
      checks,
      shuttingDown: this.shuttingDown,
      failedRooms: this.failed.size
    };
  }
  async run(check) {
    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => resolve(`no answer within ${this.timeoutMs} ms`), this.timeoutMs);
    });
    try {
      return await Promise.race([
        check().then(
          () => "ok",
          (err) => (err instanceof Error ? err.message : String(err)).slice(0, 200) || "failed"
        ),
        timeout
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
};

// server/logger.ts
var childLogger = (log2, bindings) => log2.child?.(bindings) ?? log2;

// server/sync/Room.ts
import * as Y12 from "yjs";

// server/sync/messages.ts
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as Y11 from "yjs";
var SyncType = { step1: 0, step2: 1, update: 2 };
function decodeMessage(data) {
  try {
    const decoder = decoding.createDecoder(data);
    const messageType = decoding.readVarUint(decoder);
    let message;
    switch (messageType) {
      case MessageType.sync: {
        const syncType = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (syncType === SyncType.step1) message = { type: "syncStep1", stateVector: payload };
        else if (syncType === SyncType.step2) message = { type: "syncStep2", update: payload };
        else if (syncType === SyncType.update) message = { type: "update", update: payload };
        else return { type: "malformed", reason: `unknown sync message type ${syncType}` };
        break;
      }
      case MessageType.awareness:
        message = { type: "awareness", update: decoding.readVarUint8Array(decoder) };
        break;
      case MessageType.queryAwareness:
        message = { type: "queryAwareness" };
        break;
      default:
        return { type: "malformed", reason: `unexpected message type ${messageType}` };
    }
    if (decoding.hasContent(decoder)) return { type: "malformed", reason: "trailing bytes" };
    return message;
  } catch {
    return { type: "malformed", reason: "truncated frame" };
  }
}
function frame(write) {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}
var encodeSyncStep1 = (doc) => frame((e) => {
  encoding.writeVarUint(e, MessageType.sync);
  encoding.writeVarUint(e, SyncType.step1);
  encoding.writeVarUint8Array(e, Y11.encodeStateVector(doc));
});
var encodeSyncStep2 = (update) => frame((e) => {
  encoding.writeVarUint(e, MessageType.sync);
  encoding.writeVarUint(e, SyncType.step2);
  encoding.writeVarUint8Array(e, update);
});
var encodeUpdate = (update) => frame((e) => {
  encoding.writeVarUint(e, MessageType.sync);
  encoding.writeVarUint(e, SyncType.update);
  encoding.writeVarUint8Array(e, update);
});
var encodeAwareness = (update) => frame((e) => {
  encoding.writeVarUint(e, MessageType.awareness);
  encoding.writeVarUint8Array(e, update);
});
var encodePermissionDenied = (reason) => frame((e) => {
  encoding.writeVarUint(e, MessageType.auth);
  encoding.writeVarUint(e, 0);
  encoding.writeVarString(e, reason);
});
var isCount = (n) => typeof n === "number" && Number.isSafeInteger(n) && n >= 0;
var isId = (id2) => typeof id2 === "object" && id2 !== null && isCount(id2.client) && isCount(id2.clock);
function inspectUpdate(update) {
  try {
    const { structs, ds } = Y11.decodeUpdate(update);
    for (const struct of structs) {
      if (!isId(struct.id) || !isCount(struct.length) || struct.length === 0) return { valid: false };
      if (struct instanceof Y11.Item) {
        if (struct.origin !== null && !isId(struct.origin)) return { valid: false };
        if (struct.rightOrigin !== null && !isId(struct.rightOrigin)) return { valid: false };
        if (struct.parent !== null && typeof struct.parent !== "string" && !isId(struct.parent)) return { valid: false };
      }
    }
    for (const [client, deletes] of ds.clients) {
      if (!isCount(client)) return { valid: false };
      for (const d of deletes) if (!isCount(d.clock) || !isCount(d.len)) return { valid: false };
    }
    return { valid: true, empty: structs.length === 0 && ds.clients.size === 0 };
  } catch {
    return { valid: false };
  }
}
function isValidStateVector(sv) {
  try {
    Y11.decodeStateVector(sv);
    return true;
  } catch {
    return false;
  }
}

// server/sync/RoomAwareness.ts
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from "y-protocols/awareness";

// server/sync/awarenessEntries.ts
import * as decoding2 from "lib0/decoding";
import * as encoding2 from "lib0/encoding";
var MAX_AWARENESS_STATE_BYTES = 4096;
function readAwarenessEntries(update) {
  try {
    const decoder = decoding2.createDecoder(update);
    const count = decoding2.readVarUint(decoder);
    const entries = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding2.readVarUint(decoder);
      const clock = decoding2.readVarUint(decoder);
      if (!Number.isSafeInteger(clientId) || !Number.isSafeInteger(clock)) return null;
      const json = decoding2.readVarUint8Array(decoder);
      if (json.byteLength > MAX_AWARENESS_STATE_BYTES) return null;
      entries.push({ clientId, clock, json });
    }
    return decoding2.hasContent(decoder) ? null : entries;
  } catch {
    return null;
  }
}
var utf8 = new TextDecoder("utf-8", { fatal: true });
var parseAwarenessState = (json) => JSON.parse(utf8.decode(json));
function encodeAwarenessEntries(entries) {
  const encoder = encoding2.createEncoder();
  encoding2.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding2.writeVarUint(encoder, entry.clientId);
    encoding2.writeVarUint(encoder, entry.clock);
    encoding2.writeVarString(encoder, JSON.stringify(entry.state));
  }
  return encoding2.toUint8Array(encoder);
}
var isRecord = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
function stampIdentity(state, principal) {
  if (state === null) return null;
  const base = isRecord(state) ? state : {};
  const user = isRecord(base.user) ? base.user : {};
  return {
    ...base,
    user: {
      ...user,
      id: principal.userId,
      name: principal.name,
      role: principal.role,
      community: principal.community
    }
  };
}

// server/sync/RoomRelay.ts
var RELAY_ORIGIN = /* @__PURE__ */ Symbol("relay");

// server/sync/SharedFrame.ts
var SharedFrame = class {
  constructor(payload) {
    this.payload = payload;
  }
  payload;
  wire = null;
};

// server/sync/RoomAwareness.ts
var MAX_CLIENT_IDS_PER_CONNECTION = 4;
var RoomAwareness = class {
  constructor(doc, room, intervalMs) {
    this.room = room;
    this.intervalMs = intervalMs;
    this.awareness = new Awareness(doc);
    this.awareness.setLocalState(null);
    this.awareness.on("update", ({ added, updated, removed }, origin) => {
      const ids = [...added, ...updated, ...removed];
      for (const id2 of ids) this.changed.add(id2);
      if (origin !== RELAY_ORIGIN && origin !== "timeout") for (const id2 of ids) this.firstHand.add(id2);
      this.changedBy.add(origin);
      this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
    });
  }
  room;
  intervalMs;
  awareness;
  owners = /* @__PURE__ */ new Map();
  owned = /* @__PURE__ */ new Map();
  changed = /* @__PURE__ */ new Set();
  changedBy = /* @__PURE__ */ new Set();
  /** Changed by this node's clients (not relayed, not timed out): what other nodes need. */
  firstHand = /* @__PURE__ */ new Set();
  timer = null;
  add(conn) {
    this.owned.set(conn, /* @__PURE__ */ new Set());
  }
  remove(conn) {
    const ids = this.owned.get(conn);
    if (!ids) return;
    this.owned.delete(conn);
    for (const id2 of ids) this.owners.delete(id2);
    if (ids.size > 0) removeAwarenessStates(this.awareness, [...ids], "leave");
  }
  /** Every current state (possibly none), for a client that joined, caught up or asked. */
  fullFrame() {
    return encodeAwareness(encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]));
  }
  get hasStates() {
    return this.awareness.getStates().size > 0;
  }
  /**
   * A connection may only describe its own clients. The stock y-websocket client relays every state
   * it hears back to the server, so entries about other clients that are not newer than what the
   * room knows are echoes and are skipped — before their JSON is even parsed; a newer one is an
   * attempt to speak for someone else and is refused with a message.
   */
  receive(conn, update) {
    const owned = this.owned.get(conn);
    if (!owned) return;
    const entries = readAwarenessEntries(update);
    if (!entries) {
      conn.close(CloseCode.badMessage, "invalid awareness update");
      return;
    }
    const accepted = [];
    let refused = false;
    for (const { clientId, clock, json } of entries) {
      if (!owned.has(clientId)) {
        const known = this.awareness.meta.get(clientId);
        if (known !== void 0 && clock <= known.clock) continue;
        if (this.owners.has(clientId) || owned.size >= MAX_CLIENT_IDS_PER_CONNECTION) {
          refused = true;
          continue;
        }
      }
      let state;
      try {
        state = parseAwarenessState(json);
      } catch {
        conn.close(CloseCode.badMessage, "invalid awareness state");
        return;
      }
      if (!owned.has(clientId)) {
        if (state === null) continue;
        owned.add(clientId);
        this.owners.set(clientId, conn);
      }
      accepted.push({ clientId, clock, state: stampIdentity(state, conn.principal) });
    }
    if (refused) conn.send(encodePermissionDenied("awareness may only describe your own client"));
    if (accepted.length > 0) applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(accepted), conn);
  }
  /** Presence from another node: applied and shown here, not relayed again. */
  receiveRelayed(update) {
    applyAwarenessUpdate(this.awareness, update, RELAY_ORIGIN);
  }
  flush() {
    this.timer = null;
    if (this.changed.size === 0) return;
    const update = encodeAwarenessUpdate(this.awareness, [...this.changed]);
    const origins = this.changedBy;
    const firstHand = this.firstHand;
    this.changed = /* @__PURE__ */ new Set();
    this.changedBy = /* @__PURE__ */ new Set();
    this.firstHand = /* @__PURE__ */ new Set();
    const frame2 = new SharedFrame(encodeAwareness(update));
    const skip = origins.size === 1 ? [...origins][0] : void 0;
    for (const conn of this.room.connections()) if (conn !== skip && !conn.congested()) conn.sendShared(frame2);
    if (firstHand.size > 0 && this.room.relay) {
      this.room.relay.publish(this.room.name, "awareness", encodeAwarenessUpdate(this.awareness, [...firstHand]));
    }
  }
  destroy() {
    if (this.timer) clearTimeout(this.timer);
    this.awareness.destroy();
  }
};

// server/sync/Room.ts
var RoomDataError = class extends Error {
  constructor(room, cause) {
    super(`room ${room}: stored data cannot be decoded (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
    this.name = "RoomDataError";
  }
};
var BACKLOG_MERGE_AT = 64;
var Room = class _Room {
  constructor(name2, docs, log2, options) {
    this.name = name2;
    this.docs = docs;
    this.log = log2;
    this.options = options;
    this.presence = new RoomAwareness(this.doc, { name: name2, connections: () => this.conns, relay: options.relay }, options.awarenessIntervalMs);
    this.doc.on("update", (update, origin) => {
      this.fullStateReply = null;
      if (!this.loading) this.enqueue(update, origin);
    });
  }
  name;
  docs;
  log;
  options;
  doc = new Y12.Doc();
  presence;
  conns = /* @__PURE__ */ new Set();
  /** Updates missed by congested connections, merged as they accumulate. */
  backlogs = /* @__PURE__ */ new Map();
  pending = [];
  pendingSince = 0;
  flushScheduled = false;
  lastBroadcastAt = 0;
  writes = Promise.resolve();
  bytesSinceCompaction = 0;
  /** Set when a write failed: the next unload stores the whole state so nothing stays memory-only. */
  storeFailed = false;
  /** True while stored updates are applied at load, so they are not stored a second time. */
  loading = false;
  /** Bytes of updates this document holds, at most (an upper bound: merges only shrink it). */
  approximateBytes = 0;
  /** The sync reply for a client with an empty document, kept until the document changes. */
  fullStateReply = null;
  get awareness() {
    return this.presence.awareness;
  }
  /** Loads the room's stored state; the room serves nobody before this resolves. */
  static async load(name2, docs, log2, options) {
    const room = new _Room(name2, docs, log2, options);
    const early = [];
    let loaded = false;
    await options.relay?.subscribe(name2, (kind, data) => {
      if (loaded) room.receiveRelayed(kind, data);
      else early.push([kind, data.slice()]);
    });
    try {
      const updates = await docs.load(name2);
      if (updates.length > 0) {
        room.loading = true;
        let state;
        try {
          state = updates.length === 1 ? updates[0] : Y12.mergeUpdates(updates);
          Y12.applyUpdate(room.doc, state, room);
        } catch (err) {
          throw new RoomDataError(name2, err);
        }
        room.approximateBytes = state.byteLength;
        room.loading = false;
        if (updates.length === 1) room.fullStateReply = encodeSyncStep2(state);
      }
    } catch (err) {
      await options.relay?.unsubscribe(name2).catch(() => {
      });
      room.presence.destroy();
      room.doc.destroy();
      throw err;
    }
    loaded = true;
    for (const [kind, data] of early) room.receiveRelayed(kind, data);
    return room;
  }
  /** A change from another node: applied and sent to our clients, not stored nor relayed again. */
  receiveRelayed(kind, data) {
    if (kind === "awareness") return this.presence.receiveRelayed(data);
    if (inspectUpdate(data).valid) Y12.applyUpdate(this.doc, data, RELAY_ORIGIN);
    else this.log.warn(`room ${this.name}: invalid update from another node ignored`);
  }
  get connectionCount() {
    return this.conns.size;
  }
  join(conn) {
    this.conns.add(conn);
    this.presence.add(conn);
    conn.send(encodeSyncStep1(this.doc));
    if (this.presence.hasStates) conn.send(this.presence.fullFrame());
  }
  leave(conn) {
    if (!this.conns.delete(conn)) return;
    this.backlogs.delete(conn);
    this.presence.remove(conn);
  }
  /** Handles one frame from a connection. Bad input closes that connection only. */
  receive(conn, data) {
    if (!this.conns.has(conn)) return;
    const message = decodeMessage(data);
    switch (message.type) {
      case "malformed":
        conn.close(CloseCode.badMessage, message.reason);
        return;
      case "syncStep1":
        this.replyToSyncStep1(conn, message.stateVector);
        return;
      case "syncStep2":
      case "update":
        this.receiveUpdate(conn, message.update);
        return;
      case "awareness":
        this.presence.receive(conn, message.update);
        return;
      case "queryAwareness":
        conn.send(this.presence.fullFrame());
        return;
      default:
        assertNever2(message);
    }
  }
  replyToSyncStep1(conn, stateVector) {
    if (!isValidStateVector(stateVector)) {
      conn.close(CloseCode.badMessage, "invalid state vector");
      return;
    }
    if (stateVector.byteLength === 1 && stateVector[0] === 0) {
      this.fullStateReply ??= encodeSyncStep2(Y12.encodeStateAsUpdate(this.doc));
      conn.send(this.fullStateReply);
      return;
    }
    conn.send(encodeSyncStep2(Y12.encodeStateAsUpdate(this.doc, stateVector)));
  }
  receiveUpdate(conn, update) {
    const inspected = inspectUpdate(update);
    if (!inspected.valid) {
      conn.close(CloseCode.badMessage, "invalid update");
      return;
    }
    if (inspected.empty) return;
    if (!conn.canWrite()) {
      conn.send(encodePermissionDenied(READ_ONLY_REASON));
      return;
    }
    if (this.approximateBytes + update.byteLength > this.options.maxDocumentBytes) {
      this.approximateBytes = Y12.encodeStateAsUpdate(this.doc).byteLength;
      if (this.approximateBytes + update.byteLength > this.options.maxDocumentBytes) {
        this.log.warn(`room ${this.name}: document limit reached, update refused`);
        conn.close(CloseCode.documentTooLarge, "document too large");
        return;
      }
    }
    this.approximateBytes += update.byteLength;
    try {
      Y12.applyUpdate(this.doc, update, conn);
    } catch (err) {
      this.log.warn(`room ${this.name}: update could not be applied`, err);
      conn.close(CloseCode.badMessage, "update could not be applied");
    }
  }
  enqueue(update, origin) {
    if (this.pending.length === 0) this.pendingSince = performance.now();
    this.pending.push({ update, origin });
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    const wait = this.lastBroadcastAt + this.options.batchIntervalMs - Date.now();
    const run = () => {
      this.flushScheduled = false;
      this.writes = this.writes.then(() => this.storeAndBroadcast());
    };
    if (wait > 0) setTimeout(run, wait);
    else setImmediate(run);
  }
  async storeAndBroadcast() {
    const batch = this.pending;
    const since = this.pendingSince;
    this.pending = [];
    if (batch.length === 0) return;
    const merge = (updates) => updates.length === 1 ? updates[0] : Y12.mergeUpdates(updates);
    const merged = merge(batch.map((b) => b.update));
    const firstHand = batch.filter((b) => b.origin !== RELAY_ORIGIN).map((b) => b.update);
    if (firstHand.length > 0) {
      const own = firstHand.length === batch.length ? merged : merge(firstHand);
      try {
        await this.docs.append(this.name, own);
      } catch (err) {
        this.storeFailed = true;
        this.log.error(`room ${this.name}: storing an update failed; it is kept in memory`, err);
      }
      this.options.relay?.publish(this.name, "update", own);
    }
    this.lastBroadcastAt = Date.now();
    const origins = new Set(batch.map((b) => b.origin));
    const skip = origins.size === 1 ? batch[0].origin : void 0;
    const frame2 = new SharedFrame(encodeUpdate(merged));
    for (const conn of this.conns) if (conn !== skip) this.deliver(conn, frame2, merged);
    this.options.onBroadcast?.(batch.length, performance.now() - since);
    this.bytesSinceCompaction += merged.byteLength;
    if (this.bytesSinceCompaction >= Math.max(this.options.compactAfterBytes, this.approximateBytes)) {
      this.bytesSinceCompaction = 0;
      await this.docs.compact(this.name).catch((err) => this.log.warn(`room ${this.name}: compaction failed`, err));
    }
  }
  /** Sends an update, or adds it to the connection's merged backlog while the client is slow. */
  deliver(conn, frame2, update) {
    const backlog = this.backlogs.get(conn);
    if (backlog) {
      backlog.push(update);
      if (backlog.length >= BACKLOG_MERGE_AT) backlog.splice(0, backlog.length, Y12.mergeUpdates(backlog));
      return;
    }
    if (!conn.congested()) return conn.sendShared(frame2);
    this.backlogs.set(conn, [update]);
    conn.onDrained(() => {
      const missed = this.backlogs.get(conn);
      this.backlogs.delete(conn);
      if (!missed || !this.conns.has(conn)) return;
      conn.send(encodeUpdate(missed.length === 1 ? missed[0] : Y12.mergeUpdates(missed)));
      conn.send(this.presence.fullFrame());
    });
  }
  /** Resolves once every update received so far is stored and broadcast. */
  async settle() {
    while (this.flushScheduled || this.pending.length > 0) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await this.writes;
  }
  /** Stores what is left, compacts the log and frees the document. */
  async unload() {
    await this.options.relay?.unsubscribe(this.name).catch((err) => this.log.warn(`room ${this.name}: unsubscribe failed`, err));
    await this.settle();
    try {
      if (this.storeFailed) await this.docs.append(this.name, Y12.encodeStateAsUpdate(this.doc));
      await this.docs.compact(this.name);
    } catch (err) {
      this.log.error(`room ${this.name}: final store on unload failed`, err);
    }
    this.presence.destroy();
    this.doc.destroy();
  }
  /** Closes every connection (shutdown, workshop deleted). */
  closeAll(code, reason) {
    this.closeWhere(() => true, code, reason);
  }
  /** Closes the connections whose principal matches; returns how many. */
  closeWhere(match, code, reason) {
    const matching = [...this.conns].filter((conn) => match(conn.principal));
    for (const conn of matching) {
      conn.close(code, reason);
      this.leave(conn);
    }
    return matching.length;
  }
};
function assertNever2(x) {
  throw new Error(`unhandled message ${JSON.stringify(x)}`);
}

// server/sync/RoomManager.ts
var RoomManager = class {
  constructor(docs, log2, options) {
    this.docs = docs;
    this.log = log2;
    this.options = options;
  }
  docs;
  log;
  options;
  slots = /* @__PURE__ */ new Map();
  /** Loads (or reuses) the room and adds the connection to it. */
  async join(name2, conn) {
    const room = await this.acquire(name2);
    room.join(conn);
    return room;
  }
  leave(room, conn) {
    room.leave(conn);
    if (room.connectionCount > 0) return;
    const slot = this.slots.get(room.name);
    if (slot?.state !== "open" || slot.room !== room || slot.unloadTimer) return;
    slot.unloadTimer = setTimeout(() => this.unload(room.name), this.options.unloadDelayMs);
  }
  get openRoomCount() {
    return this.slots.size;
  }
  /** The loaded room of that name, if any (for server-side changes and inspection). */
  loaded(name2) {
    const slot = this.slots.get(name2);
    return slot?.state === "open" ? slot.room : null;
  }
  /**
   * Runs a server-side change on a room's document (loading it if needed): it is stored and
   * broadcast like any client's update. The room unloads again later if nobody is connected.
   */
  async withRoom(name2, change) {
    const room = await this.acquire(name2);
    try {
      return change(room);
    } finally {
      if (room.connectionCount === 0) {
        const slot = this.slots.get(name2);
        if (slot?.state === "open" && !slot.unloadTimer) {
          slot.unloadTimer = setTimeout(() => this.unload(name2), this.options.unloadDelayMs);
        }
      }
    }
  }
  /** Names of the rooms loaded now (stored rooms are listed by the storage). */
  loadedNames() {
    return [...this.slots.keys()];
  }
  /** Closes every connection of one person (removed from the workshop), in every room. */
  closeConnectionsOf(workshopId, userId, code, reason) {
    let closed = 0;
    for (const slot of this.slots.values()) {
      if (slot.state !== "open") continue;
      closed += slot.room.closeWhere((p) => p.workshopId === workshopId && p.userId === userId, code, reason);
    }
    return closed;
  }
  async acquire(name2) {
    for (; ; ) {
      const slot = this.slots.get(name2);
      if (!slot) break;
      if (slot.state === "open") {
        if (slot.unloadTimer) clearTimeout(slot.unloadTimer);
        slot.unloadTimer = null;
        return slot.room;
      }
      if (slot.state === "loading") return slot.promise;
      await slot.promise;
    }
    const promise = Room.load(name2, this.docs, childLogger(this.log, { room: name2 }), this.options);
    this.slots.set(name2, { state: "loading", promise });
    try {
      const room = await promise;
      this.slots.set(name2, { state: "open", room, unloadTimer: null });
      return room;
    } catch (err) {
      this.slots.delete(name2);
      throw err;
    }
  }
  unload(name2) {
    const slot = this.slots.get(name2);
    if (slot?.state !== "open" || slot.room.connectionCount > 0) return;
    const promise = slot.room.unload().finally(() => this.slots.delete(name2));
    this.slots.set(name2, { state: "unloading", promise });
  }
  /**
   * Closes and unloads every room whose name matches, and resolves when none of them can write to
   * storage any more (before a workshop's stored data is deleted).
   */
  async dropRooms(match, code, reason) {
    const pending = [];
    for (const [name2, slot] of this.slots) {
      if (!match(name2)) continue;
      if (slot.state === "open") {
        if (slot.unloadTimer) clearTimeout(slot.unloadTimer);
        slot.room.closeAll(code, reason);
        const promise = slot.room.unload().finally(() => this.slots.delete(name2));
        this.slots.set(name2, { state: "unloading", promise });
        pending.push(promise);
      } else if (slot.state === "loading") {
        pending.push(slot.promise.then(() => this.dropRooms((n) => n === name2, code, reason)).catch(() => void 0));
      } else {
        pending.push(slot.promise.catch(() => void 0));
      }
    }
    await Promise.all(pending);
  }
  /** Graceful shutdown: close every connection with `code`, then store and unload every room. */
  async closeAll(code, reason) {
    const pending = [];
    for (const [name2, slot] of this.slots) {
      if (slot.state === "open") {
        if (slot.unloadTimer) clearTimeout(slot.unloadTimer);
        slot.room.closeAll(code, reason);
        const promise = slot.room.unload().finally(() => this.slots.delete(name2));
        this.slots.set(name2, { state: "unloading", promise });
        pending.push(promise);
      } else {
        pending.push(slot.promise.catch(() => void 0));
      }
    }
    await Promise.all(pending);
  }
};

// server/sync/SyncEndpoint.ts
import { WebSocket, WebSocketServer } from "ws";

// server/sync/wsFrame.ts
function encodeWsBinaryFrame(payload) {
  const length = payload.byteLength;
  const headerLength = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame2 = Buffer.allocUnsafe(headerLength + length);
  frame2[0] = 130;
  if (length < 126) {
    frame2[1] = length;
  } else if (length < 65536) {
    frame2[1] = 126;
    frame2.writeUInt16BE(length, 2);
  } else {
    frame2[1] = 127;
    frame2.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame2.writeUInt32BE(length >>> 0, 6);
  }
  frame2.set(payload, headerLength);
  return frame2;
}

// server/sync/TokenBucket.ts
var TokenBucket = class {
  constructor(capacity, perSecond, now) {
    this.capacity = capacity;
    this.perSecond = perSecond;
    this.tokens = capacity;
    this.last = now;
  }
  capacity;
  perSecond;
  tokens;
  last;
  /** Takes one token; false when the bucket is empty. */
  take(now) {
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) / 1e3 * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
};

// server/sync/SyncEndpoint.ts
var WsConnection = class {
  constructor(ws, principal, canWrite2, congestionBytes, onSent) {
    this.ws = ws;
    this.principal = principal;
    this.canWrite = canWrite2;
    this.congestionBytes = congestionBytes;
    this.onSent = onSent;
    const internals = ws;
    const compressed = Object.keys(internals._extensions ?? {}).length > 0;
    this.socket = !compressed && internals._socket ? internals._socket : null;
    this.sender = internals._sender;
  }
  ws;
  principal;
  canWrite;
  congestionBytes;
  onSent;
  socket;
  sender;
  send(frame2) {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.ws.send(frame2);
    this.onSent();
  }
  sendShared(frame2) {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.onSent();
    const idle = this.sender && this.sender._state === 0 && (this.sender._queue?.length ?? 0) === 0;
    if (!this.socket || !idle) return this.ws.send(frame2.payload);
    frame2.wire ??= encodeWsBinaryFrame(frame2.payload);
    this.socket.write(frame2.wire);
  }
  congested() {
    return this.ws.bufferedAmount > this.congestionBytes;
  }
  onDrained(callback) {
    if (!this.congested() || !this.socket) return callback();
    this.socket.once("drain", callback);
  }
  close(code, reason) {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close(code, reason);
  }
};
function refuse2(socket, status, message) {
  const statusText = { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 500: "Internal Server Error" };
  const body = `${message}
`;
  socket.end(
    `HTTP/1.1 ${status} ${statusText[status] ?? "Error"}\r
Connection: close\r
Content-Type: text/plain; charset=utf-8\r
Content-Length: ${Buffer.byteLength(body)}\r
\r
${body}`
  );
}
var toBytes = (data) => Array.isArray(data) ? new Uint8Array(Buffer.concat(data)) : data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
function createSyncEndpoint(deps) {
  const { rooms, registry, log: log2, metrics, readiness } = deps;
  const { limits } = deps;
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxPayload });
  wss.on("error", (err) => log2.error("yjs endpoint error", err));
  const countSent = () => metrics.messagesOut.inc();
  const alive = /* @__PURE__ */ new WeakMap();
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, limits.pingIntervalMs);
  heartbeat.unref();
  async function admit(req, socket, head, upgraded) {
    if (!originAllowed(req, limits.allowedOrigins)) return refuse2(socket, 403, "origin not allowed");
    const url2 = new URL(req.url ?? "/", "http://localhost");
    let roomName;
    try {
      roomName = decodeURIComponent(url2.pathname.slice(YJS_PATH.length + 1));
    } catch {
      return refuse2(socket, 400, "malformed room name");
    }
    const ref = parseRoom(roomName);
    if (!ref) return refuse2(socket, 404, `unknown room "${roomName.slice(0, 80)}"`);
    const principal = await authenticate(registry, url2.searchParams.get("token"));
    if (!principal) return refuse2(socket, 401, "missing or invalid token");
    if (principal.workshopId !== ref.workshopId) return refuse2(socket, 403, "this token is for another workshop");
    const access = await deps.authorize(principal, ref);
    if (!access.ok) return refuse2(socket, access.status, access.message);
    if (socket.destroyed) return;
    wss.handleUpgrade(req, socket, head, (ws) => {
      upgraded();
      attach(ws, roomName, new WsConnection(ws, principal, access.canWrite, limits.congestionBytes, countSent));
    });
  }
  function attach(ws, roomName, conn) {
    let room = null;
    let closed = false;
    const early = [];
    const MAX_EARLY_FRAMES = 1e3;
    const receive = (data) => {
      try {
        room.receive(conn, data);
      } catch (err) {
        log2.error(`room ${roomName}: unexpected fault handling a message`, err);
        conn.close(CloseCode.internalError, "internal error");
      }
    };
    ws.on("error", (err) => log2.warn(`yjs connection error in ${roomName}`, err.message));
    alive.set(ws, true);
    ws.on("pong", () => alive.set(ws, true));
    const role = conn.principal.role;
    metrics.connections.inc({ role });
    const bucket = new TokenBucket(limits.burst, limits.perSecond, Date.now());
    ws.on("message", (data, isBinary) => {
      alive.set(ws, true);
      metrics.messagesIn.inc();
      if (!bucket.take(Date.now())) return conn.close(CloseCode.rateLimited, "too many messages");
      if (!isBinary) return conn.close(CloseCode.badMessage, "text frames are not part of the protocol");
      const bytes = toBytes(data);
      if (room) receive(bytes);
      else if (early.push(bytes) > MAX_EARLY_FRAMES) conn.close(CloseCode.rateLimited, "too many messages while the room loads");
    });
    ws.on("close", () => {
      closed = true;
      metrics.connections.dec({ role });
      if (room) rooms.leave(room, conn);
    });
    rooms.join(roomName, conn).then(
      (joined) => {
        room = joined;
        readiness.roomLoaded(roomName);
        if (closed) return rooms.leave(joined, conn);
        for (const bytes of early.splice(0)) receive(bytes);
      },
      (err) => {
        log2.error(`room ${roomName}: loading failed`, err);
        metrics.roomLoadFailures.inc();
        readiness.roomFailed(roomName);
        if (err instanceof RoomDataError) conn.close(CloseCode.roomUnavailable, "room data is damaged");
        else conn.close(CloseCode.internalError, "room could not be loaded");
      }
    );
  }
  return {
    handleUpgrade(req, socket, head) {
      const onError = (err) => log2.warn("upgrade socket error", err.message);
      socket.on("error", onError);
      admit(req, socket, head, () => socket.off("error", onError)).catch((err) => {
        log2.error("upgrade failed", err);
        if (!socket.destroyed) refuse2(socket, 500, "internal error");
      });
    },
    close() {
      clearInterval(heartbeat);
      for (const client of wss.clients) client.terminate();
      wss.close();
    }
  };
}

// server/createCroiseeServer.ts
function createCroiseeServer(options) {
  const { storage: storage2, log: log2 } = options;
  const metrics = options.metrics ?? createMetrics();
  const readiness = new Readiness({ storage: () => storage2.registry.getWorkshop("readiness-probe"), ...options.readinessChecks });
  const rooms = new RoomManager(instrumentDocStorage(storage2.docs, metrics), log2, {
    unloadDelayMs: options.unloadDelayMs ?? 5e3,
    compactAfterBytes: options.compactAfterBytes ?? 1024 * 1024,
    relay: options.cluster ? instrumentRelay(options.cluster.relay, metrics) : null,
    onBroadcast: (updates, latencyMs) => {
      metrics.broadcastBatchSize.observe(updates);
      metrics.broadcastLatency.observe(latencyMs / 1e3);
    },
    maxDocumentBytes: options.maxDocumentBytes ?? 64 * 1024 * 1024,
    batchIntervalMs: options.batchIntervalMs ?? 10,
    awarenessIntervalMs: options.awarenessIntervalMs ?? 50
  });
  const http = createServer();
  const allowedOrigins = options.allowedOrigins ?? [];
  const io = createSocketServer(http, allowedOrigins);
  http.headersTimeout = 1e4;
  http.requestTimeout = 3e4;
  guardConnections(http, { total: 1e4, perIp: 1e3, ...options.connectionCaps }, metrics);
  metrics.sources.openRooms = () => rooms.openRoomCount;
  metrics.sources.failedRooms = () => readiness.failedRoomCount;
  options.cluster?.attachAdapter(io);
  const broadcaster = socketBroadcaster(io, Boolean(options.cluster));
  const facilitation = new FacilitationService({ storage: storage2, rooms, broadcaster, log: log2, now: Date.now });
  instrumentFacilitation(io, metrics);
  attachFacilitation(io, { registry: storage2.registry, service: facilitation, log: log2 });
  const imports = createImportRunner();
  const app = createApp({
    imports,
    storage: storage2,
    log: log2,
    staticDir: options.staticDir,
    isJoinLocked: async (id2) => (await facilitation.state(id2)).joinLocked,
    reports: { storage: storage2, rooms, endWorkshopSessions: (id2) => broadcaster.endWorkshop(id2), forgetWorkshop: (id2) => facilitation.forgetWorkshop(id2) },
    ops: {
      trustProxy: options.trustProxy ?? false,
      requestLog: options.requestLog,
      metrics,
      routes: opsRoutes({ readiness, metrics, metricsToken: options.metricsToken ?? null }),
      mountLimits: (app2) => mountHttpLimits(app2, { limits: { ...DEFAULT_HTTP_LIMITS, ...options.httpLimits }, metrics, log: log2, store: options.rateLimitStore })
    }
  });
  http.on("request", app);
  const authorize = async (principal, room) => {
    if (!mayOpenRoom(principal, room)) return { ok: false, status: 403, message: "private drafts belong to their author" };
    await facilitation.state(principal.workshopId);
    return { ok: true, canWrite: () => mayWriteRoom(principal, room, facilitation.loadedState(principal.workshopId)) };
  };
  const sync = createSyncEndpoint({
    rooms,
    registry: storage2.registry,
    authorize,
    log: log2,
    metrics,
    readiness,
    limits: {
      maxPayload: options.maxPayload ?? 8 * 1024 * 1024,
      burst: options.rateLimit?.burst ?? 400,
      perSecond: options.rateLimit?.perSecond ?? 200,
      allowedOrigins,
      congestionBytes: options.congestionBytes ?? 2 * 1024 * 1024,
      pingIntervalMs: options.pingIntervalMs ?? 3e4
    }
  });
  http.on("upgrade", (req, socket, head) => {
    const path6 = (req.url ?? "").split("?")[0];
    if (path6.startsWith(`${YJS_PATH}/`)) return sync.handleUpgrade(req, socket, head);
    if (path6.startsWith("/socket.io/")) return;
    socket.on("error", () => {
    });
    socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
  });
  let closing = null;
  return {
    http,
    io,
    rooms,
    facilitation,
    storage: storage2,
    metrics,
    readiness,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        http.once("error", reject);
        http.listen(port, host, () => {
          http.off("error", reject);
          resolve(http.address());
        });
      });
    },
    close() {
      closing ??= (async () => {
        readiness.markShuttingDown();
        await rooms.closeAll(CloseCode.serverRestarting, "server restarting");
        sync.close();
        await new Promise((resolve) => io.close(() => resolve()));
        http.closeAllConnections();
        await options.cluster?.close();
        await imports.close();
        await storage2.close();
      })();
      return closing;
    }
  };
}

// server/demoWorkshop.ts
var DEMO_KEY = "demo-workshop";
async function ensureDemoWorkshop(storage2, now) {
  if (await storage2.registry.getSetting(DEMO_KEY)) return null;
  const created = await createWorkshop(storage2, { title: DEMO_TITLE, facilitatorName: DEFAULT_FACILITATOR_NAME, seed: DEMO_SEED, now });
  const demo2 = { workshopId: created.id, joinCode: created.joinCode };
  await storage2.registry.setSetting(DEMO_KEY, JSON.stringify(demo2));
  return { ...demo2, facilitatorToken: created.facilitatorToken };
}
var facilitatorLink = (baseUrl, workshopId, token) => `${baseUrl}/w/${workshopId}#token=${encodeURIComponent(token)}`;
var joinLink = (baseUrl, joinCode) => `${baseUrl}/join/${joinCode}`;

// server/opsRedis.ts
import { Redis } from "ioredis";
import { RedisStore } from "rate-limit-redis";
function createOpsRedis(url2, prefix, log2) {
  const redis = new Redis(url2, { maxRetriesPerRequest: 1 });
  redis.on("error", (err) => log2.warn("ops redis connection error", err.message));
  return {
    ping: () => redis.ping(),
    rateLimitStore: (name2) => new RedisStore({
      prefix: `${prefix}rate:${name2}:`,
      sendCommand: (command, ...args) => redis.call(command, ...args)
    }),
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    }
  };
}

// server/pinoLogger.ts
import { pino } from "pino";
function wrapPino(p) {
  const fields = (details) => details instanceof Error ? { err: details } : details && typeof details === "object" && !Array.isArray(details) ? details : { details };
  const line = (level) => (message, details) => {
    if (details === void 0) p[level](message);
    else p[level](fields(details), message);
  };
  return { info: line("info"), warn: line("warn"), error: line("error"), child: (bindings) => wrapPino(p.child(bindings)) };
}
function createPinoLogger(level, destination) {
  const p = pino({ level, base: { service: "croisee" }, timestamp: pino.stdTimeFunctions.isoTime }, destination ?? process.stdout);
  return { log: wrapPino(p), pino: p };
}

// server/requestLogger.ts
import { pinoHttp } from "pino-http";
function redactUrl(url2) {
  const [pathPart, query] = splitOnce(url2, "?");
  const safePath = pathPart.replace(/(\/join-codes\/|\/join\/)[^/]+/g, "$1[redacted]");
  if (query === null) return safePath;
  const safeQuery = query.split("&").map((pair) => /^(token|joinCode|code)=/i.test(pair) ? `${pair.split("=")[0]}=[redacted]` : pair).join("&");
  return `${safePath}?${safeQuery}`;
}
function splitOnce(s, sep) {
  const i = s.indexOf(sep);
  return i < 0 ? [s, null] : [s.slice(0, i), s.slice(i + 1)];
}
var PROBES = /* @__PURE__ */ new Set(["/health", "/ready", "/metrics"]);
function requestLogger(p) {
  return pinoHttp({
    logger: p,
    quietReqLogger: true,
    customLogLevel: (req, res, err) => {
      if (err || res.statusCode >= 500) return "error";
      if (PROBES.has((req.url ?? "").split("?")[0])) return "debug";
      return res.statusCode >= 400 ? "warn" : "info";
    },
    serializers: {
      req: (req) => ({
        method: req.method,
        url: redactUrl(req.url ?? ""),
        remoteAddress: req.remoteAddress
      }),
      res: (res) => ({ statusCode: res.statusCode })
    }
  });
}

// server/scale/createRedisCluster.ts
import { createAdapter } from "@socket.io/redis-adapter";
import { Redis as Redis3 } from "ioredis";

// server/scale/RedisRelay.ts
import { randomBytes as randomBytes2 } from "node:crypto";
import { Redis as Redis2 } from "ioredis";
var NODE_ID_BYTES = 8;
var KIND_BYTE = { update: 0, awareness: 1 };
var RedisRelay = class {
  constructor(url2, prefix, log2) {
    this.prefix = prefix;
    this.log = log2;
    this.pub = new Redis2(url2, { lazyConnect: false, maxRetriesPerRequest: null });
    this.sub = new Redis2(url2, { lazyConnect: false, maxRetriesPerRequest: null });
    for (const client of [this.pub, this.sub]) client.on("error", (err) => log2.warn("redis relay connection error", err.message));
    this.sub.on("messageBuffer", (channel, message) => this.receive(channel.toString(), message));
  }
  prefix;
  log;
  nodeId = randomBytes2(NODE_ID_BYTES);
  pub;
  sub;
  handlers = /* @__PURE__ */ new Map();
  channel(room) {
    return `${this.prefix}room:${room}`;
  }
  receive(channel, message) {
    if (message.length < NODE_ID_BYTES + 1) return;
    if (message.subarray(0, NODE_ID_BYTES).equals(this.nodeId)) return;
    const room = channel.slice(`${this.prefix}room:`.length);
    const handler = this.handlers.get(room);
    if (!handler) return;
    const kind = message[NODE_ID_BYTES] === KIND_BYTE.awareness ? "awareness" : "update";
    const data = new Uint8Array(message.buffer, message.byteOffset + NODE_ID_BYTES + 1, message.length - NODE_ID_BYTES - 1);
    try {
      handler(kind, data);
    } catch (err) {
      this.log.error(`relay: message for ${room} could not be applied`, err);
    }
  }
  async subscribe(room, deliver) {
    this.handlers.set(room, deliver);
    await this.sub.subscribe(this.channel(room));
  }
  async unsubscribe(room) {
    this.handlers.delete(room);
    await this.sub.unsubscribe(this.channel(room));
  }
  publish(room, kind, data) {
    const frame2 = Buffer.allocUnsafe(NODE_ID_BYTES + 1 + data.length);
    this.nodeId.copy(frame2, 0);
    frame2[NODE_ID_BYTES] = KIND_BYTE[kind];
    frame2.set(data, NODE_ID_BYTES + 1);
    this.pub.publish(this.channel(room), frame2).catch((err) => this.log.error(`relay: publishing to ${room} failed`, err.message));
  }
  async close() {
    this.handlers.clear();
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }
};

// server/scale/createRedisCluster.ts
function createRedisCluster(url2, prefix, log2) {
  const relay = new RedisRelay(url2, prefix, log2);
  const pub = new Redis3(url2, { maxRetriesPerRequest: null });
  const sub = pub.duplicate();
  for (const client of [pub, sub]) client.on("error", (err) => log2.warn("socket.io redis adapter connection error", err.message));
  return {
    relay,
    attachAdapter(io) {
      io.adapter(createAdapter(pub, sub, { key: `${prefix}socket.io`, requestsTimeout: 2e3 }));
    },
    async close() {
      await relay.close();
      await Promise.allSettled([pub.quit(), sub.quit()]);
    }
  };
}

// server/storageCheck.ts
import Database from "better-sqlite3";
import { existsSync as existsSync2, readdirSync, statSync } from "node:fs";
import path4 from "node:path";
var StorageFault = class extends Error {
};
var RESTORE = 'Restore it from your latest backup (docs/deployment.md, "Backups"), or move the data folder aside to start with an empty one.';
function checkSqliteDataDir(dataDir, fileName2) {
  const file = path4.join(dataDir, fileName2);
  if (!existsSync2(file)) {
    const others = existsSync2(dataDir) ? readdirSync(dataDir).filter((f) => !f.startsWith(".")) : [];
    if (others.length > 0) {
      throw new StorageFault(
        `The data folder ${dataDir} holds files (${others.slice(0, 5).join(", ")}) but no ${fileName2}. Nothing was created, so as not to start a fresh install over lost data. ${RESTORE}`
      );
    }
    return;
  }
  if (statSync(file).size === 0) {
    throw new StorageFault(`The database ${file} is empty (0 bytes): its data is gone. Nothing was changed. ${RESTORE}`);
  }
  let problems;
  try {
    const db = new Database(file, { fileMustExist: true });
    try {
      problems = db.pragma("quick_check(5)").map((row) => row.quick_check).filter((r) => r !== "ok");
    } finally {
      db.close();
    }
  } catch (err) {
    problems = [err instanceof Error ? err.message : String(err)];
  }
  if (problems.length > 0) {
    throw new StorageFault(`The database ${file} is damaged (${problems.join("; ").slice(0, 400)}). Nothing was changed. ${RESTORE}`);
  }
}

// server/storage/postgresStorage.ts
import pg from "pg";
import * as Y13 from "yjs";
var schemaSql = (schema) => `
CREATE SCHEMA IF NOT EXISTS ${schema};
CREATE TABLE IF NOT EXISTS ${schema}.doc_updates (
  seq BIGSERIAL PRIMARY KEY,
  room TEXT NOT NULL,
  data BYTEA NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_updates_room ON ${schema}.doc_updates (room, seq);
CREATE TABLE IF NOT EXISTS ${schema}.workshops (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  join_code TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS ${schema}.participants (
  user_id TEXT PRIMARY KEY,
  workshop_id TEXT NOT NULL REFERENCES ${schema}.workshops (id),
  token_hash TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  community TEXT,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE TABLE IF NOT EXISTS ${schema}.facilitation (
  workshop_id TEXT PRIMARY KEY REFERENCES ${schema}.workshops (id),
  state TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ${schema}.settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;
var toWorkshop = (r) => ({ id: r.id, title: r.title, joinCode: r.join_code, createdAt: Number(r.created_at) });
var toParticipant = (r) => ({
  userId: r.user_id,
  workshopId: r.workshop_id,
  name: r.name,
  role: r.role,
  community: r.community,
  createdAt: Number(r.created_at)
});
var toBytes2 = (b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
async function openPostgresStorage(connectionString, options = {}) {
  const schema = options.schema ?? "croisee";
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name "${schema}"`);
  const pool = new pg.Pool({ connectionString, max: 10 });
  pool.on("error", () => {
  });
  const t = (name2) => `${schema}.${name2}`;
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtext($1))", [`croisee-schema-${schema}`]);
    await client.query(schemaSql(schema));
  } finally {
    await client.query("SELECT pg_advisory_unlock(hashtext($1))", [`croisee-schema-${schema}`]).catch(() => {
    });
    client.release();
  }
  async function inTransaction(work) {
    const c = await pool.connect();
    try {
      await c.query("BEGIN");
      const result = await work(c);
      await c.query("COMMIT");
      return result;
    } catch (err) {
      await c.query("ROLLBACK").catch(() => {
      });
      throw err;
    } finally {
      c.release();
    }
  }
  const docs = {
    async load(room) {
      const { rows } = await pool.query(`SELECT data FROM ${t("doc_updates")} WHERE room = $1 ORDER BY seq`, [room]);
      return rows.map((r) => toBytes2(r.data));
    },
    async append(room, update) {
      await pool.query(`INSERT INTO ${t("doc_updates")} (room, data) VALUES ($1, $2)`, [room, Buffer.from(update)]);
    },
    async compact(room) {
      await inTransaction(async (c) => {
        await c.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`${schema}:${room}`]);
        const { rows } = await c.query(`SELECT seq, data FROM ${t("doc_updates")} WHERE room = $1 ORDER BY seq`, [room]);
        if (rows.length < 2) return;
        const merged = Y13.mergeUpdates(rows.map((r) => toBytes2(r.data)));
        await c.query(`DELETE FROM ${t("doc_updates")} WHERE room = $1 AND seq <= $2`, [room, rows[rows.length - 1].seq]);
        await c.query(`INSERT INTO ${t("doc_updates")} (room, data) VALUES ($1, $2)`, [room, Buffer.from(merged)]);
      });
    },
    async count(room) {
      const { rows } = await pool.query(`SELECT COUNT(*) AS n FROM ${t("doc_updates")} WHERE room = $1`, [room]);
      return Number(rows[0].n);
    },
    async deleteRooms(rooms) {
      if (rooms.length > 0) await pool.query(`DELETE FROM ${t("doc_updates")} WHERE room = ANY($1::text[])`, [rooms]);
    },
    async listRooms(prefix) {
      const { rows } = await pool.query(
        `SELECT DISTINCT room FROM ${t("doc_updates")} WHERE left(room, $2) = $1 ORDER BY room`,
        [prefix, prefix.length]
      );
      return rows.map((r) => r.room);
    }
  };
  const registry = {
    async createWorkshop(w) {
      await pool.query(`INSERT INTO ${t("workshops")} (id, title, join_code, created_at) VALUES ($1, $2, $3, $4)`, [w.id, w.title, w.joinCode, w.createdAt]);
    },
    async getWorkshop(id2) {
      const { rows } = await pool.query(`SELECT * FROM ${t("workshops")} WHERE id = $1`, [id2]);
      return rows[0] ? toWorkshop(rows[0]) : null;
    },
    async findWorkshopByJoinCode(code) {
      const { rows } = await pool.query(`SELECT * FROM ${t("workshops")} WHERE join_code = $1`, [code]);
      return rows[0] ? toWorkshop(rows[0]) : null;
    },
    async addParticipant(p, tokenHash) {
      await pool.query(
        `INSERT INTO ${t("participants")} (user_id, workshop_id, token_hash, name, role, community, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [p.userId, p.workshopId, tokenHash, p.name, p.role, p.community, p.createdAt]
      );
    },
    async findParticipantByTokenHash(hash) {
      const { rows } = await pool.query(`SELECT * FROM ${t("participants")} WHERE token_hash = $1 AND revoked_at IS NULL`, [hash]);
      return rows[0] ? toParticipant(rows[0]) : null;
    },
    async revokeParticipant(workshopId, userId) {
      const res = await pool.query(
        `UPDATE ${t("participants")} SET revoked_at = $1 WHERE workshop_id = $2 AND user_id = $3 AND revoked_at IS NULL`,
        [Date.now(), workshopId, userId]
      );
      return (res.rowCount ?? 0) > 0;
    },
    async loadFacilitation(workshopId) {
      const { rows } = await pool.query(`SELECT state FROM ${t("facilitation")} WHERE workshop_id = $1`, [workshopId]);
      return rows[0]?.state ?? null;
    },
    async transactFacilitation(workshopId, change) {
      return inTransaction(async (c) => {
        await c.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`${schema}:facilitation:${workshopId}`]);
        const { rows } = await c.query(`SELECT state FROM ${t("facilitation")} WHERE workshop_id = $1`, [workshopId]);
        const { json, result } = change(rows[0]?.state ?? null);
        if (json !== null) {
          await c.query(
            `INSERT INTO ${t("facilitation")} (workshop_id, state) VALUES ($1, $2) ON CONFLICT (workshop_id) DO UPDATE SET state = excluded.state`,
            [workshopId, json]
          );
        }
        return result;
      });
    },
    async deleteWorkshop(id2) {
      await inTransaction(async (c) => {
        await c.query(`DELETE FROM ${t("participants")} WHERE workshop_id = $1`, [id2]);
        await c.query(`DELETE FROM ${t("facilitation")} WHERE workshop_id = $1`, [id2]);
        await c.query(`DELETE FROM ${t("workshops")} WHERE id = $1`, [id2]);
      });
    },
    async getSetting(key) {
      const { rows } = await pool.query(`SELECT value FROM ${t("settings")} WHERE key = $1`, [key]);
      return rows[0]?.value ?? null;
    },
    async setSetting(key, value) {
      await pool.query(`INSERT INTO ${t("settings")} (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [key, value]);
    }
  };
  let closed = false;
  return {
    docs,
    registry,
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    }
  };
}

// server/storage/sqliteStorage.ts
import Database2 from "better-sqlite3";
import * as Y14 from "yjs";
var SCHEMA = `
CREATE TABLE IF NOT EXISTS doc_updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  room TEXT NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_updates_room ON doc_updates (room, seq);
CREATE TABLE IF NOT EXISTS workshops (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  join_code TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS participants (
  user_id TEXT PRIMARY KEY,
  workshop_id TEXT NOT NULL REFERENCES workshops (id),
  token_hash TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  community TEXT,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE TABLE IF NOT EXISTS facilitation (
  workshop_id TEXT PRIMARY KEY REFERENCES workshops (id),
  state TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;
var toWorkshop2 = (r) => ({ id: r.id, title: r.title, joinCode: r.join_code, createdAt: r.created_at });
var toParticipant2 = (r) => ({
  userId: r.user_id,
  workshopId: r.workshop_id,
  name: r.name,
  role: r.role,
  community: r.community,
  createdAt: r.created_at
});
function openSqliteStorage(file) {
  const db = new Database2(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.exec(SCHEMA);
  const q = {
    load: db.prepare("SELECT data FROM doc_updates WHERE room = ? ORDER BY seq"),
    append: db.prepare("INSERT INTO doc_updates (room, data) VALUES (?, ?)"),
    count: db.prepare("SELECT COUNT(*) AS n FROM doc_updates WHERE room = ?"),
    rows: db.prepare("SELECT seq, data FROM doc_updates WHERE room = ? ORDER BY seq"),
    deleteThrough: db.prepare("DELETE FROM doc_updates WHERE room = ? AND seq <= ?"),
    insertWorkshop: db.prepare("INSERT INTO workshops (id, title, join_code, created_at) VALUES (?, ?, ?, ?)"),
    getWorkshop: db.prepare("SELECT * FROM workshops WHERE id = ?"),
    workshopByCode: db.prepare("SELECT * FROM workshops WHERE join_code = ?"),
    insertParticipant: db.prepare(
      "INSERT INTO participants (user_id, workshop_id, token_hash, name, role, community, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
    ),
    participantByToken: db.prepare("SELECT * FROM participants WHERE token_hash = ? AND revoked_at IS NULL"),
    revoke: db.prepare("UPDATE participants SET revoked_at = ? WHERE workshop_id = ? AND user_id = ? AND revoked_at IS NULL"),
    loadFacilitation: db.prepare("SELECT state FROM facilitation WHERE workshop_id = ?"),
    saveFacilitation: db.prepare(
      "INSERT INTO facilitation (workshop_id, state) VALUES (?, ?) ON CONFLICT (workshop_id) DO UPDATE SET state = excluded.state"
    ),
    deleteRoom: db.prepare("DELETE FROM doc_updates WHERE room = ?"),
    deleteParticipants: db.prepare("DELETE FROM participants WHERE workshop_id = ?"),
    deleteFacilitation: db.prepare("DELETE FROM facilitation WHERE workshop_id = ?"),
    deleteWorkshop: db.prepare("DELETE FROM workshops WHERE id = ?"),
    listRooms: db.prepare("SELECT DISTINCT room FROM doc_updates WHERE room >= ? AND room < ? ORDER BY room"),
    getSetting: db.prepare("SELECT value FROM settings WHERE key = ?"),
    setSetting: db.prepare("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
  };
  const compact = db.transaction((room) => {
    const rows = q.rows.all(room);
    if (rows.length < 2) return;
    const merged = Y14.mergeUpdates(rows.map((r) => new Uint8Array(r.data)));
    q.deleteThrough.run(room, rows[rows.length - 1].seq);
    q.append.run(room, Buffer.from(merged));
  });
  const deleteRooms = db.transaction((rooms) => {
    for (const room of rooms) q.deleteRoom.run(room);
  });
  const deleteWorkshop = db.transaction((id2) => {
    q.deleteParticipants.run(id2);
    q.deleteFacilitation.run(id2);
    q.deleteWorkshop.run(id2);
  });
  const docs = {
    async load(room) {
      return q.load.all(room).map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength));
    },
    async append(room, update) {
      q.append.run(room, Buffer.from(update.buffer, update.byteOffset, update.byteLength));
    },
    async compact(room) {
      compact(room);
    },
    async count(room) {
      return q.count.get(room)?.n ?? 0;
    },
    async deleteRooms(rooms) {
      deleteRooms(rooms);
    },
    async listRooms(prefix) {
      return q.listRooms.all(prefix, `${prefix}\uFFFF`).map((r) => r.room);
    }
  };
  const registry = {
    async createWorkshop(w) {
      q.insertWorkshop.run(w.id, w.title, w.joinCode, w.createdAt);
    },
    async getWorkshop(id2) {
      const row = q.getWorkshop.get(id2);
      return row ? toWorkshop2(row) : null;
    },
    async findWorkshopByJoinCode(code) {
      const row = q.workshopByCode.get(code);
      return row ? toWorkshop2(row) : null;
    },
    async addParticipant(p, tokenHash) {
      q.insertParticipant.run(p.userId, p.workshopId, tokenHash, p.name, p.role, p.community, p.createdAt);
    },
    async findParticipantByTokenHash(hash) {
      const row = q.participantByToken.get(hash);
      return row ? toParticipant2(row) : null;
    },
    async revokeParticipant(workshopId, userId) {
      return q.revoke.run(Date.now(), workshopId, userId).changes > 0;
    },
    async loadFacilitation(workshopId) {
      return q.loadFacilitation.get(workshopId)?.state ?? null;
    },
    async transactFacilitation(workshopId, change) {
      return db.transaction(() => {
        const { json, result } = change(q.loadFacilitation.get(workshopId)?.state ?? null);
        if (json !== null) q.saveFacilitation.run(workshopId, json);
        return result;
      })();
    },
    async deleteWorkshop(id2) {
      deleteWorkshop(id2);
    },
    async getSetting(key) {
      return q.getSetting.get(key)?.value ?? null;
    },
    async setSetting(key, value) {
      q.setSetting.run(key, value);
    }
  };
  return {
    docs,
    registry,
    async close() {
      if (db.open) db.close();
    }
  };
}

// server/main.ts
var config;
try {
  config = loadConfig(process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`Crois\xE9e: ${err.message}
See the configuration table in README.md.
`);
  process.exit(2);
}
var { log, pino: pino2 } = createPinoLogger(config.logLevel);
var appRoot = path5.resolve(path5.dirname(fileURLToPath(import.meta.url)), "..");
var staticDir = config.staticDir ?? path5.join(appRoot, "dist");
var SQLITE_FILE = "croisee.sqlite";
var server = null;
var opsRedis = null;
var stopping = false;
function shutdown(reason, code) {
  if (stopping) return;
  stopping = true;
  log.info(`${reason}: storing everything and closing\u2026`);
  setTimeout(() => {
    log.error(`shutdown did not finish within ${config.shutdownTimeoutMs} ms; exiting without it`);
    process.exit(code || 1);
  }, config.shutdownTimeoutMs).unref();
  Promise.resolve().then(async () => {
    await server?.close();
    await opsRedis?.close();
  }).then(
    () => process.exit(code),
    (err) => {
      log.error("shutdown failed", err);
      process.exit(code || 1);
    }
  );
}
process.on("uncaughtException", (err) => {
  log.error("uncaught exception: storing what can be stored, then exiting", err);
  shutdown("uncaught exception", 1);
});
process.on("unhandledRejection", (err) => {
  log.error("unhandled rejection: storing what can be stored, then exiting", err);
  shutdown("unhandled rejection", 1);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => shutdown(signal, 0));
async function openStorage() {
  if (config.multiNode) return openPostgresStorage(config.multiNode.databaseUrl, { schema: config.multiNode.databaseSchema });
  checkSqliteDataDir(config.dataDir, SQLITE_FILE);
  mkdirSync(config.dataDir, { recursive: true });
  return openSqliteStorage(path5.join(config.dataDir, SQLITE_FILE));
}
var storage;
try {
  storage = await openStorage();
} catch (err) {
  if (err instanceof StorageFault) {
    log.error(err.message);
    process.stderr.write(`Crois\xE9e cannot start: ${err.message}
`);
    process.exit(3);
  }
  log.error("storage could not be opened", err);
  process.exit(1);
}
var multi = config.multiNode;
var cluster = multi ? createRedisCluster(multi.redisUrl, multi.redisPrefix, log) : void 0;
opsRedis = multi ? createOpsRedis(multi.redisUrl, multi.redisPrefix, log) : null;
server = createCroiseeServer({
  storage,
  log,
  staticDir,
  cluster,
  allowedOrigins: config.allowedOrigins,
  requestLog: requestLogger(pino2),
  metricsToken: config.metricsToken,
  readinessChecks: opsRedis ? { redis: opsRedis.ping } : {},
  rateLimitStore: opsRedis?.rateLimitStore,
  httpLimits: config.rateLimits,
  trustProxy: config.trustProxy,
  connectionCaps: { total: config.maxConnections, perIp: config.maxConnectionsPerIp },
  pingIntervalMs: config.wsPingIntervalMs
});
var demo = await ensureDemoWorkshop(storage, Date.now());
var address = await server.listen(config.port, config.host);
var publicUrl = config.publicUrl ?? `http://localhost:${address.port}`;
log.info(`Crois\xE9e is running at ${publicUrl}`, { mode: multi ? "multi-node" : "single-node", dataDir: multi ? void 0 : config.dataDir });
if (demo) {
  log.info("demo workshop created", { workshopId: demo.workshopId });
  process.stdout.write(
    `
  Demo workshop "Regards crois\xE9s sur la SmartCity" \u2014 shown once, keep this link:
    facilitator link: ${facilitatorLink(publicUrl, demo.workshopId, demo.facilitatorToken)}
    join link:        ${joinLink(publicUrl, demo.joinCode)}

`
  );
}
log.info(`listening on port ${address.port}`);
//# sourceMappingURL=main.js.map
