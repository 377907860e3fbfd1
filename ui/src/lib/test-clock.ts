/** The day the UI's tests run on, unless one chooses another: a Wednesday. */
export const TEST_TODAY = "2026-11-25";

/** The instant a test's backend clock starts on `day`: 14:05 UTC. */
export function clockStart(day: string): string {
  return `${day}T14:05:00Z`;
}
