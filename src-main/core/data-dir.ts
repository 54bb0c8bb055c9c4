import fs from 'node:fs';
import path from 'node:path';

export interface DataPaths {
  root: string;
  database: string;
  logs: string;
  sandboxes: string;
}

/** Creates the data directory layout, private to the user (0700). */
export function prepareDataDir(root: string): DataPaths {
  const abs = path.resolve(root);
  const paths: DataPaths = {
    root: abs,
    database: path.join(abs, 'claudomator.db'),
    logs: path.join(abs, 'logs'),
    sandboxes: path.join(abs, 'sandboxes'),
  };
  for (const dir of [paths.root, paths.logs, paths.sandboxes]) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.chmodSync(dir, 0o700);
  }
  return paths;
}
