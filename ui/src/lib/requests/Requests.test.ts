import { readdirSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/svelte";
import type { EmergencyCall, RequestForm, RequestInput } from "../bindings";
import {
  TEST_TODAY,
  agencyId,
  byData,
  byTestId,
  caseInput,
  renderApp,
  renderWithRecords,
  type TestBackend,
} from "../test-support";

/** The pad lies at (100, 50), 500 × 200 px: one pixel is two pad units. */
const BOX = { left: 100, top: 50, width: 500, height: 200 };

/** Draws one stroke on the pad with test id `testid`. */
function sign(testid: string) {
  const el = byTestId(testid);
  vi.spyOn(el, "getBoundingClientRect").mockReturnValue({
    ...BOX,
    x: BOX.left,
    y: BOX.top,
    right: BOX.left + BOX.width,
    bottom: BOX.top + BOX.height,
    toJSON: () => BOX,
  } as DOMRect);
  const base = { pointerId: 1, pointerType: "pen", isPrimary: true };
  fireEvent.pointerDown(el, { ...base, clientX: 150, clientY: 150, timeStamp: 1 });
  fireEvent.pointerMove(el, { ...base, clientX: 250, clientY: 120, timeStamp: 20 });
  fireEvent.pointerMove(el, { ...base, clientX: 350, clientY: 170, timeStamp: 40 });
  fireEvent.pointerUp(el, { ...base, clientX: 350, clientY: 170, timeStamp: 41 });
}

const CALL: EmergencyCall = {
  caller: "Duty Sergeant Imber Vance",
  agency: "West Mercia Police (Shropshire Division)",
  agency_id: null,
  callback: "01743 555 0192",
  asked: "Whether the council holds a current address for a man seen at the Tanner's Row fire.",
  given: "Yes: a current address on Mardol Quay, confirmed by phone.",
  why_urgent: "Risk to life: the man was reported missing after the fire.",
};

/** A complete request form, signed, as the API takes it. */
function completeForm(change: Partial<RequestForm["subject"]> = {}, date = TEST_TODAY): RequestForm {
  return {
    requester: { name: "Shropshire Council", address: "", tel: "", date, reference: "ASB/77", to: "" },
    subject: {
      surname: "Thornbury",
      previous_surnames: "",
      also_known_as: "",
      forenames: "Ellis",
      place_of_birth: "",
      date_of_birth: null,
      address: "",
      postcode: "",
      previous_address: "",
      previous_postcode: "",
      ...change,
    },
    information_sought: "Any reports of anti-social behaviour since June.",
    basis: {
      legal_power: "cda_1998_s115",
      statutory_purpose: "anti_social_behaviour",
      reasons: "To decide on a community protection warning.",
      confidentiality_overridden: true,
      privacy_outweighed: true,
    },
    signed: {
      name: "Wren Halloway",
      rank: "ASB Officer",
      date,
      strokes: [
        [
          [100, 100, 0],
          [300, 200, 40],
        ],
      ],
    },
  };
}

function requestInput(backend: TestBackend, received_on: string, form: RequestForm, agency: number | null = null): RequestInput {
  void backend;
  return { direction: "received", agency_id: agency, received_on, case_id: null, form };
}

async function openRegister(backend: TestBackend) {
  const rendered = await renderApp(backend);
  await rendered.user.click(byTestId("nav-requests"));
  await screen.findByTestId("requests-table");
  return rendered;
}

const stagesShown = () => screen.queryAllByTestId("request-row").map((r) => r.dataset.stage);

describe("information requests", () => {
  it("records an emergency call, nags on home and in the register until the form is completed", async () => {
    const { backend } = await renderWithRecords();
    const { user } = await openRegister(backend);
    expect(byTestId("requests-empty")).toHaveTextContent("No information requests yet.");
    await user.click(byTestId("requests-emergency"));
    await screen.findByTestId("emergency-form");
    // Rust says what is missing.
    await user.click(byTestId("emergency-save"));
    expect(await screen.findByTestId("emergency-error")).toHaveTextContent(/must not be empty/);
    await user.type(byTestId("emergency-caller"), CALL.caller);
    await user.selectOptions(byTestId("emergency-agency-pick"), String(await agencyId(backend, "West Mercia Police")));
    expect(byTestId("emergency-agency")).toHaveValue("West Mercia Police (Shropshire Division)");
    await user.type(byTestId("emergency-callback"), CALL.callback);
    await user.type(byTestId("emergency-asked"), CALL.asked);
    await user.type(byTestId("emergency-given"), CALL.given);
    await user.type(byTestId("emergency-why"), CALL.why_urgent);
    await user.click(byTestId("emergency-save"));
    // Its page opens, to complete, with the call shown.
    await screen.findByTestId("request-to-complete");
    expect(byTestId("request-stage")).toHaveTextContent("To complete");
    expect(byTestId("request-emergency")).toHaveTextContent("Duty Sergeant Imber Vance");
    expect(byTestId("request-progress-summary")).toHaveTextContent(/^Due Wednesday 9 December 2026/);
    const sent = backend.callsOf("request_emergency").at(-1) as EmergencyCall;
    expect(sent.agency_id).toBe(await agencyId(backend, "West Mercia Police"));

    // Home nags.
    await user.click(byTestId("nav-home"));
    const row = await screen.findByTestId("home-request");
    expect(row).toHaveAttribute("data-stage", "to_complete");
    expect(row).toHaveTextContent("To complete");
    expect(within(row).getByTestId("request-badge-emergency")).toBeInTheDocument();
    // And the register shows it as to complete.
    await user.click(byTestId("nav-requests"));
    await screen.findByTestId("request-row");
    expect(byTestId("request-row")).toHaveAttribute("data-stage", "to_complete");
    expect(within(byTestId("request-row")).getByTestId("request-stage")).toHaveTextContent("To complete");

    // Completing it: the form, the declarations, the signature.
    await user.click(within(byTestId("request-row")).getByTestId("request-open"));
    await screen.findByTestId("request-form");
    expect(byTestId("request-requester-name")).toHaveValue("West Mercia Police (Shropshire Division)");
    await user.type(byTestId("request-subject-surname"), "Thornbury");
    await user.type(byTestId("request-subject-forenames"), "Ellis");
    await user.selectOptions(byTestId("request-basis-legal-power"), "cda_1998_s115");
    await user.selectOptions(byTestId("request-basis-statutory-purpose"), "safeguarding_adults");
    await user.type(byTestId("request-basis-reasons"), "To find a man missing after a fire.");
    await user.click(byTestId("request-basis-confidentiality-overridden"));
    await user.click(byTestId("request-basis-privacy-outweighed"));
    await user.type(byTestId("request-signed-name"), "Imber Vance");
    await user.type(byTestId("request-signed-rank"), "Sergeant");
    sign("request-signed-pad");
    await waitFor(() => expect(byTestId("request-form-state")).toHaveTextContent("The form is complete"));
    expect(screen.queryAllByTestId("request-problem")).toHaveLength(0);
    await user.click(byTestId("request-save"));
    await screen.findByTestId("request-view");
    expect(byTestId("request-stage")).toHaveTextContent("Awaiting the response");
    expect(screen.queryByTestId("request-to-complete")).toBeNull();
    expect(byTestId("request-view-signed-image")).toHaveAttribute("data-strokes", "1");

    // Home no longer nags about completing it (it is due in 10 working days).
    await user.click(byTestId("nav-home"));
    await screen.findByTestId("home-requests");
    expect(screen.queryByTestId("home-request")).toBeNull();
  });

  it("shows Rust's words beside an unticked declaration, and keeps the form to complete", async () => {
    const { backend } = await renderWithRecords();
    const { user } = await openRegister(backend);
    await user.click(byTestId("requests-new"));
    await screen.findByTestId("request-form");
    await waitFor(() =>
      expect(
        within(byTestId("request-basis-confidentiality-overridden").closest(".declaration") as HTMLElement).getByTestId(
          "request-problem",
        ),
      ).toHaveTextContent(
        "The requester must confirm that the common-law duty of confidentiality can be overridden in this situation. Tick it only if they do.",
      ),
    );
    expect(byTestId("request-basis-confidentiality-overridden")).not.toBeChecked();
    await user.click(byTestId("request-basis-confidentiality-overridden"));
    await waitFor(() =>
      expect(screen.queryAllByTestId("request-problem").map((p) => p.dataset.field)).not.toContain(
        "basis.confidentiality_overridden",
      ),
    );
    expect(byData("request-problem", "field", "basis.privacy_outweighed")).toBeInTheDocument();
    // Something wrong as given (a date of birth still to come) stops the save, in Rust's words.
    await user.type(byTestId("request-requester-name"), "Shropshire Council");
    await user.type(byTestId("request-subject-surname"), "Thornbury");
    await user.type(byTestId("request-subject-date-of-birth"), "01/01/2030");
    await waitFor(() => expect(byData("request-problem", "field", "subject.date_of_birth")).toHaveAttribute("data-missing", "false"));
    await user.click(byTestId("request-save"));
    expect(await screen.findByTestId("request-save-error")).toHaveTextContent(/Date of birth/);
    expect(backend.callsOf("request_add")).toHaveLength(1);
    // Only things missing: kept unfinished, to complete.
    await user.clear(byTestId("request-subject-date-of-birth"));
    await user.click(byTestId("request-save"));
    await screen.findByTestId("request-progress");
    expect(byTestId("request-stage")).toHaveTextContent("To complete");
    expect(backend.callsOf("request_add")).toHaveLength(2);
    expect(byTestId("request-basis-confidentiality-overridden")).toBeChecked();
    expect(byTestId("request-basis-privacy-outweighed")).not.toBeChecked();
  });

  it("filters the register by stage and overdue, in Rust's order", async () => {
    const { backend } = await renderWithRecords();
    const council = await agencyId(backend, "Shropshire Council");
    await backend.direct("request_add", requestInput(backend, "2026-11-02", completeForm({}, "2026-11-02"), council));
    await backend.direct("request_add", requestInput(backend, TEST_TODAY, completeForm({ surname: "Marchbank" })));
    await backend.direct("request_emergency", CALL);
    const { user } = await openRegister(backend);
    expect(screen.getAllByTestId("request-row")).toHaveLength(3);
    const overdue = screen.getAllByTestId("request-row").find((r) => r.textContent?.includes("Thornbury"))!;
    expect(within(overdue).getByTestId("request-badge-overdue")).toBeInTheDocument();
    expect(within(overdue).getByTestId("request-summary")).toHaveTextContent(/Overdue/);
    await user.selectOptions(byTestId("requests-filter-stage"), "to_complete");
    await waitFor(() => expect(stagesShown()).toEqual(["to_complete"]));
    await user.selectOptions(byTestId("requests-filter-stage"), "");
    await user.click(byTestId("requests-filter-overdue"));
    await waitFor(() => expect(screen.getAllByTestId("request-row")).toHaveLength(1));
    expect(byTestId("request-row")).toHaveTextContent("Thornbury");
    expect(backend.callsOf("requests_list").at(-1)).toMatchObject({ overdue_only: true, stage: null });
    await user.click(byTestId("requests-filter-overdue"));
    await user.selectOptions(byTestId("requests-filter-agency"), String(council));
    await waitFor(() => expect(screen.getAllByTestId("request-row")).toHaveLength(1));
    await user.selectOptions(byTestId("requests-filter-agency"), "");
    await user.type(byTestId("requests-filter-due-from"), "01/12/2026");
    await waitFor(() => expect(screen.getAllByTestId("request-row")).toHaveLength(2));
    expect(backend.callsOf("requests_list").at(-1)).toMatchObject({ due_from: "2026-12-01", agency_id: null });
  });

  it("responds, quality-assures and decides a complete request, and exports its form", async () => {
    const { backend } = await renderWithRecords({ exportDir: true });
    const linked = await backend.direct("case_add", caseInput({ case_ref: "NB-2026-051", kind: "individual", label: "Adult male, Mardol" }));
    const made = await backend.direct("request_add", {
      ...requestInput(backend, TEST_TODAY, completeForm()),
      case_id: linked.case.id,
    });
    const { user } = await openRegister(backend);
    await user.click(within(byData("request-row", "request-id", made.id)).getByTestId("request-open"));
    await screen.findByTestId("response-form");
    expect(byTestId("request-view-surname")).toHaveTextContent("Thornbury");
    await waitFor(() => expect(byData("request-problem", "field", "response")).toBeInTheDocument());
    await user.type(byTestId("response-contact-name"), "Orla Penhallow");
    await user.type(byTestId("response-contact-email"), "data.protection@example.org");
    await user.type(byTestId("response-response"), "Two reports, on 3 and 17 September; nothing since.");
    await user.type(byTestId("response-signed-name"), "Orla Penhallow");
    await user.type(byTestId("response-signed-rank"), "Information Governance Officer");
    sign("response-signed-pad");
    await waitFor(() => expect(screen.queryAllByTestId("request-problem")).toHaveLength(0));
    await user.click(byTestId("response-save"));
    await screen.findByTestId("quality-form");
    expect(byTestId("request-stage")).toHaveTextContent("Awaiting quality assurance");
    expect(byTestId("response-view-text")).toHaveTextContent("Two reports");

    // Until it is quality assured the response may be changed, and is signed again.
    await user.click(byTestId("response-edit"));
    expect(screen.queryByTestId("quality-section")).toBeNull();
    expect(byTestId("response-response")).toHaveValue("Two reports, on 3 and 17 September; nothing since.");
    expect(byTestId("response-signed-name")).toHaveValue("Orla Penhallow");
    await user.clear(byTestId("response-response"));
    await user.type(byTestId("response-response"), "Two reports, on 3 and 17 September; one more on 20 November.");
    await waitFor(() => expect(byData("request-problem", "field", "signed.strokes")).toBeInTheDocument());
    sign("response-signed-pad");
    await waitFor(() => expect(screen.queryAllByTestId("request-problem")).toHaveLength(0));
    await user.click(byTestId("response-save"));
    expect(await screen.findByTestId("request-announcement")).toHaveTextContent("The changed response is recorded.");
    expect(byTestId("response-view-text")).toHaveTextContent("one more on 20 November");
    await screen.findByTestId("quality-form");
    // Without a drawn signature Rust refuses, in its words.
    await user.type(byTestId("quality-signed-name"), "Brannock Teale");
    await user.type(byTestId("quality-signed-rank"), "Point of contact");
    await user.click(byTestId("quality-save"));
    expect(await screen.findByTestId("quality-error")).toHaveTextContent(/signature is not drawn yet/);
    sign("quality-signed-pad");
    await user.click(byTestId("quality-save"));
    await screen.findByTestId("decision-form");
    expect(byTestId("request-stage")).toHaveTextContent("Awaiting the decision");
    await user.click(byTestId("decision-part"));
    await user.type(byTestId("decision-reasons"), "The third party's details were withheld.");
    await user.click(byTestId("decision-save"));
    await screen.findByTestId("decision-view");
    expect(screen.queryByTestId("response-edit")).toBeNull();
    expect(byTestId("decision-view")).toHaveTextContent("Disclosed in part");
    expect(byTestId("request-stage")).toHaveTextContent("Decided");
    expect(byTestId("request-progress-summary")).toHaveTextContent(/^Answered/);

    // An inaccuracy notice against it (R13).
    await user.click(byTestId("notice-open"));
    await user.type(byTestId("notice-what"), "The second report was 18 September, not the 17th.");
    await user.type(byTestId("notice-found"), "25/11/2026");
    await user.click(byTestId("notice-save"));
    await screen.findByTestId("notice");
    expect(byTestId("notice")).toHaveTextContent("not yet notified");

    // The form as a PDF, named by Rust.
    await user.click(byTestId("request-export"));
    expect(await screen.findByTestId("request-announcement")).toHaveTextContent(
      /^The form is saved as information-request-\d+_2026-11-25_OFFICIAL-SENSITIVE\.pdf \(SHA-256 [0-9a-f]{64}\)\.$/,
    );
    expect(readdirSync(backend.exportDir!)).toHaveLength(1);

    // The case the subject is.
    await user.click(byTestId("request-case-open"));
    await screen.findByTestId("case-heading");
    expect(byTestId("case-ref")).toHaveTextContent("NB-2026-051");
  });

  it("shows the bank holidays the clock skips, and says which years are published and which computed", async () => {
    const { backend } = await renderWithRecords();
    const { user } = await openRegister(backend);
    expect(backend.callsOf("bank_holidays")).toHaveLength(0);
    await user.click(within(byTestId("requests-holidays")).getByText(/Which days count/));
    const year = await screen.findByTestId("holidays-year");
    expect(year).toHaveAttribute("data-year", "2026");
    expect(backend.callsOf("bank_holidays")).toEqual([{ year: null }]);
    expect(byTestId("holidays-source")).toHaveTextContent(/^Published by GOV\.UK\. GOV\.UK, "UK bank holidays"/);
    expect(byData("holiday", "date", "2026-12-28")).toHaveTextContent("Mon 28 Dec 2026 Boxing Day (substitute day)");
    expect(byTestId("holidays-range")).toHaveTextContent("The published list covers 2019 to 2027");
    await user.click(byTestId("holidays-next"));
    await user.click(await screen.findByTestId("holidays-next"));
    await waitFor(() => expect(byTestId("holidays-year")).toHaveAttribute("data-year", "2028"));
    expect(byTestId("holidays-year")).toHaveAttribute("data-source", "computed");
    expect(byTestId("holidays-source")).toHaveTextContent(/^Computed by the standing rules/);
    expect(screen.getAllByTestId("holiday")).toHaveLength(8);
    expect(byData("holiday", "date", "2028-04-14")).toHaveTextContent("Good Friday");
  });
});
