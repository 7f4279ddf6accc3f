/** The server logs through this so tests can silence it and main.ts decides where it goes. */
export interface Logger {
  info(message: string, details?: unknown): void;
  warn(message: string, details?: unknown): void;
  error(message: string, details?: unknown): void;
  /** A logger whose lines carry these fields (a room, a workshop); absent: lines go to this one. */
  child?(bindings: Record<string, string>): Logger;
}

/** `log.child(bindings)` where the logger has children, else the logger itself. */
export const childLogger = (log: Logger, bindings: Record<string, string>): Logger => log.child?.(bindings) ?? log;

export const consoleLogger: Logger = {
  info: (m, d) => (d === undefined ? console.log(m) : console.log(m, d)),
  warn: (m, d) => (d === undefined ? console.warn(m) : console.warn(m, d)),
  error: (m, d) => (d === undefined ? console.error(m) : console.error(m, d)),
};

/** Keeps warnings and errors (tests assert on faults), drops chatter. */
export const quietLogger: Logger = {
  info: () => {},
  warn: () => {},
  error: (m, d) => console.error(m, d ?? ''),
};
