/**
 * Tells Rust's idle timer that the chair is still at the laptop: any key,
 * pointer press or wheel turn counts, reported at most once per interval.
 */

export const ACTIVITY_EVENTS = ["keydown", "pointerdown", "wheel"] as const;
export const ACTIVITY_INTERVAL_MS = 20_000;

/** Calls `fn` at once, then ignores calls until `intervalMs` has passed. */
export function throttle(
  fn: () => void,
  intervalMs: number,
  now: () => number = Date.now,
): () => void {
  let last: number | null = null;
  return () => {
    const t = now();
    if (last === null || t - last >= intervalMs) {
      last = t;
      fn();
    }
  };
}

/** Listens on `target` until the returned function is called. */
export function watchActivity(
  target: EventTarget,
  report: () => void,
  intervalMs: number = ACTIVITY_INTERVAL_MS,
  now: () => number = Date.now,
): () => void {
  const handler = throttle(report, intervalMs, now);
  const options: AddEventListenerOptions = { capture: true, passive: true };
  for (const type of ACTIVITY_EVENTS) target.addEventListener(type, handler, options);
  return () => {
    for (const type of ACTIVITY_EVENTS) target.removeEventListener(type, handler, options);
  };
}
