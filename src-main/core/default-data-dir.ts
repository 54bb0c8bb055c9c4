import os from 'node:os';
import path from 'node:path';

/** Where Electron's userData lives for this app, so `serve` and the desktop app share data. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const home = os.homedir();
  switch (process.platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'Claudomator');
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Claudomator');
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Claudomator');
  }
}
