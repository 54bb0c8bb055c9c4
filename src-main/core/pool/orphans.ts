import fs from 'node:fs';
import { killGroup } from '../runner/agent-process';
import { readProcStat } from '../runner/process-table';

/**
 * Finds processes still running for executions a crashed Claudomator left
 * behind, by the CLAUDOMATOR_EXECUTION_ID each agent carries in its
 * environment (Linux /proc). Matching on that, not on a stored pid, means a
 * recycled pid never gets someone else's process killed.
 */
export function findOrphans(executionIds: readonly string[]): Map<string, number[]> {
  const found = new Map<string, number[]>();
  if (executionIds.length === 0 || !fs.existsSync('/proc/self/environ')) return found;
  const wanted = new Map(executionIds.map((id) => [`CLAUDOMATOR_EXECUTION_ID=${id}`, id]));
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let environ: string;
    try {
      environ = fs.readFileSync(`/proc/${entry}/environ`, 'latin1');
    } catch {
      continue;
    }
    for (const variable of environ.split('\0')) {
      const id = wanted.get(variable);
      if (id) found.set(id, [...(found.get(id) ?? []), Number(entry)]);
    }
  }
  return found;
}

/** Kills the process groups of the given processes (and the processes themselves). */
export function killOrphans(pids: readonly number[]): void {
  for (const pid of pids) {
    const pgid = readProcStat(pid)?.pgid || pid;
    if (!killGroup(pgid, 'SIGKILL')) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
  }
}
