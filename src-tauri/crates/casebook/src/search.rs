//! Search across meetings, agenda items, actions, people and groups, with
//! SQLite's FTS5. The index (`search_index`) is kept by triggers; its rowid
//! encodes the record: `id * 8 + kind`.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result, rusqlite::Connection};

/// What a search hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    /// A meeting.
    Meeting,
    /// An agenda item.
    AgendaItem,
    /// An action.
    Action,
    /// A person.
    Person,
    /// A group.
    Group,
}

impl HitKind {
    fn from_code(code: i64) -> Option<HitKind> {
        Some(match code {
            1 => HitKind::Meeting,
            2 => HitKind::AgendaItem,
            3 => HitKind::Action,
            4 => HitKind::Person,
            5 => HitKind::Group,
            _ => return None,
        })
    }
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct SearchHit {
    /// What it is.
    pub kind: HitKind,
    /// The record's id.
    #[ts(type = "number")]
    pub id: i64,
    /// Its title (venue, item title, action text, name).
    pub title: String,
    /// A line of context: group, date, case reference, agency.
    pub context: String,
    /// The meeting to open for it, if any.
    #[ts(type = "number | null")]
    pub meeting_id: Option<i64>,
}

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 200;
/// Most hits returned.
pub const MAX_HITS: usize = 50;

/// Turns what a person typed into an FTS5 query: each word a quoted prefix
/// term, all required. Operators and quotes typed by the user are text, not
/// syntax, so no input is an FTS5 syntax error.
pub fn fts_query(input: &str) -> Result<Option<String>> {
    if input.chars().count() > MAX_QUERY_CHARS {
        return Err(Error::invalid(
            "Search",
            format!("is too long (at most {MAX_QUERY_CHARS} characters). Use fewer words."),
        ));
    }
    let terms: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(12)
        .map(|w| format!("\"{w}\"*"))
        .collect();
    Ok((!terms.is_empty()).then(|| terms.join(" ")))
}

/// Searches; best matches first.
pub fn search(db: &Connection, input: &str) -> Result<Vec<SearchHit>> {
    let Some(query) = fts_query(input)? else {
        return Ok(Vec::new());
    };
    let mut stmt = db.prepare_cached(
        "SELECT rowid, title FROM search_index WHERE search_index MATCH ?1
         ORDER BY rank LIMIT ?2",
    )?;
    let rows: Vec<(i64, String)> = stmt
        .query_map(
            crate::error::rusqlite::params![query, MAX_HITS as i64],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?
        .collect::<Result<_, _>>()?;
    rows.into_iter()
        .filter_map(|(rowid, title)| {
            let kind = HitKind::from_code(rowid % 8)?;
            Some(describe(db, kind, rowid / 8, title))
        })
        .collect()
}

/// The context line and meeting of a hit.
fn describe(db: &Connection, kind: HitKind, id: i64, title: String) -> Result<SearchHit> {
    let (context, meeting_id): (String, Option<i64>) = match kind {
        HitKind::Meeting => db.query_row(
            "SELECT g.name || ' · ' || m.date || ' ' || m.start_time, m.id
             FROM meeting m JOIN meeting_group g ON g.id = m.group_id WHERE m.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?,
        HitKind::AgendaItem => db.query_row(
            "SELECT g.name || ' · ' || m.date || coalesce(' · ' || i.case_ref, ''), m.id
             FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id
             JOIN meeting_group g ON g.id = m.group_id WHERE i.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?,
        HitKind::Action => db.query_row(
            "SELECT a.name || ' · due ' || x.due_date || ' · ' || x.status, x.raised_meeting_id
             FROM action x JOIN agency a ON a.id = x.owner_agency_id WHERE x.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?,
        HitKind::Person => db.query_row(
            "SELECT p.role || ' · ' || a.name, NULL
             FROM person p JOIN agency a ON a.id = p.agency_id WHERE p.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?,
        HitKind::Group => db.query_row(
            "SELECT count(*) || ' meetings', NULL FROM meeting WHERE group_id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?,
    };
    Ok(SearchHit {
        kind,
        id,
        title,
        context,
        meeting_id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_quoted_prefix_terms() {
        let cases = [
            ("", None),
            ("  ", None),
            ("graffiti", Some("\"graffiti\"*")),
            ("NS-2026", Some("\"NS\"* \"2026\"*")),
            ("\"quoted\" OR NEAR(", Some("\"quoted\"* \"OR\"* \"NEAR\"*")),
            ("Zoë", Some("\"Zoë\"*")),
        ];
        for (input, want) in cases {
            assert_eq!(fts_query(input).unwrap().as_deref(), want, "{input:?}");
        }
        assert!(fts_query(&"x".repeat(201)).is_err());
    }
}
