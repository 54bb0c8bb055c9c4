import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

type Servers = Record<string, unknown>;

async function readJson(file: string): Promise<Record<string, unknown> | null> {
  try {
    const parsed: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
    return typeof parsed === 'object' && parsed !== null
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

const serversOf = (v: unknown): Servers =>
  typeof v === 'object' && v !== null && 'mcpServers' in v
    ? ((v as { mcpServers: Servers }).mcpServers ?? {})
    : {};

/**
 * Claude keys a project's MCP servers by its absolute path, so a sandbox
 * elsewhere would lose them. Merge the user's per-project servers (from
 * ~/.claude.json) with the project's .mcp.json into one file for --mcp-config;
 * null when there are none.
 */
export async function projectMcpConfig(
  projectDir: string,
  artifactDir: string,
  home = os.homedir(),
): Promise<string | null> {
  const userConfig = await readJson(path.join(home, '.claude.json'));
  const projects = (userConfig?.projects ?? {}) as Record<string, unknown>;
  const fromUser = serversOf(projects[projectDir]);
  const fromProject = serversOf(await readJson(path.join(projectDir, '.mcp.json')));
  const mcpServers = { ...fromUser, ...fromProject };
  if (Object.keys(mcpServers).length === 0) return null;
  const file = path.join(artifactDir, 'mcp.json');
  await fs.writeFile(file, JSON.stringify({ mcpServers }, null, 2), { mode: 0o600 });
  return file;
}
