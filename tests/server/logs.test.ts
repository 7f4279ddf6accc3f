import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workshopRoom } from '../../shared/rooms';
import { createPinoLogger } from '../../server/pinoLogger';
import { redactUrl, requestLogger } from '../../server/requestLogger';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { connectProvider, eventually, waitForSync } from '../helpers/yjsClients';

let t: TestServer;
let output = '';
beforeAll(async () => {
  const sink = new PassThrough();
  sink.on('data', (d) => (output += d));
  const { pino } = createPinoLogger('info', sink);
  t = await startTestServer({ requestLog: requestLogger(pino) });
});
afterAll(async () => {
  await t.stop();
});

describe('request logs', () => {
  it('are one JSON line per request, with no token or join code in them', async () => {
    const w = await t.createWorkshop();
    await fetch(`${t.url}/api/join-codes/${w.joinCode}`);
    await fetch(`${t.url}/api/join-codes/${w.joinCode.toLowerCase()}`);
    const joined = await t.join(w.id, { joinCode: w.joinCode, name: 'Léa', role: 'commune' });
    await fetch(`${t.url}/api/workshops/${w.id}`, { headers: { authorization: `Bearer ${joined.token}` } });
    await fetch(`${t.url}/api/workshops/${w.id}/search?q=x&token=${joined.token}`);
    await fetch(`${t.url}/join/${w.joinCode}`);
    const { provider } = connectProvider(t.wsUrl, workshopRoom(w.id), joined.token);
    await waitForSync(provider);
    provider.destroy();
    await eventually(() => output.split('\n').filter(Boolean).length >= 7, 'seven request lines');

    const lines = output.split('\n').filter(Boolean);
    const entries = lines.map((line) => JSON.parse(line) as { req?: { method: string; url: string }; res?: { statusCode: number }; responseTime?: number });
    for (const secret of [w.joinCode, w.joinCode.toLowerCase(), w.facilitatorToken, joined.token]) {
      expect(output).not.toContain(secret);
    }
    const urls = entries.map((e) => e.req?.url);
    expect(urls).toContain('/api/join-codes/[redacted]');
    expect(urls).toContain(`/api/workshops/${w.id}/search?q=x&token=[redacted]`);
    expect(urls).toContain('/join/[redacted]');
    const join = entries.find((e) => e.req?.url === `/api/workshops/${w.id}/join`);
    expect(join).toMatchObject({ req: { method: 'POST' }, res: { statusCode: 200 } });
    expect(typeof join?.responseTime).toBe('number');
  });

  it('redacts codes and tokens wherever they sit in a URL', () => {
    expect(redactUrl('/api/join-codes/ABC234?x=1')).toBe('/api/join-codes/[redacted]?x=1');
    expect(redactUrl('/yjs/w:abc?token=secret&b=2')).toBe('/yjs/w:abc?token=[redacted]&b=2');
    expect(redactUrl('/x?joinCode=ABC234')).toBe('/x?joinCode=[redacted]');
    expect(redactUrl('/health')).toBe('/health');
  });
});
