//! Groups: a standing tasking group or a case-conference series, so that
//! each meeting links to the one before.

use serde::{Deserialize, Serialize};

use crate::error::{
    Error, Result,
    rusqlite::{Connection, OptionalExtension, Row, Transaction, params},
};
use crate::kinds::MeetingKind;
use crate::text::TextRule;

/// A group of meetings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Group {
    /// Record id.
    #[ts(type = "number")]
    pub id: i64,
    /// E.g. "North Shropshire Bronze Tasking Group".
    pub name: String,
    /// The kind of meeting the group usually holds.
    pub default_kind: MeetingKind,
    /// Whether the group still meets.
    pub active: bool,
    /// Meetings held or planned.
    #[ts(type = "number")]
    pub meetings: i64,
}

/// The fields a chair types for a group.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct GroupInput {
    /// The group's name.
    pub name: String,
    /// The kind of meeting it usually holds.
    pub default_kind: MeetingKind,
}

const NAME: TextRule = TextRule::name("Group name", 120);

impl GroupInput {
    pub(crate) fn clean(&self) -> Result<GroupInput> {
        Ok(GroupInput {
            name: NAME.clean(&self.name)?,
            default_kind: self.default_kind,
        })
    }
}

const SELECT: &str = "SELECT g.id, g.name, g.default_kind, g.active,
        (SELECT count(*) FROM meeting m WHERE m.group_id = g.id)
    FROM meeting_group g";

fn from_row(r: &Row<'_>) -> crate::error::rusqlite::Result<Group> {
    Ok(Group {
        id: r.get(0)?,
        name: r.get(1)?,
        default_kind: r.get(2)?,
        active: r.get(3)?,
        meetings: r.get(4)?,
    })
}

/// Groups by name; inactive ones only when asked.
pub fn list(db: &Connection, include_inactive: bool) -> Result<Vec<Group>> {
    let mut stmt = db.prepare_cached(&format!(
        "{SELECT} WHERE g.active = 1 OR ?1 ORDER BY g.name COLLATE NOCASE"
    ))?;
    let rows = stmt.query_map([include_inactive], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One group.
pub fn get(db: &Connection, id: i64) -> Result<Group> {
    db.query_row(&format!("{SELECT} WHERE g.id = ?1"), [id], from_row)
        .optional()?
        .ok_or(Error::NotFound("group"))
}

fn refuse_duplicate(tx: &Transaction<'_>, name: &str, except: Option<i64>) -> Result<()> {
    let clash: Option<i64> = tx
        .query_row(
            "SELECT id FROM meeting_group WHERE name = ?1 COLLATE NOCASE AND id IS NOT ?2",
            params![name, except],
            |r| r.get(0),
        )
        .optional()?;
    match clash {
        Some(_) => Err(Error::Conflict(
            "A group with this name already exists. Use that one, or choose another name.".into(),
        )),
        None => Ok(()),
    }
}

pub(crate) fn insert(tx: &Transaction<'_>, input: &GroupInput, now: &str) -> Result<i64> {
    refuse_duplicate(tx, &input.name, None)?;
    tx.execute(
        "INSERT INTO meeting_group (name, default_kind, active, created_at, updated_at)
         VALUES (?1, ?2, 1, ?3, ?3)",
        params![input.name, input.default_kind, now],
    )?;
    Ok(tx.last_insert_rowid())
}

pub(crate) fn update(tx: &Transaction<'_>, id: i64, input: &GroupInput, now: &str) -> Result<()> {
    refuse_duplicate(tx, &input.name, Some(id))?;
    let n = tx.execute(
        "UPDATE meeting_group SET name = ?2, default_kind = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, input.name, input.default_kind, now],
    )?;
    if n == 0 {
        return Err(Error::NotFound("group"));
    }
    Ok(())
}

pub(crate) fn set_active(tx: &Transaction<'_>, id: i64, active: bool, now: &str) -> Result<()> {
    let n = tx.execute(
        "UPDATE meeting_group SET active = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, active, now],
    )?;
    if n == 0 {
        return Err(Error::NotFound("group"));
    }
    Ok(())
}
