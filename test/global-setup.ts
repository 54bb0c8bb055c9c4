import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** The CLI and browser tests run the compiled app; build it once per test run. */
export default function setup(): void {
  const root = path.resolve(__dirname, '..');
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}
