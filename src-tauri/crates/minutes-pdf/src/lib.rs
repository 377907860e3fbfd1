//! Renders a [`Document`] — a title, a protective marking and a list of
//! blocks — to the bytes of a PDF file. It knows nothing of meetings:
//! minutes, an agenda and a request form are all documents.
//!
//! # A tour
//!
//! - [`document`]: the model the caller fills in (plain serde data).
//! - `layout`: our own small layout engine. Text is broken into lines with
//!   glyph widths measured from the embedded font; blocks become rows and
//!   rows are poured into A4 pages, keeping headings with what follows and
//!   repeating a table's header row on each page it spans. Every page gets
//!   the marking centred at top and bottom, "Page n of N", and the title,
//!   date, version and document id in the footer.
//! - `fonts`: DejaVu Sans and DejaVu Sans Bold (in `assets/fonts`, with
//!   their licence), subset into the file with allsorts.
//! - `pdf`: pages to a file through printpdf, made deterministic.
//!
//! A character the font cannot draw is refused ([`RenderError::Undrawable`])
//! naming where it is, never printed as an empty box. The same document
//! renders to the same bytes.
//!
//! ```
//! use minutes_pdf::{Block, Document, Marking, render};
//! let doc = Document {
//!     id: "TV-MIN-0001-v1".into(),
//!     title: "Minutes of the Bronze Tasking Meeting".into(),
//!     subtitle: vec!["Riverside Community Safety Partnership".into()],
//!     date: "25 November 2026".into(),
//!     version: "Version 1".into(),
//!     timestamp: "2026-11-25T14:05:00Z".into(),
//!     marking: Marking {
//!         classification: "OFFICIAL-SENSITIVE".into(),
//!         handling: None,
//!         descriptor: Some("PERSONAL DATA".into()),
//!     },
//!     draft_banner: None,
//!     issued_copy: None,
//!     copy_tag: None,
//!     blocks: vec![
//!         Block::heading("item 1", 1, "1. Welcome and apologies"),
//!         Block::paragraph("item 1 summary", "Zoë Łukasiewicz-O’Brien welcomed everyone."),
//!     ],
//! };
//! let pdf = render(&doc).unwrap();
//! assert!(pdf.starts_with(b"%PDF-"));
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod check;
mod content;
pub mod document;
mod error;
mod fonts;
mod layout;
mod pdf;

pub use document::{Block, Column, Document, KeyValue, Marking, Signature, Span};
pub use error::RenderError;
pub use pdf::COPY_TAG_PREFIX;

/// Renders `doc` to the bytes of a PDF file.
///
/// Fails, naming the field or block, if a required field is empty, a block
/// is malformed, or some text has a character the font cannot draw.
pub fn render(doc: &Document) -> Result<Vec<u8>, RenderError> {
    let pages = layout::layout(doc)?;
    pdf::write(doc, &pages)
}

/// How many pages `doc` lays out to, without writing the file.
pub fn page_count(doc: &Document) -> Result<usize, RenderError> {
    Ok(layout::layout(doc)?.len())
}
