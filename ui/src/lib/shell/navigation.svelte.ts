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
  | { screen: "actions" }
  | { screen: "people" }
  | { screen: "agencies" }
  | { screen: "settings" }
  | { screen: "search"; query: string };

/** The entries of the main navigation, in order. */
export type Section = "home" | "meetings" | "actions" | "people" | "agencies" | "settings";

export const SECTIONS: Array<{ id: Section; label: string }> = [
  { id: "home", label: "Home" },
  { id: "meetings", label: "Meetings" },
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
      return "meetings";
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

  openMeeting(id: number): void {
    this.view = { screen: "meeting", id };
  }

  clear(): void {
    this.view = { screen: "home" };
  }
}
