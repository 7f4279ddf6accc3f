import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/testServer';

let t: TestServer | null = null;
afterEach(async () => {
  await t?.stop();
  t = null;
});

describe('security headers', () => {
  it('forbid framing, sniffing and referrers, and keep API answers out of every cache', async () => {
    t = await startTestServer();
    const ws = await t.createWorkshop('Entêtes');
    const info = await fetch(`${t.url}/api/workshops/${ws.id}`, { headers: { authorization: `Bearer ${ws.facilitatorToken}` } });
    expect(info.status).toBe(200);
    expect(info.headers.get('cache-control')).toBe('no-store');
    expect(info.headers.get('x-content-type-options')).toBe('nosniff');
    expect(info.headers.get('referrer-policy')).toBe('no-referrer');
    expect(info.headers.get('x-frame-options')).toBe('DENY');
    expect(info.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    for (const res of [
      await fetch(`${t.url}/api/workshops/${ws.id}/export.json`, { headers: { authorization: `Bearer ${ws.facilitatorToken}` } }),
      await fetch(`${t.url}/api/workshops/${ws.id}/export.json`),
      await fetch(`${t.url}/api/nothing-here`),
    ]) {
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
    const created = await fetch(`${t.url}/api/workshops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"x"}' });
    expect(created.headers.get('cache-control')).toBe('no-store');
    const health = await fetch(`${t.url}/health`);
    expect(health.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('let the configured origins embed the app (documented embed option)', async () => {
    t = await startTestServer({ frameAncestors: ['https://intranet.example.be'] });
    const res = await fetch(`${t.url}/health`);
    expect(res.headers.get('content-security-policy')).toContain('frame-ancestors https://intranet.example.be');
    expect(res.headers.get('x-frame-options')).toBeNull();
  });
});
