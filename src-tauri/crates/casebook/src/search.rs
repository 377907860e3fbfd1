//! Search across meetings, agenda items, actions, people, groups, cases and
//! disclosures, with SQLite's FTS5. The index (`search_index`) is kept by
//! triggers; its rowid encodes the record: `id * 8 + kind code` (1 meeting,
//! 2 agenda item, 3 action, 4 person, 5 group, 6 case, 7 disclosure, 0 an
//! issued copy of minutes, found by its recipient, agency and file name). A case is found by its reference and label only: its personal
//! details are never indexed. A disclosure is found by its text and case
//! reference, never by the discloser's name, and not once withdrawn.

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
    /// A case.
    Case,
    /// A disclosure (not withdrawn).
    Disclosure,
    /// An issued copy of minutes (the distribution record).
    IssuedCopy,
}

impl HitKind {
    /// Every value, in display order.
    pub const ALL: &'static [HitKind] = &[
        HitKind::Meeting,
        HitKind::AgendaItem,
        HitKind::Action,
        HitKind::Person,
        HitKind::Group,
        HitKind::Case,
        HitKind::Disclosure,
        HitKind::IssuedCopy,
    ];

    /// What a person reads.
    pub fn label(self) -> &'static str {
        match self {
            HitKind::Meeting => "Meeting",
            HitKind::AgendaItem => "Agenda item",
            HitKind::Action => "Action",
            HitKind::Person => "Person",
            HitKind::Group => "Group",
            HitKind::Case => "Case",
            HitKind::Disclosure => "Disclosure",
            HitKind::IssuedCopy => "Issued copy",
        }
    }

    fn from_code(code: i64) -> Option<HitKind> {
        Some(match code {
            1 => HitKind::Meeting,
            2 => HitKind::AgendaItem,
            3 => HitKind::Action,
            4 => HitKind::Person,
            5 => HitKind::Group,
            6 => HitKind::Case,
            7 => HitKind::Disclosure,
            0 => HitKind::IssuedCopy,
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
    /// Its title (venue, item title, action text, name, case label, the
    /// start of a disclosure's text).
    pub title: String,
    /// A line of context: group, date, case reference, agency, kind of case.
    pub context: String,
    /// The meeting to open for it, if any (none for people, groups and
    /// cases, which open their own screens).
    #[ts(type = "number | null")]
    pub meeting_id: Option<i64>,
}

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 200;
/// Most hits returned.
pub const MAX_HITS: usize = 50;

/// Turns what a person typed into an FTS5 query: each word a quoted prefix
/// term, all required. Operators and quotes typed by the user are text, not
/// syntax, so no input is an FTS5 syntax error. A word of one character is
/// a whole word, not a prefix: it is the `s` of "Tanner's" or the `7` of
/// "HL/7" far more often than the start of a word, and as a prefix it would
/// match most of the vault.
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
        .map(|w| match w.chars().count() {
            1 => format!("\"{w}\""),
            _ => format!("\"{w}\"*"),
        })
        .collect();
    Ok((!terms.is_empty()).then(|| terms.join(" ")))
}

/// Past this many matches, hits are not ranked by relevance (see [`search`]).
pub const MAX_RANKED: usize = 2_000;

/// Searches; best matches first. Ranking (FTS5's bm25) costs time for every
/// record that matches, and a word of a letter or two can match most of a
/// ten-year vault, where ranking tells little anyway; so past
/// [`MAX_RANKED`] matches the hits are groups, people, cases and meetings
/// first, then agenda items and actions, newest (highest id) first.
pub fn search(db: &Connection, input: &str) -> Result<Vec<SearchHit>> {
    search_ranking_at_most(db, input, MAX_RANKED)
}

fn search_ranking_at_most(db: &Connection, input: &str, ranked: usize) -> Result<Vec<SearchHit>> {
    let Some(query) = fts_query(input)? else {
        return Ok(Vec::new());
    };
    // Row ids alone are cheap: no ranking, no content read.
    let mut all =
        db.prepare_cached("SELECT rowid FROM search_index WHERE search_index MATCH ?1")?;
    let mut rowids: Vec<i64> = all
        .query_map([&query], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let rows: Vec<(i64, String)> = if rowids.len() <= ranked {
        let mut stmt = db.prepare_cached(
            "SELECT rowid, title FROM search_index WHERE search_index MATCH ?1
             ORDER BY rank LIMIT ?2",
        )?;
        stmt.query_map(
            crate::error::rusqlite::params![query, MAX_HITS as i64],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?
        .collect::<Result<_, _>>()?
    } else {
        rowids.sort_unstable_by_key(|rowid| (unranked_order(rowid % 8), std::cmp::Reverse(*rowid)));
        rowids.truncate(MAX_HITS);
        let mut title = db.prepare_cached("SELECT title FROM search_index WHERE rowid = ?1")?;
        rowids
            .into_iter()
            .map(|rowid| Ok((rowid, title.query_row([rowid], |r| r.get(0))?)))
            .collect::<Result<_>>()?
    };
    rows.into_iter()
        .filter_map(|(rowid, title)| {
            let kind = HitKind::from_code(rowid % 8)?;
            Some(describe(db, kind, rowid / 8, title))
        })
        .collect()
}

/// Where a kind of hit comes in unranked results: the few records that
/// name things (groups, people, cases, meetings) before the many.
fn unranked_order(code: i64) -> u8 {
    match code {
        5 => 0, // group
        4 => 1, // person
        6 => 2, // case
        1 => 3, // meeting
        2 => 4, // agenda item
        7 => 5, // disclosure
        0 => 6, // issued copy
        _ => 7, // action
    }
}

/// Most characters of a disclosure's text a hit shows as its title.
const DISCLOSURE_TITLE_CHARS: usize = 120;

/// The first line of `text`, cut to at most `max` characters at a word
/// boundary where there is one, with an ellipsis when cut.
fn first_words(text: &str, max: usize) -> String {
    let line = text.lines().next().unwrap_or("");
    if line.chars().count() <= max && line.len() == text.len() {
        return line.to_owned();
    }
    let cut: String = line.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if line.chars().count() > max && i > max / 2 => &cut[..i],
        _ => &cut,
    };
    format!("{}…", cut.trim_end())
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
        // The case reference and kind; a case opens its own page.
        HitKind::Case => {
            let case = crate::cases::get(db, id)?;
            (format!("{} · {}", case.case_ref, case.kind.label()), None)
        }
        // Where it was said: case reference, group, date; never who said it.
        HitKind::Disclosure => db.query_row(
            "SELECT coalesce(d.case_ref || ' · ', '') || g.name || ' · ' || m.date, m.id
             FROM disclosure d JOIN agenda_item i ON i.id = d.item_id
             JOIN meeting m ON m.id = i.meeting_id
             JOIN meeting_group g ON g.id = m.group_id WHERE d.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?,
        // Which copy of which minutes, and whether it was recalled.
        HitKind::IssuedCopy => db.query_row(
            "SELECT 'Copy ' || c.copy_number || ' of version ' || c.version || ' · ' || g.name
                    || ' · ' || m.date || CASE WHEN c.recalled_at IS NULL THEN ''
                    ELSE ' · recalled' END, m.id
             FROM issued_copy c JOIN meeting m ON m.id = c.meeting_id
             JOIN meeting_group g ON g.id = m.group_id WHERE c.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?,
    };
    let title = match kind {
        HitKind::Disclosure => first_words(&title, DISCLOSURE_TITLE_CHARS),
        _ => title,
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
            ("Tanner's Row", Some("\"Tanner\"* \"s\" \"Row\"*")),
            ("HL/7", Some("\"HL\"* \"7\"")),
            ("é", Some("\"é\"")),
        ];
        for (input, want) in cases {
            assert_eq!(fts_query(input).unwrap().as_deref(), want, "{input:?}");
        }
        assert!(fts_query(&"x".repeat(201)).is_err());
    }

    /// A working copy of the current schema with a few records.
    fn records() -> Connection {
        let mut db = Connection::open_in_memory().expect("db");
        let tx = db.transaction().expect("tx");
        crate::schema::migrate(&tx, 0, "2026-11-25T10:00:00Z").expect("schema");
        tx.execute_batch(
            "INSERT INTO agency (id, name, designated_person_role, created_at, updated_at)
                 VALUES (1, 'Shropshire Council', 'Data Protection Officer', 't', 't');
             INSERT INTO meeting_group (id, name, default_kind, created_at, updated_at)
                 VALUES (1, 'Tanner Vale Group', 'bronze_tasking', 't', 't');
             INSERT INTO person (id, name, agency_id, role, created_at, updated_at)
                 VALUES (1, 'Tamsin Rowe', 1, 'Officer', 't', 't');
             INSERT INTO meeting (id, group_id, kind, date, start_time, venue, status,
                     review_date, created_at, updated_at)
                 VALUES (1, 1, 'bronze_tasking', '2026-06-01', '10:00', 'Tannery Hall',
                     'held', '2027-06-01', 't', 't');
             INSERT INTO agenda_item (id, meeting_id, position, kind, title, marking,
                     created_at, updated_at)
                 VALUES (1, 1, 1, 'case_review', 'Tanner''s Row', 'OFFICIAL', 't', 't'),
                        (2, 1, 2, 'case_review', 'Mill Lane', 'OFFICIAL', 't', 't');
             INSERT INTO action (id, text, owner_agency_id, due_date, status,
                     raised_meeting_id, created_at, updated_at)
                 VALUES (1, 'Visit Tanner''s Row', 1, '2026-07-01', 'open', 1, 't', 't'),
                        (2, 'Talk to the tenants', 1, '2026-07-01', 'open', 1, 't', 't'),
                        (3, 'Tanner''s Row lighting', 1, '2026-07-01', 'open', 1, 't', 't');",
        )
        .expect("records");
        tx.commit().expect("commit");
        db
    }

    fn found(hits: &[SearchHit]) -> Vec<(HitKind, i64)> {
        hits.iter().map(|h| (h.kind, h.id)).collect()
    }

    #[test]
    fn past_the_ranking_limit_names_come_first_then_the_newest() {
        let db = records();
        // "ta" matches the group, the person, the meeting's venue, one item
        // and three actions: seven records.
        let ranked = search_ranking_at_most(&db, "ta", 7).expect("search");
        assert_eq!(ranked.len(), 7);
        let unranked = search_ranking_at_most(&db, "ta", 6).expect("search");
        assert_eq!(
            found(&unranked),
            [
                (HitKind::Group, 1),
                (HitKind::Person, 1),
                (HitKind::Meeting, 1),
                (HitKind::AgendaItem, 1),
                (HitKind::Action, 3),
                (HitKind::Action, 2),
                (HitKind::Action, 1),
            ]
        );
        assert_eq!(unranked[4].title, "Tanner's Row lighting");
        assert_eq!(unranked[4].meeting_id, Some(1));
        // Both ways find the same records.
        let mut a = found(&ranked);
        a.sort_by_key(|(k, id)| (format!("{k:?}"), *id));
        let mut b = found(&unranked);
        b.sort_by_key(|(k, id)| (format!("{k:?}"), *id));
        assert_eq!(a, b);
        // Under the limit, best match first: the shortest title with the word.
        let best = search_ranking_at_most(&db, "tanner row", 7).expect("search");
        assert_eq!(found(&best)[0], (HitKind::AgendaItem, 1));
    }

    #[test]
    fn a_case_is_found_by_label_and_reference_and_comes_after_people_unranked() {
        let db = records();
        db.execute_batch(
            "INSERT INTO case_record (id, case_ref, kind, label, subject_name, created_at,
                     updated_at)
                 VALUES (1, 'NB-2026-014', 'individual', 'Adult male, Tanner''s Row',
                     'Tobias Quarrendon', 't', 't');
             UPDATE agenda_item SET case_ref = 'NB-2026-014' WHERE id = 1;",
        )
        .expect("case");
        let unranked = search_ranking_at_most(&db, "ta", 7).expect("search");
        assert_eq!(
            found(&unranked)[..4],
            [
                (HitKind::Group, 1),
                (HitKind::Person, 1),
                (HitKind::Case, 1),
                (HitKind::Meeting, 1),
            ]
        );
        for query in ["nb-2026-014", "adult tanner"] {
            let hits = search(&db, query).expect("search");
            let case = hits
                .iter()
                .find(|h| h.kind == HitKind::Case)
                .expect("the case");
            assert_eq!(case.title, "Adult male, Tanner's Row");
            assert_eq!(case.context, "NB-2026-014 · Individual");
            assert_eq!(case.meeting_id, None, "a case opens its own page");
        }
        assert!(search(&db, "quarrendon").expect("search").is_empty());
    }
}
