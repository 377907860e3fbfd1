/**
 * The signing kiosk's shared words: who is signing, the decline reasons
 * offered, and how long the thank-you stays up. Rust decides every rule
 * (`kiosk_*` in tasking-api, casebook's signatures.rs); these only shape
 * the screen.
 */
import type { KioskView, Outcome, Signer } from "../bindings";
import { formatDay } from "../format";
import { MEETING_KIND_LABELS } from "../labels";

/** The person at the pad: an invited attendee or someone not on the list. */
export type Who = {
  signer: Signer;
  name: string;
  agency: string;
  role: string;
};

/** Someone not on the list, as typed so far (kept if they step back). */
export type NewcomerDraft = { name: string; agency_id: number | null; role: string };

export const emptyNewcomer = (): NewcomerDraft => ({ name: "", agency_id: null, role: "" });

/** How long "Thank you" stays before the list comes back for the next person. */
export const THANKS_MS = 3000;

/** The reasons offered for declining; "Other" asks for their own words. */
export const DECLINE_REASONS = [
  "I am not staying for case discussion",
  "I need to check with my agency first",
  "I do not agree with the terms",
] as const;

export const OTHER_REASON = "other";

/** The meeting as the kiosk names it: group, kind of meeting, date. */
export function meetingLine(view: KioskView): string {
  return `${view.group_name}, ${MEETING_KIND_LABELS[view.kind]}, ${formatDay(view.date, { weekday: true })}`;
}

/** What the thank-you says was recorded. */
export function recordedLine(outcome: Outcome): string {
  return outcome === "declined"
    ? "Your decision not to sign is recorded."
    : "Your signature is recorded.";
}
