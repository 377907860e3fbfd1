//! What the integration tests share: a fixed clock, a throwaway vault, and
//! the inputs that most tests fill in the same way (a meeting, a case with
//! no personal details, a drawn signature, a disclosure that passes every
//! rule), a group and a person, and the audit trail's newest entries. Each test binary declares
//! `mod common;` and uses its own part.

#![allow(dead_code)] // each test binary uses its own part
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::path::Path;
use std::sync::Arc;

use casebook::disclosures::{Category, DisclosureDraft, LegalPower, Nature, StatutoryPurpose};
use casebook::{
    Actor, AgencyKind, CaseInput, CaseKind, Casebook, Clock, DisclosureInput, GroupInput,
    MeetingInput, MeetingKind, Minuting, PersonInput, Point, SignInput, SignMethod, Signer, audit,
};
use chrono::{DateTime, Utc};
use vault::{CreateOptions, Passphrase};

/// A clock that always says the same instant.
pub struct Fixed(pub DateTime<Utc>);

impl Fixed {
    /// A clock at `rfc3339` (`2026-11-25T14:05:00Z`).
    pub fn at(rfc3339: &str) -> Arc<Fixed> {
        Arc::new(Fixed(
            DateTime::parse_from_rfc3339(rfc3339)
                .unwrap()
                .with_timezone(&Utc),
        ))
    }
}

impl Clock for Fixed {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

/// A new vault at `path` (scrypt work factor 2, so tests are quick).
pub fn create(path: &Path, passphrase: &str, clock: Arc<dyn Clock>, actor: Actor) -> Casebook {
    let (book, _secret) = Casebook::create(
        path,
        &Passphrase::new(passphrase),
        CreateOptions { work_factor: 2 },
        clock,
        actor,
    )
    .unwrap();
    book
}

/// A new group holding Bronze Level Tasking meetings; its id.
pub fn group(book: &mut Casebook, name: &str) -> i64 {
    book.add_group(&GroupInput {
        name: name.into(),
        default_kind: MeetingKind::BronzeTasking,
    })
    .unwrap()
    .id
}

/// The id of the (first) active agency of `kind`: the seeded Appendix A
/// partners have one of each kind the rules ask about.
pub fn agency(book: &Casebook, kind: AgencyKind) -> i64 {
    book.agencies(false)
        .unwrap()
        .into_iter()
        .find(|a| a.kind == kind)
        .unwrap()
        .id
}

/// A new person of `agency_id`, role "Officer", no email; their id.
pub fn officer(book: &mut Casebook, name: &str, agency_id: i64) -> i64 {
    book.add_person(&PersonInput {
        name: name.into(),
        agency_id,
        role: "Officer".into(),
        email: None,
    })
    .unwrap()
    .id
}

/// A Bronze Level Tasking meeting of `group` on `date` at 10:00 at
/// `venue`, with no chair, minute-taker or review date given.
pub fn meeting_input(group: i64, date: &str, venue: &str) -> MeetingInput {
    MeetingInput {
        group_id: group,
        kind: MeetingKind::BronzeTasking,
        date: date.into(),
        start_time: "10:00".into(),
        venue: venue.into(),
        chair_id: None,
        minute_taker_id: None,
        review_date: None,
    }
}

/// A case with no personal details.
pub fn case_input(case_ref: &str, kind: CaseKind, label: &str) -> CaseInput {
    CaseInput {
        case_ref: case_ref.into(),
        kind,
        label: label.into(),
        subject_name: None,
        aliases: Vec::new(),
        date_of_birth: None,
        address: None,
        grc_flag: false,
        grc_flag_date: None,
        grc_flag_source: None,
    }
}

/// A drawn signature (one stroke of three points) by `person`, invited.
pub fn drawn(person: i64) -> SignInput {
    SignInput {
        signer: Signer {
            person_id: Some(person),
            newcomer: None,
        },
        method: SignMethod::Drawn,
        strokes: vec![vec![
            Point(100, 200, 0),
            Point(180, 150, 16),
            Point(260, 240, 33),
        ]],
        typed_name: None,
    }
}

/// An incident, as fact, with its legal basis, minuted in full: passes
/// every rule where the discloser and everyone present signed and `text`
/// names nobody.
pub fn incident(item: i64, person: i64, text: &str) -> DisclosureInput {
    DisclosureInput {
        item_id: item,
        case_ref: None,
        person_id: person,
        draft: DisclosureDraft {
            category: Category::Incident,
            nature: Nature::Fact,
            text: text.into(),
            caution: None,
            harassment_warning: None,
            asb_admission: None,
            conviction: None,
            legal_power: Some(LegalPower::CdaS115),
            statutory_purpose: Some(StatutoryPurpose::CrimeAndDisorder),
            touches_gender_history: false,
            gender_exception: None,
        },
        marking: None,
        descriptor: None,
        minuting: Minuting::Full,
        minute_summary: None,
        accepted: Vec::new(),
    }
}

/// The newest `n` audit entries as (action, record id), oldest first.
pub fn recent_actions(book: &Casebook, n: u32) -> Vec<(String, String)> {
    let mut entries: Vec<(String, String)> = audit::recent(book.vault().db(), n)
        .unwrap()
        .into_iter()
        .map(|e| (e.action, e.record_id))
        .collect();
    entries.reverse();
    entries
}
