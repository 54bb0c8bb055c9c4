// When the engine cannot open its data (a failed migration, an unreadable
// database), the window still opens: every request answers with what went
// wrong, so the page shows it where the user looks, and the data is left as
// it was.
import { requestSchemas, type Channel, type Handlers } from '../../src-shared/contract';
import { AppError } from '../core/errors';

export function unavailableHandlers(opts: {
  version: string;
  dataDir: string;
  reason: string;
}): Handlers {
  const message = `Claudomator could not open its data in ${opts.dataDir}: ${opts.reason}`;
  const handlers: Partial<Record<Channel, () => Promise<unknown>>> = {};
  for (const channel of Object.keys(requestSchemas) as Channel[]) {
    handlers[channel] = () => Promise.reject(new AppError('internal', message));
  }
  handlers['app.health'] = async () => ({ ok: true, version: opts.version });
  handlers['app.info'] = async () => ({
    version: opts.version,
    dataDir: opts.dataDir,
    mode: 'desktop',
    platform: process.platform,
  });
  return handlers as Handlers;
}
