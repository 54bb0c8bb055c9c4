// Lines shaped as claude 2.1.197 prints them (from ../shared/reference/claude-code-2.1.197).

export const INIT = {
  type: 'system',
  subtype: 'init',
  cwd: '/home/user/project',
  session_id: 's1',
  tools: ['Bash', 'Edit', 'Read'],
  model: 'claude-sonnet-4-5',
};

export const TEXT = {
  type: 'assistant',
  message: {
    id: 'msg_2',
    role: 'assistant',
    model: 'claude-sonnet-4-5',
    content: [{ type: 'text', text: 'Done: added **hello.txt**' }],
  },
  session_id: 's1',
};

export const TOOL_USE = {
  type: 'assistant',
  message: {
    id: 'msg_1',
    role: 'assistant',
    model: 'claude-sonnet-4-5',
    content: [
      {
        type: 'tool_use',
        id: 'toolu_1',
        name: 'Bash',
        input: {
          command: 'echo hello > hello.txt && git commit -qm "add hello"',
          description: 'run',
        },
      },
    ],
  },
  session_id: 's1',
};

export const TOOL_RESULT = {
  type: 'user',
  message: {
    role: 'user',
    content: [
      { tool_use_id: 'toolu_1', type: 'tool_result', content: 'committed', is_error: false },
    ],
  },
  session_id: 's1',
};

export const TOOL_ERROR = {
  type: 'user',
  message: {
    role: 'user',
    content: [
      {
        tool_use_id: 'toolu_1',
        type: 'tool_result',
        content: [{ type: 'text', text: 'fatal: not a git repository' }],
        is_error: true,
      },
    ],
  },
};

export const API_RETRY = {
  type: 'system',
  subtype: 'api_retry',
  attempt: 2,
  max_retries: 10,
  retry_delay_ms: 1117,
  error_status: 429,
  error: 'rate_limit',
};

export const RATE_LIMITED_ASSISTANT = {
  type: 'assistant',
  message: {
    id: 'x',
    model: '<synthetic>',
    role: 'assistant',
    content: [{ type: 'text', text: 'API Error: Request rejected (429)' }],
  },
  error: 'rate_limit',
};

export const RESULT = {
  type: 'result',
  subtype: 'success',
  is_error: false,
  duration_ms: 475,
  num_turns: 2,
  result: 'Done: added hello.txt',
  session_id: 's1',
  total_cost_usd: 0.0075,
};

export const RESULT_ERROR = {
  type: 'result',
  subtype: 'success',
  is_error: true,
  api_error_status: 429,
  duration_ms: 179999,
  num_turns: 1,
  result: 'API Error: Request rejected (429)',
  total_cost_usd: 0,
};
