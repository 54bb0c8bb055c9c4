import type { Handlers } from '../../../src-shared/contract';
import type { EngineContext } from './context';

export function terminalHandlers(
  ctx: EngineContext,
): Pick<
  Handlers,
  | 'terminals.open'
  | 'terminals.input'
  | 'terminals.resize'
  | 'terminals.close'
  | 'terminals.list'
  | 'terminals.scrollback'
> {
  return {
    'terminals.open': ({ taskId, kind, cols, rows }) =>
      ctx.terminals.open(taskId, kind, cols, rows),
    'terminals.input': async ({ id, data }) => {
      ctx.terminals.input(id, data);
      return { ok: true };
    },
    'terminals.resize': async ({ id, cols, rows }) => ctx.terminals.resize(id, cols, rows),
    'terminals.close': async ({ id }) => {
      await ctx.terminals.close(id);
      return { ok: true };
    },
    'terminals.list': async ({ taskId }) => ctx.terminals.list(taskId),
    'terminals.scrollback': async ({ id }) => ctx.terminals.scrollback(id),
  };
}
