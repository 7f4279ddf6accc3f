import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a configuration error');
};

describe('configuration', () => {
  it('has working defaults for a first start', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      multiNode: null,
      logLevel: 'info',
      metricsToken: null,
      trustProxy: false,
      wsPingIntervalMs: 30_000,
    });
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('names the variable and the bad value', () => {
    expect(problemsOf({ PORT: 'abc' })).toEqual(['PORT must be a whole number from 0 to 65535 (got "abc")']);
    expect(problemsOf({ PORT: '70000' })[0]).toMatch(/^PORT /);
    expect(problemsOf({ LOG_LEVEL: 'loud' })[0]).toMatch(/^LOG_LEVEL must be one of fatal, error, warn, info/);
    expect(problemsOf({ PUBLIC_URL: 'croisee.example.org' })[0]).toMatch(/^PUBLIC_URL must be a URL/);
    expect(problemsOf({ DATABASE_URL: 'mysql://x', REDIS_URL: 'redis://x' })[0]).toMatch(/^DATABASE_URL must start with postgres:/);
    expect(problemsOf({ ALLOWED_ORIGINS: 'https://ok.example, not an origin' })[0]).toMatch(/^ALLOWED_ORIGINS .*"not an origin"/);
    expect(problemsOf({ METRICS_TOKEN: 'short' })[0]).toMatch(/^METRICS_TOKEN /);
    expect(problemsOf({ RATE_LIMIT_JOIN: '0' })[0]).toMatch(/^RATE_LIMIT_JOIN /);
    expect(problemsOf({ ATTACHMENT_MAX_BYTES: '10MB' })).toEqual(['ATTACHMENT_MAX_BYTES must be a whole number from 1024 to 1073741824 (got "10MB")']);
    expect(problemsOf({ WORKSHOP_ATTACHMENTS_MAX_BYTES: '-1' })[0]).toMatch(/^WORKSHOP_ATTACHMENTS_MAX_BYTES /);
  });

  it('attachment limits: 10 MiB per file and 100 MiB per workshop unless set', () => {
    expect(loadConfig({}).attachmentLimits).toEqual({ fileBytes: 10 * 1024 * 1024, workshopBytes: 100 * 1024 * 1024 });
    expect(loadConfig({ ATTACHMENT_MAX_BYTES: '2048', WORKSHOP_ATTACHMENTS_MAX_BYTES: '0' }).attachmentLimits).toEqual({ fileBytes: 2048, workshopBytes: 0 });
  });

  it('lists every bad variable at once', () => {
    const problems = problemsOf({ PORT: 'x', WS_PING_INTERVAL_MS: '5', TRUST_PROXY: 'maybe' });
    expect(problems.map((p) => p.split(' ')[0])).toEqual(['PORT', 'TRUST_PROXY', 'WS_PING_INTERVAL_MS']);
  });

  it('wants both multi-node variables or neither', () => {
    expect(problemsOf({ DATABASE_URL: 'postgres://h/db' })[0]).toMatch(/^REDIS_URL: multi-node mode needs both/);
    expect(loadConfig({ DATABASE_URL: 'postgres://h/db', REDIS_URL: 'redis://h:6379' }).multiNode).toEqual({
      databaseUrl: 'postgres://h/db',
      databaseSchema: 'croisee',
      redisUrl: 'redis://h:6379',
      redisPrefix: 'croisee:',
    });
  });

  it('reads lists, proxies and limits', () => {
    const config = loadConfig({ ALLOWED_ORIGINS: 'http://localhost:5173, https://a.example', TRUST_PROXY: '1', RATE_LIMIT_JOIN_CODE: '5' });
    expect(config.allowedOrigins).toEqual(['http://localhost:5173', 'https://a.example']);
    expect(config.trustProxy).toBe(1);
    expect(config.rateLimits.joinCodeLookups).toBe(5);
  });
});
