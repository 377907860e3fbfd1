//! The domain's errors. Messages say what to do next and never quote vault content.

/// Everything a domain operation can refuse or fail with.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The encrypted store failed (see [`vault::Error`]).
    #[error(transparent)]
    Vault(#[from] vault::Error),
    /// An input was refused; `field` is the field's label as the user sees it.
    #[error("{field}: {problem}")]
    Invalid {
        /// The field's label, e.g. "Agency name".
        field: &'static str,
        /// What is wrong and what to change.
        problem: String,
    },
    /// The record asked for does not exist.
    #[error("That {0} no longer exists. Refresh the list and try again.")]
    NotFound(&'static str),
    /// The change would clash with an existing record.
    #[error("{0}")]
    Conflict(String),
    /// A disclosure's rules block its save; each entry is a blocked
    /// finding's message (what to change), in rule order.
    #[error("This disclosure cannot be saved as it is. {}", .0.join(" "))]
    DisclosureBlocked(Vec<String>),
    /// A form cannot be kept as it is: each entry is what is wrong with
    /// what was given, in the form's order.
    #[error("This form cannot be saved as it is. {}", .0.join(" "))]
    FormRefused(Vec<String>),
    /// A disclosure's rules raise warnings that were not accepted; each
    /// entry is a warning's message.
    #[error(
        "This disclosure can be saved only once these warnings are accepted (or the disclosure \
         changed so that they no longer apply). {}",
        .0.join(" ")
    )]
    WarningNotAccepted(Vec<String>),
    /// A document cannot be printed as it is (a character the document
    /// font cannot draw, named with where it is); the message says what to
    /// change.
    #[error("{0}")]
    Unprintable(String),
    /// The audit chain does not verify.
    #[error(
        "The audit trail does not verify at entry {seq}: the records may have been altered \
         outside Tasking Vault. Keep this vault file as evidence and contact the Designated Person."
    )]
    AuditChainBroken {
        /// The first entry that does not match its hash.
        seq: i64,
    },
    /// A register entry's digest does not match what it records.
    #[error(
        "Signature record {id} does not match its digest: it may have been altered outside \
         Tasking Vault. Keep this vault file as evidence and contact the Designated Person."
    )]
    SignatureDigest {
        /// The first entry that does not match.
        id: i64,
    },
    /// The records were written by a newer schema.
    #[error(
        "These records were written by a newer version of Tasking Vault (schema {found}; this \
         version knows up to {supported}). Install the latest version to open them."
    )]
    SchemaNewer {
        /// Schema version found.
        found: i64,
        /// Newest schema this build knows.
        supported: i64,
    },
    /// An unexpected database error in the working copy. The text is the
    /// SQLite code, never a value.
    #[error("Unexpected error in the records ({0}). Nothing was changed; please try again.")]
    Internal(String),
}

impl Error {
    /// A short stable code for the IPC boundary.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Vault(e) => e.code(),
            Error::Invalid { .. } => "invalid_input",
            Error::NotFound(_) => "not_found",
            Error::Conflict(_) => "conflict",
            Error::DisclosureBlocked(_) => "disclosure_blocked",
            Error::FormRefused(_) => "form_refused",
            Error::WarningNotAccepted(_) => "warning_not_accepted",
            Error::Unprintable(_) => "unprintable",
            Error::AuditChainBroken { .. } => "audit_chain_broken",
            Error::SignatureDigest { .. } => "signature_digest_mismatch",
            Error::SchemaNewer { .. } => "schema_from_newer_version",
            Error::Internal(_) => "internal",
        }
    }

    pub(crate) fn invalid(field: &'static str, problem: impl Into<String>) -> Self {
        Error::Invalid {
            field,
            problem: problem.into(),
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        match e {
            rusqlite::Error::SqliteFailure(f, _) => {
                Error::Internal(format!("SQLite code {}", f.extended_code))
            }
            rusqlite::Error::QueryReturnedNoRows => Error::Internal("no row".into()),
            other => Error::Internal(
                format!("{other:?}")
                    .split(['(', ' ', '{'])
                    .next()
                    .unwrap_or("unknown")
                    .to_owned(),
            ),
        }
    }
}

/// Result with the domain's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

pub(crate) use vault::rusqlite;
