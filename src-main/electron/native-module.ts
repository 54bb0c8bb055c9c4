// better-sqlite3 and node-pty are native modules compiled for one ABI: `npm ci`
// builds them for Node, and Electron's ABI differs. The desktop app says so plainly and
// exits with a code `npm start` recognises, instead of a stack trace.

/** The exit code of the desktop app when the native module cannot load (EX_CONFIG). */
export const NATIVE_MODULE_EXIT_CODE = 78;

/** One line: what is wrong and the commands that fix it. */
export function electronRebuildHint(electronVersion: string | null): string {
  const v = electronVersion ?? '<electron version>';
  return (
    `better-sqlite3 is built for Node, not for Electron ${electronVersion ?? ''}`.trimEnd() +
    `: rebuild it (and node-pty) with "npx --yes @electron/rebuild -f -o better-sqlite3,node-pty" (or ` +
    `"npm_config_runtime=electron npm_config_target=${v} ` +
    `npm_config_disturl=https://electronjs.org/headers npm rebuild better-sqlite3 node-pty"), then npm start ` +
    `again; "npm rebuild better-sqlite3 node-pty" switches them back for tests and serve; ` +
    `"npm start -- --browser" skips Electron.`
  );
}

export function isNativeModuleError(err: unknown): boolean {
  const message = err instanceof Error ? err.message : String(err);
  return (
    /NODE_MODULE_VERSION/.test(message) ||
    /compiled against a different Node\.js version/.test(message) ||
    /Module did not self-register/.test(message) ||
    /better_sqlite3\.node|pty\.node/.test(message) ||
    /invalid ELF header|not a valid Win32 application|wrong ELF class/.test(message)
  );
}
