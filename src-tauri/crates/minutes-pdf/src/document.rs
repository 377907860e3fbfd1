//! The document the renderer takes: what to print, not how.
//!
//! A [`Document`] is plain data (serde-serialisable, so a caller can freeze
//! it, hash it and render the same bytes again later). It knows nothing of
//! meetings: minutes, an agenda or an information-request form are all a
//! title, a marking and a list of [`Block`]s.
//!
//! Every block carries a caller-supplied `label` ("item 3 summary",
//! "actions table"). The renderer uses it only in error messages, so a
//! refusal can say *where* the problem is in the caller's words.

use serde::{Deserialize, Serialize};

/// A document to render: its heading, its page furniture and its body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// A fixed identifier of this document and version, printed in every
    /// page's footer and (hashed) as the PDF's file identifier, e.g.
    /// `"TV-MIN-0412-v2"`. The same id gives the same bytes: never random.
    pub id: String,
    /// The title, large on the first page and in every page's footer,
    /// e.g. "Minutes of the Bronze Tasking Meeting".
    pub title: String,
    /// Lines under the title on the first page (group, venue, time…).
    #[serde(default)]
    pub subtitle: Vec<String>,
    /// The date as printed, e.g. "25 November 2026".
    pub date: String,
    /// The version label as printed, e.g. "Version 2".
    pub version: String,
    /// When this version was made, `YYYY-MM-DDTHH:MM:SSZ` (UTC). Written as
    /// the PDF's creation and modification dates, so it comes from the
    /// document, never from the clock.
    pub timestamp: String,
    /// The protective marking, centred at the top and bottom of every page.
    pub marking: Marking,
    /// A banner under the top marking on every page, for drafts, e.g.
    /// "DRAFT — NOT FOR CIRCULATION".
    #[serde(default)]
    pub draft_banner: Option<String>,
    /// A line in every page's footer naming this copy, e.g.
    /// "Copy 3 of 7 — issued to NAME, AGENCY".
    #[serde(default)]
    pub issued_copy: Option<String>,
    /// A token naming this issued copy: 32 hex digits, used as the file
    /// identifier (the trailer's `/ID`, outside any compressed stream) and
    /// written into the document information (`/Keywords`, as
    /// `tasking-vault-copy:TOKEN`), so that an altered file can still say
    /// which copy it was.
    #[serde(default)]
    pub copy_tag: Option<String>,
    /// The body, in order.
    pub blocks: Vec<Block>,
}

/// A Government Security Classifications marking, printed as one line:
/// `CLASSIFICATION [HANDLING INSTRUCTION] [DESCRIPTOR]`
/// (e.g. "OFFICIAL-SENSITIVE RECIPIENTS ONLY PERSONAL DATA").
///
/// The renderer prints what it is given; deciding the marking is the
/// caller's business.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marking {
    /// "OFFICIAL" or "OFFICIAL-SENSITIVE".
    pub classification: String,
    /// A handling instruction such as "RECIPIENTS ONLY".
    #[serde(default)]
    pub handling: Option<String>,
    /// A descriptor such as "PERSONAL DATA".
    #[serde(default)]
    pub descriptor: Option<String>,
}

impl Marking {
    /// The marking as printed on the page.
    pub fn line(&self) -> String {
        let mut line = self.classification.trim().to_owned();
        for part in [&self.handling, &self.descriptor].into_iter().flatten() {
            let part = part.trim();
            if !part.is_empty() {
                line.push(' ');
                line.push_str(part);
            }
        }
        line
    }
}

/// One piece of the body. Each variant's `label` names it in errors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// A section heading, kept on the same page as what follows it.
    Heading {
        /// Names the block in errors.
        label: String,
        /// 1 (a section) or 2 (a subsection).
        level: u8,
        /// The heading's words.
        text: String,
    },
    /// Running text, wrapped to the page. `\n` in a span is a hard line
    /// break.
    Paragraph {
        /// Names the block in errors.
        label: String,
        /// The text, in runs of one weight.
        spans: Vec<Span>,
    },
    /// Pairs of a key (bold) and a value, e.g. "Chair" — "A. Person".
    KeyValues {
        /// Names the block in errors.
        label: String,
        /// The pairs, in order.
        pairs: Vec<KeyValue>,
    },
    /// A table with a header row that is repeated on every page it spans.
    Table {
        /// Names the block in errors.
        label: String,
        /// The columns: header text and relative width.
        columns: Vec<Column>,
        /// The rows; each has one cell per column.
        rows: Vec<Vec<String>>,
    },
    /// A paragraph in a bordered box, for notices such as the Arrangement's
    /// third-party release notice or "withheld" lines.
    Notice {
        /// Names the block in errors.
        label: String,
        /// The text, in runs of one weight.
        spans: Vec<Span>,
    },
    /// A drawn signature, drawn as vector strokes, with its caption.
    Signature(Signature),
    /// Start the next block on a new page (e.g. before an appendix).
    PageBreak,
}

impl Block {
    /// A heading block.
    pub fn heading(label: impl Into<String>, level: u8, text: impl Into<String>) -> Self {
        Block::Heading {
            label: label.into(),
            level,
            text: text.into(),
        }
    }

    /// A paragraph of plain text in one run.
    pub fn paragraph(label: impl Into<String>, text: impl Into<String>) -> Self {
        Block::Paragraph {
            label: label.into(),
            spans: vec![Span::plain(text)],
        }
    }

    /// A notice of plain text in one run.
    pub fn notice(label: impl Into<String>, text: impl Into<String>) -> Self {
        Block::Notice {
            label: label.into(),
            spans: vec![Span::plain(text)],
        }
    }

    /// The caller's label for this block ("page break" for a page break).
    pub fn label(&self) -> &str {
        match self {
            Block::Heading { label, .. }
            | Block::Paragraph { label, .. }
            | Block::KeyValues { label, .. }
            | Block::Table { label, .. }
            | Block::Notice { label, .. } => label,
            Block::Signature(s) => &s.label,
            Block::PageBreak => "page break",
        }
    }
}

/// A run of text of one weight.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// The text; `\n` is a hard line break.
    pub text: String,
    /// Bold if true.
    #[serde(default)]
    pub bold: bool,
}

impl Span {
    /// A run of regular text.
    pub fn plain(text: impl Into<String>) -> Self {
        Span {
            text: text.into(),
            bold: false,
        }
    }

    /// A run of bold text.
    pub fn bold(text: impl Into<String>) -> Self {
        Span {
            text: text.into(),
            bold: true,
        }
    }
}

/// One pair of a [`Block::KeyValues`] list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyValue {
    /// The key, printed bold.
    pub key: String,
    /// The value; `\n` is a hard line break.
    pub value: String,
}

impl KeyValue {
    /// A pair.
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Self {
        KeyValue {
            key: key.into(),
            value: value.into(),
        }
    }
}

/// One column of a [`Block::Table`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    /// The header cell's text.
    pub header: String,
    /// The column's width relative to the others (any positive numbers:
    /// `[1, 3]` makes the second column three times the first).
    pub width: f32,
}

impl Column {
    /// A column.
    pub fn new(header: impl Into<String>, width: f32) -> Self {
        Column {
            header: header.into(),
            width,
        }
    }
}

/// A drawn signature: strokes of points in a box of stated size, drawn as
/// vector paths (never an image), with a caption beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signature {
    /// Names the block in errors.
    pub label: String,
    /// Lines beside the drawing (name, agency, when signed…); the first is
    /// printed bold.
    pub caption: Vec<String>,
    /// The size of the pad the points were recorded in, `[width, height]`
    /// (e.g. `[1000, 400]`), with the origin at the top left and y growing
    /// downwards, as a pointer records them.
    pub pad: [f32; 2],
    /// The strokes, each a list of `[x, y]` points inside the pad.
    pub strokes: Vec<Vec<[f32; 2]>>,
}
