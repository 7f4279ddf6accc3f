import net from 'node:net';

/**
 * A minimal reverse proxy at the TCP level, standing in for the load balancer in front of several
 * nodes: each new connection goes to the current upstream; switching upstreams leaves existing
 * connections alone (as when a node dies, its connections drop and clients reconnect elsewhere).
 */
export async function startTcpProxy(upstreamPort: number) {
  let upstream = upstreamPort;
  const sockets = new Set<net.Socket>();
  const pairs = new Set<{ client: net.Socket; target: net.Socket }>();
  const server = net.createServer((client) => {
    const target = net.connect({ host: '127.0.0.1', port: upstream });
    for (const s of [client, target]) {
      sockets.add(s);
      s.on('error', () => {
        client.destroy();
        target.destroy();
      });
      s.on('close', () => sockets.delete(s));
    }
    const pair = { client, target };
    pairs.add(pair);
    client.on('close', () => pairs.delete(pair));
    client.pipe(target);
    target.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    setUpstream(p: number) {
      upstream = p;
    },
    /** The network silently stops carrying what the open connections send (they stay open; new ones work). */
    swallowExisting() {
      for (const { client, target } of pairs) {
        client.unpipe(target);
        client.on('data', () => undefined);
      }
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
