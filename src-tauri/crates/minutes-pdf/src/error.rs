//! What can go wrong, in words a person can act on.

use thiserror::Error;

/// Why a document could not be rendered. Each message names the field or
/// block (by the caller's label) and says what to do.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum RenderError {
    /// A character that cannot be printed: the embedded font has no glyph
    /// for it (refused rather than printed as an empty box), it is a control
    /// character, or it belongs to a right-to-left script this layout cannot
    /// set.
    #[error(
        "{field} contains {shown} (U+{code:04X}), which cannot be printed in the PDF. \
         Replace or remove that character, then export again."
    )]
    Undrawable {
        /// Where the character is, e.g. "paragraph “item 3 summary”".
        field: String,
        /// The character, as `'x'` or a description if it is invisible.
        shown: String,
        /// Its code point.
        code: u32,
    },
    /// A required field is empty.
    #[error("{field} is empty. Fill it in, then export again.")]
    Empty {
        /// Which field.
        field: String,
    },
    /// A block is not well formed (a heading level other than 1 or 2, a
    /// table row with the wrong number of cells, a signature point outside
    /// its pad…). These are mistakes of the calling program, not the user.
    #[error(
        "{field}: {problem}. This is a fault in the program that made the document; report it."
    )]
    Malformed {
        /// Which block.
        field: String,
        /// What is wrong with it.
        problem: String,
    },
    /// The embedded font could not be subset (should never happen with the
    /// fonts the crate ships).
    #[error("the document font could not be prepared ({0}). Report this fault.")]
    Font(String),
}
