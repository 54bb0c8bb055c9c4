import { describe, expect, it } from 'vitest';
import { agentEnv, type AgentContract } from '../../src-main/core/runner/agent-env';

const contract: AgentContract = {
  apiUrl: 'http://127.0.0.1:7381',
  apiToken: 'agent.e1.sig',
  taskId: 't1',
  executionId: 'e1',
  projectDir: '/home/u/project',
  questionFile: '/logs/e1/question.json',
  summaryFile: '/logs/e1/summary.txt',
};

const CONTRACT_ENV = {
  CLAUDOMATOR_API_URL: 'http://127.0.0.1:7381',
  CLAUDOMATOR_API_TOKEN: 'agent.e1.sig',
  CLAUDOMATOR_TASK_ID: 't1',
  CLAUDOMATOR_EXECUTION_ID: 'e1',
  CLAUDOMATOR_PROJECT_DIR: '/home/u/project',
  CLAUDOMATOR_QUESTION_FILE: '/logs/e1/question.json',
  CLAUDOMATOR_SUMMARY_FILE: '/logs/e1/summary.txt',
};

describe('agentEnv', () => {
  const parent: NodeJS.ProcessEnv = {
    PATH: '/usr/bin:/bin',
    HOME: '/home/u',
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    XDG_RUNTIME_DIR: '/run/user/1000',
    ANTHROPIC_API_KEY: 'sk-ant',
    ANTHROPIC_BASE_URL: 'http://127.0.0.1:9',
    CLAUDE_CODE_MAX_RETRIES: '2',
    DISABLE_TELEMETRY: '1',
    MCP_TIMEOUT: '5',
    AWS_REGION: 'eu-west-1',
    IS_SANDBOX: '1',
    MY_SECRET_TOKEN: 'hunter2',
    GITHUB_TOKEN: 'ghp_x',
    npm_config_registry: 'https://example.invalid',
    NODE_OPTIONS: '--inspect',
    ELECTRON_RUN_AS_NODE: '1',
    CLAUDOMATOR_API_TOKEN: 'the-app-secret',
    path: 'lowercase is a different variable',
    UNDEFINED_ONE: undefined,
  };

  it('keeps the basics and Claude’s own variables, drops everything else', () => {
    expect(agentEnv(parent, contract)).toEqual({
      PATH: '/usr/bin:/bin',
      HOME: '/home/u',
      LANG: 'C.UTF-8',
      LC_ALL: 'C.UTF-8',
      XDG_RUNTIME_DIR: '/run/user/1000',
      ANTHROPIC_API_KEY: 'sk-ant',
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:9',
      CLAUDE_CODE_MAX_RETRIES: '2',
      DISABLE_TELEMETRY: '1',
      MCP_TIMEOUT: '5',
      AWS_REGION: 'eu-west-1',
      IS_SANDBOX: '1',
      ...CONTRACT_ENV,
    });
  });

  it('drops secrets and npm/node/electron variables by name', () => {
    const env = agentEnv(parent, contract);
    for (const key of [
      'MY_SECRET_TOKEN',
      'GITHUB_TOKEN',
      'npm_config_registry',
      'NODE_OPTIONS',
      'ELECTRON_RUN_AS_NODE',
      'path',
      'UNDEFINED_ONE',
    ]) {
      expect(env, key).not.toHaveProperty(key);
    }
  });

  it('never passes the app’s own API token: the contract token replaces it', () => {
    expect(agentEnv(parent, contract).CLAUDOMATOR_API_TOKEN).toBe('agent.e1.sig');
  });

  it('adds extra variables but cannot override the contract', () => {
    const env = agentEnv({ PATH: '/bin' }, contract, {
      FAKE_CLAUDE_VERSION: '2.1.330',
      PATH: '/custom/bin',
      CLAUDOMATOR_TASK_ID: 'forged',
      CLAUDOMATOR_API_URL: 'http://evil',
      CLAUDOMATOR_QUESTION_FILE: '/tmp/q',
    });
    expect(env.FAKE_CLAUDE_VERSION).toBe('2.1.330');
    expect(env.PATH).toBe('/custom/bin');
    expect(env).toMatchObject(CONTRACT_ENV);
  });

  it('with an empty parent has only the contract', () => {
    expect(agentEnv({}, contract)).toEqual(CONTRACT_ENV);
  });
});
