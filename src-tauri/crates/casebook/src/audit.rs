//! The audit trail: one entry per change, hash-chained. Each entry's hash is
//! SHA-256 over the previous entry's hash and the entry's own fields, so an
//! entry altered, removed or inserted out of band breaks the chain from that
//! point on. Entries hold record ids, never personal data.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::{
    Error, Result,
    rusqlite::{Connection, Transaction, params},
};

/// Who made a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    /// The chair, in the app.
    Chair,
    /// A script, through `tasking-vault-cli`.
    Cli,
    /// The software itself (creation, migration).
    System,
}

impl Actor {
    /// The actor as stored, e.g. `cli`.
    pub fn as_str(self) -> &'static str {
        match self {
            Actor::Chair => "chair",
            Actor::Cli => "cli",
            Actor::System => "system",
        }
    }
}

/// One change to record.
#[derive(Debug, Clone)]
pub struct AuditDraft {
    /// What was done, e.g. `agency.add`.
    pub action: &'static str,
    /// The kind of record, e.g. `agency`.
    pub record_type: &'static str,
    /// The record's id.
    pub record_id: String,
}

/// One entry as stored.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct AuditEntry {
    /// Position in the chain, from 1.
    #[ts(type = "number")]
    pub seq: i64,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Who.
    pub actor: String,
    /// What.
    pub action: String,
    /// Kind of record.
    pub record_type: String,
    /// Record id.
    pub record_id: String,
}

const GENESIS: [u8; 32] = [0; 32];

fn entry_hash(prev: &[u8], seq: i64, at: &str, actor: &str, draft: (&str, &str, &str)) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(b"tasking-vault audit v1\0");
    h.update(prev);
    h.update(seq.to_le_bytes());
    for field in [at, actor, draft.0, draft.1, draft.2] {
        h.update((field.len() as u64).to_le_bytes());
        h.update(field.as_bytes());
    }
    h.finalize().into()
}

/// Appends one entry inside the caller's transaction.
pub(crate) fn append(
    tx: &Transaction<'_>,
    at: &str,
    actor: Actor,
    draft: &AuditDraft,
) -> Result<()> {
    let last: Option<(i64, Vec<u8>)> = tx
        .query_row(
            "SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map(Some)
        .or_else(|e| match e {
            crate::error::rusqlite::Error::QueryReturnedNoRows => Ok(None),
            e => Err(e),
        })?;
    let (seq, prev) = match last {
        Some((s, h)) => (s + 1, h),
        None => (1, GENESIS.to_vec()),
    };
    let hash = entry_hash(
        &prev,
        seq,
        at,
        actor.as_str(),
        (draft.action, draft.record_type, &draft.record_id),
    );
    tx.execute(
        "INSERT INTO audit_entry (seq, at, actor, action, record_type, record_id, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            seq,
            at,
            actor.as_str(),
            draft.action,
            draft.record_type,
            draft.record_id,
            prev,
            hash.to_vec()
        ],
    )?;
    Ok(())
}

/// Walks the whole chain; returns how many entries verified.
pub fn verify(db: &Connection) -> Result<i64> {
    let mut stmt = db.prepare(
        "SELECT seq, at, actor, action, record_type, record_id, prev_hash, hash FROM audit_entry ORDER BY seq",
    )?;
    let mut rows = stmt.query([])?;
    let mut prev = GENESIS.to_vec();
    let mut expected_seq = 1;
    while let Some(r) = rows.next()? {
        let seq: i64 = r.get(0)?;
        let (at, actor, action, rtype, rid): (String, String, String, String, String) =
            (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?);
        let stored_prev: Vec<u8> = r.get(6)?;
        let stored: Vec<u8> = r.get(7)?;
        let want = entry_hash(&prev, seq, &at, &actor, (&action, &rtype, &rid));
        if seq != expected_seq || stored_prev != prev || stored != want {
            return Err(Error::AuditChainBroken { seq });
        }
        prev = stored;
        expected_seq += 1;
    }
    Ok(expected_seq - 1)
}

/// The latest `limit` entries, newest first.
pub fn recent(db: &Connection, limit: u32) -> Result<Vec<AuditEntry>> {
    let mut stmt = db.prepare(
        "SELECT seq, at, actor, action, record_type, record_id FROM audit_entry ORDER BY seq DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], |r| {
        Ok(AuditEntry {
            seq: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            action: r.get(3)?,
            record_type: r.get(4)?,
            record_id: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
