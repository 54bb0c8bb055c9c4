#!/usr/bin/env node
// A stand-in agent for figure 3 (transcript view), used as `claudeBin`: prints
// a system/init line, then a transcript shaped like a real working session
// (prose with markdown, Bash/Read/Edit tool calls and their multi-line
// results, in a repeating cycle), then a success result. The number of events
// comes from a line `BENCH_TRANSCRIPT: {"events": 200000}` in the prompt
// (stdin); 0 gives an empty task (init and result only).
import fs from 'node:fs';
import { readStdin, sessionIdArg } from './agent-lib.mjs';

const sessionId = sessionIdArg();
const prompt = await readStdin();
const m = /BENCH_TRANSCRIPT: (\{.*\})/.exec(prompt);
const { events = 0 } = m ? JSON.parse(m[1]) : {};

const lines = [];
let size = 0;
const emit = (obj) => {
  const line = `${JSON.stringify(obj)}\n`;
  lines.push(line);
  size += line.length;
  if (size >= 1 << 20) flush();
};
const flush = () => {
  if (lines.length) fs.writeSync(1, lines.join(''));
  lines.length = 0;
  size = 0;
};

const assistant = (i, block) => ({
  type: 'assistant',
  message: {
    id: `msg_bench_${i}`,
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5',
    content: [block],
    stop_reason: null,
    usage: { input_tokens: 1200, output_tokens: 80 },
  },
  parent_tool_use_id: null,
  session_id: sessionId,
});

const toolResult = (id, content) => ({
  type: 'user',
  message: { role: 'user', content: [{ tool_use_id: id, type: 'tool_result', content }] },
  parent_tool_use_id: null,
  session_id: sessionId,
});

const prose = (i) =>
  i % 7 === 0
    ? `## Step ${i}\n\nThe parser drops the last token when the input ends without a newline. ` +
      `I will:\n\n1. add a failing test in \`test/parser.test.ts\`\n2. fix \`readToken()\`\n` +
      `3. run the **whole** suite again.\n\n\`\`\`ts\nexpect(parse('a b')).toEqual(['a', 'b']);\n\`\`\``
    : `Checking \`src/module-${i % 97}.ts\` next: it still calls the old API (step ${i}).`;

const output = (i) =>
  Array.from(
    { length: 3 + (i % 12) },
    (_, k) => `src/module-${(i + k) % 97}.ts:${10 + k}: ok ${'·'.repeat(k % 20)}`,
  ).join('\n');

emit({
  type: 'system',
  subtype: 'init',
  session_id: sessionId,
  cwd: process.cwd(),
  tools: ['Bash', 'Read', 'Edit'],
  model: 'claude-sonnet-4-5',
});
for (let i = 0; i < events;) {
  const id = `toolu_bench_${i}`;
  const tools = [
    {
      name: 'Bash',
      input: { command: `npm test -- --filter module-${i % 97}`, description: 'run' },
    },
    { name: 'Read', input: { file_path: `/work/project/src/module-${i % 97}.ts` } },
    {
      name: 'Edit',
      input: {
        file_path: `/work/project/src/module-${i % 97}.ts`,
        old_string: 'oldApi(x)',
        new_string: 'newApi(x, { strict: true })',
      },
    },
  ];
  const cycle = [
    () => assistant(i, { type: 'text', text: prose(i) }),
    () => assistant(i, { type: 'tool_use', id, ...tools[i % 3] }),
    () => toolResult(id, output(i)),
  ];
  for (const make of cycle) {
    if (i >= events) break;
    emit(make());
    i++;
  }
}
emit({
  type: 'result',
  subtype: 'success',
  is_error: false,
  result: `wrote ${events} events`,
  session_id: sessionId,
  num_turns: Math.ceil(events / 3),
  duration_ms: 1,
  total_cost_usd: 0,
});
flush();
