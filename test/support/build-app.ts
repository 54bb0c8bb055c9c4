import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/** Builds what the CLI and browser tests run: the compiled main process and the renderer. */
export function buildApp(): void {
  const run = (script: string, args: string[]): void => {
    execFileSync(process.execPath, [path.join(root, script), ...args], {
      cwd: root,
      stdio: 'inherit',
    });
  };
  run('node_modules/typescript/bin/tsc', ['-p', 'tsconfig.build.json']);
  run('node_modules/vite/bin/vite.js', ['build', '--logLevel', 'warn']);
}
