import type { Task } from '../../src-shared/domain';

/**
 * Whether `next` is older than what we already show: an action's reply can
 * arrive after the event announcing a later change (e.g. a retry's QUEUED
 * reply after the RUNNING event).
 */
export function isStale(current: Task | null | undefined, next: Task): boolean {
  return !!current && current.id === next.id && current.rev > next.rev;
}
