//! Cases: the subjects meetings discuss — an individual, a household, a
//! location, a group — each keyed by the case reference that agenda items
//! carry (`NB-2026-014`), with a short de-personalised label and, only where
//! needed, the subject's personal details (PERSONAL DATA).
//!
//! # How items link to cases
//!
//! An agenda item is about the case whose reference it carries. The link is
//! made when records are read, by reference (ignoring ASCII case; both are
//! stored in capitals): an item may carry a reference before its case is
//! recorded, and links once the case is; there is no second copy of the
//! link to fall out of step. Changing a case's reference moves the items
//! that carried the old one to the new one in the same save (each with its
//! own `agenda_item.update` audit entry), so they stay with their case; the
//! case's disclosures move likewise (`disclosure.update`).
//!
//! # Aliases
//!
//! A case's aliases are a JSON array of strings in one column, not a child
//! table: they are personal data read and written only with their case, as
//! a whole, never searched or joined (the search index holds a case's
//! reference and label only), so one row per case keeps each save one
//! changed row and an edit one `UPDATE`. The table's `CHECK` keeps the
//! column an array; [`CaseInput`]'s rule keeps each alias a clean name.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dates;
use crate::error::{
    Error, Result,
    rusqlite::{Connection, OptionalExtension, Row, Transaction, params},
};
use crate::kinds::{AgendaItemKind, CaseKind, Descriptor, Marking, MeetingStatus};
use crate::meetings::{self, CASE_REF_FIELD};
use crate::text::TextRule;

/// A case, with its personal details: what its page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Case {
    /// Record id.
    #[ts(type = "number")]
    pub id: i64,
    /// The case reference, in capitals, unique in the vault.
    pub case_ref: String,
    /// Individual, household, location or group.
    pub kind: CaseKind,
    /// A short de-personalised label, e.g. "Adult male, Tanner's Row".
    pub label: String,
    /// PERSONAL DATA: the subject's name, if recorded.
    pub subject_name: Option<String>,
    /// PERSONAL DATA: other names the subject is known by.
    pub aliases: Vec<String>,
    /// PERSONAL DATA: date of birth (`YYYY-MM-DD`), if recorded.
    pub date_of_birth: Option<String>,
    /// PERSONAL DATA: address, if recorded (may have several lines).
    pub address: Option<String>,
    /// R6: the subject holds or has applied for a gender recognition
    /// certificate (Gender Recognition Act 2004 s22).
    pub grc_flag: bool,
    /// With the flag: when it was recorded (`YYYY-MM-DD`).
    pub grc_flag_date: Option<String>,
    /// With the flag: where the information came from.
    pub grc_flag_source: Option<String>,
    /// Whether any personal detail (name, aliases, date of birth, address,
    /// the flag) is recorded: the case is then PERSONAL DATA.
    pub personal_data: bool,
    /// When added (RFC 3339, UTC).
    pub created_at: String,
    /// When last changed (RFC 3339, UTC).
    pub updated_at: String,
}

/// The fields of a case, as the chair or minute-taker types them.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct CaseInput {
    /// The case reference (the agenda items' rule; required here).
    pub case_ref: String,
    /// What the case is about.
    pub kind: CaseKind,
    /// A short de-personalised label.
    pub label: String,
    /// The subject's name, or empty.
    #[serde(default)]
    pub subject_name: Option<String>,
    /// Other names, each one line; empty ones are dropped, and repeats.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Date of birth `YYYY-MM-DD` (individuals only), or empty.
    #[serde(default)]
    pub date_of_birth: Option<String>,
    /// Address, or empty.
    #[serde(default)]
    pub address: Option<String>,
    /// The gender recognition flag (individuals and households only).
    #[serde(default)]
    pub grc_flag: bool,
    /// With the flag: when it was recorded, `YYYY-MM-DD`, not in the future.
    #[serde(default)]
    pub grc_flag_date: Option<String>,
    /// With the flag: where the information came from.
    #[serde(default)]
    pub grc_flag_source: Option<String>,
}

/// A case as lists show it: no personal details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct CaseSummary {
    /// Record id.
    #[ts(type = "number")]
    pub id: i64,
    /// The case reference.
    pub case_ref: String,
    /// Individual, household, location or group.
    pub kind: CaseKind,
    /// The de-personalised label.
    pub label: String,
    /// Whether personal details are recorded (see [`Case::personal_data`]).
    pub personal_data: bool,
    /// Agenda items about it, at meetings of any status.
    #[ts(type = "number")]
    pub items: i64,
    /// The date of the newest meeting with an item about it, if any.
    pub last_meeting_date: Option<String>,
}

/// Which cases a list shows.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct CaseFilter {
    /// Only of this kind.
    #[serde(default)]
    pub kind: Option<CaseKind>,
    /// Only those whose reference or label contains this text (ignoring
    /// ASCII case).
    #[serde(default)]
    pub text: Option<String>,
    /// At most this many (default 200, at most 1,000), by reference.
    #[ts(type = "number | null")]
    #[serde(default)]
    pub limit: Option<u32>,
}

/// One agenda item about a case, with where it was discussed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct CaseItem {
    /// The agenda item.
    #[ts(type = "number")]
    pub item_id: i64,
    /// Its title.
    pub title: String,
    /// Its type.
    pub kind: AgendaItemKind,
    /// Its place on the agenda.
    #[ts(type = "number")]
    pub position: i64,
    /// Its marking.
    pub marking: Marking,
    /// Its descriptor.
    pub descriptor: Option<Descriptor>,
    /// Its meeting.
    #[ts(type = "number")]
    pub meeting_id: i64,
    /// The meeting's date (`YYYY-MM-DD`).
    pub meeting_date: String,
    /// The meeting's start time (`HH:MM`).
    pub meeting_start_time: String,
    /// The meeting's status.
    pub meeting_status: MeetingStatus,
    /// The meeting's group.
    #[ts(type = "number")]
    pub group_id: i64,
    /// The group's name.
    pub group_name: String,
}

/// Everything a case's page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct CasePage {
    /// The case, with its personal details.
    pub case: Case,
    /// Every agenda item about it, across meetings and groups: newest
    /// meeting first (date, time, id), then by place on the agenda.
    pub items: Vec<CaseItem>,
    /// Every disclosure about it (by its case reference), withdrawn ones
    /// included: newest meeting first, then newest first.
    pub disclosures: Vec<crate::disclosures::Disclosure>,
}

/// Most aliases one case may have.
pub const MAX_ALIASES: usize = 20;

const LABEL: TextRule = TextRule::name("Label", 120);
const SUBJECT_NAME: TextRule = TextRule::name("Subject's name", 120);
const ALIAS: TextRule = TextRule::name("Alias", 120);
const ADDRESS: TextRule = TextRule {
    field: "Address",
    max_chars: 300,
    multiline: true,
    required: false,
};
const GRC_FLAG_FIELD: &str = "Gender recognition flag";
const GRC_DATE_FIELD: &str = "Date of the flag";
const GRC_SOURCE: TextRule = TextRule::name("Source of the flag", 200);
const DOB_FIELD: &str = "Date of birth";
const FILTER: TextRule = TextRule {
    field: "Filter",
    max_chars: 200,
    multiline: false,
    required: false,
};

/// A checked [`CaseInput`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CleanCase {
    pub case_ref: String,
    pub kind: CaseKind,
    pub label: String,
    pub subject_name: Option<String>,
    pub aliases: Vec<String>,
    pub date_of_birth: Option<String>,
    pub address: Option<String>,
    pub grc_flag: bool,
    pub grc_flag_date: Option<String>,
    pub grc_flag_source: Option<String>,
}

/// An optional text field: empty or only white space means none.
fn optional(rule: TextRule, input: Option<&str>) -> Result<Option<String>> {
    let rule = TextRule {
        required: false,
        ..rule
    };
    let text = rule.clean(input.unwrap_or(""))?;
    Ok((!text.is_empty()).then_some(text))
}

impl CaseInput {
    /// Checks and normalises the fields; `today` (Europe/London) bounds the
    /// dates.
    pub(crate) fn clean(&self, today: NaiveDate) -> Result<CleanCase> {
        let case_ref = meetings::case_ref(Some(&self.case_ref))?.ok_or_else(|| {
            Error::invalid(CASE_REF_FIELD, "must not be empty. Please fill it in.")
        })?;
        let label = LABEL.clean(&self.label)?;
        let subject_name = optional(SUBJECT_NAME, self.subject_name.as_deref())?;
        let mut aliases: Vec<String> = Vec::new();
        for a in &self.aliases {
            let a = optional(ALIAS, Some(a))?;
            if let Some(a) = a
                && !aliases.iter().any(|b| b.to_lowercase() == a.to_lowercase())
            {
                aliases.push(a);
            }
        }
        if aliases.len() > MAX_ALIASES {
            return Err(Error::invalid(
                "Aliases",
                format!("are too many (at most {MAX_ALIASES}). Keep the ones that matter."),
            ));
        }
        let date_of_birth = match self.date_of_birth.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => Some(dates::date_of_birth(DOB_FIELD, text, today)?),
        };
        if date_of_birth.is_some() && self.kind != CaseKind::Individual {
            return Err(Error::invalid(
                DOB_FIELD,
                "only applies to a case about an individual. Clear it, or change the kind to \
                 Individual.",
            ));
        }
        let address = optional(ADDRESS, self.address.as_deref())?;
        let flag_date = match self.grc_flag_date.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => Some(dates::past_date(GRC_DATE_FIELD, text, today)?),
        };
        let flag_source = optional(GRC_SOURCE, self.grc_flag_source.as_deref())?;
        if self.grc_flag {
            if !matches!(self.kind, CaseKind::Individual | CaseKind::Household) {
                return Err(Error::invalid(
                    GRC_FLAG_FIELD,
                    "only applies to a case about a person (an individual or a household). \
                     Clear it, or change the kind.",
                ));
            }
            if flag_date.is_none() {
                return Err(Error::invalid(
                    GRC_DATE_FIELD,
                    "must be given when the gender recognition flag is set. Enter the date it \
                     was recorded.",
                ));
            }
            if flag_source.is_none() {
                return Err(Error::invalid(
                    GRC_SOURCE.field,
                    "must be given when the gender recognition flag is set. Say where the \
                     information came from.",
                ));
            }
        } else if flag_date.is_some() || flag_source.is_some() {
            let field = if flag_date.is_some() {
                GRC_DATE_FIELD
            } else {
                GRC_SOURCE.field
            };
            return Err(Error::invalid(
                field,
                "only applies when the gender recognition flag is set. Clear it, or set the flag.",
            ));
        }
        Ok(CleanCase {
            case_ref,
            kind: self.kind,
            label,
            subject_name,
            aliases,
            date_of_birth: date_of_birth.map(dates::to_text),
            address,
            grc_flag: self.grc_flag,
            grc_flag_date: flag_date.map(dates::to_text),
            grc_flag_source: flag_source,
        })
    }
}

/// Whether a case records any personal detail: the one place that says
/// what makes a case PERSONAL DATA, for its page and the list alike.
const PERSONAL_DATA: &str = "(subject_name IS NOT NULL OR aliases != '[]'
    OR date_of_birth IS NOT NULL OR address IS NOT NULL OR grc_flag = 1)";

const COLUMNS: &str = "id, case_ref, kind, label, subject_name, aliases, date_of_birth, address,
    grc_flag, grc_flag_date, grc_flag_source, created_at, updated_at";

fn from_row(r: &Row<'_>) -> crate::error::rusqlite::Result<Case> {
    let aliases: String = r.get(5)?;
    let aliases: Vec<String> = serde_json::from_str(&aliases).map_err(|e| {
        crate::error::rusqlite::Error::FromSqlConversionFailure(
            5,
            crate::error::rusqlite::types::Type::Text,
            Box::new(e),
        )
    })?;
    Ok(Case {
        id: r.get(0)?,
        case_ref: r.get(1)?,
        kind: r.get(2)?,
        label: r.get(3)?,
        subject_name: r.get(4)?,
        aliases,
        date_of_birth: r.get(6)?,
        address: r.get(7)?,
        grc_flag: r.get(8)?,
        grc_flag_date: r.get(9)?,
        grc_flag_source: r.get(10)?,
        created_at: r.get(11)?,
        updated_at: r.get(12)?,
        personal_data: r.get(13)?,
    })
}

/// One case by id.
pub fn get(db: &Connection, id: i64) -> Result<Case> {
    db.query_row(
        &format!("SELECT {COLUMNS}, {PERSONAL_DATA} FROM case_record WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or(Error::NotFound("case"))
}

/// The case with this reference (ignoring ASCII case), if recorded.
pub fn by_ref(db: &Connection, case_ref: &str) -> Result<Option<Case>> {
    Ok(db
        .query_row(
            &format!("SELECT {COLUMNS}, {PERSONAL_DATA} FROM case_record WHERE case_ref = ?1"),
            [case_ref],
            from_row,
        )
        .optional()?)
}

/// A case's page: the case and every agenda item about it.
pub fn page(db: &Connection, id: i64) -> Result<CasePage> {
    let case = get(db, id)?;
    Ok(CasePage {
        items: items(db, &case.case_ref)?,
        disclosures: crate::disclosures::store::of_case(db, &case.case_ref)?,
        case,
    })
}

/// The agenda items carrying `case_ref`, newest meeting first.
pub fn items(db: &Connection, case_ref: &str) -> Result<Vec<CaseItem>> {
    let mut stmt = db.prepare_cached(
        "SELECT i.id, i.title, i.kind, i.position, i.marking, i.descriptor, m.id, m.date,
                m.start_time, m.status, g.id, g.name
         FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id
         JOIN meeting_group g ON g.id = m.group_id
         WHERE i.case_ref = ?1 COLLATE NOCASE
         ORDER BY m.date DESC, m.start_time DESC, m.id DESC, i.position, i.id",
    )?;
    let rows = stmt.query_map([case_ref], |r| {
        Ok(CaseItem {
            item_id: r.get(0)?,
            title: r.get(1)?,
            kind: r.get(2)?,
            position: r.get(3)?,
            marking: r.get(4)?,
            descriptor: r.get(5)?,
            meeting_id: r.get(6)?,
            meeting_date: r.get(7)?,
            meeting_start_time: r.get(8)?,
            meeting_status: r.get(9)?,
            group_id: r.get(10)?,
            group_name: r.get(11)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Cases by reference, without personal details.
pub fn list(db: &Connection, filter: &CaseFilter) -> Result<Vec<CaseSummary>> {
    let text = optional(FILTER, filter.text.as_deref())?.map(|t| {
        let escaped = t
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        format!("%{escaped}%")
    });
    let limit = filter.limit.unwrap_or(200).clamp(1, 1_000);
    let mut stmt = db.prepare_cached(&format!(
        "SELECT c.id, c.case_ref, c.kind, c.label, {PERSONAL_DATA},
                (SELECT count(*) FROM agenda_item i WHERE i.case_ref = c.case_ref COLLATE NOCASE),
                (SELECT max(m.date) FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id
                 WHERE i.case_ref = c.case_ref COLLATE NOCASE)
         FROM case_record c
         WHERE (?1 IS NULL OR c.kind = ?1)
           AND (?2 IS NULL OR c.case_ref LIKE ?2 ESCAPE '\\' OR c.label LIKE ?2 ESCAPE '\\')
         ORDER BY c.case_ref LIMIT ?3"
    ))?;
    let rows = stmt.query_map(params![filter.kind, text, limit], |r| {
        Ok(CaseSummary {
            id: r.get(0)?,
            case_ref: r.get(1)?,
            kind: r.get(2)?,
            label: r.get(3)?,
            personal_data: r.get(4)?,
            items: r.get(5)?,
            last_meeting_date: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn refuse_duplicate(tx: &Transaction<'_>, case_ref: &str, except: Option<i64>) -> Result<()> {
    let clash: Option<i64> = tx
        .query_row(
            "SELECT id FROM case_record WHERE case_ref = ?1 AND id IS NOT ?2",
            params![case_ref, except],
            |r| r.get(0),
        )
        .optional()?;
    match clash {
        Some(_) => Err(Error::Conflict(
            "A case with this reference is already recorded. Open that one, or use another \
             reference."
                .into(),
        )),
        None => Ok(()),
    }
}

fn aliases_json(aliases: &[String]) -> Result<String> {
    serde_json::to_string(aliases).map_err(|_| Error::Internal("aliases".into()))
}

/// Checks `input` (its dates bounded by `today`) and inserts the case, as
/// [`crate::Casebook::add_case`] does: for the generator, which writes its
/// cases inside [`crate::Casebook::change_raw`].
#[doc(hidden)]
pub fn add(tx: &Transaction<'_>, input: &CaseInput, today: NaiveDate, now: &str) -> Result<i64> {
    insert(tx, &input.clean(today)?, now)
}

pub(crate) fn insert(tx: &Transaction<'_>, c: &CleanCase, now: &str) -> Result<i64> {
    refuse_duplicate(tx, &c.case_ref, None)?;
    tx.execute(
        "INSERT INTO case_record (case_ref, kind, label, subject_name, aliases, date_of_birth,
                                  address, grc_flag, grc_flag_date, grc_flag_source,
                                  created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        params![
            c.case_ref,
            c.kind,
            c.label,
            c.subject_name,
            aliases_json(&c.aliases)?,
            c.date_of_birth,
            c.address,
            c.grc_flag,
            c.grc_flag_date,
            c.grc_flag_source,
            now
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// What a change of a case's reference moved with it: agenda items and
/// disclosures, by id (for their audit entries).
#[derive(Debug, Default)]
pub(crate) struct Moved {
    pub items: Vec<i64>,
    pub disclosures: Vec<i64>,
}

/// Replaces a case's fields. When its reference changes, the agenda items
/// and disclosures that carried the old one are given the new one; their
/// ids are returned, for their audit entries.
pub(crate) fn update(tx: &Transaction<'_>, id: i64, c: &CleanCase, now: &str) -> Result<Moved> {
    let old = get(tx, id)?;
    refuse_duplicate(tx, &c.case_ref, Some(id))?;
    tx.execute(
        "UPDATE case_record SET case_ref = ?2, kind = ?3, label = ?4, subject_name = ?5,
             aliases = ?6, date_of_birth = ?7, address = ?8, grc_flag = ?9, grc_flag_date = ?10,
             grc_flag_source = ?11, updated_at = ?12
         WHERE id = ?1",
        params![
            id,
            c.case_ref,
            c.kind,
            c.label,
            c.subject_name,
            aliases_json(&c.aliases)?,
            c.date_of_birth,
            c.address,
            c.grc_flag,
            c.grc_flag_date,
            c.grc_flag_source,
            now
        ],
    )?;
    if old.case_ref == c.case_ref {
        return Ok(Moved::default());
    }
    let moved: Vec<i64> = {
        let mut stmt = tx.prepare_cached(
            "SELECT id FROM agenda_item WHERE case_ref = ?1 COLLATE NOCASE ORDER BY id",
        )?;
        stmt.query_map([&old.case_ref], |r| r.get(0))?
            .collect::<Result<_, _>>()?
    };
    let mut stmt =
        tx.prepare_cached("UPDATE agenda_item SET case_ref = ?2, updated_at = ?3 WHERE id = ?1")?;
    for item in &moved {
        stmt.execute(params![item, c.case_ref, now])?;
    }
    Ok(Moved {
        items: moved,
        disclosures: crate::disclosures::store::move_case_ref(tx, &old.case_ref, &c.case_ref, now)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    fn input() -> CaseInput {
        CaseInput {
            case_ref: " nb-2026-014 ".into(),
            kind: CaseKind::Individual,
            label: "Adult male, Tanner's Row".into(),
            subject_name: None,
            aliases: Vec::new(),
            date_of_birth: None,
            address: None,
            grc_flag: false,
            grc_flag_date: None,
            grc_flag_source: None,
        }
    }

    #[test]
    fn a_plain_case_needs_only_its_reference_kind_and_label() {
        let c = input().clean(today()).unwrap();
        assert_eq!(c.case_ref, "NB-2026-014");
        assert_eq!(c.label, "Adult male, Tanner's Row");
        assert_eq!(c.subject_name, None);
        assert!(c.aliases.is_empty());
    }

    #[test]
    fn personal_details_are_cleaned() {
        let c = CaseInput {
            subject_name: Some("  Corwin Ashdale ".into()),
            aliases: vec![
                "Cory".into(),
                "  ".into(),
                "CORY".into(),
                "Corwin Ash".into(),
            ],
            date_of_birth: Some(" 1991-04-17 ".into()),
            address: Some("Flat 3\n12 Tanner's Row".into()),
            grc_flag: true,
            grc_flag_date: Some("2026-10-02".into()),
            grc_flag_source: Some("Told to the council by the subject".into()),
            ..input()
        }
        .clean(today())
        .unwrap();
        assert_eq!(c.subject_name.as_deref(), Some("Corwin Ashdale"));
        assert_eq!(c.aliases, ["Cory", "Corwin Ash"]);
        assert_eq!(c.date_of_birth.as_deref(), Some("1991-04-17"));
        assert_eq!(c.address.as_deref(), Some("Flat 3\n12 Tanner's Row"));
        assert!(c.grc_flag);
        // Empty optional fields are none.
        let c = CaseInput {
            subject_name: Some(" ".into()),
            date_of_birth: Some("".into()),
            address: Some("\n".into()),
            grc_flag_date: Some(" ".into()),
            grc_flag_source: Some("".into()),
            ..input()
        }
        .clean(today())
        .unwrap();
        assert_eq!(
            (c.subject_name, c.date_of_birth, c.address),
            (None, None, None)
        );
    }

    #[test]
    fn refusals_name_the_field_and_say_what_to_do() {
        let flagged = || CaseInput {
            grc_flag: true,
            grc_flag_date: Some("2026-10-02".into()),
            grc_flag_source: Some("Probation record".into()),
            ..input()
        };
        let cases: Vec<(CaseInput, &str)> = vec![
            (
                CaseInput {
                    case_ref: " ".into(),
                    ..input()
                },
                "Case reference: must not be empty",
            ),
            (
                CaseInput {
                    case_ref: "Corwin Ashdale".into(),
                    ..input()
                },
                "Case reference: must be a short code",
            ),
            (
                CaseInput {
                    label: "".into(),
                    ..input()
                },
                "Label: must not be empty",
            ),
            (
                CaseInput {
                    label: "a\nb".into(),
                    ..input()
                },
                "Label: must be on one line",
            ),
            (
                CaseInput {
                    subject_name: Some("x".repeat(121)),
                    ..input()
                },
                "Subject's name: is too long",
            ),
            (
                CaseInput {
                    aliases: vec!["ok".into(), "a\u{202E}b".into()],
                    ..input()
                },
                "Alias: contains an invisible text-direction character",
            ),
            (
                CaseInput {
                    aliases: (0..21).map(|n| format!("Alias {n}")).collect(),
                    ..input()
                },
                "Aliases: are too many (at most 20)",
            ),
            (
                CaseInput {
                    date_of_birth: Some("2026-11-26".into()),
                    ..input()
                },
                "Date of birth: is in the future",
            ),
            (
                CaseInput {
                    date_of_birth: Some("1985-02-29".into()),
                    ..input()
                },
                "Date of birth: is not a date that exists",
            ),
            (
                CaseInput {
                    kind: CaseKind::Location,
                    date_of_birth: Some("1985-02-28".into()),
                    ..input()
                },
                "Date of birth: only applies to a case about an individual",
            ),
            (
                CaseInput {
                    kind: CaseKind::Location,
                    ..flagged()
                },
                "Gender recognition flag: only applies to a case about a person",
            ),
            (
                CaseInput {
                    grc_flag_date: None,
                    ..flagged()
                },
                "Date of the flag: must be given when the gender recognition flag is set",
            ),
            (
                CaseInput {
                    grc_flag_source: Some("  ".into()),
                    ..flagged()
                },
                "Source of the flag: must be given when the gender recognition flag is set",
            ),
            (
                CaseInput {
                    grc_flag_date: Some("2026-11-26".into()),
                    ..flagged()
                },
                "Date of the flag: is in the future",
            ),
            (
                CaseInput {
                    grc_flag: false,
                    ..flagged()
                },
                "Date of the flag: only applies when the gender recognition flag is set",
            ),
            (
                CaseInput {
                    grc_flag: false,
                    grc_flag_date: None,
                    ..flagged()
                },
                "Source of the flag: only applies when the gender recognition flag is set",
            ),
        ];
        for (case, want) in cases {
            let err = case.clean(today()).unwrap_err().to_string();
            assert!(err.starts_with(want), "{want:?}: {err}");
        }
        // A household may carry the flag; a group may not.
        assert!(
            CaseInput {
                kind: CaseKind::Household,
                ..flagged()
            }
            .clean(today())
            .is_ok()
        );
        assert!(
            CaseInput {
                kind: CaseKind::Group,
                ..flagged()
            }
            .clean(today())
            .is_err()
        );
    }
}
