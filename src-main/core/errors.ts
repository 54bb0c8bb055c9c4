import type { ErrorCode } from '../../src-shared/contract';

/** An error meant for the caller: its message is safe to show, its code maps to a status. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string): AppError => new AppError('not_found', `${what} not found`);
export const conflict = (message: string): AppError => new AppError('conflict', message);
export const invalid = (message: string): AppError => new AppError('invalid_request', message);

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
