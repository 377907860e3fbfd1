//! The vault's errors: few, distinct, and worded for the person at the
//! keyboard. None of them carries vault content.

use std::fmt;

/// Which part of a vault file turned out to be damaged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Part {
    /// The plain header fields (format version, work factor, ...).
    Header,
    /// The passphrase or recovery wrap of the vault key.
    KeyWrap,
    /// The encrypted snapshot of the records.
    Snapshot,
    /// One of the encrypted saves made since the snapshot.
    Journal,
    /// The file's own structure (an SQLite page, an index).
    Structure,
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Part::Header => "header",
            Part::KeyWrap => "key wrap",
            Part::Snapshot => "snapshot",
            Part::Journal => "journal of saves",
            Part::Structure => "file structure",
        })
    }
}

/// Everything that can go wrong with a vault.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The passphrase did not unlock the vault key. Cryptography cannot tell
    /// a wrong passphrase from a damaged key wrap, so the message says both.
    #[error(
        "Wrong passphrase, or the vault file is damaged: the two cannot be told apart. \
         Check the passphrase (Caps Lock?) and try again; if it still fails, use the recovery secret."
    )]
    WrongPassphraseOrDamaged,
    /// The recovery secret did not unlock the vault key.
    #[error(
        "This recovery secret does not open this vault, or the vault file is damaged. \
         Check that the recovery sheet belongs to this vault."
    )]
    WrongRecoverySecretOrDamaged,
    /// The key unlocked, but a later part failed its integrity check.
    #[error(
        "The vault file is damaged (its {0} failed the integrity check). \
         Nothing has been changed. Restore the vault from a backup copy."
    )]
    Damaged(Part),
    /// The file is not a Tasking Vault file at all.
    #[error("This file is not a Tasking Vault file. Choose a file ending in .tvault.")]
    NotAVault,
    /// The file was written by a newer release.
    #[error(
        "This vault was made by a newer version of Tasking Vault (format {found}; \
         this version reads up to {supported}). Install the latest version to open it."
    )]
    NewerVersion {
        /// Format version found in the file.
        found: u32,
        /// Newest format version this build reads.
        supported: u32,
    },
    /// Another process holds the vault's lock.
    #[error(
        "This vault is open in another window or program. Close it there first, then try again."
    )]
    InUse,
    /// The disk is full: the save was not made; the records as they were before it are safe.
    #[error(
        "The disk is full, so this change was not saved. Free some space, then save again; \
         nothing saved earlier has been lost."
    )]
    DiskFull,
    /// The vault file or its folder cannot be written.
    #[error(
        "The vault file cannot be written (read-only file, folder or disk), so this change was \
         not saved. Fix the permissions or move the vault, then save again; nothing saved \
         earlier has been lost."
    )]
    NotWritable,
    /// No file at the given path.
    #[error("No vault file was found at that location. Check the path, or create a new vault.")]
    NotFound,
    /// Creating over an existing file is refused.
    #[error(
        "A file already exists at that location. Choose another name; nothing was overwritten."
    )]
    AlreadyExists,
    /// A passphrase that is too weak to protect OFFICIAL information.
    #[error("{0}")]
    WeakPassphrase(&'static str),
    /// A work factor outside what this build accepts.
    #[error("The key-derivation work factor must be between {min} and {max} (asked for {asked}).")]
    WorkFactorOutOfRange {
        /// The value asked for.
        asked: u8,
        /// Smallest accepted.
        min: u8,
        /// Largest accepted.
        max: u8,
    },
    /// An I/O failure that fits none of the above. The text is the OS error, never content.
    #[error(
        "The vault file could not be read or written ({0}). Nothing saved earlier has been lost."
    )]
    Io(String),
    /// An error raised by a write in the working copy (a constraint, a bad statement).
    #[error("The change could not be applied to the records: {0}")]
    Working(#[source] rusqlite::Error),
}

impl Error {
    /// A short stable code for this error, for the IPC boundary and scripts.
    pub fn code(&self) -> &'static str {
        match self {
            Error::WrongPassphraseOrDamaged => "wrong_passphrase_or_damaged",
            Error::WrongRecoverySecretOrDamaged => "wrong_recovery_secret_or_damaged",
            Error::Damaged(_) => "vault_damaged",
            Error::NotAVault => "not_a_vault",
            Error::NewerVersion { .. } => "vault_from_newer_version",
            Error::InUse => "vault_in_use",
            Error::DiskFull => "disk_full",
            Error::NotWritable => "not_writable",
            Error::NotFound => "vault_not_found",
            Error::AlreadyExists => "already_exists",
            Error::WeakPassphrase(_) => "weak_passphrase",
            Error::WorkFactorOutOfRange { .. } => "work_factor_out_of_range",
            Error::Io(_) => "io",
            Error::Working(_) => "working_copy",
        }
    }

    /// Maps an error from the outer (ciphertext) file to what it means for the user.
    pub(crate) fn outer(e: rusqlite::Error) -> Error {
        use rusqlite::ErrorCode as C;
        match e.sqlite_error_code() {
            Some(C::DiskFull) => Error::DiskFull,
            Some(C::ReadOnly) | Some(C::CannotOpen) | Some(C::PermissionDenied) => {
                Error::NotWritable
            }
            Some(C::DatabaseCorrupt) => Error::Damaged(Part::Structure),
            Some(C::NotADatabase) => Error::NotAVault,
            Some(C::DatabaseBusy) | Some(C::DatabaseLocked) => Error::InUse,
            _ => Error::Io(short_code(&e)),
        }
    }

    /// Maps an I/O error on the vault file.
    pub(crate) fn io(e: &std::io::Error) -> Error {
        use std::io::ErrorKind as K;
        match e.kind() {
            K::NotFound => Error::NotFound,
            K::PermissionDenied | K::ReadOnlyFilesystem => Error::NotWritable,
            K::StorageFull | K::QuotaExceeded => Error::DiskFull,
            K::AlreadyExists => Error::AlreadyExists,
            _ => Error::Io(e.kind().to_string()),
        }
    }
}

/// The SQLite result code only: an error's message can quote SQL or values.
fn short_code(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqliteFailure(f, _) => format!("SQLite code {}", f.extended_code),
        other => {
            // Variants other than SqliteFailure carry types and indexes, not data.
            let kind = format!("{other:?}");
            kind.split(['(', ' ', '{'])
                .next()
                .unwrap_or("unknown")
                .to_owned()
        }
    }
}

/// Result with the vault's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
