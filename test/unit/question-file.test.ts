import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  parseQuestion,
  takeQuestionFile,
  takeSummaryFile,
} from '../../src-main/core/runner/question-file';

const parse = (v: unknown): ReturnType<typeof parseQuestion> =>
  parseQuestion(Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)));

describe('parseQuestion', () => {
  it('reads a question with options', () => {
    expect(parse({ text: ' Which colour? ', options: ['red', 'blue'] })).toEqual({
      kind: 'question',
      question: { text: 'Which colour?', options: ['red', 'blue'] },
      problem: null,
    });
  });

  it('a text with "?" and no options is a free-text question', () => {
    expect(parse({ text: 'What should the name be?' })).toEqual({
      kind: 'question',
      question: { text: 'What should the name be?', options: [] },
      problem: null,
    });
    expect(parse({ text: 'Name?', options: null })).toMatchObject({ kind: 'question' });
  });

  it('a text without "?" but with options is a question', () => {
    expect(parse({ text: 'Pick one', options: ['a'] })).toEqual({
      kind: 'question',
      question: { text: 'Pick one', options: ['a'] },
      problem: null,
    });
  });

  it('no options and no "?" is a completion report', () => {
    expect(parse({ text: '  All done. Added the tests.  ', options: [] })).toEqual({
      kind: 'report',
      text: 'All done. Added the tests.',
    });
    expect(parse({ text: 'Finished' })).toEqual({ kind: 'report', text: 'Finished' });
  });

  it('invalid JSON still blocks, with the raw text and the problem named', () => {
    expect(parse('  Should I use SQLite or Postgres  \n')).toEqual({
      kind: 'question',
      question: { text: 'Should I use SQLite or Postgres', options: [] },
      problem: 'question file is not valid JSON',
    });
  });

  it('a missing or empty text blocks with the problem named', () => {
    for (const v of [{ options: ['a'] }, { text: '   ' }, { text: 5 }, '"just a string?"', '[]']) {
      const raw = typeof v === 'string' ? v : JSON.stringify(v);
      expect(parse(v), raw).toEqual({
        kind: 'question',
        question: { text: raw, options: [] },
        problem: 'question file has no "text" string',
      });
    }
  });

  it('non-string options are left out and named; never a report', () => {
    expect(parse({ text: 'Pick', options: ['a', 3, null, '  ', 'b'] })).toEqual({
      kind: 'question',
      question: { text: 'Pick', options: ['a', 'b'] },
      problem: 'question file has options that are not strings; they were left out',
    });
    expect(parse({ text: 'Done', options: [1, 2] })).toEqual({
      kind: 'question',
      question: { text: 'Done', options: [] },
      problem: 'question file has options that are not strings; they were left out',
    });
    expect(parse({ text: 'Done', options: 'a,b' })).toMatchObject({
      kind: 'question',
      problem: 'question file has options that are not strings; they were left out',
    });
  });

  it('keeps at most 20 options', () => {
    const options = Array.from({ length: 30 }, (_, i) => `o${i}`);
    const out = parse({ text: 'Which?', options });
    expect(out.kind === 'question' && out.question.options).toEqual(options.slice(0, 20));
  });

  it('a file over 64 KB blocks with an excerpt and the size named', () => {
    const raw = Buffer.from(JSON.stringify({ text: 'x'.repeat(70 * 1024), options: [] }));
    const out = parseQuestion(raw);
    expect(out.kind).toBe('question');
    if (out.kind !== 'question') return;
    expect(out.problem).toBe(`question file is too large (${raw.length} bytes, at most 65536)`);
    expect(out.question.options).toEqual([]);
    expect(out.question.text.startsWith('{"text":"xxx')).toBe(true);
    expect(out.question.text.endsWith(`… (${raw.length} bytes)`)).toBe(true);
    expect(out.question.text.length).toBeLessThan(2100);
  });

  it('exactly 64 KB is still parsed', () => {
    const base = JSON.stringify({ text: 'Done', pad: '' });
    const pad = 'p'.repeat(64 * 1024 - base.length);
    const raw = Buffer.from(JSON.stringify({ text: 'Done', pad }));
    expect(raw.length).toBe(64 * 1024);
    expect(parseQuestion(raw)).toEqual({ kind: 'report', text: 'Done' });
  });
});

describe('takeQuestionFile / takeSummaryFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cm-unit-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a missing question file is none', async () => {
    expect(await takeQuestionFile(path.join(dir, 'question.json'))).toEqual({ kind: 'none' });
  });

  it('reads and deletes the question file', async () => {
    const file = path.join(dir, 'question.json');
    fs.writeFileSync(file, JSON.stringify({ text: 'Go?', options: ['y', 'n'] }));
    expect(await takeQuestionFile(file)).toEqual({
      kind: 'question',
      question: { text: 'Go?', options: ['y', 'n'] },
      problem: null,
    });
    expect(fs.existsSync(file)).toBe(false);
    expect(await takeQuestionFile(file)).toEqual({ kind: 'none' });
  });

  it('deletes a question file it cannot parse too', async () => {
    const file = path.join(dir, 'question.json');
    fs.writeFileSync(file, '{broken');
    expect(await takeQuestionFile(file)).toMatchObject({ kind: 'question' });
    expect(fs.existsSync(file)).toBe(false);
  });

  it('rethrows errors other than a missing file', async () => {
    await expect(takeQuestionFile(dir)).rejects.toThrow();
  });

  it('a missing summary is null', async () => {
    expect(await takeSummaryFile(path.join(dir, 'summary.txt'))).toBeNull();
  });

  it('reads, trims and deletes the summary file', async () => {
    const file = path.join(dir, 'summary.txt');
    fs.writeFileSync(file, '\n  Did the thing.\nAnd another.  \n');
    expect(await takeSummaryFile(file)).toBe('Did the thing.\nAnd another.');
    expect(fs.existsSync(file)).toBe(false);
  });

  it('a blank summary is null and is still consumed', async () => {
    const file = path.join(dir, 'summary.txt');
    fs.writeFileSync(file, '  \n\t ');
    expect(await takeSummaryFile(file)).toBeNull();
    expect(fs.existsSync(file)).toBe(false);
  });

  it('cuts a huge summary at 100 000 characters', async () => {
    const file = path.join(dir, 'summary.txt');
    fs.writeFileSync(file, 's'.repeat(150_000));
    const text = await takeSummaryFile(file);
    expect(text).toBe(`${'s'.repeat(100_000)}…`);
  });
});
