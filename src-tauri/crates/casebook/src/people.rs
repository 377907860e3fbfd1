//! People: attendees, chairs and minute-takers, each with their agency and
//! role, reused across meetings. A work email is optional; nothing else
//! about a person is kept.

use serde::{Deserialize, Serialize};

use crate::error::{
    Error, Result,
    rusqlite::{Connection, OptionalExtension, Row, Transaction, params},
};
use crate::text::TextRule;

/// A person who takes part in meetings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Person {
    /// Record id.
    #[ts(type = "number")]
    pub id: i64,
    /// Full name as they wish it written.
    pub name: String,
    /// Their agency.
    #[ts(type = "number")]
    pub agency_id: i64,
    /// The agency's name (for display).
    pub agency_name: String,
    /// Role or title, e.g. "Anti-Social Behaviour Officer".
    pub role: String,
    /// Work email, if given.
    pub email: Option<String>,
    /// Whether they still take part.
    pub active: bool,
    /// Their own secure inbox's age public key (`age1…`), if they have one:
    /// copies issued to them are encrypted to it, before their agency's.
    pub inbox_key: Option<String>,
}

/// The fields a chair types for a person.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct PersonInput {
    /// Full name.
    pub name: String,
    /// Their agency.
    #[ts(type = "number")]
    pub agency_id: i64,
    /// Role or title.
    pub role: String,
    /// Work email, or empty.
    #[serde(default)]
    pub email: Option<String>,
}

const NAME: TextRule = TextRule::name("Name", 120);
const ROLE: TextRule = TextRule::name("Role or title", 120);
const EMAIL_FIELD: &str = "Work email";

impl PersonInput {
    pub(crate) fn clean(&self) -> Result<PersonInput> {
        Ok(PersonInput {
            name: NAME.clean(&self.name)?,
            agency_id: self.agency_id,
            role: ROLE.clean(&self.role)?,
            email: email(self.email.as_deref())?,
        })
    }
}

/// Checks an optional work email: one `@`, a domain with a dot, no spaces.
fn email(input: Option<&str>) -> Result<Option<String>> {
    let Some(text) = input.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let text = TextRule::name(EMAIL_FIELD, 254).clean(text)?;
    let shape_ok = match text.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !text.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if !shape_ok {
        return Err(Error::invalid(
            EMAIL_FIELD,
            "does not look like an email address (name@agency.gov.uk). Correct it or leave it empty.",
        ));
    }
    Ok(Some(text))
}

const SELECT: &str =
    "SELECT p.id, p.name, p.agency_id, a.name, p.role, p.email, p.active, p.inbox_key
    FROM person p JOIN agency a ON a.id = p.agency_id";

fn from_row(r: &Row<'_>) -> crate::error::rusqlite::Result<Person> {
    Ok(Person {
        id: r.get(0)?,
        name: r.get(1)?,
        agency_id: r.get(2)?,
        agency_name: r.get(3)?,
        role: r.get(4)?,
        email: r.get(5)?,
        active: r.get(6)?,
        inbox_key: r.get(7)?,
    })
}

/// People by name; inactive ones only when asked.
pub fn list(db: &Connection, include_inactive: bool) -> Result<Vec<Person>> {
    let mut stmt = db.prepare_cached(&format!(
        "{SELECT} WHERE p.active = 1 OR ?1 ORDER BY p.name COLLATE NOCASE, p.id"
    ))?;
    let rows = stmt.query_map([include_inactive], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One person.
pub fn get(db: &Connection, id: i64) -> Result<Person> {
    db.query_row(&format!("{SELECT} WHERE p.id = ?1"), [id], from_row)
        .optional()?
        .ok_or(Error::NotFound("person"))
}

/// Refuses a person id that does not exist.
pub(crate) fn require(tx: &Connection, id: i64, field: &'static str) -> Result<()> {
    let found: Option<i64> = tx
        .query_row("SELECT id FROM person WHERE id = ?1", [id], |r| r.get(0))
        .optional()?;
    found.map(|_| ()).ok_or_else(|| {
        Error::invalid(
            field,
            "is not in the list of people. Choose someone from the list, or add them first.",
        )
    })
}

/// Refuses an agency id that does not exist.
pub(crate) fn require_agency(tx: &Connection, id: i64, field: &'static str) -> Result<()> {
    let found: Option<i64> = tx
        .query_row("SELECT id FROM agency WHERE id = ?1", [id], |r| r.get(0))
        .optional()?;
    found.map(|_| ()).ok_or_else(|| {
        Error::invalid(
            field,
            "is not in the agency directory. Choose an agency from the list.",
        )
    })
}

pub(crate) fn insert(tx: &Transaction<'_>, input: &PersonInput, now: &str) -> Result<i64> {
    require_agency(tx, input.agency_id, "Agency")?;
    tx.execute(
        "INSERT INTO person (name, agency_id, role, email, active, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, 1, ?5, ?5)",
        params![input.name, input.agency_id, input.role, input.email, now],
    )?;
    Ok(tx.last_insert_rowid())
}

pub(crate) fn update(tx: &Transaction<'_>, id: i64, input: &PersonInput, now: &str) -> Result<()> {
    require_agency(tx, input.agency_id, "Agency")?;
    let n = tx.execute(
        "UPDATE person SET name = ?2, agency_id = ?3, role = ?4, email = ?5, updated_at = ?6
         WHERE id = ?1",
        params![
            id,
            input.name,
            input.agency_id,
            input.role,
            input.email,
            now
        ],
    )?;
    if n == 0 {
        return Err(Error::NotFound("person"));
    }
    Ok(())
}

pub(crate) fn set_active(tx: &Transaction<'_>, id: i64, active: bool, now: &str) -> Result<()> {
    let n = tx.execute(
        "UPDATE person SET active = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, active, now],
    )?;
    if n == 0 {
        return Err(Error::NotFound("person"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_table() {
        for (input, want) in [
            (None, None),
            (Some(""), None),
            (Some("  "), None),
            (
                Some(" a.b@council.example.gov.uk "),
                Some("a.b@council.example.gov.uk"),
            ),
        ] {
            assert_eq!(email(input).unwrap().as_deref(), want, "{input:?}");
        }
        for input in [
            "no-at-sign",
            "@example.org",
            "a@b",
            "a@@b.org",
            "a b@c.org",
            "a@.org",
            "a@org.",
        ] {
            let err = email(Some(input)).unwrap_err().to_string();
            assert!(err.starts_with("Work email: "), "{input}: {err}");
        }
    }
}
