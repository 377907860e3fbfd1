//! Minutes: one meeting's record as circulated, assembled from what was
//! recorded at the meeting — attendance, the register, each agenda item's
//! summary, disclosures (as each may be minuted), decisions and actions,
//! the review of carried-forward actions — and approved by the chair.
//!
//! # Draft and versions
//!
//! The **draft** is not stored: it is [`assemble`]d from the records each
//! time it is read, so it changes as the records change. **Approving**
//! freezes it: the exact [`MinutesContent`] is stored as JSON with its
//! SHA-256, its marking (R10, [`marking`]), who approved it and when
//! ([`versions`]). Later changes to the records do not alter an approved
//! version. A correction approves the draft again as the next version,
//! with a reason; earlier versions stay readable, and [`versions::changes`]
//! says what changed between two of them.
//!
//! # What the minutes hold of a disclosure
//!
//! Only what the minute-taker chose ([`crate::disclosures::Minuting`]): in
//! full (who, what category, the text, any inaccuracy notice), as the
//! one-line summary, or only that a disclosure was made by an agency and
//! not minuted. Withdrawn disclosures are left out. The marking counts what
//! is included: a disclosure not minuted does not raise it.

pub mod document;
pub mod marking;
pub mod versions;

use serde::{Deserialize, Serialize};

use crate::disclosures::{Disclosure, Minuting};
use crate::error::{
    Result,
    rusqlite::{Connection, OptionalExtension, params},
};
use crate::kinds::{Attendance, Descriptor, Marking, MeetingKind};
use crate::signatures::Outcome;
use marking::{Marked, MinutesMarking};

/// The Arrangement's notice to recipients (5.6), printed on every set of
/// minutes.
pub const THIRD_PARTY_NOTICE: &str = "Recipients must not release the information in these \
    minutes to any third party without the express written authority of the partner who \
    provided it (Information Sharing Arrangement, 5.6). If the law or an order of a court, \
    tribunal or regulatory body requires its disclosure, notify that partner promptly and \
    before disclosing (5.3).";

/// Everything the minutes of one meeting say, in order: what an approved
/// version freezes and the renderer prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct MinutesContent {
    /// The meeting.
    #[ts(type = "number")]
    pub meeting_id: i64,
    /// The group's name.
    pub group_name: String,
    /// Bronze Level Tasking meeting or case conference.
    pub kind: MeetingKind,
    /// The meeting's date (`YYYY-MM-DD`).
    pub date: String,
    /// Its start time (`HH:MM`).
    pub start_time: String,
    /// Its venue.
    pub venue: String,
    /// The chair's name, if one is recorded.
    pub chair: Option<String>,
    /// The minute-taker's name, if one is recorded.
    pub minute_taker: Option<String>,
    /// Those present, in the meeting page's order (by agency, then name).
    pub present: Vec<Attendee>,
    /// Those who sent apologies.
    pub apologies: Vec<Apology>,
    /// Those invited who were absent without apologies.
    pub absent: Vec<Apology>,
    /// Those invited whose attendance was never recorded (added after the
    /// first stored versions: absent from those, read as none).
    #[serde(default)]
    pub not_recorded: Vec<Apology>,
    /// The agenda items in order, each with what was recorded under it.
    pub items: Vec<MinutesItem>,
    /// Actions raised at the meeting under no particular item.
    pub other_actions: Vec<MinutesAction>,
    /// The review of actions carried forward from earlier meetings.
    pub carried_forward: Vec<ReviewedAction>,
    /// The date of the group's next meeting, if one is planned.
    pub next_meeting: Option<String>,
    /// The notice to recipients ([`THIRD_PARTY_NOTICE`]).
    pub notice: String,
    /// The confidentiality agreement register, as the appendix: every
    /// entry in the order made, withdrawn ones included.
    pub register: Vec<RegisterEntry>,
    /// The minimum marking of what is included (R10).
    pub minimum_marking: MinutesMarking,
}

impl MinutesContent {
    /// Whether `other` says the same: equal but for the record ids kept
    /// for circulation, which versions stored before them lack (so such a
    /// version does not look changed, nor can be approved again unchanged).
    pub fn says_the_same_as(&self, other: &MinutesContent) -> bool {
        self.without_ids() == other.without_ids()
    }

    fn without_ids(&self) -> MinutesContent {
        let mut c = self.clone();
        for a in &mut c.present {
            a.agency_id = None;
        }
        for item in &mut c.items {
            for d in &mut item.disclosures {
                if let MinutedDisclosure::Full { id, agency_id, .. }
                | MinutedDisclosure::Summary { id, agency_id, .. } = d
                {
                    *id = None;
                    *agency_id = None;
                }
            }
        }
        c
    }
}

/// A meeting's minutes as the minutes page shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct MinutesPage {
    /// The draft: the minutes as the records stand now.
    pub draft: MinutesContent,
    /// Whether the draft differs from the latest approved version (always,
    /// when none is approved yet).
    pub draft_differs: bool,
    /// What the draft changes from the latest approved version, part by
    /// part; empty when none is approved or nothing changed.
    pub changed_since_approval: Vec<versions::MinutesChange>,
    /// The approved versions, oldest first.
    pub versions: Vec<versions::MinutesVersionSummary>,
}

/// The chair's approval of the draft.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct MinutesApprove {
    /// The meeting.
    #[ts(type = "number")]
    pub meeting_id: i64,
    /// The marking: at least the draft's minimum (R10).
    pub marking: Marking,
    /// Add the handling instruction RECIPIENTS ONLY.
    #[serde(default)]
    pub recipients_only: bool,
    /// For a correction (a version after the first): why.
    #[serde(default)]
    pub reason: Option<String>,
}

/// Whether and how an attendee signed this meeting's agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum AgreementStatus {
    /// Signed by drawing.
    Signed,
    /// Signed by typing their name.
    Typed,
    /// Declined to sign.
    Declined,
    /// Did not sign.
    NotSigned,
}

impl AgreementStatus {
    /// Every value, in display order.
    pub const ALL: &'static [AgreementStatus] = &[
        AgreementStatus::Signed,
        AgreementStatus::Typed,
        AgreementStatus::Declined,
        AgreementStatus::NotSigned,
    ];

    /// What a reader of the minutes sees.
    pub fn label(self) -> &'static str {
        match self {
            AgreementStatus::Signed => "Signed",
            AgreementStatus::Typed => "Signed (typed)",
            AgreementStatus::Declined => "Declined",
            AgreementStatus::NotSigned => "Not signed",
        }
    }
}

/// One person present.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Attendee {
    /// Their name.
    pub name: String,
    /// Their agency.
    pub agency: String,
    /// Their agency's record id (added after the first stored versions:
    /// absent from those, where the agency is known by name only).
    #[serde(default)]
    #[ts(type = "number | null")]
    pub agency_id: Option<i64>,
    /// Their role.
    pub role: String,
    /// The agreement: signed, typed, declined or not signed.
    pub agreement: AgreementStatus,
    /// Arrived late, at `HH:MM`.
    pub arrived_at: Option<String>,
    /// Left early, at `HH:MM`.
    pub left_at: Option<String>,
    /// The positions of the items they were out of the room for (R9).
    #[ts(type = "number[]")]
    pub out_of_room_for: Vec<i64>,
}

/// One person who sent apologies (or was absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Apology {
    /// Their name.
    pub name: String,
    /// Their agency.
    pub agency: String,
    /// Their role.
    pub role: String,
    /// Whether they sent a written update.
    pub written_update: bool,
}

/// One agenda item with what was recorded under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct MinutesItem {
    /// Its place on the agenda.
    #[ts(type = "number")]
    pub position: i64,
    /// Its title.
    pub title: String,
    /// Its type, as read.
    pub kind_label: String,
    /// Its case reference, if any.
    pub case_ref: Option<String>,
    /// The agency presenting it, if any.
    pub presenting_agency: Option<String>,
    /// Its marking.
    pub marking: Marking,
    /// Its descriptor.
    pub descriptor: Option<Descriptor>,
    /// The discussion summary.
    pub summary: String,
    /// The decisions.
    pub decisions: String,
    /// Its disclosures, as each may be minuted, in the order recorded.
    pub disclosures: Vec<MinutedDisclosure>,
    /// Actions raised under it.
    pub actions: Vec<MinutesAction>,
    /// Who was out of the room for it (R9).
    pub out_of_room: Vec<String>,
}

/// A disclosure as the minutes may show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "minuted", rename_all = "snake_case")]
pub enum MinutedDisclosure {
    /// In full.
    Full {
        /// The disclosure's record id, for consent to pass it on (added
        /// after the first stored versions: absent from those).
        #[serde(default)]
        #[ts(type = "number | null")]
        id: Option<i64>,
        /// The disclosing agency's record id (likewise).
        #[serde(default)]
        #[ts(type = "number | null")]
        agency_id: Option<i64>,
        /// The disclosing agency.
        agency: String,
        /// The disclosing person.
        person: String,
        /// Its category, as read.
        category: String,
        /// Fact or opinion, as read.
        nature: String,
        /// What was said.
        text: String,
        /// Its marking.
        marking: Marking,
        /// Its descriptor.
        descriptor: Option<Descriptor>,
        /// Inaccuracy notices against it (R13), each in a sentence.
        notices: Vec<String>,
    },
    /// As the one-line summary the minute-taker wrote.
    Summary {
        /// The disclosure's record id, for consent to pass it on (added
        /// after the first stored versions: absent from those).
        #[serde(default)]
        #[ts(type = "number | null")]
        id: Option<i64>,
        /// The disclosing agency's record id (likewise).
        #[serde(default)]
        #[ts(type = "number | null")]
        agency_id: Option<i64>,
        /// The disclosing agency.
        agency: String,
        /// The summary.
        summary: String,
        /// Its marking.
        marking: Marking,
        /// Its descriptor.
        descriptor: Option<Descriptor>,
        /// Inaccuracy notices against it (R13), each in a sentence.
        notices: Vec<String>,
    },
    /// Only that it was made.
    NotMinuted {
        /// The disclosing agency.
        agency: String,
    },
}

/// An action as the minutes show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct MinutesAction {
    /// What is to be done.
    pub text: String,
    /// Who owns it: the agency, and the person if named.
    pub owner: String,
    /// When it is due (`YYYY-MM-DD`).
    pub due_date: String,
}

/// A carried-forward action as reviewed at this meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ReviewedAction {
    /// What is to be done.
    pub text: String,
    /// Who owns it.
    pub owner: String,
    /// When it is due.
    pub due_date: String,
    /// When it was raised (`YYYY-MM-DD`).
    pub raised_on: String,
    /// Its status now, as read.
    pub status: String,
    /// The updates recorded at this meeting, each `Status: note`.
    pub updates: Vec<String>,
}

/// One entry of the register appendix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct RegisterEntry {
    /// Their name.
    pub name: String,
    /// Their agency.
    pub agency: String,
    /// Their role.
    pub role: String,
    /// Drawn, typed or declined.
    pub outcome: Outcome,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// The agreement's version they saw.
    #[ts(type = "number")]
    pub agreement_version: i64,
    /// The name typed, for a typed signature.
    pub typed_name: Option<String>,
    /// The reason given, for a decline.
    pub decline_reason: Option<String>,
    /// The signature's strokes, in the pad's units, for a drawn one.
    pub strokes: Vec<Vec<crate::signatures::Point>>,
    /// When and why it was withdrawn, if it was: `at — reason`.
    pub withdrawn: Option<String>,
}

fn owner(agency: &str, person: Option<&str>) -> String {
    match person {
        Some(p) => format!("{agency} ({p})"),
        None => agency.to_owned(),
    }
}

fn minuted(d: &Disclosure) -> MinutedDisclosure {
    let notices = d
        .notices
        .iter()
        .map(|n| {
            let told = match (&n.notified_on, &n.notified_to) {
                (Some(on), Some(to)) => format!(" Notified to {to} on {on}."),
                _ => " The supplying agency is not yet notified.".to_owned(),
            };
            format!(
                "Found inaccurate or incomplete on {}: {}{told}",
                n.found_on, n.what_is_wrong
            )
        })
        .collect();
    match d.minuting {
        Minuting::Full => MinutedDisclosure::Full {
            id: Some(d.id),
            agency_id: Some(d.agency_id),
            agency: d.agency_name.clone(),
            person: d.person_name.clone(),
            category: d.draft.category.label().to_owned(),
            nature: d.draft.nature.label().to_owned(),
            text: d.draft.text.clone(),
            marking: d.marking,
            descriptor: d.descriptor,
            notices,
        },
        Minuting::Summary => MinutedDisclosure::Summary {
            id: Some(d.id),
            agency_id: Some(d.agency_id),
            agency: d.agency_name.clone(),
            summary: d.minute_summary.clone().unwrap_or_default(),
            marking: d.marking,
            descriptor: d.descriptor,
            notices,
        },
        Minuting::NotMinuted => MinutedDisclosure::NotMinuted {
            agency: d.agency_name.clone(),
        },
    }
}

/// The minutes of a meeting as the records stand now (the draft).
pub fn assemble(db: &Connection, meeting_id: i64, today: &str) -> Result<MinutesContent> {
    let page = crate::meetings::page(db, meeting_id, today)?;
    let taking = crate::disclosures::store::minute_taking(db, meeting_id, today)?;
    let m = &page.meeting;

    // The agreement each person signed last (a withdrawn entry counts for
    // nothing; a later one replaces an earlier one).
    let agreement = |person_id: i64| {
        page.register
            .iter()
            .rev()
            .find(|s| s.person_id == person_id && s.withdrawn_at.is_none())
            .map_or(AgreementStatus::NotSigned, |s| match s.outcome {
                Outcome::Drawn => AgreementStatus::Signed,
                Outcome::Typed => AgreementStatus::Typed,
                Outcome::Declined => AgreementStatus::Declined,
            })
    };
    let position = |item_id: i64| {
        page.agenda
            .iter()
            .find(|i| i.id == item_id)
            .map_or(0, |i| i.position)
    };
    let mut present = Vec::new();
    let mut apologies = Vec::new();
    let mut absent = Vec::new();
    let mut not_recorded = Vec::new();
    for inv in &page.invitations {
        let apology = || Apology {
            name: inv.name.clone(),
            agency: inv.agency_name.clone(),
            role: inv.role.clone(),
            written_update: inv.written_update,
        };
        match inv.attendance {
            Attendance::Present => present.push(Attendee {
                name: inv.name.clone(),
                agency: inv.agency_name.clone(),
                agency_id: Some(inv.agency_id),
                role: inv.role.clone(),
                agreement: agreement(inv.person_id),
                arrived_at: inv.arrived_at.clone(),
                left_at: inv.left_at.clone(),
                out_of_room_for: page
                    .out_of_room
                    .iter()
                    .filter(|o| o.person_id == inv.person_id)
                    .map(|o| position(o.item_id))
                    .collect(),
            }),
            Attendance::Apologies => apologies.push(apology()),
            Attendance::Absent => absent.push(apology()),
            Attendance::Invited => not_recorded.push(apology()),
        }
    }

    let items: Vec<MinutesItem> = taking
        .items
        .iter()
        .map(|mi| MinutesItem {
            position: mi.item.position,
            title: mi.item.title.clone(),
            kind_label: mi.item.kind.label().to_owned(),
            case_ref: mi.item.case_ref.clone(),
            presenting_agency: mi.item.presenting_agency_name.clone(),
            marking: mi.item.marking,
            descriptor: mi.item.descriptor,
            summary: mi.summary.clone(),
            decisions: mi.decisions.clone(),
            disclosures: mi
                .disclosures
                .iter()
                .filter(|d| d.withdrawn_at.is_none())
                .map(minuted)
                .collect(),
            actions: mi.actions.iter().map(action).collect(),
            out_of_room: mi.out_of_room.iter().map(|o| o.name.clone()).collect(),
        })
        .collect();

    // The status each carried action had at this meeting: the latest update
    // made at it, or before its day; later ones belong to later minutes.
    let mut status_then = db.prepare_cached(
        "SELECT status FROM action_update
         WHERE action_id = ?1 AND (meeting_id = ?2 OR substr(at, 1, 10) < ?3)
         ORDER BY id DESC LIMIT 1",
    )?;
    let carried_forward = page
        .carried_forward
        .iter()
        .map(|c| {
            let status: Option<crate::kinds::ActionStatus> = status_then
                .query_row(params![c.action.id, meeting_id, m.date], |r| r.get(0))
                .optional()?;
            Ok(ReviewedAction {
                text: c.action.text.clone(),
                owner: owner(
                    &c.action.owner_agency_name,
                    c.action.owner_person_name.as_deref(),
                ),
                due_date: c.action.due_date.clone(),
                raised_on: c.action.raised_meeting_date.clone(),
                status: status
                    .unwrap_or(crate::kinds::ActionStatus::Open)
                    .label()
                    .to_owned(),
                updates: c
                    .updates_here
                    .iter()
                    .map(|u| {
                        if u.note.is_empty() {
                            u.status.label().to_owned()
                        } else {
                            format!("{}: {}", u.status.label(), u.note)
                        }
                    })
                    .collect(),
            })
        })
        .collect::<Result<Vec<_>>>()?;

    let register = page
        .register
        .iter()
        .map(|s| RegisterEntry {
            name: s.name.clone(),
            agency: s.agency_name.clone(),
            role: s.role.clone(),
            outcome: s.outcome,
            at: s.at.clone(),
            agreement_version: i64::from(s.agreement_version),
            typed_name: s.typed_name.clone(),
            decline_reason: s.decline_reason.clone(),
            strokes: s.strokes.clone(),
            withdrawn: s
                .withdrawn_at
                .as_ref()
                .map(|at| format!("{at} — {}", s.withdrawn_reason.as_deref().unwrap_or(""))),
        })
        .collect();

    // The group's next meeting that is not cancelled.
    let next_meeting: Option<String> = db
        .query_row(
            "SELECT date FROM meeting
             WHERE group_id = ?1 AND status != 'cancelled'
               AND (date, start_time, id) > (?2, ?3, ?4)
             ORDER BY date, start_time, id LIMIT 1",
            params![m.group_id, m.date, m.start_time, m.id],
            |r| r.get(0),
        )
        .optional()?;

    let minimum_marking = marking::minimum(&marked_parts(&items));
    Ok(MinutesContent {
        meeting_id,
        group_name: m.group_name.clone(),
        kind: m.kind,
        date: m.date.clone(),
        start_time: m.start_time.clone(),
        venue: m.venue.clone(),
        chair: m.chair_name.clone(),
        minute_taker: m.minute_taker_name.clone(),
        present,
        apologies,
        absent,
        not_recorded,
        other_actions: page
            .actions_raised
            .iter()
            .filter(|a| a.raised_item_id.is_none())
            .map(action)
            .collect(),
        items,
        carried_forward,
        next_meeting,
        notice: THIRD_PARTY_NOTICE.to_owned(),
        register,
        minimum_marking,
    })
}

fn action(a: &crate::actions::Action) -> MinutesAction {
    MinutesAction {
        text: a.text.clone(),
        owner: owner(&a.owner_agency_name, a.owner_person_name.as_deref()),
        due_date: a.due_date.clone(),
    }
}

/// What the minutes include, for the marking rule (R10): every item, and
/// every disclosure minuted in full or as a summary.
pub fn marked_parts(items: &[MinutesItem]) -> Vec<Marked> {
    let mut parts = Vec::new();
    for item in items {
        parts.push(Marked {
            what: format!("item {}, \"{}\"", item.position, item.title),
            marking: item.marking,
            descriptor: item.descriptor,
        });
        for d in &item.disclosures {
            let (agency, marking, descriptor) = match d {
                MinutedDisclosure::Full {
                    agency,
                    marking,
                    descriptor,
                    ..
                }
                | MinutedDisclosure::Summary {
                    agency,
                    marking,
                    descriptor,
                    ..
                } => (agency, *marking, *descriptor),
                MinutedDisclosure::NotMinuted { .. } => continue,
            };
            parts.push(Marked {
                what: format!("a disclosure by {agency} under item {}", item.position),
                marking,
                descriptor,
            });
        }
    }
    parts
}
