import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_ATTACHMENT_MAX_BYTES, DEFAULT_WORKSHOP_ATTACHMENTS_MAX_BYTES } from '../shared/attachments';

/**
 * Every environment variable the server reads, in one schema: its type, its default, and the error
 * an operator sees when it is wrong. `main.ts` calls `loadConfig(process.env)` and only wires the
 * result; nothing else reads the environment. The README's configuration table lists the same names.
 */

const int = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return fallback;
      const value = Number(raw);
      if (!Number.isInteger(value) || value < min || value > max) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a whole number from ${min} to ${max} (got "${raw}")` });
        return z.NEVER;
      }
      return value;
    });

/** A whole number, or undefined to keep the default of the module that uses it. */
const optionalInt = (name: string, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return undefined;
      const value = Number(raw);
      if (!Number.isInteger(value) || value < min || value > max) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a whole number from ${min} to ${max} (got "${raw}")` });
        return z.NEVER;
      }
      return value;
    });

const text = (fallback?: string) =>
  z
    .string()
    .optional()
    .transform((raw) => (raw === undefined || raw.trim() === '' ? fallback : raw.trim()));

const url = (name: string, protocols: readonly string[]) =>
  text().superRefine((raw, ctx) => {
    if (raw === undefined) return;
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      ctx.addIssue({ code: 'custom', message: `${name} must be a URL (got "${raw.slice(0, 80)}")` });
      return;
    }
    if (!protocols.includes(parsed.protocol)) {
      ctx.addIssue({ code: 'custom', message: `${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')} (got "${parsed.protocol}//…")` });
    }
  });

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const envSchema = z.object({
  PORT: int('PORT', 0, 65535, 3000),
  HOST: text('0.0.0.0'),
  DATA_DIR: text('data'),
  STATIC_DIR: text(),
  PUBLIC_URL: url('PUBLIC_URL', ['http:', 'https:']),
  ALLOWED_ORIGINS: text('').superRefine((raw, ctx) => {
    for (const origin of splitList(raw ?? '')) {
      if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
        ctx.addIssue({
          code: 'custom',
          message: `ALLOWED_ORIGINS must be a comma-separated list of origins like https://example.org (got "${origin.slice(0, 80)}")`,
        });
      }
    }
  }),
  FRAME_ANCESTORS: text(''),
  DATABASE_URL: url('DATABASE_URL', ['postgres:', 'postgresql:']),
  DATABASE_SCHEMA: text('croisee').refine((s) => /^[a-z_][a-z0-9_]{0,62}$/.test(s ?? ''), {
    message: 'DATABASE_SCHEMA must be a lower-case SQL identifier (letters, digits, _)',
  }),
  REDIS_URL: url('REDIS_URL', ['redis:', 'rediss:']),
  REDIS_PREFIX: text('croisee:'),
  LOG_LEVEL: text('info').refine((l) => (LOG_LEVELS as readonly string[]).includes(l ?? ''), {
    message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`,
  }),
  METRICS_TOKEN: text().refine((t) => t === undefined || t.length >= 16, {
    message: 'METRICS_TOKEN must be at least 16 characters (or unset to leave /metrics open)',
  }),
  TRUST_PROXY: text('false').refine((v) => /^(true|false|\d{1,2})$/.test(v ?? ''), {
    message: 'TRUST_PROXY must be false, true, or the number of proxies in front of the server (e.g. 1)',
  }),
  WS_PING_INTERVAL_MS: int('WS_PING_INTERVAL_MS', 1_000, 600_000, 30_000),
  SHUTDOWN_TIMEOUT_MS: int('SHUTDOWN_TIMEOUT_MS', 1_000, 600_000, 15_000),
  MAX_CONNECTIONS: int('MAX_CONNECTIONS', 1, 1_000_000, 10_000),
  MAX_CONNECTIONS_PER_IP: int('MAX_CONNECTIONS_PER_IP', 0, 1_000_000, 1_000),
  CLUSTER_HEARTBEAT_MS: optionalInt('CLUSTER_HEARTBEAT_MS', 1, 3_600_000),
  CLUSTER_ANTI_ENTROPY_MS: optionalInt('CLUSTER_ANTI_ENTROPY_MS', 1, 3_600_000),
  RATE_LIMIT_JOIN_CODE: int('RATE_LIMIT_JOIN_CODE', 1, 1_000_000, 30),
  RATE_LIMIT_JOIN: int('RATE_LIMIT_JOIN', 1, 1_000_000, 300),
  RATE_LIMIT_CREATE: int('RATE_LIMIT_CREATE', 1, 1_000_000, 30),
  RATE_LIMIT_TOKENS: int('RATE_LIMIT_TOKENS', 1, 1_000_000, 120),
  RATE_LIMIT_IMPORT: int('RATE_LIMIT_IMPORT', 1, 1_000_000, 10),
  ATTACHMENT_MAX_BYTES: int('ATTACHMENT_MAX_BYTES', 1024, 1024 * 1024 * 1024, DEFAULT_ATTACHMENT_MAX_BYTES),
  WORKSHOP_ATTACHMENTS_MAX_BYTES: int('WORKSHOP_ATTACHMENTS_MAX_BYTES', 0, 64 * 1024 * 1024 * 1024, DEFAULT_WORKSHOP_ATTACHMENTS_MAX_BYTES),
  RATE_LIMIT_TICKETS: int('RATE_LIMIT_TICKETS', 1, 1_000_000, 3_000),
  RATE_LIMIT_PEOPLE: int('RATE_LIMIT_PEOPLE', 1, 1_000_000, 600),
});

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** The built client; `null` means the default (`dist/` beside the server). */
  staticDir: string | null;
  publicUrl: string | null;
  allowedOrigins: string[];
  /** Origins allowed to frame Croisée (CSP frame-ancestors); none by default. */
  frameAncestors: string[];
  /** Both set: several nodes sharing PostgreSQL and Redis. Neither: one node on SQLite. */
  multiNode: { databaseUrl: string; databaseSchema: string; redisUrl: string; redisPrefix: string } | null;
  logLevel: LogLevel;
  metricsToken: string | null;
  /** Express's `trust proxy`: false, true, or a hop count (so rate limits see the client's address). */
  trustProxy: boolean | number;
  wsPingIntervalMs: number;
  shutdownTimeoutMs: number;
  /** Several nodes: heartbeat period (a node silent for 3 is dead) and anti-entropy period; undefined: defaults. */
  clusterHeartbeatMs: number | undefined;
  clusterAntiEntropyMs: number | undefined;
  maxConnections: number;
  /** 0: no per-address cap (behind a reverse proxy every connection comes from its address). */
  maxConnectionsPerIp: number;
  rateLimits: { joinCodeLookups: number; joins: number; workshopCreations: number; tokenMints: number; imports: number; tickets: number; people: number };
  /** Pitch material: largest file, and most bytes of attachments per workshop (0: no attachments). */
  attachmentLimits: { fileBytes: number; workshopBytes: number };
}

/** A configuration error an operator can act on: it names the variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

function splitList(raw: string): string[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Parses the environment; throws `ConfigError` listing every bad variable by name. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '');
        return issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
      }),
    );
  }
  const e = parsed.data;
  if (Boolean(e.DATABASE_URL) !== Boolean(e.REDIS_URL)) {
    throw new ConfigError([`${e.DATABASE_URL ? 'REDIS_URL' : 'DATABASE_URL'}: multi-node mode needs both DATABASE_URL and REDIS_URL; set both or neither`]);
  }
  return {
    port: e.PORT,
    host: e.HOST!,
    dataDir: path.resolve(e.DATA_DIR!),
    staticDir: e.STATIC_DIR ? path.resolve(e.STATIC_DIR) : null,
    publicUrl: e.PUBLIC_URL ? e.PUBLIC_URL.replace(/\/$/, '') : null,
    allowedOrigins: splitList(e.ALLOWED_ORIGINS ?? ''),
    frameAncestors: (e.FRAME_ANCESTORS ?? '').split(/[\s,]+/).filter(Boolean),
    multiNode:
      e.DATABASE_URL && e.REDIS_URL
        ? { databaseUrl: e.DATABASE_URL, databaseSchema: e.DATABASE_SCHEMA!, redisUrl: e.REDIS_URL, redisPrefix: e.REDIS_PREFIX! }
        : null,
    logLevel: e.LOG_LEVEL as LogLevel,
    metricsToken: e.METRICS_TOKEN ?? null,
    trustProxy: e.TRUST_PROXY === 'true' ? true : e.TRUST_PROXY === 'false' ? false : Number(e.TRUST_PROXY),
    wsPingIntervalMs: e.WS_PING_INTERVAL_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    clusterHeartbeatMs: e.CLUSTER_HEARTBEAT_MS,
    clusterAntiEntropyMs: e.CLUSTER_ANTI_ENTROPY_MS,
    maxConnections: e.MAX_CONNECTIONS,
    maxConnectionsPerIp: e.MAX_CONNECTIONS_PER_IP,
    rateLimits: {
      joinCodeLookups: e.RATE_LIMIT_JOIN_CODE,
      joins: e.RATE_LIMIT_JOIN,
      workshopCreations: e.RATE_LIMIT_CREATE,
      tokenMints: e.RATE_LIMIT_TOKENS,
      imports: e.RATE_LIMIT_IMPORT,
      tickets: e.RATE_LIMIT_TICKETS,
      people: e.RATE_LIMIT_PEOPLE,
    },
    attachmentLimits: { fileBytes: e.ATTACHMENT_MAX_BYTES, workshopBytes: e.WORKSHOP_ATTACHMENTS_MAX_BYTES },
  };
}
