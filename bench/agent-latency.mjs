#!/usr/bin/env node
// A stand-in agent for figure 2 (live latency), used as `claudeBin`: prints a
// system/init line, then assistant text lines at a fixed rate, each stamped
// with the wall-clock time (ms since the epoch, sub-millisecond) at which it is
// written, then a success result. Rate and duration come from a line
// `BENCH_LATENCY: {"rate": 2000, "seconds": 5}` in the prompt (stdin).
// stdout is the log file the engine follows: writes go straight to fd 1.
/* global performance */
import fs from 'node:fs';
import { readStdin, sessionIdArg } from './agent-lib.mjs';

const now = () => performance.timeOrigin + performance.now();

const sessionId = sessionIdArg();
const prompt = await readStdin();
const m = /BENCH_LATENCY: (\{.*\})/.exec(prompt);
const { rate = 2000, seconds = 5 } = m ? JSON.parse(m[1]) : {};
const total = Math.round(rate * seconds);

const write = (text) => fs.writeSync(1, text);
write(
  `${JSON.stringify({ type: 'system', subtype: 'init', session_id: sessionId, cwd: process.cwd(), tools: [], model: 'bench' })}\n`,
);

const message = (i) => ({
  type: 'assistant',
  message: {
    id: `msg_bench_${i}`,
    type: 'message',
    role: 'assistant',
    model: 'bench',
    content: [{ type: 'text', text: `event ${i} of ${total}` }],
    stop_reason: null,
    usage: { input_tokens: 10, output_tokens: 5 },
  },
  session_id: sessionId,
});

const started = now();
let sent = 0;
function tick() {
  const due = Math.min(total, Math.floor(((now() - started) * rate) / 1000));
  if (due > sent) {
    let batch = '';
    for (; sent < due; sent++) {
      const line = message(sent);
      line.bench = { i: sent, t: now() };
      batch += `${JSON.stringify(line)}\n`;
    }
    write(batch);
  }
  if (sent < total) setTimeout(tick, 1);
  else finish();
}

function finish() {
  write(
    `${JSON.stringify({
      type: 'result',
      subtype: 'success',
      is_error: false,
      result: `sent ${total} events`,
      session_id: sessionId,
      num_turns: total,
      duration_ms: Math.round(now() - started),
      total_cost_usd: 0,
    })}\n`,
  );
  process.exit(0);
}

tick();
