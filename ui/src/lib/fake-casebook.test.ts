/**
 * The fake's records follow casebook's Rust: these mirror the cases of
 * `src-tauri/crates/casebook/tests/meetings.rs`.
 */
import { describe, expect, it } from "vitest";
import type { ActionStatusChange, AttendanceInput } from "./bindings";
import { FakeBackend } from "./fake-backend";
import { APPENDIX_A } from "./fake-backend";

async function fixture(today = "2026-05-01") {
  const fake = new FakeBackend({ state: "unlocked", agencies: APPENDIX_A, today });
  const agencies = await fake.call("agencies_list", { include_inactive: false });
  const idOf = (prefix: string) => agencies.find((a) => a.name.startsWith(prefix))!.id;
  const police = idOf("West Mercia Police");
  const council = idOf("Shropshire Council");
  const group = (
    await fake.call("group_add", { name: "Northbrook Bronze Tasking Group", default_kind: "bronze_tasking" })
  ).id;
  const pc = (
    await fake.call("person_add", {
      name: "Priya Okonkwo-Hale",
      agency_id: police,
      role: "Neighbourhood Sergeant",
      email: null,
    })
  ).id;
  const officer = (
    await fake.call("person_add", {
      name: "Tomasz Brennan",
      agency_id: council,
      role: "Anti-Social Behaviour Officer",
      email: "t.brennan@council.example",
    })
  ).id;
  const meetingOn = async (date: string) =>
    (
      await fake.call("meeting_plan", {
        meeting: {
          group_id: group,
          kind: "bronze_tasking",
          date,
          start_time: "10:00",
          venue: "Civic Centre, Room 2",
          chair_id: officer,
          minute_taker_id: null,
          review_date: null,
        },
        invitees: [pc, officer],
      })
    ).meeting.id;
  const action = async (meeting: number, text: string) =>
    (
      await fake.call("action_add", {
        text,
        owner_agency_id: council,
        owner_person_id: officer,
        due_date: "2026-07-15",
        raised_meeting_id: meeting,
        raised_item_id: null,
      })
    ).id;
  const carried = async (meeting: number) =>
    (await fake.call("meeting_get", { id: meeting })).carried_forward.map((c) => [
      c.action.text,
      c.action.status,
      c.action.drop_reason,
    ]);
  return { fake, police, council, group, pc, officer, meetingOn, action, carried };
}

describe("the fake's meetings follow casebook", () => {
  it("starts a meeting from the usual agenda with a default review date", async () => {
    const f = await fixture();
    const id = await f.meetingOn("2026-06-01");
    const page = await f.fake.call("meeting_get", { id });
    expect(page.agenda.map((i) => i.kind)).toEqual([
      "introductions",
      "apologies",
      "previous_minutes",
      "new_referral",
      "case_review",
      "hotspot_location",
      "any_other_business",
      "next_meeting",
    ]);
    expect(page.agenda.map((i) => i.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(page.meeting.review_date).toBe("2027-06-01");
    expect(page.invitations.map((i) => i.attendance)).toEqual(["invited", "invited"]);
  });

  it("moves and renumbers agenda items, clamping beyond the end", async () => {
    const f = await fixture();
    const id = await f.meetingOn("2026-06-01");
    let page = await f.fake.call("agenda_item_add", {
      meeting_id: id,
      item: {
        kind: "case_review",
        title: "Repeat criminal damage, Mill Lane",
        case_ref: "nb-2026-031",
        presenting_agency_id: f.police,
        marking: "OFFICIAL-SENSITIVE",
        descriptor: null,
      },
    });
    const added = page.agenda.at(-1)!;
    expect(added.position).toBe(9);
    expect(added.case_ref).toBe("NB-2026-031");
    page = await f.fake.call("agenda_item_move", { id: added.id, to_position: 4 });
    expect(page.agenda[3]!.title).toBe("Repeat criminal damage, Mill Lane");
    expect(page.agenda[8]!.title).toBe("Date of next meeting");
    page = await f.fake.call("agenda_item_move", { id: added.id, to_position: 99 });
    expect(page.agenda.at(-1)!.id).toBe(added.id);
    expect(page.agenda.map((i) => i.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    page = await f.fake.call("agenda_item_remove", { id: page.agenda[0]!.id });
    expect(page.agenda.map((i) => i.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("refuses a name for a case reference", async () => {
    const f = await fixture();
    const id = await f.meetingOn("2026-06-01");
    await expect(
      f.fake.call("agenda_item_add", {
        meeting_id: id,
        item: {
          kind: "case_review",
          title: "Review",
          case_ref: "John Smith",
          presenting_agency_id: null,
          marking: "OFFICIAL",
          descriptor: null,
        },
      }),
    ).rejects.toMatchObject({ code: "invalid_input", message: expect.stringMatching(/^Case reference: must be a short code/) });
  });

  it("applies the attendance rules", async () => {
    const f = await fixture();
    const id = await f.meetingOn("2026-06-01");
    const base = (
      attendance: AttendanceInput["attendance"],
      written_update: boolean,
      arrived_at: string | null,
      left_at: string | null,
    ): AttendanceInput => ({ meeting_id: id, person_id: f.pc, attendance, written_update, arrived_at, left_at });
    const cases: Array<[AttendanceInput, string | null]> = [
      [base("present", false, "10:20", "11:05"), null],
      [base("apologies", true, null, null), null],
      [base("absent", false, null, null), null],
      [base("apologies", false, "10:20", null), "Arrived at: only applies to people who were present"],
      [base("present", true, null, null), "Written update sent: only applies"],
      [base("present", false, "11:00", "10:30"), "Left at: must be after"],
      [base("present", false, "25:00", null), "Arrived at: must be a 24-hour time"],
    ];
    for (const [input, want] of cases) {
      const got = f.fake.call("attendance_set", input);
      if (want === null) {
        const page = await got;
        const me = page.invitations.find((i) => i.person_id === f.pc)!;
        expect(me.attendance).toBe(input.attendance);
        expect(me.written_update).toBe(input.written_update);
      } else {
        await expect(got).rejects.toMatchObject({ message: expect.stringMatching(new RegExp(`^${want}`)) });
      }
    }
  });

  it("carries actions forward until closed, and shows a dropped one's reason once", async () => {
    const f = await fixture();
    const m1 = await f.meetingOn("2026-06-01");
    const m2 = await f.meetingOn("2026-07-01");
    const m3 = await f.meetingOn("2026-08-01");
    const m4 = await f.meetingOn("2026-09-01");
    const a = await f.action(m1, "Letter to landlord of 14 Mill Lane");
    const b = await f.action(m1, "Check CCTV coverage at the park");
    const c = await f.action(m1, "Referral to youth outreach");
    await f.action(m2, "Raised at the second meeting");
    expect(await f.carried(m1)).toEqual([]);
    expect(await f.carried(m2)).toHaveLength(3);

    const change = (action_id: number, status: ActionStatusChange["status"], note: string, meeting_id: number | null) =>
      f.fake.call("action_set_status", { action_id, status, note, meeting_id });
    await change(b, "done", "Coverage confirmed", m2);
    const page2 = await f.fake.call("meeting_get", { id: m2 });
    const bAtM2 = page2.carried_forward.find((x) => x.action.id === b)!;
    expect(bAtM2.action.status).toBe("done");
    expect(bAtM2.updates_here.map((u) => u.note)).toEqual(["Coverage confirmed"]);
    const atM3 = (await f.carried(m3)).map((x) => x[0]);
    expect(atM3).not.toContain("Check CCTV coverage at the park");
    expect(atM3).toContain("Raised at the second meeting");

    await expect(change(c, "dropped", "  ", m3)).rejects.toMatchObject({
      message: expect.stringMatching(/^Reason for dropping: must be given/),
    });
    await change(c, "dropped", "Family moved out of area", m3);
    expect(await f.carried(m3)).toContainEqual(["Referral to youth outreach", "dropped", "Family moved out of area"]);
    const atM4 = await f.carried(m4);
    expect(atM4.map((x) => x[0])).not.toContain("Referral to youth outreach");
    expect(atM4.map((x) => x[0])).toContain("Letter to landlord of 14 Mill Lane");

    await change(a, "done", "", null);
    await expect(change(a, "done", "", null)).rejects.toMatchObject({
      message: expect.stringMatching(/^Update: is empty and the status is unchanged/),
    });
    expect((await f.fake.call("action_updates", { id: a })).map((u) => u.status)).toEqual(["done"]);
  });

  it("marks open actions past their due date overdue, and sends them and review dates home", async () => {
    const f = await fixture("2026-08-01");
    const m1 = await f.meetingOn("2026-06-01");
    await f.action(m1, "Overdue by now");
    const next = await f.meetingOn("2026-08-20");
    const home = await f.fake.call("home", {});
    expect(home.today).toBe("2026-08-01");
    expect(home.overdue_actions.map((a) => a.overdue)).toEqual([true]);
    expect(home.next_meetings.map((m) => m.id)).toEqual([next]);
    expect(home.review_due).toEqual([]);
    const overdue = await f.fake.call("actions_list", {
      agency_id: null,
      group_id: null,
      status: null,
      overdue_only: true,
      limit: null,
    });
    expect(overdue).toHaveLength(1);
  });

  it("searches every word as a prefix, and treats operators as text", async () => {
    const f = await fixture();
    const m1 = await f.meetingOn("2026-06-01");
    await f.action(m1, "Graffiti removal on the underpass");
    const hits = await f.fake.call("search", { query: "graffiti under" });
    expect(hits).toMatchObject([{ kind: "action", meeting_id: m1 }]);
    expect(await f.fake.call("search", { query: '"unbalanced OR (' })).toEqual([]);
    expect((await f.fake.call("search", { query: "brennan" }))[0]!.kind).toBe("person");
  });

  it("invites someone listed twice once", async () => {
    const f = await fixture();
    const page = await f.fake.call("meeting_plan", {
      meeting: {
        group_id: f.group,
        kind: "bronze_tasking",
        date: "2026-06-01",
        start_time: "10:00",
        venue: "Civic Centre",
        chair_id: null,
        minute_taker_id: null,
        review_date: null,
      },
      invitees: [f.pc, f.pc, f.officer],
    });
    expect(page.invitations).toHaveLength(2);
  });

  it("records an update at a meeting only at the action's own meeting or a later one of its group", async () => {
    const f = await fixture();
    const m1 = await f.meetingOn("2026-06-01");
    const m2 = await f.meetingOn("2026-07-01");
    const a = await f.action(m2, "Raised at the second meeting");
    await expect(
      f.fake.call("action_set_status", { action_id: a, status: "done", note: "", meeting_id: m1 }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/^Meeting: is not the meeting this action was raised at/) });
    await f.fake.call("action_set_status", { action_id: a, status: "done", note: "", meeting_id: m2 });
  });

  it("refuses an owner from another agency", async () => {
    const f = await fixture();
    const m1 = await f.meetingOn("2026-06-01");
    const input = {
      text: "Visit",
      owner_agency_id: f.police,
      owner_person_id: f.officer,
      due_date: "2026-06-31",
      raised_meeting_id: m1,
      raised_item_id: null,
    };
    await expect(f.fake.call("action_add", input)).rejects.toMatchObject({
      message: expect.stringMatching(/^Due date: is not a date that exists/),
    });
    await expect(f.fake.call("action_add", { ...input, due_date: "2026-06-30" })).rejects.toMatchObject({
      message: expect.stringMatching(/^Owner: is not from/),
    });
  });
});
