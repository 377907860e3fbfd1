/**
 * Where the chair is in the app: one screen at a time, some with a record
 * (the meeting being looked at, the search typed). Nothing here is kept
 * across a lock: the next unlock starts at Home.
 */

export type View =
  | { screen: "home" }
  | { screen: "meetings" }
  | { screen: "plan" }
  | { screen: "meeting"; id: number }
  | { screen: "minutes"; id: number }
  | { screen: "minutes-doc"; id: number }
  | { screen: "cases" }
  | { screen: "case"; id: number }
  | { screen: "actions" }
  | { screen: "people" }
  | { screen: "agencies" }
  | { screen: "requests" }
  | { screen: "request"; id: number }
  | { screen: "request-new" }
  | { screen: "emergency" }
  | { screen: "settings" }
  | { screen: "search"; query: string };

/** The entries of the main navigation, in order. */
export type Section = "home" | "meetings" | "cases" | "requests" | "actions" | "people" | "agencies" | "settings";

export const SECTIONS: Array<{ id: Section; label: string }> = [
  { id: "home", label: "Home" },
  { id: "meetings", label: "Meetings" },
  { id: "cases", label: "Cases" },
  { id: "requests", label: "Requests" },
  { id: "actions", label: "Actions" },
  { id: "people", label: "People" },
  { id: "agencies", label: "Agencies" },
  { id: "settings", label: "Settings" },
];

/** The navigation entry a view belongs to (none for search). */
export function sectionOf(view: View): Section | null {
  switch (view.screen) {
    case "plan":
    case "meeting":
    case "minutes":
    case "minutes-doc":
      return "meetings";
    case "case":
      return "cases";
    case "request":
    case "request-new":
    case "emergency":
      return "requests";
    case "search":
      return null;
    default:
      return view.screen;
  }
}

export class Navigator {
  view = $state<View>({ screen: "home" });

  go(view: View): void {
    this.view = view;
  }

  /**
   * The agenda item the minute-taker was at, per meeting, so that going back
   * to the meeting's page and taking minutes again resumes there.
   */
  private minuteItems = new Map<number, number>();

  openMeeting(id: number): void {
    this.view = { screen: "meeting", id };
  }

  openCase(id: number): void {
    this.view = { screen: "case", id };
  }

  /** An information request's page. */
  openRequest(id: number): void {
    this.view = { screen: "request", id };
  }

  /** The minute-taking view of a meeting, at the item last worked on. */
  openMinutes(id: number): void {
    this.view = { screen: "minutes", id };
  }

  /** A meeting's minutes as circulated: the draft, approval and versions. */
  openMinutesDoc(id: number): void {
    this.view = { screen: "minutes-doc", id };
  }

  /** The minute-taking view of a meeting, at one of its agenda items. */
  openMinutesAt(meetingId: number, itemId: number): void {
    this.minuteItems.set(meetingId, itemId);
    this.openMinutes(meetingId);
  }

  /** The item the minute-taker is at in a meeting, if they have been there. */
  minuteItem(meetingId: number): number | null {
    return this.minuteItems.get(meetingId) ?? null;
  }

  noteMinuteItem(meetingId: number, itemId: number): void {
    this.minuteItems.set(meetingId, itemId);
  }

  clear(): void {
    this.view = { screen: "home" };
    this.minuteItems.clear();
  }
}
