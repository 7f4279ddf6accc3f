import { pino, type Logger as Pino } from 'pino';
import type { LogLevel } from './config';
import type { Logger } from './logger';

/** Our `Logger` over a pino instance: `details` become an `err` (errors) or a `details` field. */
export function wrapPino(p: Pino): Logger {
  // Errors go under `err` (pino serialises them); plain objects become fields of the line.
  const fields = (details: unknown) =>
    details instanceof Error ? { err: details } : details && typeof details === 'object' && !Array.isArray(details) ? details : { details };
  const line =
    (level: 'info' | 'warn' | 'error') =>
    (message: string, details?: unknown): void => {
      if (details === undefined) p[level](message);
      else p[level](fields(details), message);
    };
  return { info: line('info'), warn: line('warn'), error: line('error'), child: (bindings) => wrapPino(p.child(bindings)) };
}

/**
 * One JSON line per event on stdout (or `destination`, for tests). `pino` is returned too, for
 * pino-http, which logs through the same instance.
 */
export function createPinoLogger(level: LogLevel, destination?: NodeJS.WritableStream): { log: Logger; pino: Pino } {
  const p = pino({ level, base: { service: 'croisee' }, timestamp: pino.stdTimeFunctions.isoTime }, destination ?? process.stdout);
  return { log: wrapPino(p), pino: p };
}
