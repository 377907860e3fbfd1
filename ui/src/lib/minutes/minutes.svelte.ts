/**
 * A meeting as the minute-taker works through it: the meeting's page (for
 * the attendance, register, agenda and actions, as the meeting page holds
 * it) and, per agenda item, what Rust keeps for the minutes (notes,
 * disclosures, who is out of the room). Every change answers with what Rust
 * now holds, which replaces the screen's copy; a refusal is handed back.
 */
import { attempt, type Backend, type Outcome } from "../backend";
import type {
  ApiError,
  Disclosure,
  DisclosureCheck,
  DisclosureInput,
  InaccuracyInput,
  MinuteItem,
  MinuteTaking,
} from "../bindings";
import { MeetingModel } from "../meetings/meeting.svelte";

export class MinutesModel {
  readonly meeting: MeetingModel;
  minutes = $state<MinuteTaking | null>(null);
  minutesError = $state<ApiError | null>(null);

  constructor(
    private readonly backend: Backend,
    readonly meetingId: number,
  ) {
    this.meeting = new MeetingModel(backend, meetingId);
  }

  /** What Rust keeps for the minutes of one item, once loaded. */
  item(itemId: number): MinuteItem | undefined {
    return this.minutes?.items.find((i) => i.item.id === itemId);
  }

  async load(): Promise<void> {
    await Promise.all([this.meeting.load(), this.loadMinutes()]);
  }

  async loadMinutes(): Promise<void> {
    const r = await attempt(() => this.backend.call("minute_taking_get", { id: this.meetingId }));
    if (r.ok) {
      this.minutes = r.value;
      this.minutesError = null;
    } else {
      this.minutesError = r.error;
    }
  }

  private put(mi: MinuteItem): void {
    if (!this.minutes) return;
    const items = this.minutes.items;
    const at = items.findIndex((i) => i.item.id === mi.item.id);
    if (at >= 0) items[at] = mi;
    else void this.loadMinutes();
  }

  /** A disclosure as Rust now holds it, in its item's list (new ones at the end: as recorded). */
  private putDisclosure(d: Disclosure): void {
    const list = this.item(d.item_id)?.disclosures;
    if (!list) {
      void this.loadMinutes();
      return;
    }
    const at = list.findIndex((x) => x.id === d.id);
    if (at >= 0) list[at] = d;
    else list.push(d);
  }

  private async answer(run: () => Promise<MinuteItem>): Promise<ApiError | null> {
    const r = await attempt(run);
    if (!r.ok) return r.error;
    this.put(r.value);
    return null;
  }

  saveNotes(itemId: number, summary: string, decisions: string): Promise<ApiError | null> {
    return this.answer(() =>
      this.backend.call("agenda_item_notes_save", { id: itemId, summary, decisions }),
    );
  }

  setOutOfRoom(itemId: number, personId: number, out: boolean): Promise<ApiError | null> {
    return this.answer(() => this.backend.call("out_of_room_set", { item_id: itemId, person_id: personId, out }));
  }

  check(input: DisclosureInput, id: number | null): Promise<Outcome<DisclosureCheck>> {
    return attempt(() => this.backend.call("disclosure_check", { id, disclosure: input }));
  }

  private async disclosure(run: () => Promise<Disclosure>): Promise<ApiError | null> {
    const r = await attempt(run);
    if (!r.ok) return r.error;
    this.putDisclosure(r.value);
    return null;
  }

  add(input: DisclosureInput): Promise<ApiError | null> {
    return this.disclosure(() => this.backend.call("disclosure_add", input));
  }

  update(id: number, input: DisclosureInput): Promise<ApiError | null> {
    return this.disclosure(() => this.backend.call("disclosure_update", { id, disclosure: input }));
  }

  withdraw(id: number, reason: string): Promise<ApiError | null> {
    return this.disclosure(() => this.backend.call("disclosure_withdraw", { id, reason }));
  }

  addNotice(disclosureId: number, notice: InaccuracyInput): Promise<ApiError | null> {
    return this.disclosure(() => this.backend.call("inaccuracy_add", { disclosure_id: disclosureId, notice }));
  }

  updateNotice(id: number, notice: InaccuracyInput): Promise<ApiError | null> {
    return this.disclosure(() => this.backend.call("inaccuracy_update", { id, notice }));
  }
}
