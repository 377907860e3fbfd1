//! Disclosures as records: where the rules meet the records.
//!
//! # What a disclosure is stored with
//!
//! - **Where and when.** The agenda item it was said under; the item's
//!   meeting is the disclosure's meeting, and the meeting's date its
//!   disclosure date (R1, R2, R5). A disclosure is recorded only at a
//!   meeting **in progress or held**: not before the meeting starts, and
//!   never at a cancelled one.
//! - **The case.** `case_ref` is the case it is about. Left empty, it is the
//!   item's case reference *at the time of saving*, copied: the rules (R6,
//!   R7, R8) were checked against that case, so a later change of the
//!   item's reference does not silently move the disclosure to another
//!   case. It links to `case_record` by reference when read, as agenda
//!   items do, and a case's change of reference moves its disclosures with
//!   it (the same case; see [`crate::cases`]).
//! - **Who.** The disclosing person, who must be recorded present at the
//!   meeting, and their agency *at the time*: ids and names copied, as a
//!   signature copies them, so the record stays true when the person or
//!   the agency changes. An update by the same person keeps the copy; a
//!   different person is copied afresh.
//! - **What.** The [`DisclosureDraft`], stored as columns: the category's
//!   details too, each column `CHECK`ed to be set exactly when its category
//!   is chosen. Columns rather than one JSON column because each detail is
//!   a scalar from a closed list or a date that SQLite can check and a
//!   later query (the minutes, a review of old cautions) can read; there
//!   are only a dozen, and JSON would be checked in Rust alone.
//! - **Marking.** OFFICIAL or OFFICIAL-SENSITIVE, by default the item's.
//!   A disclosure about a person ([`rules::about_a_person`], the test R8
//!   uses) is PERSONAL DATA: left empty, the descriptor is **set**; another
//!   descriptor is refused (a record has one descriptor, and this one is
//!   not a choice).
//! - **Minuting.** [`Minuting`]: in full, as a one-line summary the
//!   minute-taker writes (required then, dropped otherwise), or not at all.
//! - **Accepted warnings.** One `disclosure_acceptance` row per accepted
//!   rule: the rule, the warning's message as it was shown (a rule that
//!   gave two warnings, R7 on the text and on the minute summary, is
//!   accepted once, and its row keeps both messages, joined), who accepted
//!   it (the vault's actor) and when. An update replaces them. The audit trail
//!   has one `disclosure.accept` entry per accepted rule, after the
//!   disclosure's own entry and in the same commit, with record id
//!   `{disclosure id}/{rule}` (e.g. `41/R7`).
//! - **Withdrawal** with a reason: kept and shown (struck through), no
//!   longer found by search, never edited again.
//!
//! # Where the rules run
//!
//! [`prepare`] reads what the rules need from the records into a
//! [`RuleContext`] (a handful of indexed queries) and runs
//! [`rules::check`]. [`check`] answers the screen as the user types; the
//! saves run the same `prepare` inside their transaction and refuse with
//! `disclosure_blocked` (a blocked finding) or `warning_not_accepted` (a
//! warning not accepted). Accepting a warning that is not raised is refused
//! too (`invalid_input`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::input::{
    AsbAdmissionDetails, CautionDetails, ConvictionDetails, HarassmentWarningDetails,
};
use super::input::{DisclosureDraft, Finding, Level, RuleContext, RuleId};
use super::rules;
use crate::actions::Action;
use crate::dates;
use crate::error::{
    Error, Result, rusqlite,
    rusqlite::{Connection, OptionalExtension, Row, Transaction, params},
};
use crate::kinds::{Attendance, Descriptor, Marking, MeetingStatus, closed_list};
use crate::meetings::{self, AgendaItem, Meeting};
use crate::text::TextRule;

closed_list! {
    /// Whether, and how, a disclosure may appear in circulated minutes.
    Minuting {
        /// In full.
        Full = "full" / "In full",
        /// As the one-line summary the minute-taker writes.
        Summary = "summary" / "As a one-line summary",
        /// Not at all: kept in the vault only.
        NotMinuted = "not_minuted" / "Not minuted",
    }
}

/// A disclosure as the minute-taker records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct DisclosureInput {
    /// The agenda item it was said under.
    #[ts(type = "number")]
    pub item_id: i64,
    /// The case it is about; empty for the item's case reference.
    #[serde(default)]
    pub case_ref: Option<String>,
    /// The disclosing person (recorded present at the meeting).
    #[ts(type = "number")]
    pub person_id: i64,
    /// What was said, as the rules read it.
    pub draft: DisclosureDraft,
    /// The marking; empty for the item's.
    #[serde(default)]
    pub marking: Option<Marking>,
    /// The descriptor; PERSONAL DATA is set for a disclosure about a person.
    #[serde(default)]
    pub descriptor: Option<Descriptor>,
    /// Whether and how it may appear in circulated minutes.
    pub minuting: Minuting,
    /// With `summary`: the one-line summary for the minutes.
    #[serde(default)]
    pub minute_summary: Option<String>,
    /// The rules whose warnings the user accepts.
    #[serde(default)]
    pub accepted: Vec<RuleId>,
}

/// What the rules say about a disclosure before it is saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct DisclosureCheck {
    /// Every finding, in rule order.
    pub findings: Vec<Finding>,
    /// Whether a save of exactly this input would pass the rules: nothing
    /// blocked, every warning accepted, no acceptance of a warning that is
    /// not raised, and the text filled in.
    pub can_save: bool,
}

/// A warning accepted when the disclosure was saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Acceptance {
    /// The rule whose warning it was.
    pub rule: RuleId,
    /// The warning as it was shown; both of R7's, joined, when it gave
    /// two (the text and the minute summary).
    pub message: String,
    /// Who accepted it (the vault's actor: `chair` or `cli`).
    pub accepted_by: String,
    /// When (RFC 3339, UTC).
    pub accepted_at: String,
}

/// A notice that a disclosure was found inaccurate or incomplete (R13).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct InaccuracyNotice {
    /// Record id.
    #[ts(type = "number")]
    pub id: i64,
    /// The disclosure.
    #[ts(type = "number")]
    pub disclosure_id: i64,
    /// What is wrong or missing.
    pub what_is_wrong: String,
    /// When it was found (`YYYY-MM-DD`).
    pub found_on: String,
    /// When the supplying agency was told, once it has been.
    pub notified_on: Option<String>,
    /// Whom at that agency (a role or name), with `notified_on`.
    pub notified_to: Option<String>,
    /// Who recorded the notice (the vault's actor).
    pub recorded_by: String,
    /// When recorded (RFC 3339, UTC).
    pub created_at: String,
    /// When last changed.
    pub updated_at: String,
}

/// The fields of an inaccuracy notice.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct InaccuracyInput {
    /// What is wrong or missing.
    pub what_is_wrong: String,
    /// When it was found, `YYYY-MM-DD`.
    pub found_on: String,
    /// When the supplying agency was told, or empty until it has been.
    #[serde(default)]
    pub notified_on: Option<String>,
    /// Whom at that agency; required with `notified_on`.
    #[serde(default)]
    pub notified_to: Option<String>,
}

/// Someone present at a meeting whom the chair marked as out of the room
/// for one agenda item (R9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct OutOfRoom {
    /// The agenda item.
    #[ts(type = "number")]
    pub item_id: i64,
    /// The person.
    #[ts(type = "number")]
    pub person_id: i64,
    /// Their name.
    pub name: String,
    /// When marked (RFC 3339, UTC).
    pub at: String,
}

/// A disclosure as stored, with where it was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Disclosure {
    /// Record id.
    #[ts(type = "number")]
    pub id: i64,
    /// The agenda item.
    #[ts(type = "number")]
    pub item_id: i64,
    /// The item's title.
    pub item_title: String,
    /// The item's place on the agenda.
    #[ts(type = "number")]
    pub item_position: i64,
    /// The meeting.
    #[ts(type = "number")]
    pub meeting_id: i64,
    /// The meeting's date: the disclosure date (`YYYY-MM-DD`).
    pub meeting_date: String,
    /// The case reference it is about, if any.
    pub case_ref: Option<String>,
    /// The case recorded with that reference, if any (linked when read).
    #[ts(type = "number | null")]
    pub case_id: Option<i64>,
    /// The disclosing person.
    #[ts(type = "number")]
    pub person_id: i64,
    /// Their name as it stood.
    pub person_name: String,
    /// Their agency at the time.
    #[ts(type = "number")]
    pub agency_id: i64,
    /// The agency's name as it stood.
    pub agency_name: String,
    /// What was said.
    pub draft: DisclosureDraft,
    /// OFFICIAL or OFFICIAL-SENSITIVE.
    pub marking: Marking,
    /// The descriptor (PERSONAL DATA for a disclosure about a person).
    pub descriptor: Option<Descriptor>,
    /// Whether and how it may appear in circulated minutes.
    pub minuting: Minuting,
    /// The one-line summary (with `summary`).
    pub minute_summary: Option<String>,
    /// The warnings accepted when it was (last) saved, in rule order.
    pub acceptances: Vec<Acceptance>,
    /// Inaccuracy notices against it, oldest first.
    pub notices: Vec<InaccuracyNotice>,
    /// When recorded (RFC 3339, UTC).
    pub created_at: String,
    /// When last changed.
    pub updated_at: String,
    /// When withdrawn, if it was.
    pub withdrawn_at: Option<String>,
    /// Why it was withdrawn.
    pub withdrawn_reason: Option<String>,
}

/// Which disclosures a list shows: exactly one of the three.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct DisclosureFilter {
    /// A meeting's, by agenda order then as recorded.
    #[ts(type = "number | null")]
    #[serde(default)]
    pub meeting_id: Option<i64>,
    /// An agenda item's, as recorded.
    #[ts(type = "number | null")]
    #[serde(default)]
    pub item_id: Option<i64>,
    /// A case's (by its reference), newest meeting first.
    #[ts(type = "number | null")]
    #[serde(default)]
    pub case_id: Option<i64>,
}

/// One agenda item as the minute-taker works through it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct MinuteItem {
    /// The item.
    pub item: AgendaItem,
    /// The discussion summary, as typed.
    pub summary: String,
    /// The decisions, as typed.
    pub decisions: String,
    /// Its disclosures, as recorded, withdrawn ones included.
    pub disclosures: Vec<Disclosure>,
    /// Who is out of the room for it.
    pub out_of_room: Vec<OutOfRoom>,
    /// Actions raised under it.
    pub actions: Vec<Action>,
}

/// A meeting as the minute-taker works through it, item by item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct MinuteTaking {
    /// The meeting.
    pub meeting: Meeting,
    /// Its agenda, in order.
    pub items: Vec<MinuteItem>,
}

/// The disclosure's text.
pub const TEXT: TextRule = TextRule {
    field: "What was disclosed",
    max_chars: 4_000,
    multiline: true,
    required: true,
};
const OFFENCE: TextRule = TextRule::name("Offence", 200);
const BASIS: TextRule = TextRule {
    field: "Basis of the warning",
    max_chars: 1_000,
    multiline: true,
    required: false,
};
const CORROBORATION: TextRule = TextRule {
    field: "Corroboration",
    max_chars: 1_000,
    multiline: true,
    required: false,
};
/// The one-line summary for the minutes.
pub const MINUTE_SUMMARY: TextRule = TextRule::name("Summary for the minutes", 300);
/// What an inaccuracy notice says is wrong.
pub const WHAT_IS_WRONG: TextRule = TextRule {
    field: "What is wrong",
    max_chars: 2_000,
    multiline: true,
    required: true,
};
const NOTIFIED_TO: TextRule = TextRule::name("Notified to", 200);
/// An agenda item's discussion summary and decisions, each.
pub const ITEM_NOTES_CHARS: usize = 20_000;
const ITEM_SUMMARY: TextRule = TextRule {
    field: "Discussion summary",
    max_chars: ITEM_NOTES_CHARS,
    multiline: true,
    required: false,
};
const ITEM_DECISIONS: TextRule = TextRule {
    field: "Decisions",
    max_chars: ITEM_NOTES_CHARS,
    multiline: true,
    required: false,
};
const PERSON_FIELD: &str = "Disclosing person";
const ACCEPTED_FIELD: &str = "Accepted warnings";
const DESCRIPTOR_FIELD: &str = "Descriptor";
const DATE_CHARS: usize = 40;

/// An input whose text fields passed their rules. `strict` refuses an
/// empty text (a save); the check as the user types lets it be.
fn clean(input: &DisclosureInput, strict: bool) -> Result<DisclosureInput> {
    let mut c = input.clone();
    c.draft.keep_category_details();
    let d = &mut c.draft;
    d.text = TextRule {
        required: strict,
        ..TEXT
    }
    .clean(&d.text)?;
    if let Some(x) = d.caution.as_mut() {
        x.given_on = date_text("Date the caution was given", &x.given_on)?;
    }
    if let Some(x) = d.harassment_warning.as_mut() {
        x.recorded_on = date_text("Date the warning was recorded", &x.recorded_on)?;
        x.basis = BASIS.clean(&x.basis)?;
    }
    if let Some(x) = d.asb_admission.as_mut() {
        x.corroboration = CORROBORATION.clean(&x.corroboration)?;
    }
    if let Some(x) = d.conviction.as_mut() {
        x.offence = TextRule {
            required: false,
            ..OFFENCE
        }
        .clean(&x.offence)?;
        x.convicted_on = date_text("Date of conviction", &x.convicted_on)?;
        x.sentence_ends_on = match x.sentence_ends_on.as_deref() {
            Some(t) => Some(date_text("End of the sentence", t)?).filter(|t| !t.is_empty()),
            None => None,
        };
    }
    c.case_ref = meetings::case_ref(c.case_ref.as_deref())?;
    c.minute_summary = match c.minuting {
        Minuting::Summary => Some(
            TextRule {
                required: strict,
                ..MINUTE_SUMMARY
            }
            .clean(c.minute_summary.as_deref().unwrap_or(""))?,
        ),
        Minuting::Full | Minuting::NotMinuted => None,
    };
    let mut accepted = Vec::with_capacity(c.accepted.len());
    for r in &c.accepted {
        if !accepted.contains(r) {
            accepted.push(*r);
        }
    }
    c.accepted = accepted;
    Ok(c)
}

/// A typed date, trimmed; its shape is the rules' to judge (beside the
/// field), its length this rule's.
fn date_text(field: &'static str, text: &str) -> Result<String> {
    TextRule {
        field,
        max_chars: DATE_CHARS,
        multiline: false,
        required: false,
    }
    .clean(text)
}

/// What the saves need besides the findings.
pub(crate) struct Prepared {
    input: DisclosureInput,
    person_name: String,
    agency_id: i64,
    agency_name: String,
    marking: Marking,
    descriptor: Option<Descriptor>,
    findings: Vec<Finding>,
}

/// The stored copy of who disclosed, kept by an update by the same person.
struct Discloser {
    person_id: i64,
    person_name: String,
    agency_id: i64,
    agency_name: String,
}

/// Cleans the input, reads the rules' context from the records, and runs
/// the rules. `existing` is the disclosure being updated.
fn prepare(
    db: &Connection,
    input: &DisclosureInput,
    existing: Option<i64>,
    strict: bool,
) -> Result<Prepared> {
    let input = clean(input, strict)?;
    let (meeting_id, item_case_ref, item_marking, date, status): (
        i64,
        Option<String>,
        Marking,
        String,
        MeetingStatus,
    ) = db
        .prepare_cached(
            "SELECT i.meeting_id, i.case_ref, i.marking, m.date, m.status
             FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id WHERE i.id = ?1",
        )?
        .query_row([input.item_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .optional()?
        .ok_or(Error::NotFound("agenda item"))?;
    if !matches!(status, MeetingStatus::InProgress | MeetingStatus::Held) {
        return Err(Error::Conflict(
            "Disclosures are recorded at a meeting in progress or held. Set the meeting's status \
             to In progress when it starts."
                .into(),
        ));
    }
    let disclosure_date = dates::date("Meeting date", &date)?;
    let kept = match existing {
        Some(id) => {
            let d = stored_discloser(db, id)?;
            (d.person_id == input.person_id).then_some(d)
        }
        None => None,
    };
    let (person_name, agency_id, agency_name, attendance): (
        String,
        i64,
        String,
        Option<Attendance>,
    ) = db
        .prepare_cached(
            "SELECT p.name, p.agency_id, a.name, v.attendance
             FROM person p JOIN agency a ON a.id = p.agency_id
             LEFT JOIN invitation v ON v.meeting_id = ?2 AND v.person_id = p.id
             WHERE p.id = ?1",
        )?
        .query_row(params![input.person_id, meeting_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?
        .ok_or_else(|| {
            Error::invalid(
                PERSON_FIELD,
                "is not in the people list. Choose someone present at the meeting.",
            )
        })?;
    if attendance != Some(Attendance::Present) {
        return Err(Error::invalid(
            PERSON_FIELD,
            "is not recorded as present at this meeting. Record their attendance as present \
             first, or choose someone who is.",
        ));
    }
    let (person_name, agency_id, agency_name) = match kept {
        Some(d) => (d.person_name, d.agency_id, d.agency_name),
        None => (person_name, agency_id, agency_name),
    };
    let agency_kind = db
        .prepare_cached("SELECT kind FROM agency WHERE id = ?1")?
        .query_row([agency_id], |r| r.get(0))?;
    let case_ref = input.case_ref.clone().or(item_case_ref);
    let case = match &case_ref {
        Some(r) => crate::cases::by_ref(db, r)?,
        None => None,
    };
    let discloser_signed = signed(db, meeting_id, input.person_id)?;
    let unsigned_present: Vec<String> = db
        .prepare_cached(
            "SELECT p.name FROM invitation v JOIN person p ON p.id = v.person_id
             WHERE v.meeting_id = ?1 AND v.attendance = 'present' AND v.person_id != ?2
               AND NOT EXISTS (SELECT 1 FROM signature s
                               WHERE s.meeting_id = ?1 AND s.person_id = v.person_id
                                 AND s.withdrawn_at IS NULL AND s.outcome IN ('drawn', 'typed'))
               AND NOT EXISTS (SELECT 1 FROM out_of_room o
                               WHERE o.item_id = ?3 AND o.person_id = v.person_id)
             ORDER BY p.name COLLATE NOCASE",
        )?
        .query_map(params![meeting_id, input.person_id, input.item_id], |r| {
            r.get(0)
        })?
        .collect::<Result<_, _>>()?;
    let ctx = RuleContext {
        disclosure_date,
        agency_kind,
        case_kind: case.as_ref().map(|c| c.kind),
        case_ref: case_ref.clone(),
        subject_names: case
            .as_ref()
            .map(|c| c.subject_name.iter().chain(&c.aliases).cloned().collect())
            .unwrap_or_default(),
        minute_summary: match input.minuting {
            Minuting::Summary => input.minute_summary.clone().filter(|s| !s.is_empty()),
            Minuting::Full | Minuting::NotMinuted => None,
        },
        subject_gender_flag: case.as_ref().is_some_and(|c| c.grc_flag),
        discloser_name: person_name.clone(),
        discloser_signed,
        unsigned_present,
    };
    let findings = rules::check(&input.draft, &ctx);
    let descriptor = if rules::about_a_person(&input.draft, &ctx) {
        match input.descriptor {
            None | Some(Descriptor::PersonalData) => Some(Descriptor::PersonalData),
            Some(_) => {
                return Err(Error::invalid(
                    DESCRIPTOR_FIELD,
                    "must be PERSONAL DATA: this disclosure is about a person. Choose PERSONAL \
                     DATA, or leave it empty and it is set.",
                ));
            }
        }
    } else {
        input.descriptor
    };
    let mut input = input;
    input.case_ref = case_ref;
    Ok(Prepared {
        marking: input.marking.unwrap_or(item_marking),
        input,
        person_name,
        agency_id,
        agency_name,
        descriptor,
        findings,
    })
}

/// Whether the person has a standing signature (drawn or typed; a decline
/// is not one) of the meeting's agreement.
fn signed(db: &Connection, meeting_id: i64, person_id: i64) -> Result<bool> {
    Ok(db
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM signature WHERE meeting_id = ?1 AND person_id = ?2
                            AND withdrawn_at IS NULL AND outcome IN ('drawn', 'typed'))",
        )?
        .query_row([meeting_id, person_id], |r| r.get(0))?)
}

fn stored_discloser(db: &Connection, id: i64) -> Result<Discloser> {
    db.prepare_cached(
        "SELECT person_id, person_name, agency_id, agency_name FROM disclosure WHERE id = ?1",
    )?
    .query_row([id], |r| {
        Ok(Discloser {
            person_id: r.get(0)?,
            person_name: r.get(1)?,
            agency_id: r.get(2)?,
            agency_name: r.get(3)?,
        })
    })
    .optional()?
    .ok_or(Error::NotFound("disclosure"))
}

/// Accepted rules that raise no warning for this draft.
fn unraised<'a>(p: &'a Prepared) -> impl Iterator<Item = RuleId> + 'a {
    p.input.accepted.iter().copied().filter(|r| {
        !p.findings
            .iter()
            .any(|f| f.rule == *r && f.level == Level::Warning)
    })
}

/// The findings for a disclosure as typed, without saving. `existing` is
/// the disclosure being edited, if any.
pub fn check(
    db: &Connection,
    input: &DisclosureInput,
    existing: Option<i64>,
) -> Result<DisclosureCheck> {
    let p = prepare(db, input, existing, false)?;
    let can_save = rules::stopping(&p.findings, &p.input.accepted)
        .next()
        .is_none()
        && unraised(&p).next().is_none()
        && !p.input.draft.text.is_empty()
        && p.input.minute_summary.as_deref() != Some("");
    Ok(DisclosureCheck {
        findings: p.findings,
        can_save,
    })
}

/// Prepares a save and refuses it if the rules stop it.
fn prepare_save(
    tx: &Transaction<'_>,
    input: &DisclosureInput,
    existing: Option<i64>,
) -> Result<Prepared> {
    let p = prepare(tx, input, existing, true)?;
    let blocked: Vec<String> = p
        .findings
        .iter()
        .filter(|f| f.level == Level::Blocked)
        .map(|f| f.message.clone())
        .collect();
    if !blocked.is_empty() {
        return Err(Error::DisclosureBlocked(blocked));
    }
    if let Some(r) = unraised(&p).next() {
        return Err(Error::invalid(
            ACCEPTED_FIELD,
            format!(
                "the warning of rule {} is accepted, but this disclosure does not raise it (any \
                 more). Untick it and save again.",
                r.as_str()
            ),
        ));
    }
    let unaccepted: Vec<String> = rules::stopping(&p.findings, &p.input.accepted)
        .map(|f| f.message.clone())
        .collect();
    if !unaccepted.is_empty() {
        return Err(Error::WarningNotAccepted(unaccepted));
    }
    Ok(p)
}

/// Inserts a disclosure the rules allow; returns its id and the rules
/// whose warnings were accepted, for the audit trail. Public for the
/// generator, which writes its disclosures through it inside
/// [`crate::Casebook::change_raw`] so that each is checked by the rules.
#[doc(hidden)]
pub fn insert(
    tx: &Transaction<'_>,
    input: &DisclosureInput,
    actor: &str,
    now: &str,
) -> Result<(i64, Vec<RuleId>)> {
    let p = prepare_save(tx, input, None)?;
    tx.execute(
        "INSERT INTO disclosure (item_id, person_id, person_name, agency_id, agency_name,
                                 category, text, created_at, updated_at, nature, marking,
                                 minuting, touches_gender_history)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, 'fact', 'OFFICIAL', 'full', 0)",
        params![
            p.input.item_id,
            p.input.person_id,
            p.person_name,
            p.agency_id,
            p.agency_name,
            // The category's details are written by `write` below; a
            // category without details passes the CHECKs until then.
            "other",
            p.input.draft.text,
            now
        ],
    )?;
    let id = tx.last_insert_rowid();
    let accepted = write(tx, id, &p, actor, now)?;
    Ok((id, accepted))
}

/// Replaces a disclosure's fields with `input`, checked again by the rules;
/// returns the rules whose warnings were accepted.
pub(crate) fn update(
    tx: &Transaction<'_>,
    id: i64,
    input: &DisclosureInput,
    actor: &str,
    now: &str,
) -> Result<Vec<RuleId>> {
    let withdrawn: Option<Option<String>> = tx
        .query_row(
            "SELECT withdrawn_at FROM disclosure WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    match withdrawn {
        None => return Err(Error::NotFound("disclosure")),
        Some(Some(_)) => {
            return Err(Error::Conflict(
                "This disclosure is withdrawn, so it stays as it was. Record a new disclosure \
                 instead."
                    .into(),
            ));
        }
        Some(None) => {}
    }
    let p = prepare_save(tx, input, Some(id))?;
    write(tx, id, &p, actor, now)
}

/// Writes every field of a prepared disclosure to row `id` and replaces
/// its acceptances.
fn write(
    tx: &Transaction<'_>,
    id: i64,
    p: &Prepared,
    actor: &str,
    now: &str,
) -> Result<Vec<RuleId>> {
    let d = &p.input.draft;
    let caution = d.caution.as_ref();
    let pha = d.harassment_warning.as_ref();
    let conviction = d.conviction.as_ref();
    tx.execute(
        "UPDATE disclosure SET
             item_id = ?2, case_ref = ?3, person_id = ?4, person_name = ?5, agency_id = ?6,
             agency_name = ?7, category = ?8, nature = ?9, text = ?10,
             caution_kind = ?11, caution_given_on = ?12, pha_recorded_on = ?13, pha_basis = ?14,
             asb_corroboration = ?15, conviction_offence = ?16, convicted_on = ?17,
             sentence = ?18, sentence_months = ?19, sentence_ends_on = ?20, under_18 = ?21,
             never_spent = ?22, legal_power = ?23, statutory_purpose = ?24, marking = ?25,
             descriptor = ?26, minuting = ?27, minute_summary = ?28,
             touches_gender_history = ?29, gender_exception = ?30, updated_at = ?31
         WHERE id = ?1",
        params![
            id,
            p.input.item_id,
            p.input.case_ref,
            p.input.person_id,
            p.person_name,
            p.agency_id,
            p.agency_name,
            d.category,
            d.nature,
            d.text,
            caution.map(|c| c.kind),
            caution.map(|c| &c.given_on),
            pha.map(|w| &w.recorded_on),
            pha.map(|w| &w.basis),
            d.asb_admission.as_ref().map(|a| &a.corroboration),
            conviction.map(|c| &c.offence),
            conviction.map(|c| &c.convicted_on),
            conviction.map(|c| c.sentence),
            conviction.and_then(|c| c.sentence_months),
            conviction.and_then(|c| c.sentence_ends_on.as_ref()),
            conviction.map(|c| c.under_18),
            conviction.map(|c| c.never_spent),
            d.legal_power,
            d.statutory_purpose,
            p.marking,
            p.descriptor,
            p.input.minuting,
            p.input.minute_summary,
            d.touches_gender_history,
            d.gender_exception,
            now
        ],
    )?;
    tx.execute(
        "DELETE FROM disclosure_acceptance WHERE disclosure_id = ?1",
        [id],
    )?;
    let mut accepted = Vec::new();
    let mut stmt = tx.prepare_cached(
        "INSERT INTO disclosure_acceptance (disclosure_id, rule, message, accepted_by, accepted_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    // In rule order, whatever order they were ticked in. A rule with two
    // warnings (R7: the text and the summary both name the subject) is one
    // acceptance, kept with both warnings' words.
    for f in &p.findings {
        if f.level == Level::Warning
            && p.input.accepted.contains(&f.rule)
            && !accepted.contains(&f.rule)
        {
            let message = p
                .findings
                .iter()
                .filter(|g| g.rule == f.rule && g.level == Level::Warning)
                .map(|g| g.message.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            stmt.execute(params![id, f.rule, message, actor, now])?;
            accepted.push(f.rule);
        }
    }
    Ok(accepted)
}

/// Withdraws a disclosure with a reason, keeping it.
pub(crate) fn withdraw(tx: &Transaction<'_>, id: i64, reason: &str, now: &str) -> Result<()> {
    let reason = crate::signatures::WITHDRAW_REASON.clean(reason)?;
    let withdrawn: Option<Option<String>> = tx
        .query_row(
            "SELECT withdrawn_at FROM disclosure WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    match withdrawn {
        None => Err(Error::NotFound("disclosure")),
        Some(Some(_)) => Err(Error::Conflict(
            "That disclosure is already withdrawn.".into(),
        )),
        Some(None) => {
            tx.execute(
                "UPDATE disclosure SET withdrawn_at = ?2, withdrawn_reason = ?3, updated_at = ?2
                 WHERE id = ?1",
                params![id, now, reason],
            )?;
            Ok(())
        }
    }
}

// ---- reading ------------------------------------------------------------------

const SELECT: &str = "SELECT d.id, d.item_id, i.title, i.position, i.meeting_id, m.date,
        d.case_ref, c.id, d.person_id, d.person_name, d.agency_id, d.agency_name,
        d.category, d.nature, d.text, d.caution_kind, d.caution_given_on, d.pha_recorded_on,
        d.pha_basis, d.asb_corroboration, d.conviction_offence, d.convicted_on, d.sentence,
        d.sentence_months, d.sentence_ends_on, d.under_18, d.never_spent, d.legal_power,
        d.statutory_purpose, d.marking, d.descriptor, d.minuting, d.minute_summary,
        d.touches_gender_history, d.gender_exception, d.created_at, d.updated_at,
        d.withdrawn_at, d.withdrawn_reason
    FROM disclosure d JOIN agenda_item i ON i.id = d.item_id
    JOIN meeting m ON m.id = i.meeting_id
    LEFT JOIN case_record c ON c.case_ref = d.case_ref";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Disclosure> {
    let caution = match (r.get(15)?, r.get::<_, Option<String>>(16)?) {
        (Some(kind), Some(given_on)) => Some(CautionDetails { kind, given_on }),
        _ => None,
    };
    let harassment_warning = match (r.get(17)?, r.get(18)?) {
        (Some(recorded_on), Some(basis)) => Some(HarassmentWarningDetails { recorded_on, basis }),
        _ => None,
    };
    let asb_admission = r
        .get::<_, Option<String>>(19)?
        .map(|corroboration| AsbAdmissionDetails { corroboration });
    let conviction = match (r.get(20)?, r.get(21)?, r.get(22)?) {
        (Some(offence), Some(convicted_on), Some(sentence)) => Some(ConvictionDetails {
            offence,
            convicted_on,
            sentence,
            sentence_months: r.get(23)?,
            sentence_ends_on: r.get(24)?,
            under_18: r.get::<_, Option<bool>>(25)?.unwrap_or(false),
            never_spent: r.get::<_, Option<bool>>(26)?.unwrap_or(false),
        }),
        _ => None,
    };
    Ok(Disclosure {
        id: r.get(0)?,
        item_id: r.get(1)?,
        item_title: r.get(2)?,
        item_position: r.get(3)?,
        meeting_id: r.get(4)?,
        meeting_date: r.get(5)?,
        case_ref: r.get(6)?,
        case_id: r.get(7)?,
        person_id: r.get(8)?,
        person_name: r.get(9)?,
        agency_id: r.get(10)?,
        agency_name: r.get(11)?,
        draft: DisclosureDraft {
            category: r.get(12)?,
            nature: r.get(13)?,
            text: r.get(14)?,
            caution,
            harassment_warning,
            asb_admission,
            conviction,
            legal_power: r.get(27)?,
            statutory_purpose: r.get(28)?,
            touches_gender_history: r.get(33)?,
            gender_exception: r.get(34)?,
        },
        marking: r.get(29)?,
        descriptor: r.get(30)?,
        minuting: r.get(31)?,
        minute_summary: r.get(32)?,
        acceptances: Vec::new(),
        notices: Vec::new(),
        created_at: r.get(35)?,
        updated_at: r.get(36)?,
        withdrawn_at: r.get(37)?,
        withdrawn_reason: r.get(38)?,
    })
}

/// Fills in each disclosure's acceptances and notices.
fn complete(db: &Connection, mut list: Vec<Disclosure>) -> Result<Vec<Disclosure>> {
    let mut acc = db.prepare_cached(
        "SELECT rule, message, accepted_by, accepted_at FROM disclosure_acceptance
         WHERE disclosure_id = ?1",
    )?;
    for d in &mut list {
        d.acceptances = acc
            .query_map([d.id], |r| {
                Ok(Acceptance {
                    rule: r.get(0)?,
                    message: r.get(1)?,
                    accepted_by: r.get(2)?,
                    accepted_at: r.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        d.acceptances
            .sort_by_key(|a| RuleId::ALL.iter().position(|r| *r == a.rule));
        d.notices = notices(db, d.id)?;
    }
    Ok(list)
}

fn query(db: &Connection, sql_tail: &str, param: &dyn rusqlite::ToSql) -> Result<Vec<Disclosure>> {
    let mut stmt = db.prepare_cached(&format!("{SELECT} {sql_tail}"))?;
    let list = stmt
        .query_map([param], from_row)?
        .collect::<Result<_, _>>()?;
    complete(db, list)
}

/// One disclosure.
pub fn get(db: &Connection, id: i64) -> Result<Disclosure> {
    query(db, "WHERE d.id = ?1", &id)?
        .pop()
        .ok_or(Error::NotFound("disclosure"))
}

/// A meeting's disclosures, by agenda order, then as recorded.
pub fn of_meeting(db: &Connection, meeting_id: i64) -> Result<Vec<Disclosure>> {
    query(
        db,
        "WHERE i.meeting_id = ?1 ORDER BY i.position, i.id, d.id",
        &meeting_id,
    )
}

/// A case's disclosures (by reference, ignoring ASCII case), newest
/// meeting first, then newest first.
pub fn of_case(db: &Connection, case_ref: &str) -> Result<Vec<Disclosure>> {
    query(
        db,
        "WHERE d.case_ref = ?1 COLLATE NOCASE
         ORDER BY m.date DESC, m.start_time DESC, m.id DESC, d.id DESC",
        &case_ref,
    )
}

/// Disclosures as a filter asks.
pub fn list(db: &Connection, filter: &DisclosureFilter) -> Result<Vec<Disclosure>> {
    match (filter.meeting_id, filter.item_id, filter.case_id) {
        (Some(m), None, None) => {
            meetings::get(db, m)?;
            of_meeting(db, m)
        }
        (None, Some(i), None) => {
            meetings::item(db, i)?;
            query(db, "WHERE d.item_id = ?1 ORDER BY d.id", &i)
        }
        (None, None, Some(c)) => of_case(db, &crate::cases::get(db, c)?.case_ref),
        _ => Err(Error::invalid(
            "Filter",
            "must name exactly one of a meeting, an agenda item or a case.",
        )),
    }
}

// ---- inaccuracy notices (R13) ------------------------------------------------

fn notices(db: &Connection, disclosure_id: i64) -> Result<Vec<InaccuracyNotice>> {
    let mut stmt = db.prepare_cached(
        "SELECT id, disclosure_id, what_is_wrong, found_on, notified_on, notified_to,
                recorded_by, created_at, updated_at
         FROM inaccuracy_notice WHERE disclosure_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([disclosure_id], |r| {
        Ok(InaccuracyNotice {
            id: r.get(0)?,
            disclosure_id: r.get(1)?,
            what_is_wrong: r.get(2)?,
            found_on: r.get(3)?,
            notified_on: r.get(4)?,
            notified_to: r.get(5)?,
            recorded_by: r.get(6)?,
            created_at: r.get(7)?,
            updated_at: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A checked notice: what is wrong, found on, notified on and to.
pub(crate) type CleanNotice = (String, String, Option<String>, Option<String>);

fn clean_notice(
    db: &Connection,
    disclosure_id: i64,
    n: &InaccuracyInput,
    today: NaiveDate,
) -> Result<CleanNotice> {
    let meeting_date: String = db
        .query_row(
            "SELECT m.date FROM disclosure d JOIN agenda_item i ON i.id = d.item_id
             JOIN meeting m ON m.id = i.meeting_id WHERE d.id = ?1",
            [disclosure_id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or(Error::NotFound("disclosure"))?;
    clean_inaccuracy(
        n,
        today,
        Some((
            &meeting_date,
            "is before the meeting the disclosure was made at. Please check the date.",
        )),
    )
}

/// Checks an inaccuracy notice (R13), against a disclosure or an
/// information request's response: what is wrong; found on, not in the
/// future; when and to whom the supplying agency was told, both or
/// neither, not before it was found.
/// `not_before`: a day it cannot have been found before, and what to say
/// if it was.
pub(crate) fn clean_inaccuracy(
    n: &InaccuracyInput,
    today: NaiveDate,
    not_before: Option<(&str, &'static str)>,
) -> Result<CleanNotice> {
    let what = WHAT_IS_WRONG.clean(&n.what_is_wrong)?;
    let found = dates::past_date("Found on", &n.found_on, today)?;
    if let Some((day, problem)) = not_before
        && dates::to_text(found).as_str() < day
    {
        return Err(Error::invalid("Found on", problem));
    }
    let notified_on = match n.notified_on.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(t) => Some(dates::past_date("Notified on", t, today)?),
    };
    if notified_on.is_some_and(|d| d < found) {
        return Err(Error::invalid(
            "Notified on",
            "is before the day the inaccuracy was found. Please check the dates.",
        ));
    }
    let notified_to = TextRule {
        required: false,
        ..NOTIFIED_TO
    }
    .clean(n.notified_to.as_deref().unwrap_or(""))?;
    let notified_to = (!notified_to.is_empty()).then_some(notified_to);
    match (notified_on, &notified_to) {
        (Some(_), None) => Err(Error::invalid(
            NOTIFIED_TO.field,
            "must be given with the date the supplying agency was told. Say whom you told.",
        )),
        (None, Some(_)) => Err(Error::invalid(
            "Notified on",
            "must be given with whom the supplying agency was told. Enter the date you told them.",
        )),
        _ => Ok((
            what,
            dates::to_text(found),
            notified_on.map(dates::to_text),
            notified_to,
        )),
    }
}

/// Records an inaccuracy notice against a disclosure; returns its id.
pub(crate) fn add_notice(
    tx: &Transaction<'_>,
    disclosure_id: i64,
    n: &InaccuracyInput,
    today: NaiveDate,
    actor: &str,
    now: &str,
) -> Result<i64> {
    let (what, found, on, to) = clean_notice(tx, disclosure_id, n, today)?;
    tx.execute(
        "INSERT INTO inaccuracy_notice (disclosure_id, what_is_wrong, found_on, notified_on,
                                        notified_to, recorded_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![disclosure_id, what, found, on, to, actor, now],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Changes a notice (to record the notification later); returns its
/// disclosure.
pub(crate) fn update_notice(
    tx: &Transaction<'_>,
    id: i64,
    n: &InaccuracyInput,
    today: NaiveDate,
    now: &str,
) -> Result<i64> {
    let disclosure_id: i64 = tx
        .query_row(
            "SELECT disclosure_id FROM inaccuracy_notice WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or(Error::NotFound("inaccuracy notice"))?;
    let (what, found, on, to) = clean_notice(tx, disclosure_id, n, today)?;
    tx.execute(
        "UPDATE inaccuracy_notice SET what_is_wrong = ?2, found_on = ?3, notified_on = ?4,
             notified_to = ?5, updated_at = ?6
         WHERE id = ?1",
        params![id, what, found, on, to, now],
    )?;
    Ok(disclosure_id)
}

// ---- out of the room (R9) ------------------------------------------------------

/// Marks a person present at the item's meeting as out of the room for
/// the item (`out`), or back in; returns the item's meeting. Public for
/// the generator.
#[doc(hidden)]
pub fn set_out_of_room(
    tx: &Transaction<'_>,
    item_id: i64,
    person_id: i64,
    out: bool,
    now: &str,
) -> Result<i64> {
    let meeting_id = meetings::item(tx, item_id)?.meeting_id;
    if !out {
        tx.execute(
            "DELETE FROM out_of_room WHERE item_id = ?1 AND person_id = ?2",
            [item_id, person_id],
        )?;
        return Ok(meeting_id);
    }
    let attendance: Option<Attendance> = tx
        .query_row(
            "SELECT attendance FROM invitation WHERE meeting_id = ?1 AND person_id = ?2",
            [meeting_id, person_id],
            |r| r.get(0),
        )
        .optional()?;
    if attendance != Some(Attendance::Present) {
        return Err(Error::invalid(
            "Person",
            "is not recorded as present at this meeting, so there is no one to mark out of the \
             room. Record their attendance first.",
        ));
    }
    tx.execute(
        "INSERT INTO out_of_room (item_id, person_id, at) VALUES (?1, ?2, ?3)
         ON CONFLICT DO NOTHING",
        params![item_id, person_id, now],
    )?;
    Ok(meeting_id)
}

/// Who is out of the room, for each item of a meeting (agenda order, then
/// by name).
pub fn out_of_room(db: &Connection, meeting_id: i64) -> Result<Vec<OutOfRoom>> {
    let mut stmt = db.prepare_cached(
        "SELECT o.item_id, o.person_id, p.name, o.at
         FROM out_of_room o JOIN agenda_item i ON i.id = o.item_id
         JOIN person p ON p.id = o.person_id
         WHERE i.meeting_id = ?1 ORDER BY i.position, i.id, p.name COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([meeting_id], |r| {
        Ok(OutOfRoom {
            item_id: r.get(0)?,
            person_id: r.get(1)?,
            name: r.get(2)?,
            at: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

// ---- the item's summary and decisions -----------------------------------------

/// Saves an item's discussion summary and decisions, as typed (trimmed,
/// NFC); returns the item's meeting.
pub(crate) fn save_notes(
    tx: &Transaction<'_>,
    item_id: i64,
    summary: &str,
    decisions: &str,
    now: &str,
) -> Result<i64> {
    let summary = ITEM_SUMMARY.clean(summary)?;
    let decisions = ITEM_DECISIONS.clean(decisions)?;
    let meeting_id = meetings::item(tx, item_id)?.meeting_id;
    tx.execute(
        "UPDATE agenda_item SET summary = ?2, decisions = ?3, updated_at = ?4 WHERE id = ?1",
        params![item_id, summary, decisions, now],
    )?;
    Ok(meeting_id)
}

// ---- the minute-taker's view --------------------------------------------------

/// A meeting item by item: each item's notes, disclosures, who is out of
/// the room, and actions. Six queries, and two small ones per disclosure.
pub fn minute_taking(db: &Connection, meeting_id: i64, today: &str) -> Result<MinuteTaking> {
    let meeting = meetings::get(db, meeting_id)?;
    let mut notes: std::collections::HashMap<i64, (String, String)> = db
        .prepare_cached("SELECT id, summary, decisions FROM agenda_item WHERE meeting_id = ?1")?
        .query_map([meeting_id], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
        .collect::<Result<_, _>>()?;
    let mut disclosures = of_meeting(db, meeting_id)?;
    let mut out = out_of_room(db, meeting_id)?;
    let mut actions = crate::actions::raised_at(db, meeting_id, today)?;
    let items = meetings::agenda(db, meeting_id)?
        .into_iter()
        .map(|item| {
            let (summary, decisions) = notes.remove(&item.id).unwrap_or_default();
            let id = item.id;
            MinuteItem {
                item,
                summary,
                decisions,
                disclosures: take_where(&mut disclosures, |d| d.item_id == id),
                out_of_room: take_where(&mut out, |o| o.item_id == id),
                actions: take_where(&mut actions, |a| a.raised_item_id == Some(id)),
            }
        })
        .collect();
    Ok(MinuteTaking { meeting, items })
}

/// One item of [`minute_taking`].
pub fn minute_item(db: &Connection, item_id: i64, today: &str) -> Result<MinuteItem> {
    let meeting_id = meetings::item(db, item_id)?.meeting_id;
    minute_taking(db, meeting_id, today)?
        .items
        .into_iter()
        .find(|i| i.item.id == item_id)
        .ok_or(Error::NotFound("agenda item"))
}

/// Moves the elements matching `f` out of `v`, keeping their order.
fn take_where<T>(v: &mut Vec<T>, f: impl Fn(&T) -> bool) -> Vec<T> {
    let (taken, kept) = std::mem::take(v).into_iter().partition(|x| f(x));
    *v = kept;
    taken
}

/// Whether any disclosure was recorded under the item (it then stays on
/// the agenda).
pub(crate) fn item_has_disclosures(db: &Connection, item_id: i64) -> Result<bool> {
    Ok(db.query_row(
        "SELECT EXISTS (SELECT 1 FROM disclosure WHERE item_id = ?1)",
        [item_id],
        |r| r.get(0),
    )?)
}

/// Gives the disclosures that carried a case's old reference its new one;
/// returns their ids, for their audit entries.
pub(crate) fn move_case_ref(
    tx: &Transaction<'_>,
    old: &str,
    new: &str,
    now: &str,
) -> Result<Vec<i64>> {
    let moved: Vec<i64> = tx
        .prepare_cached("SELECT id FROM disclosure WHERE case_ref = ?1 COLLATE NOCASE ORDER BY id")?
        .query_map([old], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut stmt =
        tx.prepare_cached("UPDATE disclosure SET case_ref = ?2, updated_at = ?3 WHERE id = ?1")?;
    for id in &moved {
        stmt.execute(params![id, new, now])?;
    }
    Ok(moved)
}
