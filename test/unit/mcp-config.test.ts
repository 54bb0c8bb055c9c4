import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { projectMcpConfig } from '../../src-main/core/runner/mcp-config';

describe('projectMcpConfig', () => {
  let root: string;
  let home: string;
  let project: string;
  let artifacts: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cm-unit-'));
    home = path.join(root, 'home');
    project = path.join(root, 'project');
    artifacts = path.join(root, 'artifacts');
    for (const d of [home, project, artifacts]) fs.mkdirSync(d);
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  const userConfig = (value: unknown): void =>
    fs.writeFileSync(path.join(home, '.claude.json'), JSON.stringify(value));
  const projectConfig = (value: unknown): void =>
    fs.writeFileSync(path.join(project, '.mcp.json'), JSON.stringify(value));
  const written = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));

  it('is null, and writes nothing, when there are no servers', async () => {
    expect(await projectMcpConfig(project, artifacts, home)).toBeNull();
    userConfig({ projects: { [project]: { mcpServers: {} } } });
    projectConfig({ mcpServers: {} });
    expect(await projectMcpConfig(project, artifacts, home)).toBeNull();
    expect(fs.readdirSync(artifacts)).toEqual([]);
  });

  it('takes the user’s servers for this project only', async () => {
    userConfig({
      mcpServers: { global: { command: 'g' } },
      projects: {
        [project]: { mcpServers: { mine: { command: 'm' } } },
        '/some/other/project': { mcpServers: { other: { command: 'o' } } },
      },
    });
    const file = await projectMcpConfig(project, artifacts, home);
    expect(file).toBe(path.join(artifacts, 'mcp.json'));
    expect(written(file!)).toEqual({ mcpServers: { mine: { command: 'm' } } });
    expect(fs.statSync(file!).mode & 0o777).toBe(0o600);
  });

  it('takes the project’s .mcp.json servers', async () => {
    projectConfig({ mcpServers: { db: { command: 'db-server', args: ['--ro'] } } });
    const file = await projectMcpConfig(project, artifacts, home);
    expect(written(file!)).toEqual({
      mcpServers: { db: { command: 'db-server', args: ['--ro'] } },
    });
  });

  it('merges both; the project’s file wins on a name clash', async () => {
    userConfig({
      projects: { [project]: { mcpServers: { a: { command: 'ua' }, shared: { command: 'u' } } } },
    });
    projectConfig({ mcpServers: { b: { command: 'pb' }, shared: { command: 'p' } } });
    const file = await projectMcpConfig(project, artifacts, home);
    expect(written(file!)).toEqual({
      mcpServers: { a: { command: 'ua' }, b: { command: 'pb' }, shared: { command: 'p' } },
    });
  });

  it('sees every change to ~/.claude.json, even one of the same size in place', async () => {
    userConfig({ projects: { [project]: { mcpServers: { aa: { command: 'x' } } } } });
    expect(written((await projectMcpConfig(project, artifacts, home))!)).toEqual({
      mcpServers: { aa: { command: 'x' } },
    });
    userConfig({ projects: { [project]: { mcpServers: { bb: { command: 'y' } } } } });
    expect(written((await projectMcpConfig(project, artifacts, home))!)).toEqual({
      mcpServers: { bb: { command: 'y' } },
    });
    fs.rmSync(path.join(home, '.claude.json'));
    expect(await projectMcpConfig(project, artifacts, home)).toBeNull();
  });

  it('ignores unreadable config files', async () => {
    fs.writeFileSync(path.join(home, '.claude.json'), '{not json');
    projectConfig({ mcpServers: { b: { command: 'pb' } } });
    const file = await projectMcpConfig(project, artifacts, home);
    expect(written(file!)).toEqual({ mcpServers: { b: { command: 'pb' } } });
    fs.writeFileSync(path.join(project, '.mcp.json'), 'null');
    expect(await projectMcpConfig(project, artifacts, home)).toBeNull();
  });
});
