//! The confidentiality agreement attendees sign at the start of each
//! meeting: a versioned text. Editing it makes a new version; a signature
//! points at the exact version (and the SHA-256 of its text) it was made
//! against, so old signatures keep meaning what they meant.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{
    Error, Result,
    rusqlite::{Connection, OptionalExtension, Transaction, params},
};
use crate::text::TextRule;

/// One version of the agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Agreement {
    /// 1 for the text written at creation, then one more per edit.
    pub version: u32,
    /// The exact text attendees read.
    pub text: String,
    /// SHA-256 of the text's UTF-8 bytes, lower-case hex.
    pub sha256: String,
    /// When this version was made (RFC 3339, UTC).
    pub created_at: String,
}

/// The default text, written from the Information Sharing Arrangement's
/// clauses (5.2, 5.3, 5.4, 5.5). The chair can edit it.
pub const DEFAULT_TEXT: &str = "\
Confidentiality agreement

I attend this meeting under the Information Sharing Arrangement between the partner agencies. I agree that:

1. Information shared at this meeting is OFFICIAL, and some of it is OFFICIAL-SENSITIVE. I will handle it as such.
2. I will use the information only for the purpose of this meeting: preventing and reducing crime, disorder and anti-social behaviour, and protecting the people discussed.
3. I will not disclose any of it to a third party without the written consent of the agency that provided it.
4. Any notes I take, and the minutes I receive, will be kept securely and shared only with colleagues who need to know.
5. If I learn that information shared here is inaccurate or incomplete, I will tell the agency that provided it at the earliest opportunity.

I understand that a breach of this agreement may be reported to my agency.";

/// The text rule: long, several paragraphs.
pub const TEXT: TextRule = TextRule {
    field: "Agreement text",
    max_chars: 20_000,
    multiline: true,
    required: true,
};

/// SHA-256 of `text`, lower-case hex.
pub fn sha256_hex(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// The current (latest) version.
pub fn current(db: &Connection) -> Result<Agreement> {
    db.query_row(
        "SELECT version, text, sha256, created_at FROM agreement
         ORDER BY version DESC LIMIT 1",
        [],
        from_row,
    )
    .optional()?
    .ok_or(Error::NotFound("agreement"))
}

/// One version.
pub fn version(db: &Connection, version: u32) -> Result<Agreement> {
    db.query_row(
        "SELECT version, text, sha256, created_at FROM agreement WHERE version = ?1",
        [version],
        from_row,
    )
    .optional()?
    .ok_or(Error::NotFound("agreement version"))
}

/// Every version, newest first.
pub fn versions(db: &Connection) -> Result<Vec<Agreement>> {
    let mut stmt = db
        .prepare("SELECT version, text, sha256, created_at FROM agreement ORDER BY version DESC")?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn from_row(r: &crate::error::rusqlite::Row<'_>) -> crate::error::rusqlite::Result<Agreement> {
    Ok(Agreement {
        version: r.get(0)?,
        text: r.get(1)?,
        sha256: r.get(2)?,
        created_at: r.get(3)?,
    })
}

/// Adds a version with `text` (checked); refuses a text equal to the
/// current one. Returns the new version number.
pub(crate) fn add_version(tx: &Transaction<'_>, text: &str, now: &str) -> Result<u32> {
    let text = TEXT.clean(text)?;
    let latest = current(tx).ok();
    if latest.as_ref().is_some_and(|a| a.text == text) {
        return Err(Error::Conflict(
            "The agreement text is unchanged, so no new version was made.".into(),
        ));
    }
    let version = latest.map_or(1, |a| a.version + 1);
    tx.execute(
        "INSERT INTO agreement (version, text, sha256, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![version, text, sha256_hex(&text), now],
    )?;
    Ok(version)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_is_of_the_exact_bytes() {
        // The digest of "abc" from FIPS 180-2.
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_ne!(
            sha256_hex(DEFAULT_TEXT),
            sha256_hex(&DEFAULT_TEXT.replace("OFFICIAL", "OFFICIAL "))
        );
    }

    #[test]
    fn default_text_carries_the_clauses() {
        for clause in [
            "OFFICIAL",
            "only for the purpose of this meeting",
            "without the written consent of the agency that provided it",
            "kept securely",
            "need to know",
            "inaccurate or incomplete",
        ] {
            assert!(DEFAULT_TEXT.contains(clause), "{clause}");
        }
        assert_eq!(TEXT.clean(DEFAULT_TEXT).ok().as_deref(), Some(DEFAULT_TEXT));
    }
}
