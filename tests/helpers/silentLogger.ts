import type { Logger } from '../../server/logger';

/** For tests that provoke faults on purpose: nothing is printed, errors included. */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
