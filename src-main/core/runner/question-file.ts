import { statSync } from 'node:fs';
import fs from 'node:fs/promises';
import type { Question } from '../../../src-shared/domain';

const MAX_QUESTION_BYTES = 64 * 1024;
const MAX_OPTIONS = 20;

export type AgentMessage =
  | { kind: 'none' }
  | { kind: 'question'; question: Question; problem: string | null }
  | { kind: 'report'; text: string };

/**
 * Reads and consumes the question file the agent may have written. A note
 * with no options and no "?" is a completion report, not a question. A file
 * we cannot read as a question still blocks the task — with the raw text
 * shown and the problem named — so the agent's ask is never lost.
 */
export async function takeQuestionFile(file: string): Promise<AgentMessage> {
  // Most runs write none: a stat, not a failed read (an Error and a thread-pool
  // trip). Any other trouble (a loop of links, no permission) still throws.
  if (!statSync(file, { throwIfNoEntry: false })) return { kind: 'none' };
  let raw: Buffer;
  try {
    raw = await fs.readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    throw err;
  }
  await fs.rm(file, { force: true });
  return parseQuestion(raw);
}

export function parseQuestion(raw: Buffer): AgentMessage {
  const excerpt = (s: string): string =>
    s.length > 2000 ? `${s.slice(0, 2000)}… (${raw.length} bytes)` : s;
  if (raw.length > MAX_QUESTION_BYTES) {
    const text = raw.subarray(0, 4000).toString('utf8');
    return {
      kind: 'question',
      question: { text: excerpt(text), options: [] },
      problem: `question file is too large (${raw.length} bytes, at most ${MAX_QUESTION_BYTES})`,
    };
  }
  const text = raw.toString('utf8').trim();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {
      kind: 'question',
      question: { text: excerpt(text), options: [] },
      problem: 'question file is not valid JSON',
    };
  }
  const obj =
    typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  if (typeof obj.text !== 'string' || obj.text.trim() === '') {
    return {
      kind: 'question',
      question: { text: excerpt(text), options: [] },
      problem: 'question file has no "text" string',
    };
  }
  const rawOptions = obj.options === undefined || obj.options === null ? [] : obj.options;
  const options = Array.isArray(rawOptions)
    ? rawOptions.filter((o): o is string => typeof o === 'string' && o.trim() !== '')
    : [];
  const problem =
    !Array.isArray(rawOptions) || options.length !== rawOptions.length
      ? 'question file has options that are not strings; they were left out'
      : null;
  const question = { text: obj.text.trim(), options: options.slice(0, MAX_OPTIONS) };
  if (question.options.length === 0 && !question.text.includes('?') && problem === null) {
    return { kind: 'report', text: question.text };
  }
  return { kind: 'question', question, problem };
}

/** Reads and consumes the summary the agent may have written. */
export async function takeSummaryFile(file: string): Promise<string | null> {
  if (!statSync(file, { throwIfNoEntry: false })) return null;
  try {
    const text = (await fs.readFile(file, 'utf8')).trim();
    await fs.rm(file, { force: true });
    return text.length > 100_000 ? `${text.slice(0, 100_000)}…` : text || null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
