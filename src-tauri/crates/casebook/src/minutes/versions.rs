//! Approved versions of a meeting's minutes: frozen, numbered from 1, each
//! the exact [`MinutesContent`] as JSON with its SHA-256, the marking the
//! chair approved (R10), who approved it, when, and for a correction why.
//! Rows are only ever added: nothing updates or deletes one.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::MinutesContent;
use super::marking::MinutesMarking;
use crate::error::{
    Error, Result,
    rusqlite::{Connection, OptionalExtension, Row, Transaction, params},
};
use crate::kinds::Marking;
use crate::text::TextRule;

/// One approved version, without its content: what the versions list shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct MinutesVersionSummary {
    /// The version, from 1.
    #[ts(type = "number")]
    pub version: i64,
    /// The marking approved with it.
    pub marking: MinutesMarking,
    /// Who approved it (the meeting's chair, by name).
    pub approved_by: String,
    /// When (RFC 3339, UTC).
    pub approved_at: String,
    /// Why it corrects the version before (none for version 1).
    pub reason: Option<String>,
    /// SHA-256 of the stored content (the JSON's UTF-8 bytes), lower-case hex.
    pub sha256: String,
}

/// One approved version with its frozen content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct MinutesVersion {
    /// The version's facts.
    pub summary: MinutesVersionSummary,
    /// The minutes exactly as approved.
    pub content: MinutesContent,
}

/// A correction's reason: why the approved version is replaced.
pub(crate) const REASON: TextRule = TextRule {
    field: "Reason for the correction",
    max_chars: 500,
    multiline: true,
    required: true,
};

/// The JSON stored for `content` and its SHA-256: the one place that says
/// how a version's bytes are made.
pub fn frozen(content: &MinutesContent) -> Result<(String, String)> {
    let json =
        serde_json::to_string(content).map_err(|_| Error::Internal("minutes content".into()))?;
    let sha = hex::encode(Sha256::digest(json.as_bytes()));
    Ok((json, sha))
}

const COLUMNS: &str = "version, marking, recipients_only, descriptors, approved_by, approved_at,
    reason, sha256";

fn summary_from(r: &Row<'_>) -> crate::error::rusqlite::Result<MinutesVersionSummary> {
    let marking: Marking = r.get(1)?;
    let descriptors: String = r.get(3)?;
    let descriptors = serde_json::from_str(&descriptors).map_err(|e| {
        crate::error::rusqlite::Error::FromSqlConversionFailure(
            3,
            crate::error::rusqlite::types::Type::Text,
            Box::new(e),
        )
    })?;
    Ok(MinutesVersionSummary {
        version: r.get(0)?,
        marking: MinutesMarking::new(marking, r.get(2)?, descriptors),
        approved_by: r.get(4)?,
        approved_at: r.get(5)?,
        reason: r.get(6)?,
        sha256: r.get(7)?,
    })
}

/// The approved versions of a meeting's minutes, oldest first.
pub fn list(db: &Connection, meeting_id: i64) -> Result<Vec<MinutesVersionSummary>> {
    let mut stmt = db.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM minutes_version WHERE meeting_id = ?1 ORDER BY version"
    ))?;
    let rows = stmt.query_map([meeting_id], summary_from)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One approved version, checked against its SHA-256.
pub fn get(db: &Connection, meeting_id: i64, version: i64) -> Result<MinutesVersion> {
    let (summary, json): (MinutesVersionSummary, String) = db
        .query_row(
            &format!(
                "SELECT {COLUMNS}, content FROM minutes_version
                 WHERE meeting_id = ?1 AND version = ?2"
            ),
            params![meeting_id, version],
            |r| Ok((summary_from(r)?, r.get(8)?)),
        )
        .optional()?
        .ok_or(Error::NotFound("version of the minutes"))?;
    if hex::encode(Sha256::digest(json.as_bytes())) != summary.sha256 {
        return Err(Error::Internal("minutes version digest".into()));
    }
    let content =
        serde_json::from_str(&json).map_err(|_| Error::Internal("minutes content".into()))?;
    Ok(MinutesVersion { summary, content })
}

/// Stores `content` as the next version; returns its number. A version
/// after the first needs a reason (a correction); the first takes none.
pub(crate) fn approve(
    tx: &Transaction<'_>,
    content: &MinutesContent,
    marking: &MinutesMarking,
    approved_by: &str,
    reason: Option<&str>,
    now: &str,
) -> Result<i64> {
    let latest: Option<i64> = tx.query_row(
        "SELECT max(version) FROM minutes_version WHERE meeting_id = ?1",
        [content.meeting_id],
        |r| r.get(0),
    )?;
    let reason = match latest {
        None => {
            if reason.is_some_and(|r| !r.trim().is_empty()) {
                return Err(Error::invalid(
                    REASON.field,
                    "is only for a correction of approved minutes; these have none yet. \
                     Leave it empty.",
                ));
            }
            None
        }
        Some(_) => Some(REASON.clean(reason.unwrap_or(""))?),
    };
    let version = latest.unwrap_or(0) + 1;
    let (json, sha) = frozen(content)?;
    let descriptors = serde_json::to_string(&marking.descriptors)
        .map_err(|_| Error::Internal("descriptors".into()))?;
    tx.execute(
        "INSERT INTO minutes_version (meeting_id, version, content, sha256, marking,
             recipients_only, descriptors, approved_by, approved_at, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            content.meeting_id,
            version,
            json,
            sha,
            marking.marking,
            marking.recipients_only,
            descriptors,
            approved_by,
            now,
            reason
        ],
    )?;
    Ok(version)
}

/// One difference between two versions of the minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct MinutesChange {
    /// The part of the minutes: `Present`, `Item 5: Case reviews`, ….
    pub section: String,
    /// Lines only in the earlier version.
    pub removed: Vec<String>,
    /// Lines only in the later version.
    pub added: Vec<String>,
}

/// What changed from `before` to `after`, part by part, in the later
/// version's order (parts only in the earlier one at the end).
pub fn changes(before: &MinutesContent, after: &MinutesContent) -> Vec<MinutesChange> {
    let old = outline(before);
    let new = outline(after);
    let mut out = Vec::new();
    for (section, lines) in &new {
        let was = old.iter().find(|(s, _)| s == section).map(|(_, l)| l);
        let (removed, added) = match was {
            Some(was) => line_diff(was, lines),
            None => (Vec::new(), lines.clone()),
        };
        if !removed.is_empty() || !added.is_empty() {
            out.push(MinutesChange {
                section: section.clone(),
                removed,
                added,
            });
        }
    }
    for (section, lines) in &old {
        if !new.iter().any(|(s, _)| s == section) {
            out.push(MinutesChange {
                section: section.clone(),
                removed: lines.clone(),
                added: Vec::new(),
            });
        }
    }
    out
}

/// The minutes as parts of lines of text, the way a reader compares them:
/// everything the minutes print is in some part, so two contents that
/// differ always show a change.
fn outline(c: &MinutesContent) -> Vec<(String, Vec<String>)> {
    use super::MinutedDisclosure;
    let or_dash = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".to_owned());
    let marking = |m: crate::kinds::Marking, d: Option<crate::kinds::Descriptor>| {
        let mut t = m.as_str().to_owned();
        if let Some(d) = d {
            t.push(' ');
            t.push_str(d.as_str());
        }
        t
    };
    let mut parts = vec![(
        "Heading".to_owned(),
        vec![
            format!("{} ({})", c.group_name, c.kind.label()),
            format!("{} {}", c.date, c.start_time),
            format!("Venue: {}", c.venue),
            format!("Chair: {}", or_dash(&c.chair)),
            format!("Minute-taker: {}", or_dash(&c.minute_taker)),
        ],
    )];
    parts.push((
        "Present".to_owned(),
        c.present
            .iter()
            .map(|a| {
                let mut line = format!(
                    "{}, {}, {}: {}",
                    a.name,
                    a.role,
                    a.agency,
                    a.agreement.label()
                );
                if let Some(t) = &a.arrived_at {
                    line.push_str(&format!("; arrived {t}"));
                }
                if let Some(t) = &a.left_at {
                    line.push_str(&format!("; left {t}"));
                }
                if !a.out_of_room_for.is_empty() {
                    let items: Vec<String> =
                        a.out_of_room_for.iter().map(|p| p.to_string()).collect();
                    line.push_str(&format!("; out of the room for item {}", items.join(", ")));
                }
                line
            })
            .collect(),
    ));
    let people = |list: &[super::Apology]| -> Vec<String> {
        list.iter()
            .map(|a| {
                let update = if a.written_update {
                    " (written update)"
                } else {
                    ""
                };
                format!("{}, {}, {}{update}", a.name, a.role, a.agency)
            })
            .collect()
    };
    parts.push(("Apologies".to_owned(), people(&c.apologies)));
    parts.push(("Absent".to_owned(), people(&c.absent)));
    parts.push((
        "Attendance not recorded".to_owned(),
        people(&c.not_recorded),
    ));
    let action =
        |a: &super::MinutesAction| format!("Action: {} ({}, due {})", a.text, a.owner, a.due_date);
    for item in &c.items {
        let mut lines = vec![format!(
            "Marking: {}",
            marking(item.marking, item.descriptor)
        )];
        if let Some(r) = &item.case_ref {
            lines.push(format!("Case: {r}"));
        }
        if let Some(a) = &item.presenting_agency {
            lines.push(format!("Presented by {a}"));
        }
        if !item.out_of_room.is_empty() {
            lines.push(format!("Out of the room: {}", item.out_of_room.join(", ")));
        }
        lines.extend(item.summary.lines().map(|l| format!("Summary: {l}")));
        for d in &item.disclosures {
            match d {
                MinutedDisclosure::Full {
                    agency,
                    person,
                    category,
                    nature,
                    text,
                    marking: m,
                    descriptor,
                    notices,
                    ..
                } => {
                    lines.push(format!(
                        "Disclosure by {person}, {agency} ({category}, {nature}, {}): {text}",
                        marking(*m, *descriptor)
                    ));
                    lines.extend(notices.iter().map(|n| format!("Notice: {n}")));
                }
                MinutedDisclosure::Summary {
                    agency,
                    summary,
                    marking: m,
                    descriptor,
                    notices,
                    ..
                } => {
                    lines.push(format!(
                        "Disclosure by {agency} (summary, {}): {summary}",
                        marking(*m, *descriptor)
                    ));
                    lines.extend(notices.iter().map(|n| format!("Notice: {n}")));
                }
                MinutedDisclosure::NotMinuted { agency } => {
                    lines.push(format!("Disclosure by {agency}, not minuted"));
                }
            }
        }
        lines.extend(item.decisions.lines().map(|l| format!("Decision: {l}")));
        lines.extend(item.actions.iter().map(action));
        parts.push((format!("Item {}: {}", item.position, item.title), lines));
    }
    parts.push((
        "Other actions".to_owned(),
        c.other_actions.iter().map(action).collect(),
    ));
    parts.push((
        "Actions carried forward".to_owned(),
        c.carried_forward
            .iter()
            .map(|a| {
                let mut line = format!(
                    "{} ({}, due {}, raised {}): {}",
                    a.text, a.owner, a.due_date, a.raised_on, a.status
                );
                if !a.updates.is_empty() {
                    line.push_str(&format!(" — {}", a.updates.join("; ")));
                }
                line
            })
            .collect(),
    ));
    parts.push((
        "Next meeting".to_owned(),
        c.next_meeting.iter().cloned().collect(),
    ));
    parts.push(("Notice".to_owned(), vec![c.notice.clone()]));
    parts.push((
        "Register".to_owned(),
        c.register
            .iter()
            .map(|r| {
                let how = match r.outcome {
                    crate::signatures::Outcome::Drawn => "signed".to_owned(),
                    crate::signatures::Outcome::Typed => {
                        format!("signed by typing {}", or_dash(&r.typed_name))
                    }
                    crate::signatures::Outcome::Declined => {
                        format!("declined: {}", or_dash(&r.decline_reason))
                    }
                };
                let mut line = format!(
                    "{}, {}, {}: {how} at {} (agreement version {})",
                    r.name, r.role, r.agency, r.at, r.agreement_version
                );
                if let Some(w) = &r.withdrawn {
                    line.push_str(&format!("; withdrawn {w}"));
                }
                line
            })
            .collect(),
    ));
    parts
}

/// The lines of `a` not in a longest common subsequence with `b`, and
/// those of `b` likewise.
fn line_diff(a: &[String], b: &[String]) -> (Vec<String>, Vec<String>) {
    // Parts are short (an item's lines), so the table is small.
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    while i < n && j < m {
        if a[i] == b[j] {
            i += 1;
            j += 1;
        } else if lcs[i + 1][j] >= lcs[i][j + 1] {
            removed.push(a[i].clone());
            i += 1;
        } else {
            added.push(b[j].clone());
            j += 1;
        }
    }
    removed.extend(a[i..].iter().cloned());
    added.extend(b[j..].iter().cloned());
    (removed, added)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn a_line_diff_keeps_what_is_common() {
        let (r, a) = line_diff(&lines(&["a", "b", "c", "d"]), &lines(&["a", "c", "x", "d"]));
        assert_eq!(r, lines(&["b"]));
        assert_eq!(a, lines(&["x"]));
        let (r, a) = line_diff(&lines(&[]), &lines(&["x"]));
        assert!(r.is_empty());
        assert_eq!(a, lines(&["x"]));
        let (r, a) = line_diff(&lines(&["x", "y"]), &lines(&[]));
        assert_eq!(r, lines(&["x", "y"]));
        assert!(a.is_empty());
    }
}
