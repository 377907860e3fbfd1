//! Actions: raised at a meeting (and agenda item), owned by an agency and
//! perhaps a person, due by a date; open, done, or dropped with a reason.
//!
//! **Carried forward.** A meeting's "previous minutes and actions" item shows
//! every action raised at an *earlier* meeting of the same group that was
//! still open on the meeting's date: open now, or closed on or after that
//! date. So an action closed at this meeting shows here (with its update),
//! and is gone from the next; one dropped at this meeting shows its reason
//! here once. Updates made from the meeting are recorded against it; only
//! the meeting the action was raised at, or a later one of its group, takes
//! them.

use serde::{Deserialize, Serialize};

use crate::dates;
use crate::error::{
    Error, Result,
    rusqlite::{Connection, OptionalExtension, Row, Transaction, params},
};
use crate::kinds::ActionStatus;
use crate::meetings::{self, Meeting};
use crate::people;
use crate::text::TextRule;

/// An action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Action {
    /// Record id.
    #[ts(type = "number")]
    pub id: i64,
    /// What is to be done.
    pub text: String,
    /// The agency that owns it.
    #[ts(type = "number")]
    pub owner_agency_id: i64,
    /// That agency's name.
    pub owner_agency_name: String,
    /// The person who owns it, if named.
    #[ts(type = "number | null")]
    pub owner_person_id: Option<i64>,
    /// That person's name.
    pub owner_person_name: Option<String>,
    /// Due date (`YYYY-MM-DD`).
    pub due_date: String,
    /// Open, done or dropped.
    pub status: ActionStatus,
    /// Why it was dropped.
    pub drop_reason: Option<String>,
    /// When it was closed (done or dropped).
    pub closed_on: Option<String>,
    /// The meeting it was closed at, if any.
    #[ts(type = "number | null")]
    pub closed_meeting_id: Option<i64>,
    /// The meeting it was raised at.
    #[ts(type = "number")]
    pub raised_meeting_id: i64,
    /// That meeting's date.
    pub raised_meeting_date: String,
    /// That meeting's group.
    pub group_name: String,
    /// The agenda item it was raised under, if any.
    #[ts(type = "number | null")]
    pub raised_item_id: Option<i64>,
    /// That item's title.
    pub raised_item_title: Option<String>,
    /// Open and past its due date.
    pub overdue: bool,
}

/// The fields of a new action.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ActionInput {
    /// What is to be done.
    pub text: String,
    /// The agency that owns it.
    #[ts(type = "number")]
    pub owner_agency_id: i64,
    /// The person who owns it (from that agency), or none.
    #[ts(type = "number | null")]
    #[serde(default)]
    pub owner_person_id: Option<i64>,
    /// Due date, `YYYY-MM-DD`.
    pub due_date: String,
    /// The meeting it is raised at.
    #[ts(type = "number")]
    pub raised_meeting_id: i64,
    /// The agenda item it is raised under (of that meeting), or none.
    #[ts(type = "number | null")]
    #[serde(default)]
    pub raised_item_id: Option<i64>,
}

/// What can change about an action after it is raised.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ActionEdit {
    /// What is to be done.
    pub text: String,
    /// The agency that owns it.
    #[ts(type = "number")]
    pub owner_agency_id: i64,
    /// The person who owns it, or none.
    #[ts(type = "number | null")]
    #[serde(default)]
    pub owner_person_id: Option<i64>,
    /// Due date, `YYYY-MM-DD`.
    pub due_date: String,
}

/// A change of status, with a note; recorded against a meeting when made
/// from one.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ActionStatusChange {
    /// The action.
    #[ts(type = "number")]
    pub action_id: i64,
    /// The new status.
    pub status: ActionStatus,
    /// A short note of progress; for "dropped", the reason (required).
    #[serde(default)]
    pub note: String,
    /// The meeting the update is made at, or none (from the tracker).
    #[ts(type = "number | null")]
    #[serde(default)]
    pub meeting_id: Option<i64>,
}

/// One recorded update of an action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ActionUpdate {
    /// Record id.
    #[ts(type = "number")]
    pub id: i64,
    /// The status it set.
    pub status: ActionStatus,
    /// The note.
    pub note: String,
    /// The meeting it was made at, if any.
    #[ts(type = "number | null")]
    pub meeting_id: Option<i64>,
    /// When (RFC 3339, UTC).
    pub at: String,
}

/// An action carried forward into a meeting, with the updates made there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct CarriedAction {
    /// The action as it stands now.
    pub action: Action,
    /// Updates recorded at this meeting.
    pub updates_here: Vec<ActionUpdate>,
}

/// Which actions the tracker shows.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ActionFilter {
    /// Only this agency's.
    #[ts(type = "number | null")]
    #[serde(default)]
    pub agency_id: Option<i64>,
    /// Only this group's.
    #[ts(type = "number | null")]
    #[serde(default)]
    pub group_id: Option<i64>,
    /// Only with this status.
    #[serde(default)]
    pub status: Option<ActionStatus>,
    /// Only open ones past their due date.
    #[serde(default)]
    pub overdue_only: bool,
    /// At most this many (default 500, at most 2,000), soonest due first.
    #[ts(type = "number | null")]
    #[serde(default)]
    pub limit: Option<u32>,
}

const TEXT: TextRule = TextRule {
    field: "Action",
    max_chars: 2_000,
    multiline: true,
    required: true,
};
const NOTE: TextRule = TextRule {
    field: "Update",
    max_chars: 2_000,
    multiline: true,
    required: false,
};

/// A checked [`ActionEdit`].
pub(crate) struct CleanEdit {
    pub text: String,
    pub owner_agency_id: i64,
    pub owner_person_id: Option<i64>,
    pub due_date: String,
}

impl ActionEdit {
    pub(crate) fn clean(&self) -> Result<CleanEdit> {
        Ok(CleanEdit {
            text: TEXT.clean(&self.text)?,
            owner_agency_id: self.owner_agency_id,
            owner_person_id: self.owner_person_id,
            due_date: dates::to_text(dates::date("Due date", &self.due_date)?),
        })
    }
}

impl ActionInput {
    pub(crate) fn edit(&self) -> ActionEdit {
        ActionEdit {
            text: self.text.clone(),
            owner_agency_id: self.owner_agency_id,
            owner_person_id: self.owner_person_id,
            due_date: self.due_date.clone(),
        }
    }
}

const SELECT: &str = "SELECT x.id, x.text, x.owner_agency_id, a.name, x.owner_person_id, p.name,
        x.due_date, x.status, x.drop_reason, x.closed_on, x.closed_meeting_id,
        x.raised_meeting_id, m.date, g.name, x.raised_item_id, i.title,
        (x.status = 'open' AND x.due_date < ?1)
    FROM action x
    JOIN agency a ON a.id = x.owner_agency_id
    LEFT JOIN person p ON p.id = x.owner_person_id
    JOIN meeting m ON m.id = x.raised_meeting_id
    JOIN meeting_group g ON g.id = m.group_id
    LEFT JOIN agenda_item i ON i.id = x.raised_item_id";

fn from_row(r: &Row<'_>) -> crate::error::rusqlite::Result<Action> {
    Ok(Action {
        id: r.get(0)?,
        text: r.get(1)?,
        owner_agency_id: r.get(2)?,
        owner_agency_name: r.get(3)?,
        owner_person_id: r.get(4)?,
        owner_person_name: r.get(5)?,
        due_date: r.get(6)?,
        status: r.get(7)?,
        drop_reason: r.get(8)?,
        closed_on: r.get(9)?,
        closed_meeting_id: r.get(10)?,
        raised_meeting_id: r.get(11)?,
        raised_meeting_date: r.get(12)?,
        group_name: r.get(13)?,
        raised_item_id: r.get(14)?,
        raised_item_title: r.get(15)?,
        overdue: r.get(16)?,
    })
}

/// One action.
pub fn get(db: &Connection, id: i64, today: &str) -> Result<Action> {
    db.query_row(
        &format!("{SELECT} WHERE x.id = ?2"),
        params![today, id],
        from_row,
    )
    .optional()?
    .ok_or(Error::NotFound("action"))
}

/// The tracker: actions by due date.
pub fn list(db: &Connection, filter: &ActionFilter, today: &str) -> Result<Vec<Action>> {
    let limit = filter.limit.unwrap_or(500).clamp(1, 2_000);
    let mut stmt = db.prepare_cached(&format!(
        "{SELECT}
         WHERE (?2 IS NULL OR x.owner_agency_id = ?2) AND (?3 IS NULL OR m.group_id = ?3)
           AND (?4 IS NULL OR x.status = ?4)
           AND (NOT ?5 OR (x.status = 'open' AND x.due_date < ?1))
         ORDER BY x.status = 'open' DESC, x.due_date, x.id LIMIT ?6"
    ))?;
    let rows = stmt.query_map(
        params![
            today,
            filter.agency_id,
            filter.group_id,
            filter.status,
            filter.overdue_only,
            limit
        ],
        from_row,
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Actions raised at a meeting.
pub fn raised_at(db: &Connection, meeting_id: i64, today: &str) -> Result<Vec<Action>> {
    let mut stmt = db.prepare_cached(&format!(
        "{SELECT} WHERE x.raised_meeting_id = ?2 ORDER BY x.id"
    ))?;
    let rows = stmt.query_map(params![today, meeting_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Actions carried forward into `meeting` (see the module's description).
pub fn carried_forward(
    db: &Connection,
    meeting: &Meeting,
    today: &str,
) -> Result<Vec<CarriedAction>> {
    let mut stmt = db.prepare_cached(&format!(
        "{SELECT}
         WHERE m.group_id = ?2 AND (m.date, m.start_time, m.id) < (?3, ?4, ?5)
           AND (x.status = 'open' OR x.closed_on >= ?3 OR x.closed_meeting_id = ?5)
         ORDER BY m.date, x.id"
    ))?;
    let actions: Vec<Action> = stmt
        .query_map(
            params![
                today,
                meeting.group_id,
                meeting.date,
                meeting.start_time,
                meeting.id
            ],
            from_row,
        )?
        .collect::<Result<_, _>>()?;
    let mut updates = db.prepare_cached(
        "SELECT id, status, note, meeting_id, at FROM action_update
         WHERE action_id = ?1 AND meeting_id = ?2 ORDER BY id",
    )?;
    actions
        .into_iter()
        .map(|action| {
            let updates_here = updates
                .query_map(params![action.id, meeting.id], update_from_row)?
                .collect::<Result<_, _>>()?;
            Ok(CarriedAction {
                action,
                updates_here,
            })
        })
        .collect()
}

fn update_from_row(r: &Row<'_>) -> crate::error::rusqlite::Result<ActionUpdate> {
    Ok(ActionUpdate {
        id: r.get(0)?,
        status: r.get(1)?,
        note: r.get(2)?,
        meeting_id: r.get(3)?,
        at: r.get(4)?,
    })
}

/// Every update of one action, oldest first.
pub fn updates(db: &Connection, action_id: i64) -> Result<Vec<ActionUpdate>> {
    let mut stmt = db.prepare_cached(
        "SELECT id, status, note, meeting_id, at FROM action_update
         WHERE action_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([action_id], update_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The owner must exist, and a named person must belong to the owning agency.
fn check_owner(tx: &Connection, agency: i64, person: Option<i64>) -> Result<()> {
    people::require_agency(tx, agency, "Owner agency")?;
    if let Some(p) = person {
        let agency_of: Option<i64> = tx
            .query_row("SELECT agency_id FROM person WHERE id = ?1", [p], |r| {
                r.get(0)
            })
            .optional()?;
        match agency_of {
            None => people::require(tx, p, "Owner")?,
            Some(a) if a != agency => {
                return Err(Error::invalid(
                    "Owner",
                    "is not from the owner agency. Choose someone from that agency, or change \
                     the agency.",
                ));
            }
            Some(_) => {}
        }
    }
    Ok(())
}

pub(crate) fn insert(tx: &Transaction<'_>, input: &ActionInput, now: &str) -> Result<i64> {
    let e = input.edit().clean()?;
    meetings::get(tx, input.raised_meeting_id)?;
    if let Some(item) = input.raised_item_id {
        let it = meetings::item(tx, item)?;
        if it.meeting_id != input.raised_meeting_id {
            return Err(Error::invalid(
                "Agenda item",
                "belongs to another meeting. Choose an item of this meeting.",
            ));
        }
    }
    check_owner(tx, e.owner_agency_id, e.owner_person_id)?;
    tx.execute(
        "INSERT INTO action (text, owner_agency_id, owner_person_id, due_date, status,
                             raised_meeting_id, raised_item_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, 'open', ?5, ?6, ?7, ?7)",
        params![
            e.text,
            e.owner_agency_id,
            e.owner_person_id,
            e.due_date,
            input.raised_meeting_id,
            input.raised_item_id,
            now
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

pub(crate) fn update(tx: &Transaction<'_>, id: i64, e: &CleanEdit, now: &str) -> Result<()> {
    check_owner(tx, e.owner_agency_id, e.owner_person_id)?;
    let n = tx.execute(
        "UPDATE action SET text = ?2, owner_agency_id = ?3, owner_person_id = ?4, due_date = ?5,
             updated_at = ?6 WHERE id = ?1",
        params![
            id,
            e.text,
            e.owner_agency_id,
            e.owner_person_id,
            e.due_date,
            now
        ],
    )?;
    if n == 0 {
        return Err(Error::NotFound("action"));
    }
    Ok(())
}

/// An update recorded at a meeting belongs to the meeting the action was
/// raised at or a later one of the same group: only there does the
/// "previous minutes and actions" item show it. At any other meeting it
/// would show nowhere, and its date (the action's `closed_on`) would move
/// the action in or out of the wrong meetings' carry-forward.
fn check_update_meeting(tx: &Connection, action_id: i64, meeting_id: i64) -> Result<()> {
    let at = meetings::get(tx, meeting_id)?;
    let raised: Meeting = meetings::get(
        tx,
        tx.query_row(
            "SELECT raised_meeting_id FROM action WHERE id = ?1",
            [action_id],
            |r| r.get(0),
        )?,
    )?;
    let later_or_same =
        (&at.date, &at.start_time, at.id) >= (&raised.date, &raised.start_time, raised.id);
    if at.group_id != raised.group_id || !later_or_same {
        return Err(Error::invalid(
            "Meeting",
            "is not the meeting this action was raised at, nor a later meeting of its group. \
             Record the update at one of those meetings, or from the actions tracker.",
        ));
    }
    Ok(())
}

pub(crate) fn set_status(
    tx: &Transaction<'_>,
    change: &ActionStatusChange,
    today: &str,
    now: &str,
) -> Result<()> {
    let note = NOTE.clean(&change.note)?;
    if change.status == ActionStatus::Dropped && note.is_empty() {
        return Err(Error::invalid(
            "Reason for dropping",
            "must be given: say briefly why the action is no longer needed.",
        ));
    }
    let current: Option<ActionStatus> = tx
        .query_row(
            "SELECT status FROM action WHERE id = ?1",
            [change.action_id],
            |r| r.get(0),
        )
        .optional()?;
    let Some(current) = current else {
        return Err(Error::NotFound("action"));
    };
    if current == change.status && note.is_empty() {
        return Err(Error::invalid(
            "Update",
            "is empty and the status is unchanged. Write a note of progress, or choose a new status.",
        ));
    }
    // Closed on the meeting's date when closed at a meeting, else today.
    let closed_on = match (change.status, change.meeting_id) {
        (ActionStatus::Open, _) => None,
        (_, Some(m)) => Some(meetings::get(tx, m)?.date),
        (_, None) => Some(today.to_owned()),
    };
    if let Some(m) = change.meeting_id {
        check_update_meeting(tx, change.action_id, m)?;
    }
    let closed_meeting = if change.status == ActionStatus::Open {
        None
    } else {
        change.meeting_id
    };
    let reason = (change.status == ActionStatus::Dropped).then_some(note.as_str());
    if current != change.status {
        tx.execute(
            "UPDATE action SET status = ?2, drop_reason = ?3, closed_on = ?4,
                 closed_meeting_id = ?5, updated_at = ?6 WHERE id = ?1",
            params![
                change.action_id,
                change.status,
                reason,
                closed_on,
                closed_meeting,
                now
            ],
        )?;
    }
    tx.execute(
        "INSERT INTO action_update (action_id, meeting_id, status, note, at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            change.action_id,
            change.meeting_id,
            change.status,
            note,
            now
        ],
    )?;
    Ok(())
}
