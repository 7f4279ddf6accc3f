import Database from 'better-sqlite3';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** A storage problem found before starting; the message says what happened and what to do. */
export class StorageFault extends Error {}

const RESTORE = 'Restore it from your latest backup (docs/deployment.md, "Backups"), or move the data folder aside to start with an empty one.';

/**
 * Checks the SQLite data folder before the server opens it: a damaged database stops the start
 * (serving from it would fail room by room); a folder that held data but lost its database is not
 * silently re-initialised as a fresh install. An absent or empty folder is a first start.
 */
export function checkSqliteDataDir(dataDir: string, fileName: string): void {
  const file = path.join(dataDir, fileName);
  if (!existsSync(file)) {
    const others = existsSync(dataDir) ? readdirSync(dataDir).filter((f) => !f.startsWith('.')) : [];
    if (others.length > 0) {
      throw new StorageFault(
        `The data folder ${dataDir} holds files (${others.slice(0, 5).join(', ')}) but no ${fileName}. ` +
          `Nothing was created, so as not to start a fresh install over lost data. ${RESTORE}`,
      );
    }
    return;
  }
  if (statSync(file).size === 0) {
    throw new StorageFault(`The database ${file} is empty (0 bytes): its data is gone. Nothing was changed. ${RESTORE}`);
  }
  let problems: string[];
  try {
    const db = new Database(file, { fileMustExist: true });
    try {
      problems = (db.pragma('quick_check(5)') as Array<{ quick_check: string }>).map((row) => row.quick_check).filter((r) => r !== 'ok');
    } finally {
      db.close();
    }
  } catch (err) {
    problems = [err instanceof Error ? err.message : String(err)];
  }
  if (problems.length > 0) {
    throw new StorageFault(`The database ${file} is damaged (${problems.join('; ').slice(0, 400)}). Nothing was changed. ${RESTORE}`);
  }
}
