import fs from 'node:fs';

const HAS_PROC = fs.existsSync('/proc/self/stat');

interface ProcStat {
  pid: number;
  state: string;
  pgid: number;
  /** The session: a terminal's shell and every job it started share it. */
  sid: number;
}

/** Parses /proc/<pid>/stat; the command name (field 2) may hold spaces, so count from ')'. */
export function readProcStat(pid: number): ProcStat | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid, state: fields[0] ?? '?', pgid: Number(fields[2]), sid: Number(fields[3]) };
  } catch {
    return null;
  }
}

/**
 * Whether a process is still running. A zombie is not: it has exited and only
 * waits to be reaped — which never happens where init does not reap orphans.
 */
export function isRunning(pid: number): boolean {
  if (HAS_PROC) {
    const s = readProcStat(pid);
    return s !== null && s.state !== 'Z' && s.state !== 'X';
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the group has any process at all, zombies included (one system call). */
function groupExists(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Every process in /proc that has not exited (zombies excluded). */
function* livingProcesses(): Generator<ProcStat> {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = readProcStat(Number(entry));
    if (s && s.state !== 'Z' && s.state !== 'X') yield s;
  }
}

/** Whether any process of the group is still running (zombies excluded). */
export function groupRunning(pgid: number): boolean {
  // An empty group (the usual case once an agent has exited) needs no scan of /proc.
  if (!groupExists(pgid)) return false;
  if (!HAS_PROC) return true;
  for (const s of livingProcesses()) if (s.pgid === pgid) return true;
  return false;
}

/** The running (not zombie) processes of a session; empty where /proc is missing. */
export function sessionMembers(sid: number): number[] {
  if (!HAS_PROC) return [];
  return [...livingProcesses()].filter((s) => s.sid === sid).map((s) => s.pid);
}
