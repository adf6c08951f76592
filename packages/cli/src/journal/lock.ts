import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { JournalError } from "./errors.js";

/** A held lock file; {@link JournalLock.release} removes it. */
export interface JournalLock {
  release(): void;
}

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

/**
 * Takes the lock file at `path` (created exclusively, holding this process's pid and host), so that
 * two runs never append to one journal at once. A lock left by a process of this host that is gone —
 * killed with SIGKILL, say — is taken over; a live owner, or one on another host, refuses with a
 * {@link JournalError} naming it. The lock is removed on release and when the process exits.
 */
export function acquireLock(path: string): JournalLock {
  const me: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, `${JSON.stringify(me)}\n`);
      closeSync(fd);
      return holding(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = readOwner(path);
    if (owner === undefined && recentlyWritten(path)) {
      throw new JournalError(`another run is taking the journal's lock right now (${path})`);
    }
    if (owner !== undefined && (owner.host !== me.host || isAlive(owner.pid))) {
      throw new JournalError(
        `the journal is in use by process ${owner.pid} on ${owner.host} since ${owner.since} (${path}); ` +
          "wait for it to finish, or delete the lock file if that process is gone",
      );
    }
    // The owner died without releasing it (or the file is unreadable garbage): take it over.
    try {
      unlinkSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  throw new JournalError(`could not take the journal's lock ${path}: another run keeps taking it`);
}

function holding(path: string): JournalLock {
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off("exit", release);
    try {
      unlinkSync(path);
    } catch {
      // Already gone: nothing to release.
    }
  };
  process.on("exit", release);
  return { release };
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, "utf8")) as Partial<LockOwner>;
    if (typeof owner.pid === "number" && typeof owner.host === "string")
      return { pid: owner.pid, host: owner.host, since: String(owner.since) };
  } catch {
    // Unreadable: treated as abandoned.
  }
  return undefined;
}

/** A lock file written in the last seconds may still be getting its owner's details. */
function recentlyWritten(path: string): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs < 2_000;
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  return !isZombie(pid);
}

/**
 * True for a process that has died but not yet been reaped by its parent (Linux's state `Z`): a
 * process killed with SIGKILL is one until then, and holds nothing any more.
 */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (command) state ...": the command may hold spaces and parentheses; the state follows the last ")".
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) === "Z";
  } catch {
    return false;
  }
}
