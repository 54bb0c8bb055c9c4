import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, UsageError, parseCliArgs } from '../../src-main/cli-args';

const usage = (argv: string[]): string => {
  try {
    parseCliArgs(argv);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error(`expected ${argv.join(' ')} to be a usage error`);
};

describe('parseCliArgs', () => {
  it('defaults to serve on the default port', () => {
    const expected = {
      command: 'serve',
      dataDir: null,
      port: DEFAULT_PORT,
      claudeBin: null,
      maxConcurrency: null,
    };
    expect(DEFAULT_PORT).toBe(7381);
    expect(parseCliArgs([])).toEqual(expected);
    expect(parseCliArgs(['serve'])).toEqual(expected);
  });

  it('reads every option, separate or with =', () => {
    expect(
      parseCliArgs([
        'serve',
        '--data-dir',
        '/d',
        '--port=8080',
        '--claude-bin=/opt/claude',
        '--max-concurrency',
        '4',
      ]),
    ).toEqual({
      command: 'serve',
      dataDir: '/d',
      port: 8080,
      claudeBin: '/opt/claude',
      maxConcurrency: 4,
    });
  });

  it('options without the serve command', () => {
    expect(parseCliArgs(['--port', '9000'])).toMatchObject({ command: 'serve', port: 9000 });
  });

  it('--port 0 picks a free port', () => {
    expect(parseCliArgs(['--port', '0']).command).toBe('serve');
    expect(parseCliArgs(['--port', '0'])).toMatchObject({ port: 0 });
    expect(parseCliArgs(['--port=65535'])).toMatchObject({ port: 65535 });
  });

  it('keeps everything after the first = in a value', () => {
    expect(parseCliArgs(['--data-dir=/a=b=c'])).toMatchObject({ dataDir: '/a=b=c' });
  });

  it('help and version win over anything else', () => {
    expect(parseCliArgs(['-h'])).toEqual({ command: 'help' });
    expect(parseCliArgs(['serve', '--port', 'x', '--help'])).toEqual({ command: 'help' });
    expect(parseCliArgs(['--version'])).toEqual({ command: 'version' });
    expect(parseCliArgs(['bogus', '--version'])).toEqual({ command: 'version' });
  });

  it('rejects bad numbers', () => {
    for (const argv of [
      ['--port', 'abc'],
      ['--port', '-1'],
      ['--port', '1.5'],
      ['--port', '1e3'],
      ['--port', ' 80'],
      ['--port=0x10'],
    ]) {
      expect(usage(argv), argv.join(' ')).toBe('--port needs a number');
    }
    expect(usage(['--port', '65536'])).toBe('--port must be between 0 and 65535');
    expect(usage(['--max-concurrency', '0'])).toBe('--max-concurrency must be between 1 and 64');
    expect(usage(['--max-concurrency', '65'])).toBe('--max-concurrency must be between 1 and 64');
  });

  it('rejects a missing or empty value', () => {
    expect(usage(['--port'])).toBe('--port needs a value');
    expect(usage(['--data-dir='])).toBe('--data-dir needs a value');
    expect(usage(['--claude-bin'])).toBe('--claude-bin needs a value');
  });

  it('rejects an unknown option or command', () => {
    expect(usage(['--verbose'])).toBe('unknown option --verbose');
    expect(usage(['serve', 'extra'])).toBe('unknown option extra');
    expect(usage(['--prot=1'])).toBe('unknown option --prot');
    expect(usage(['run'])).toBe('unknown command "run"');
  });
});
