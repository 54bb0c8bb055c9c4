// Whether a live view keeps itself scrolled to the newest output. Pure logic,
// so the rules are tested without a browser; `useFollowTail` wires them up.

export interface ScrollMetrics {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
}

export interface FollowState {
  following: boolean;
  /** scrollTop at the previous scroll event, to tell "the user went up" from growth. */
  lastScrollTop: number;
}

/** How close to the end still counts as "at the end" (px). */
export const BOTTOM_SLACK_PX = 32;

export const initialFollow: FollowState = { following: true, lastScrollTop: 0 };

export function isAtBottom(m: ScrollMetrics, slack = BOTTOM_SLACK_PX): boolean {
  return m.scrollHeight - m.clientHeight - m.scrollTop <= slack;
}

/**
 * After a scroll event: reaching the end resumes following; moving up stops
 * it. Moving down without reaching the end (content re-measured above the
 * viewport, a programmatic jump) changes nothing.
 */
export function afterScroll(state: FollowState, m: ScrollMetrics): FollowState {
  let following = state.following;
  if (isAtBottom(m)) following = true;
  else if (m.scrollTop < state.lastScrollTop - 1) following = false;
  return { following, lastScrollTop: m.scrollTop };
}

/** A wheel or key moving up is the user's wish to read, even when nothing can scroll yet. */
export function afterUserScrollUp(state: FollowState): FollowState {
  return { ...state, following: false };
}

export function jumpToLive(state: FollowState): FollowState {
  return { ...state, following: true };
}

/** Content changed: scroll to the end only while following. */
export function shouldScrollToEnd(state: FollowState): boolean {
  return state.following;
}
