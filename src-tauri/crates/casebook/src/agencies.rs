//! The partner directory: the agencies party to the Arrangement, each with
//! its Designated Person's *role* (never a person's contact details).

use serde::{Deserialize, Serialize};

use crate::error::{
    Error, Result,
    rusqlite::{Connection, OptionalExtension, Row, Transaction, params},
};
use crate::kinds::AgencyKind;
use crate::text::TextRule;

/// A partner agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Agency {
    /// Record id.
    #[ts(type = "number")]
    pub id: i64,
    /// The agency's name, e.g. "Shropshire Council".
    pub name: String,
    /// The role of the agency's Designated Person, e.g. "Data Protection Officer".
    pub designated_person_role: String,
    /// What kind of agency it is (police, local authority, ...): rules such
    /// as R4 ask it.
    pub kind: AgencyKind,
    /// Whether the agency is a current partner.
    pub active: bool,
    /// The age public key (`age1…`) of the agency's secure inbox, if known:
    /// copies of minutes issued to its people are encrypted to it.
    pub inbox_key: Option<String>,
    /// When added (RFC 3339, UTC).
    pub created_at: String,
    /// When last changed (RFC 3339, UTC).
    pub updated_at: String,
}

/// The fields a chair types for an agency.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct AgencyInput {
    /// The agency's name.
    pub name: String,
    /// The role of its Designated Person.
    pub designated_person_role: String,
    /// What kind of agency it is; required, so that nobody's police force
    /// is recorded as "other" by default.
    pub kind: AgencyKind,
}

const NAME: TextRule = TextRule::name("Agency name", 120);
const ROLE: TextRule = TextRule::name("Designated Person (role)", 120);

impl AgencyInput {
    /// Checks and normalises the fields.
    pub(crate) fn clean(&self) -> Result<AgencyInput> {
        Ok(AgencyInput {
            name: NAME.clean(&self.name)?,
            designated_person_role: ROLE.clean(&self.designated_person_role)?,
            kind: self.kind,
        })
    }
}

/// A partner of the Arrangement's Appendix A as seeded in a new vault.
#[derive(Debug, Clone, Copy)]
pub struct Partner {
    /// Its name, as Appendix A gives it.
    pub name: &'static str,
    /// Its Designated Person's role, from Appendix B.
    pub role: &'static str,
    /// What kind of agency it is.
    pub kind: AgencyKind,
}

/// The partners of the Arrangement's Appendix A, with their Designated
/// Person's role from Appendix B and their kind. Roles only: Appendix B's
/// names and contact details are deliberately not copied. Migration 4 sets
/// these kinds on vaults made before agencies had one, matching the names.
pub const APPENDIX_A: &[Partner] = &[
    Partner {
        name: "Shropshire Council",
        role: "Data Protection Officer",
        kind: AgencyKind::LocalAuthority,
    },
    Partner {
        name: "West Mercia Police (Shropshire Division)",
        role: "Local Policing Commander Superintendent",
        kind: AgencyKind::Police,
    },
    Partner {
        name: "Shropshire Clinical Commissioning Group",
        role: "Executive Director of Quality",
        kind: AgencyKind::Health,
    },
    Partner {
        name: "National Probation Service",
        role: "Head of West Mercia Cluster",
        kind: AgencyKind::Probation,
    },
    Partner {
        name: "Warwickshire and West Mercia CRC",
        role: "Head of Service",
        kind: AgencyKind::Probation,
    },
    Partner {
        name: "Shropshire Fire and Rescue Service",
        role: "Prevention Manager",
        kind: AgencyKind::FireAndRescue,
    },
    Partner {
        name: "West Mercia Youth Justice Service",
        role: "West Mercia Head of Service",
        kind: AgencyKind::YouthJustice,
    },
];

/// Migration 4's step: gives the Appendix A partners of an existing vault
/// their kind, found by their seeded names (ignoring ASCII case). A partner
/// the chair has renamed keeps "other"; the chair can set its kind.
pub(crate) fn set_appendix_a_kinds(tx: &Transaction<'_>) -> Result<()> {
    let mut stmt =
        tx.prepare_cached("UPDATE agency SET kind = ?2 WHERE name = ?1 COLLATE NOCASE")?;
    for p in APPENDIX_A {
        stmt.execute(params![p.name, p.kind])?;
    }
    Ok(())
}

const COLUMNS: &str =
    "id, name, designated_person_role, kind, active, created_at, updated_at, inbox_key";

fn from_row(r: &Row<'_>) -> crate::error::rusqlite::Result<Agency> {
    Ok(Agency {
        id: r.get(0)?,
        name: r.get(1)?,
        designated_person_role: r.get(2)?,
        kind: r.get(3)?,
        active: r.get(4)?,
        created_at: r.get(5)?,
        updated_at: r.get(6)?,
        inbox_key: r.get(7)?,
    })
}

/// Lists agencies by name; inactive ones only when asked.
pub fn list(db: &Connection, include_inactive: bool) -> Result<Vec<Agency>> {
    let mut stmt = db.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM agency WHERE active = 1 OR ?1 ORDER BY name COLLATE NOCASE"
    ))?;
    let rows = stmt.query_map([include_inactive], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One agency by id.
pub fn get(db: &Connection, id: i64) -> Result<Agency> {
    db.query_row(
        &format!("SELECT {COLUMNS} FROM agency WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or(Error::NotFound("agency"))
}

fn refuse_duplicate(tx: &Transaction<'_>, name: &str, except: Option<i64>) -> Result<()> {
    let clash: Option<i64> = tx
        .query_row(
            "SELECT id FROM agency WHERE name = ?1 COLLATE NOCASE AND id IS NOT ?2",
            params![name, except],
            |r| r.get(0),
        )
        .optional()?;
    match clash {
        Some(_) => Err(Error::Conflict(
            "An agency with this name is already in the directory (perhaps inactive). \
             Edit that one, or use a different name."
                .into(),
        )),
        None => Ok(()),
    }
}

pub(crate) fn insert(tx: &Transaction<'_>, input: &AgencyInput, now: &str) -> Result<i64> {
    refuse_duplicate(tx, &input.name, None)?;
    tx.execute(
        "INSERT INTO agency (name, designated_person_role, kind, active, created_at, updated_at)
         VALUES (?1, ?2, ?3, 1, ?4, ?4)",
        params![input.name, input.designated_person_role, input.kind, now],
    )?;
    Ok(tx.last_insert_rowid())
}

pub(crate) fn update(tx: &Transaction<'_>, id: i64, input: &AgencyInput, now: &str) -> Result<()> {
    refuse_duplicate(tx, &input.name, Some(id))?;
    let n = tx.execute(
        "UPDATE agency SET name = ?2, designated_person_role = ?3, kind = ?4, updated_at = ?5
         WHERE id = ?1",
        params![
            id,
            input.name,
            input.designated_person_role,
            input.kind,
            now
        ],
    )?;
    if n == 0 {
        return Err(Error::NotFound("agency"));
    }
    Ok(())
}

pub(crate) fn set_active(tx: &Transaction<'_>, id: i64, active: bool, now: &str) -> Result<()> {
    let n = tx.execute(
        "UPDATE agency SET active = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, active, now],
    )?;
    if n == 0 {
        return Err(Error::NotFound("agency"));
    }
    Ok(())
}
