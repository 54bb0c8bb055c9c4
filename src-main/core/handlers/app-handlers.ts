import { execFile } from 'node:child_process';
import type { ClaudeCheck } from '../../../src-shared/domain';
import type { Handlers } from '../../../src-shared/contract';
import type { EngineContext } from './context';

/** Runs `<bin> --version`, with a clear answer for every way it can fail. */
export function checkClaude(bin: string): Promise<ClaudeCheck> {
  return new Promise((resolve) => {
    execFile(bin, ['--version'], { timeout: 15_000, windowsHide: true }, (err, stdout, stderr) => {
      if (!err) {
        resolve({ ok: true, bin, version: stdout.trim() || stderr.trim(), error: null });
        return;
      }
      const code = (err as NodeJS.ErrnoException).code;
      const error =
        code === 'ENOENT'
          ? `"${bin}" was not found`
          : code === 'EACCES'
            ? `"${bin}" is not executable`
            : err.killed
              ? `"${bin} --version" did not answer within 15 s`
              : `"${bin} --version" failed: ${(stderr || err.message).trim().split('\n')[0]}`;
      resolve({ ok: false, bin, version: null, error });
    });
  });
}

export function appHandlers(ctx: EngineContext): Pick<Handlers, 'app.info' | 'app.checkClaude'> {
  return {
    'app.info': async () => ({
      version: ctx.version,
      dataDir: ctx.dataDir,
      mode: ctx.mode,
      platform: process.platform,
    }),
    'app.checkClaude': async ({ bin }) => checkClaude(bin ?? ctx.store.settings.get().claudeBin),
  };
}
