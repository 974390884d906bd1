/**
 * PGlite has no lock between processes: two processes writing one data folder
 * lose rows silently. A lock file beside the folder turns that into a clear
 * refusal. A lock left by a process that has died (or is a zombie, which
 * happens here when PID 1 does not reap) is taken over.
 */
import fs from "node:fs";
import path from "node:path";

export class DataFolderInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database in ${path.relative(process.cwd(), dataDir) || dataDir} is in use by another process (pid ${pid}). ` +
        "Stop that process first (only one process may open the folder), or set DATABASE_URL to use a PostgreSQL server.",
    );
    this.name = "DataFolderInUseError";
  }
}

export function lockPathFor(dataDir: string): string {
  return `${dataDir.replace(/\/+$/, "")}.lock`;
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 3, after the parenthesised command name, is the state; Z is a zombie.
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    return state !== "Z" && state !== "X";
  } catch {
    return true; // no /proc (macOS): trust kill(0)
  }
}

/** Takes the lock for this process; returns a function that releases it.
 *  Refuses a folder that is already open, in another process or in this one
 *  (two PGlite instances on one folder corrupt it just the same). */
export function acquireDataFolderLock(dataDir: string): () => void {
  const lockPath = lockPathFor(dataDir);
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  const mine = String(process.pid);
  let acquired = false;
  for (let attempt = 0; attempt < 3 && !acquired; attempt++) {
    try {
      fs.writeFileSync(lockPath, mine, { flag: "wx" });
      acquired = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(fs.readFileSync(lockPath, "utf8").trim());
      if (holder === process.pid || isRunning(holder)) throw new DataFolderInUseError(dataDir, holder);
      fs.rmSync(lockPath, { force: true }); // stale: its process is gone
    }
  }
  if (!acquired) throw new Error(`Could not take the lock ${lockPath}: other processes keep racing for it.`);
  const release = () => {
    process.removeListener("exit", release);
    try {
      if (fs.readFileSync(lockPath, "utf8").trim() === mine) fs.rmSync(lockPath, { force: true });
    } catch {
      // already gone
    }
  };
  process.on("exit", release);
  return release;
}
