/**
 * An execution's own cost from the `total_cost_usd` its result reported.
 * Claude Code up to (at least) 2.1.197 reports the running total of the
 * process — one process per execution, so that is the execution's own cost;
 * 2.1.330 was seen reporting the session's running total after `--resume`,
 * so there the previous total is subtracted.
 */
export function executionCost(
  reportedTotal: number,
  previousSessionTotal: number,
  cliVersion: string | null,
): number {
  if (!cliVersion || !atLeast(cliVersion, [2, 1, 330])) return reportedTotal;
  // A total below the session's previous one cannot be cumulative.
  return reportedTotal >= previousSessionTotal
    ? reportedTotal - previousSessionTotal
    : reportedTotal;
}

function atLeast(version: string, min: readonly number[]): boolean {
  const parts = /^(\d+)\.(\d+)\.(\d+)/.exec(version)?.slice(1).map(Number);
  if (!parts) return false;
  for (let i = 0; i < 3; i++) {
    if (parts[i] !== min[i]) return parts[i]! > min[i]!;
  }
  return true;
}
