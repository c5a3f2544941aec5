/**
 * One owner for an embedded data directory. Two PGlite instances on one directory each write
 * PostgreSQL's files as if alone, and the data is silently corrupted; so whoever opens the
 * directory holds `qinqing.lock` in it (created exclusively, with their pid) until they close it.
 * A lock whose process is gone is stale and taken over. The serving process also names its
 * admin socket there, so an operator's command can run through it instead (src/cli/admin-socket.ts).
 */
import { openSync, readFileSync, renameSync, unlinkSync, writeFileSync, closeSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'qinqing.lock';

export interface DataDirHolder {
  pid: number;
  /** What the process runs: `serve`, `cases sweep`, … */
  command: string;
  startedAt: string;
  /** The serving process's admin socket, where commands can run while it holds the directory. */
  adminSocket: string | null;
}

/** The directory is held by a live process. */
export class DataDirInUse extends Error {
  constructor(readonly dataDir: string, readonly holder: DataDirHolder) {
    super(`${dataDir} is in use by \`qinqing ${holder.command}\` (pid ${holder.pid}, since ${holder.startedAt})`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): DataDirHolder | null {
  try {
    const h = JSON.parse(readFileSync(path, 'utf8')) as DataDirHolder;
    return Number.isInteger(h.pid) ? h : null;
  } catch {
    return null;
  }
}

/** Who holds the directory now, or null (no lock, or a stale one). */
export function dataDirHolder(dataDir: string): DataDirHolder | null {
  const holder = readHolder(join(dataDir, LOCK_FILE));
  return holder && holder.pid !== process.pid && alive(holder.pid) ? holder : null;
}

export interface DataDirLock {
  /** Names the admin socket in the lock file (replaced atomically, so a reader never sees half of it). */
  announceAdminSocket(path: string | null): void;
  release(): void;
}

/** Takes the directory for this process, or throws DataDirInUse naming the live holder. */
export function lockDataDir(dataDir: string, command: string): DataDirLock {
  const path = join(dataDir, LOCK_FILE);
  const mine: DataDirHolder = { pid: process.pid, command, startedAt: new Date().toISOString(), adminSocket: null };
  for (let attempt = 0; ; attempt += 1) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeFileSync(fd, JSON.stringify(mine));
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw e;
      const holder = readHolder(path);
      if (holder && alive(holder.pid)) throw new DataDirInUse(dataDir, holder);
      // Stale (its process is gone) or unreadable: take it over; the exclusive create decides between two takers.
      try {
        unlinkSync(path);
      } catch (gone) {
        if ((gone as NodeJS.ErrnoException).code !== 'ENOENT') throw gone;
      }
    }
  }
  let held = true;
  return {
    announceAdminSocket(socket) {
      mine.adminSocket = socket;
      writeFileSync(`${path}.${process.pid}`, JSON.stringify(mine), { mode: 0o600 });
      renameSync(`${path}.${process.pid}`, path);
    },
    release() {
      if (!held) return;
      held = false;
      if (readHolder(path)?.pid === process.pid) unlinkSync(path);
    },
  };
}
