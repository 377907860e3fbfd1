//! Information requests through the public API of `Casebook`: an
//! emergency by telephone kept "to complete" and completed later; a form
//! kept unfinished while only things are missing, refused when something
//! given is wrong, frozen once complete and signed; the response, the
//! point of contact's quality assurance and the decision in that order;
//! inaccuracy notices; the ten-working-day clock as stored requests see it.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use casebook::disclosures::{LegalPower, StatutoryPurpose};
use casebook::requests::progress::Stage;
use casebook::requests::{
    Contact, Decision, Direction, EmergencyCall, FormSignature, LegalBasis, RequestFilter,
    RequestForm, RequestInput, RequestNoticeInput, Requester, ResponseForm, Subject,
};
use casebook::{Actor, AgencyKind, Casebook};
use common::{Fixed, agency, create};

fn book(dir: &std::path::Path) -> Casebook {
    // Wednesday 2 December 2026, mid-afternoon in London.
    create(
        &dir.join("r.tvault"),
        "requests test passphrase",
        Fixed::at("2026-12-02T15:00:00Z"),
        Actor::Chair,
    )
}

fn signed(name: &str, rank: &str) -> FormSignature {
    FormSignature {
        name: name.into(),
        rank: rank.into(),
        date: "2026-12-02".into(),
        strokes: vec![vec![
            casebook::Point(120, 220, 0),
            casebook::Point(320, 160, 45),
            casebook::Point(520, 240, 95),
        ]],
    }
}

/// A complete request from the housing trust's manager.
fn complete_form() -> RequestForm {
    RequestForm {
        requester: Requester {
            name: "Severnside Housing Trust".into(),
            date: "2026-12-01".into(),
            reference: "SHT/IR/0412".into(),
            ..Requester::default()
        },
        subject: Subject {
            surname: "Marlowe-Quist".into(),
            forenames: "Dana".into(),
            ..Subject::default()
        },
        information_sought: "Any record of anti-social behaviour at the address since June.".into(),
        basis: LegalBasis {
            legal_power: Some(LegalPower::CdaS115),
            statutory_purpose: Some(StatutoryPurpose::AntiSocialBehaviour),
            reasons: "A tenancy enforcement decision is due.".into(),
            confidentiality_overridden: true,
            privacy_outweighed: true,
        },
        signed: Some(signed("Hollis Renwick", "Tenancy Enforcement Manager")),
    }
}

fn input(form: RequestForm, received_on: &str) -> RequestInput {
    RequestInput {
        direction: Direction::Received,
        agency_id: None,
        received_on: received_on.into(),
        case_id: None,
        form,
    }
}

#[test]
fn an_emergency_call_is_kept_to_complete_then_completed() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = book(dir.path());
    let police = agency(&book, AgencyKind::Police);
    let call = EmergencyCall {
        caller: "PC Tamsin Oakridge".into(),
        agency: "West Mercia Police".into(),
        agency_id: Some(police),
        callback: "01632 960555".into(),
        asked: "Whether the tenant at 3 Tanner's Row has a known risk to visiting officers.".into(),
        given: "Yes: a warning marker for aggression towards staff, from 2025.".into(),
        why_urgent: "Officers were attending a disturbance there within the hour.".into(),
    };
    let r = book.record_emergency(&call).unwrap();
    assert_eq!(r.progress.stage, Stage::ToComplete);
    assert_eq!(r.received_on, "2026-12-02");
    assert_eq!(r.progress.due_on, "2026-12-16");
    assert_eq!(r.emergency.as_ref().unwrap().caller, "PC Tamsin Oakridge");
    assert_eq!(r.form.requester.name, "West Mercia Police");
    assert_eq!(r.form.information_sought, call.asked);
    assert!(!r.form_problems.is_empty());
    assert!(r.form_problems.iter().all(|p| p.missing));
    // Saved in seconds, refused only for what the quick screen needs.
    let e = book
        .record_emergency(&EmergencyCall {
            why_urgent: " ".into(),
            ..call.clone()
        })
        .unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    assert!(e.to_string().starts_with("Why it could not wait"), "{e}");

    // Completed later: the full form, signed.
    let done = book
        .update_request(r.id, &input(complete_form(), "2026-12-02"))
        .unwrap();
    assert!(done.form_problems.is_empty());
    assert_eq!(done.progress.stage, Stage::AwaitingResponse);
    assert_eq!(done.emergency, r.emergency, "the call is kept");
    // Complete and signed: kept as signed.
    let e = book
        .update_request(r.id, &input(complete_form(), "2026-12-02"))
        .unwrap_err();
    assert_eq!(e.code(), "conflict");
}

#[test]
fn an_unfinished_form_is_kept_and_a_wrong_one_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = book(dir.path());
    let unsigned = RequestForm {
        signed: None,
        basis: LegalBasis {
            confidentiality_overridden: false,
            ..complete_form().basis
        },
        ..complete_form()
    };
    let r = book.add_request(&input(unsigned, "2026-11-30")).unwrap();
    let fields: Vec<&str> = r.form_problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["basis.confidentiality_overridden", "signed"]);
    assert_eq!(r.progress.stage, Stage::ToComplete);
    // Something given wrong is never kept.
    let mut wrong = complete_form();
    wrong.requester.date = "31/11/2026".into();
    wrong.subject.date_of_birth = Some("2030-01-01".into());
    let e = book.add_request(&input(wrong, "2026-11-30")).unwrap_err();
    assert_eq!(e.code(), "form_refused");
    assert!(
        e.to_string()
            .starts_with("This form cannot be saved as it is."),
        "{e}"
    );
    assert!(e.to_string().contains("Date of birth"), "{e}");
    // Nor a request received in the future.
    let e = book
        .add_request(&input(complete_form(), "2026-12-03"))
        .unwrap_err();
    assert_eq!(e.code(), "invalid_input");
}

#[test]
fn response_quality_assurance_and_decision_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = book(dir.path());
    let unfinished = RequestForm {
        signed: None,
        ..complete_form()
    };
    let id = book
        .add_request(&input(unfinished, "2026-12-01"))
        .unwrap()
        .id;
    let response = ResponseForm {
        contact: Contact {
            name: "Ines Calloway".into(),
            date: "2026-12-02".into(),
            ..Contact::default()
        },
        response: "One report of noise in July 2026; nothing else held.".into(),
        signed: Some(signed("Ines Calloway", "Data Protection Officer")),
    };
    // Not before the request is complete.
    let e = book.respond_to_request(id, &response).unwrap_err();
    assert_eq!(e.code(), "conflict");
    book.update_request(id, &input(complete_form(), "2026-12-01"))
        .unwrap();
    // Not before the quality assurance, the decision.
    let e = book
        .decide_request(id, Decision::Full, "All of it.")
        .unwrap_err();
    assert_eq!(e.code(), "conflict");
    let e = book
        .quality_assure_request(id, &signed("Rhiannon Dace", "Information Governance Lead"))
        .unwrap_err();
    assert_eq!(e.code(), "conflict");
    // An unsigned response is refused, naming what is missing.
    let e = book
        .respond_to_request(
            id,
            &ResponseForm {
                signed: None,
                ..response.clone()
            },
        )
        .unwrap_err();
    assert_eq!(e.code(), "form_refused");
    assert!(e.to_string().contains("The responder must sign it"), "{e}");
    let r = book.respond_to_request(id, &response).unwrap();
    assert_eq!(r.progress.stage, Stage::AwaitingQuality);
    assert_eq!(
        r.progress.summary,
        "Answered Wednesday 2 December 2026, within its time"
    );
    let r = book
        .quality_assure_request(id, &signed("Rhiannon Dace", "Information Governance Lead"))
        .unwrap();
    assert_eq!(r.progress.stage, Stage::AwaitingDecision);
    // Quality assured: the response is kept as it was.
    let e = book.respond_to_request(id, &response).unwrap_err();
    assert_eq!(e.code(), "conflict");
    let e = book.decide_request(id, Decision::Part, "  ").unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    let r = book
        .decide_request(id, Decision::Part, "Only what bears on the tenancy.")
        .unwrap();
    assert_eq!(r.progress.stage, Stage::Decided);
    assert_eq!(r.decision, Some(Decision::Part));
    let e = book
        .decide_request(id, Decision::Refused, "No.")
        .unwrap_err();
    assert_eq!(e.code(), "conflict");

    // An inaccuracy found later, and when the supplying agency was told.
    let notice = |on: Option<&str>, to: Option<&str>| RequestNoticeInput {
        request_id: id,
        what_is_wrong: "The July report was about the neighbouring flat.".into(),
        found_on: "2026-12-02".into(),
        notified_on: on.map(str::to_owned),
        notified_to: to.map(str::to_owned),
    };
    let e = book
        .add_request_notice(&notice(Some("2026-12-02"), None))
        .unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    let r = book
        .add_request_notice(&notice(
            Some("2026-12-02"),
            Some("Severnside Housing Trust"),
        ))
        .unwrap();
    assert_eq!(r.notices.len(), 1);
    assert_eq!(
        r.notices[0].notified_to.as_deref(),
        Some("Severnside Housing Trust")
    );

    // Read back after closing and reopening: the digests hold.
    let path = dir.path().join("r.tvault");
    book.close().unwrap();
    let book = Casebook::open(
        &path,
        &vault::Passphrase::new("requests test passphrase"),
        Fixed::at("2026-12-02T15:00:00Z"),
        Actor::Chair,
    )
    .unwrap();
    assert_eq!(book.request(id).unwrap(), r);
}

#[test]
fn an_unanswered_request_falls_overdue_by_working_days() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = book(dir.path());
    // Received Thursday 12 November: due Thursday 26 November.
    let r = book
        .add_request(&input(complete_form(), "2026-11-12"))
        .unwrap();
    assert_eq!(r.progress.due_on, "2026-11-26");
    assert!(r.progress.overdue);
    assert_eq!(
        r.progress.summary,
        "Overdue: due Thursday 26 November 2026, 4 working days ago"
    );
    // Received Friday 27 November: due Friday 11 December, 7 left.
    let r = book
        .add_request(&input(complete_form(), "2026-11-27"))
        .unwrap();
    assert_eq!(r.progress.working_days_left, Some(7));
    assert!(!r.progress.due_soon && !r.progress.overdue);
    // Its review date follows the settings, from the day received.
    assert_eq!(r.review_date, "2027-11-27");
}

#[test]
fn the_register_filters_and_home_shows_what_needs_attention() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = book(dir.path());
    let police = agency(&book, AgencyKind::Police);
    // Today is Wednesday 2 December. Received 12 November: overdue (due
    // 26 November); 23 November: due soon (7 December, in 3 working days);
    // 1 December: due 15 December; one to complete; one made by us.
    let overdue = book
        .add_request(&input(complete_form(), "2026-11-12"))
        .unwrap()
        .id;
    let soon = book
        .add_request(&input(complete_form(), "2026-11-23"))
        .unwrap()
        .id;
    let later = book
        .add_request(&input(complete_form(), "2026-12-01"))
        .unwrap()
        .id;
    let unfinished = book
        .add_request(&input(
            RequestForm {
                signed: None,
                ..complete_form()
            },
            "2026-12-02",
        ))
        .unwrap()
        .id;
    let made = book
        .add_request(&RequestInput {
            direction: Direction::Made,
            agency_id: Some(police),
            ..input(complete_form(), "2026-12-02")
        })
        .unwrap()
        .id;
    let ids = |f: RequestFilter| -> Vec<i64> {
        book.requests(&f).unwrap().iter().map(|r| r.id).collect()
    };
    // Soonest due first.
    assert_eq!(
        ids(RequestFilter::default()),
        [overdue, soon, later, unfinished, made]
    );
    assert_eq!(
        ids(RequestFilter {
            direction: Some(Direction::Made),
            ..RequestFilter::default()
        }),
        [made]
    );
    assert_eq!(
        ids(RequestFilter {
            agency_id: Some(police),
            ..RequestFilter::default()
        }),
        [made]
    );
    assert_eq!(
        ids(RequestFilter {
            overdue_only: true,
            ..RequestFilter::default()
        }),
        [overdue]
    );
    assert_eq!(
        ids(RequestFilter {
            stage: Some(Stage::ToComplete),
            ..RequestFilter::default()
        }),
        [unfinished]
    );
    assert_eq!(
        ids(RequestFilter {
            due_from: Some("2026-12-07".into()),
            due_to: Some("2026-12-15".into()),
            ..RequestFilter::default()
        }),
        [soon, later]
    );
    let e = book
        .requests(&RequestFilter {
            due_from: Some("soon".into()),
            ..RequestFilter::default()
        })
        .unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    let all = book.requests(&RequestFilter::default()).unwrap();
    let made_row = all.iter().find(|r| r.id == made).unwrap();
    assert_eq!(
        made_row.other_party,
        "West Mercia Police (Shropshire Division)"
    );
    assert_eq!(made_row.subject, "Marlowe-Quist, Dana");
    let soon_row = all.iter().find(|r| r.id == soon).unwrap();
    assert_eq!(soon_row.other_party, "Severnside Housing Trust");
    assert!(soon_row.progress.due_soon, "{:?}", soon_row.progress);

    // Home: the overdue one, the one due soon, the one to complete.
    let home = book.home().unwrap();
    let on_home: Vec<i64> = home.requests.iter().map(|r| r.id).collect();
    assert_eq!(on_home, [overdue, soon, unfinished]);
    assert!(home.requests_review_due.is_empty());
}
