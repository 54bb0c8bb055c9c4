import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

type Servers = Record<string, unknown>;

const serversOf = (v: unknown): Servers =>
  typeof v === 'object' && v !== null && 'mcpServers' in v
    ? ((v as { mcpServers: Servers }).mcpServers ?? {})
    : {};

/** A file's identity and version, or null when it is not a readable regular file. */
function version(file: string): string | null {
  try {
    const st = fs.statSync(file, { bigint: true, throwIfNoEntry: false });
    return st?.isFile() ? `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}` : null;
  } catch {
    return null;
  }
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await fsp.readFile(file, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

/**
 * ~/.claude.json holds every project's history and grows to megabytes; each
 * task needs only its project's servers. Parsed again only when it changed,
 * and only the servers are kept.
 */
const userServers = new Map<string, { version: string; byProject: Map<string, Servers> }>();

async function userServersFor(file: string, projectDir: string): Promise<Servers> {
  const v = version(file);
  if (v === null) return {};
  let known = userServers.get(file);
  if (known?.version !== v) {
    const json = await readJson(file);
    const projects =
      typeof json === 'object' && json !== null && 'projects' in json
        ? ((json as { projects: unknown }).projects ?? {})
        : {};
    const byProject = new Map<string, Servers>();
    if (typeof projects === 'object' && projects !== null) {
      for (const [dir, entry] of Object.entries(projects)) {
        const servers = serversOf(entry);
        if (Object.keys(servers).length > 0) byProject.set(dir, servers);
      }
    }
    known = { version: v, byProject };
    userServers.set(file, known);
  }
  return known.byProject.get(projectDir) ?? {};
}

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
  const fromUser = await userServersFor(path.join(home, '.claude.json'), projectDir);
  const projectFile = path.join(projectDir, '.mcp.json');
  const fromProject = version(projectFile) === null ? {} : serversOf(await readJson(projectFile));
  const mcpServers = { ...fromUser, ...fromProject };
  if (Object.keys(mcpServers).length === 0) return null;
  const file = path.join(artifactDir, 'mcp.json');
  await fsp.writeFile(file, JSON.stringify({ mcpServers }, null, 2), { mode: 0o600 });
  return file;
}
