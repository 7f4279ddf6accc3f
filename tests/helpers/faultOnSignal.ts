/**
 * Preloaded into a server process by fault tests (`spawnNode(env, timeout, [this file])`): SIGUSR2
 * makes the process throw an exception nobody catches, as a bug in a request handler would.
 */
process.on('SIGUSR2', () => {
  setImmediate(() => {
    throw new Error('injected fault');
  });
});
