//! Our own small layout: the document's blocks become **rows** (a line of a
//! paragraph, a slice of a table row, a heading, a signature…), and rows
//! are poured into A4 pages.
//!
//! Rows carry the rules that decide page breaks:
//! - `keep_with_next`: a heading (and the first and last two lines of a
//!   paragraph) stays on the page of the row after it, so a heading is never
//!   the last thing on a page;
//! - `group`: the slices of one table row, key–value pair or notice are kept
//!   together when they fit on a page, and flow across pages (one line at a
//!   time) when they are taller than a page;
//! - `header`: a table's header row, repeated at the top of each page the
//!   table continues on.
//!
//! The result is a list of [`Page`]s of positioned [`Item`]s in points from
//! the page's top left; `crate::pdf` turns them into content streams.

pub(crate) mod text;

use crate::document::{Block, Column, Document, KeyValue, Signature, Span};
use crate::fonts::Face;
use crate::{RenderError, check};
use text::{Line, wrap};

/// A4, in points.
pub(crate) const PAGE_WIDTH: f32 = 595.276;
pub(crate) const PAGE_HEIGHT: f32 = 841.89;

const MARGIN_X: f32 = 56.69; // 20 mm
const BODY_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN_X;
const BODY_TOP: f32 = 74.0;
const BODY_TOP_WITH_BANNER: f32 = 92.0;
const BODY_BOTTOM: f32 = PAGE_HEIGHT - 84.0;

const BODY_SIZE: f32 = 9.5;
const BODY_LEADING: f32 = 13.5;
const TABLE_SIZE: f32 = 8.8;
const TABLE_LEADING: f32 = 12.0;
const CELL_PAD_X: f32 = 4.5;
const CELL_PAD_Y: f32 = 3.5;
const TITLE_SIZE: f32 = 17.0;
const H1_SIZE: f32 = 12.5;
const H2_SIZE: f32 = 10.5;
const MARKING_SIZE: f32 = 10.5;
const FOOTER_SIZE: f32 = 7.5;

/// Ink: near-black text, grey rules, a dark blue for signatures.
pub(crate) const TEXT: Colour = Colour(0.10, 0.10, 0.10);
const MUTED: Colour = Colour(0.35, 0.35, 0.35);
const RULE: Colour = Colour(0.55, 0.55, 0.55);
const HEADER_FILL: Colour = Colour(0.90, 0.91, 0.93);
const NOTICE_FILL: Colour = Colour(0.96, 0.96, 0.96);
const DRAFT: Colour = Colour(0.70, 0.05, 0.05);
const INK: Colour = Colour(0.05, 0.12, 0.38);

/// An RGB colour, each part 0–1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Colour(pub(crate) f32, pub(crate) f32, pub(crate) f32);

/// One thing drawn on a page, in points from the page's top left.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    /// Text of one face on a baseline.
    Text {
        x: f32,
        baseline: f32,
        face: Face,
        size: f32,
        colour: Colour,
        text: String,
    },
    /// A straight line.
    Rule {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
        colour: Colour,
    },
    /// A filled rectangle (top left, size).
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        colour: Colour,
    },
    /// Strokes through points given in a pad's units (y down), drawn with
    /// round caps and joins: page point = (x, y) + pad point × scale.
    Strokes {
        x: f32,
        y: f32,
        scale: f32,
        /// The pad's width in its own units (sets the grid points are
        /// written on: a thousandth of it).
        pad_width: f32,
        strokes: Vec<Vec<[f32; 2]>>,
        /// Line width in points.
        width: f32,
        colour: Colour,
    },
}

impl Item {
    fn shifted(&self, dy: f32) -> Item {
        let mut item = self.clone();
        match &mut item {
            Item::Text { baseline, .. } => *baseline += dy,
            Item::Rule { from, to, .. } => {
                from.1 += dy;
                to.1 += dy;
            }
            Item::Fill { y, .. } => *y += dy,
            Item::Strokes { y, .. } => *y += dy,
        }
        item
    }
}

/// A laid-out page.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Page {
    pub(crate) items: Vec<Item>,
    /// What started on this page, for tests: the kind of each row placed.
    pub(crate) rows: Vec<RowKind>,
}

/// What a row is, for tests of the page breaking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RowKind {
    Title,
    Heading,
    Line,
    TableHeader,
    TableSlice,
    PairSlice,
    NoticeSlice,
    Signature,
}

/// A horizontal band of the body that is placed whole.
#[derive(Debug, Clone)]
struct Row {
    kind: RowKind,
    height: f32,
    /// Space above the row, dropped at the top of a page.
    space_before: f32,
    keep_with_next: bool,
    /// Rows of the same group stay together if the group fits on a page.
    group: Option<usize>,
    /// A header row to repeat when this row begins a page.
    header: Option<usize>,
    page_break_before: bool,
    /// Items with y relative to the row's top.
    items: Vec<Item>,
}

impl Row {
    fn new(kind: RowKind, height: f32) -> Row {
        Row {
            kind,
            height,
            space_before: 0.0,
            keep_with_next: false,
            group: None,
            header: None,
            page_break_before: false,
            items: Vec::new(),
        }
    }
}

/// Lays the document out into pages, page furniture included.
pub(crate) fn layout(doc: &Document) -> Result<Vec<Page>, RenderError> {
    if doc.title.trim().is_empty() {
        return Err(RenderError::Empty {
            field: "the title".into(),
        });
    }
    let mut rows = Rows::default();
    rows.title(doc)?;
    let mut break_next = false;
    for block in &doc.blocks {
        let first = rows.rows.len();
        match block {
            Block::Heading { label, level, text } => rows.heading(label, *level, text)?,
            Block::Paragraph { label, spans } => {
                rows.paragraph(&format!("paragraph “{label}”"), spans)?
            }
            Block::KeyValues { label, pairs } => rows.pairs(label, pairs)?,
            Block::Table {
                label,
                columns,
                rows: cells,
            } => rows.table(label, columns, cells)?,
            Block::Notice { label, spans } => rows.notice(label, spans)?,
            Block::Signature(signature) => rows.signature(signature)?,
            Block::PageBreak => {
                break_next = true;
                continue;
            }
        }
        if break_next && let Some(row) = rows.rows.get_mut(first) {
            row.page_break_before = true;
            break_next = false;
        }
    }
    let body_top = if doc.draft_banner.is_some() || doc.issued_copy.is_some() {
        BODY_TOP_WITH_BANNER
    } else {
        BODY_TOP
    };
    let mut pages = paginate(&rows, body_top, BODY_BOTTOM);
    furnish(doc, &mut pages)?;
    Ok(pages)
}

#[derive(Default)]
struct Rows {
    rows: Vec<Row>,
    /// Header rows of tables, referred to by `Row::header`.
    headers: Vec<Row>,
    groups: usize,
}

/// Where a line of `size` text sits in a band of `leading`: its baseline
/// below the band's top, centring the face's ascender–descender height.
fn baseline_in(leading: f32, size: f32, face: Face) -> f32 {
    let m = face.metrics();
    let content = (m.ascent - m.descent) * size / 1000.0;
    (leading - content) / 2.0 + m.ascent * size / 1000.0
}

fn line_items(line: &Line, x: f32, baseline: f32, size: f32, colour: Colour) -> Vec<Item> {
    line.segments
        .iter()
        .filter(|s| !s.text.trim().is_empty())
        .map(|s| Item::Text {
            x: x + s.x,
            baseline,
            face: s.face,
            size,
            colour,
            text: s.text.clone(),
        })
        .collect()
}

fn span_runs(spans: &[Span]) -> Vec<(Face, &str)> {
    spans
        .iter()
        .map(|s| {
            let face = if s.bold { Face::Bold } else { Face::Regular };
            (face, s.text.as_str())
        })
        .collect()
}

impl Rows {
    fn next_group(&mut self) -> usize {
        self.groups += 1;
        self.groups
    }

    fn title(&mut self, doc: &Document) -> Result<(), RenderError> {
        check::text("the title", &doc.title, Face::Bold, false)?;
        let group = self.next_group();
        let mut items = Vec::new();
        let mut y = 0.0;
        let leading = TITLE_SIZE * 1.25;
        for line in wrap(&[(Face::Bold, &doc.title)], TITLE_SIZE, BODY_WIDTH) {
            let b = y + baseline_in(leading, TITLE_SIZE, Face::Bold);
            items.extend(line_items(&line, MARGIN_X, b, TITLE_SIZE, TEXT));
            y += leading;
        }
        y += 3.0;
        for (i, sub) in doc.subtitle.iter().enumerate() {
            check::text(
                &format!("subtitle line {}", i + 1),
                sub,
                Face::Regular,
                false,
            )?;
            for line in wrap(&[(Face::Regular, sub)], 10.5, BODY_WIDTH) {
                let b = y + baseline_in(14.5, 10.5, Face::Regular);
                items.extend(line_items(&line, MARGIN_X, b, 10.5, TEXT));
                y += 14.5;
            }
        }
        let meta = format!("{}  ·  {}", doc.date, doc.version);
        for line in wrap(&[(Face::Regular, &meta)], 9.0, BODY_WIDTH) {
            let b = y + 2.0 + baseline_in(13.0, 9.0, Face::Regular);
            items.extend(line_items(&line, MARGIN_X, b, 9.0, MUTED));
            y += 13.0;
        }
        y += 8.0;
        items.push(Item::Rule {
            from: (MARGIN_X, y),
            to: (MARGIN_X + BODY_WIDTH, y),
            width: 1.2,
            colour: TEXT,
        });
        y += 6.0;
        fits("the title and subtitle", y)?;
        let mut row = Row::new(RowKind::Title, y);
        row.items = items;
        row.group = Some(group);
        row.keep_with_next = true;
        self.rows.push(row);
        Ok(())
    }

    fn heading(&mut self, label: &str, level: u8, text: &str) -> Result<(), RenderError> {
        let field = format!("heading “{label}”");
        let (size, leading, space_before, rule) = match level {
            1 => (H1_SIZE, 17.0, 16.0, true),
            2 => (H2_SIZE, 14.0, 10.0, false),
            _ => {
                return Err(RenderError::Malformed {
                    field,
                    problem: format!("heading level {level} (only 1 and 2 exist)"),
                });
            }
        };
        if text.trim().is_empty() {
            return Err(RenderError::Empty { field });
        }
        check::text(&field, text, Face::Bold, true)?;
        let mut items = Vec::new();
        let mut y = 0.0;
        for line in wrap(&[(Face::Bold, text)], size, BODY_WIDTH) {
            let b = y + baseline_in(leading, size, Face::Bold);
            items.extend(line_items(&line, MARGIN_X, b, size, TEXT));
            y += leading;
        }
        if rule {
            y += 1.5;
            items.push(Item::Rule {
                from: (MARGIN_X, y),
                to: (MARGIN_X + BODY_WIDTH, y),
                width: 0.5,
                colour: RULE,
            });
        }
        y += 4.0;
        fits(&field, y)?;
        let mut row = Row::new(RowKind::Heading, y);
        row.items = items;
        row.space_before = space_before;
        row.keep_with_next = true;
        self.rows.push(row);
        Ok(())
    }

    fn paragraph(&mut self, field: &str, spans: &[Span]) -> Result<(), RenderError> {
        for s in spans {
            let face = if s.bold { Face::Bold } else { Face::Regular };
            check::text(field, &s.text, face, true)?;
        }
        let lines = wrap(&span_runs(spans), BODY_SIZE, BODY_WIDTH);
        let n = lines.len();
        let b = baseline_in(BODY_LEADING, BODY_SIZE, Face::Regular);
        for (i, line) in lines.iter().enumerate() {
            let mut row = Row::new(RowKind::Line, BODY_LEADING);
            row.items = line_items(line, MARGIN_X, b, BODY_SIZE, TEXT);
            if i == 0 {
                row.space_before = 6.0;
            }
            // No single line of a paragraph alone at the foot or head of a
            // page: the first two and the last two lines stay together.
            row.keep_with_next = n >= 2 && (i == 0 || i + 2 == n);
            self.rows.push(row);
        }
        Ok(())
    }

    fn pairs(&mut self, label: &str, pairs: &[KeyValue]) -> Result<(), RenderError> {
        let key_width = (BODY_WIDTH * 0.28).round();
        let gap = 10.0;
        let value_x = MARGIN_X + key_width + gap;
        let value_width = BODY_WIDTH - key_width - gap;
        for (i, pair) in pairs.iter().enumerate() {
            let field = format!("“{}” in “{label}”", pair.key);
            check::text(&format!("a key in “{label}”"), &pair.key, Face::Bold, true)?;
            check::text(&field, &pair.value, Face::Regular, true)?;
            let keys = wrap(&[(Face::Bold, &pair.key)], BODY_SIZE, key_width);
            let values = wrap(&[(Face::Regular, &pair.value)], BODY_SIZE, value_width);
            let n = keys.len().max(values.len()).max(1);
            let group = self.next_group();
            let bk = baseline_in(BODY_LEADING, BODY_SIZE, Face::Bold);
            for k in 0..n {
                let mut row = Row::new(RowKind::PairSlice, BODY_LEADING);
                row.group = Some(group);
                row.space_before = match (i, k) {
                    (0, 0) => 6.0,
                    (_, 0) => 2.0,
                    _ => 0.0,
                };
                if let Some(line) = keys.get(k) {
                    row.items
                        .extend(line_items(line, MARGIN_X, bk, BODY_SIZE, TEXT));
                }
                if let Some(line) = values.get(k) {
                    row.items
                        .extend(line_items(line, value_x, bk, BODY_SIZE, TEXT));
                }
                self.rows.push(row);
            }
        }
        Ok(())
    }

    fn table(
        &mut self,
        label: &str,
        columns: &[Column],
        cells: &[Vec<String>],
    ) -> Result<(), RenderError> {
        let field = format!("table “{label}”");
        if columns.is_empty() {
            return Err(RenderError::Malformed {
                field,
                problem: "no columns".into(),
            });
        }
        if columns
            .iter()
            .any(|c| !(c.width.is_finite() && c.width > 0.0))
        {
            return Err(RenderError::Malformed {
                field,
                problem: "a column width that is not a positive number".into(),
            });
        }
        let total: f32 = columns.iter().map(|c| c.width).sum();
        let mut xs = vec![MARGIN_X];
        for c in columns {
            let last = xs[xs.len() - 1];
            xs.push(last + BODY_WIDTH * c.width / total);
        }
        let last = xs.len() - 1;
        xs[last] = MARGIN_X + BODY_WIDTH;
        let inner = |i: usize| (xs[i + 1] - xs[i] - 2.0 * CELL_PAD_X).max(1.0);

        // The header row: bold on a tint, one row however many lines.
        let mut header_lines = Vec::with_capacity(columns.len());
        for (i, c) in columns.iter().enumerate() {
            check::text(
                &format!("a column header of {field}"),
                &c.header,
                Face::Bold,
                true,
            )?;
            header_lines.push(wrap(&[(Face::Bold, &c.header)], TABLE_SIZE, inner(i)));
        }
        let n = header_lines.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let height = 2.0 * CELL_PAD_Y + n as f32 * TABLE_LEADING;
        fits(&format!("the header row of {field}"), height)?;
        let mut header = Row::new(RowKind::TableHeader, height);
        header.items.push(Item::Fill {
            x: MARGIN_X,
            y: 0.0,
            w: BODY_WIDTH,
            h: height,
            colour: HEADER_FILL,
        });
        let b = CELL_PAD_Y + baseline_in(TABLE_LEADING, TABLE_SIZE, Face::Bold);
        for (i, lines) in header_lines.iter().enumerate() {
            for (k, line) in lines.iter().enumerate() {
                let y = b + k as f32 * TABLE_LEADING;
                header
                    .items
                    .extend(line_items(line, xs[i] + CELL_PAD_X, y, TABLE_SIZE, TEXT));
            }
        }
        grid(&mut header.items, &xs, 0.0, height, true, true);
        header.space_before = 8.0;
        header.keep_with_next = true;
        let header_index = self.headers.len();
        self.headers.push(header.clone());
        self.rows.push(header);

        let b = baseline_in(TABLE_LEADING, TABLE_SIZE, Face::Regular);
        for (r, row_cells) in cells.iter().enumerate() {
            if row_cells.len() != columns.len() {
                return Err(RenderError::Malformed {
                    field,
                    problem: format!(
                        "row {} has {} cells for {} columns",
                        r + 1,
                        row_cells.len(),
                        columns.len()
                    ),
                });
            }
            let mut lines = Vec::with_capacity(columns.len());
            for (i, cell) in row_cells.iter().enumerate() {
                let where_ = format!("{field}, row {}, column “{}”", r + 1, columns[i].header);
                check::text(&where_, cell, Face::Regular, true)?;
                lines.push(wrap(&[(Face::Regular, cell)], TABLE_SIZE, inner(i)));
            }
            let n = lines.iter().map(Vec::len).max().unwrap_or(0).max(1);
            let group = self.next_group();
            // One slice per line, so a row taller than a page can flow on;
            // the first and last slices carry the cell padding.
            for k in 0..n {
                let top = if k == 0 { CELL_PAD_Y } else { 0.0 };
                let bottom = if k + 1 == n { CELL_PAD_Y } else { 0.0 };
                let height = top + TABLE_LEADING + bottom;
                let mut row = Row::new(RowKind::TableSlice, height);
                row.group = Some(group);
                row.header = Some(header_index);
                for (i, cell_lines) in lines.iter().enumerate() {
                    if let Some(line) = cell_lines.get(k) {
                        row.items.extend(line_items(
                            line,
                            xs[i] + CELL_PAD_X,
                            top + b,
                            TABLE_SIZE,
                            TEXT,
                        ));
                    }
                }
                grid(&mut row.items, &xs, 0.0, height, false, k + 1 == n);
                self.rows.push(row);
            }
        }
        Ok(())
    }

    fn notice(&mut self, label: &str, spans: &[Span]) -> Result<(), RenderError> {
        let field = format!("notice “{label}”");
        for s in spans {
            let face = if s.bold { Face::Bold } else { Face::Regular };
            check::text(&field, &s.text, face, true)?;
        }
        let pad = 8.0;
        let lines = wrap(&span_runs(spans), BODY_SIZE, BODY_WIDTH - 2.0 * pad);
        let n = lines.len().max(1);
        let group = self.next_group();
        let b = baseline_in(BODY_LEADING, BODY_SIZE, Face::Regular);
        let (left, right) = (MARGIN_X, MARGIN_X + BODY_WIDTH);
        for k in 0..n {
            let top = if k == 0 { pad } else { 0.0 };
            let bottom = if k + 1 == n { pad } else { 0.0 };
            let height = top + BODY_LEADING + bottom;
            let mut row = Row::new(RowKind::NoticeSlice, height);
            row.group = Some(group);
            if k == 0 {
                row.space_before = 10.0;
            }
            row.items.push(Item::Fill {
                x: left,
                y: 0.0,
                w: BODY_WIDTH,
                h: height,
                colour: NOTICE_FILL,
            });
            if let Some(line) = lines.get(k) {
                row.items
                    .extend(line_items(line, left + pad, top + b, BODY_SIZE, TEXT));
            }
            let edge = |from: (f32, f32), to: (f32, f32)| Item::Rule {
                from,
                to,
                width: 1.0,
                colour: TEXT,
            };
            row.items.push(edge((left, 0.0), (left, height)));
            row.items.push(edge((right, 0.0), (right, height)));
            if k == 0 {
                row.items.push(edge((left, 0.0), (right, 0.0)));
            }
            if k + 1 == n {
                row.items.push(edge((left, height), (right, height)));
            }
            self.rows.push(row);
        }
        Ok(())
    }

    fn signature(&mut self, s: &Signature) -> Result<(), RenderError> {
        let field = format!("signature “{}”", s.label);
        let [pad_w, pad_h] = s.pad;
        if !(pad_w.is_finite() && pad_h.is_finite() && pad_w > 0.0 && pad_h > 0.0) {
            return Err(RenderError::Malformed {
                field,
                problem: format!("pad size {pad_w}×{pad_h} is not positive"),
            });
        }
        for (i, stroke) in s.strokes.iter().enumerate() {
            for &[x, y] in stroke {
                let inside = x.is_finite()
                    && y.is_finite()
                    && (0.0..=pad_w).contains(&x)
                    && (0.0..=pad_h).contains(&y);
                if !inside {
                    return Err(RenderError::Malformed {
                        field,
                        problem: format!(
                            "stroke {} has a point ({x}, {y}) outside the {pad_w}×{pad_h} pad",
                            i + 1
                        ),
                    });
                }
            }
        }
        // The drawing: at most 190×76 pt, keeping the pad's proportions.
        let scale = (190.0 / pad_w).min(76.0 / pad_h);
        let (w, h) = (pad_w * scale, pad_h * scale);
        let pad = 6.0;
        let mut items = Vec::new();
        let (x0, y0) = (MARGIN_X, pad);
        items.push(Item::Strokes {
            x: x0,
            y: y0,
            scale,
            pad_width: pad_w,
            strokes: s
                .strokes
                .iter()
                .filter(|s| !s.is_empty())
                .cloned()
                .collect(),
            width: 1.1,
            colour: INK,
        });
        // The line signed on, as on a paper register.
        items.push(Item::Rule {
            from: (x0, y0 + h + 2.0),
            to: (x0 + w, y0 + h + 2.0),
            width: 0.6,
            colour: MUTED,
        });
        let cx = x0 + w + 18.0;
        let cw = MARGIN_X + BODY_WIDTH - cx;
        let mut y = y0;
        for (i, line) in s.caption.iter().enumerate() {
            let face = if i == 0 { Face::Bold } else { Face::Regular };
            check::text(&field, line, face, true)?;
            for l in wrap(&[(face, line)], BODY_SIZE, cw) {
                let b = y + baseline_in(BODY_LEADING, BODY_SIZE, face);
                items.extend(line_items(&l, cx, b, BODY_SIZE, TEXT));
                y += BODY_LEADING;
            }
        }
        let height = (y0 + h + 2.0).max(y) + pad;
        fits(&field, height)?;
        let mut row = Row::new(RowKind::Signature, height);
        row.items = items;
        row.space_before = 10.0;
        self.rows.push(row);
        Ok(())
    }
}

/// Refuses a row that must be placed whole but is taller than any page's
/// body (it would run into the footer).
fn fits(field: &str, height: f32) -> Result<(), RenderError> {
    if height > BODY_BOTTOM - BODY_TOP_WITH_BANNER {
        return Err(RenderError::Malformed {
            field: field.to_owned(),
            problem: format!("it is {height:.0} pt tall, more than a page holds; shorten it"),
        });
    }
    Ok(())
}

/// Cell borders of a band from `y` to `y + h` between column edges `xs`.
fn grid(items: &mut Vec<Item>, xs: &[f32], y: f32, h: f32, top: bool, bottom: bool) {
    let rule = |from: (f32, f32), to: (f32, f32)| Item::Rule {
        from,
        to,
        width: 0.5,
        colour: RULE,
    };
    let (left, right) = (xs[0], xs[xs.len() - 1]);
    if top {
        items.push(rule((left, y), (right, y)));
    }
    if bottom {
        items.push(rule((left, y + h), (right, y + h)));
    }
    for &x in xs {
        items.push(rule((x, y), (x, y + h)));
    }
}

/// Pours rows into pages between `top` and `bottom`.
fn paginate(rows: &Rows, top: f32, bottom: f32) -> Vec<Page> {
    let body = bottom - top;
    let list = &rows.rows;
    let group_height = |i: usize| -> f32 {
        let Some(g) = list[i].group else {
            return list[i].height;
        };
        list[i..]
            .iter()
            .take_while(|r| r.group == Some(g))
            .enumerate()
            .map(|(k, r)| {
                if k == 0 {
                    r.height
                } else {
                    r.space_before + r.height
                }
            })
            .sum()
    };
    let starts_group =
        |i: usize| i == 0 || list[i].group.is_none() || list[i - 1].group != list[i].group;

    let mut pages = vec![Page::default()];
    let mut y = top;
    let mut empty = true;
    for (i, row) in list.iter().enumerate() {
        // What must fit below this row on this page: itself (its whole group
        // when it starts one that fits on a page), then each row it is kept
        // with, the last of them with its group too.
        let own = |i: usize| {
            if starts_group(i) {
                let g = group_height(i);
                if g <= body { g } else { list[i].height }
            } else {
                list[i].height
            }
        };
        let mut need = own(i);
        let mut j = i;
        while list[j].keep_with_next && j + 1 < list.len() && !list[j + 1].page_break_before {
            j += 1;
            need += list[j].space_before + own(j);
        }
        if need > body {
            // The chain cannot fit on any page: keep only the next row with it.
            need = own(i).min(body);
            if row.keep_with_next && i + 1 < list.len() {
                need += list[i + 1].space_before + list[i + 1].height;
            }
        }
        let space = if empty { 0.0 } else { row.space_before };
        let breaks = !empty
            && (row.page_break_before
                || y + space + need > bottom + 0.01
                || y + space + row.height > bottom + 0.01);
        if breaks {
            pages.push(Page::default());
            y = top;
            empty = true;
        }
        let page = pages.last_mut().expect("a page");
        if empty {
            if let Some(h) = row.header {
                let header = &rows.headers[h];
                page.items
                    .extend(header.items.iter().map(|it| it.shifted(y)));
                page.rows.push(header.kind);
                y += header.height;
            }
        } else {
            y += row.space_before;
        }
        page.items.extend(row.items.iter().map(|it| it.shifted(y)));
        page.rows.push(row.kind);
        y += row.height;
        empty = false;
    }
    pages
}

/// Adds the marking, banner and footer to every page.
fn furnish(doc: &Document, pages: &mut [Page]) -> Result<(), RenderError> {
    let marking = doc.marking.line();
    if doc.marking.classification.trim().is_empty() {
        return Err(RenderError::Empty {
            field: "the marking's classification".into(),
        });
    }
    check::text("the marking", &marking, Face::Bold, false)?;
    for (field, value) in [
        ("the document id", &doc.id),
        ("the date", &doc.date),
        ("the version", &doc.version),
    ] {
        if value.trim().is_empty() {
            return Err(RenderError::Empty {
                field: field.into(),
            });
        }
        check::text(field, value, Face::Regular, false)?;
    }
    // Present but blank would hide that a file is a draft or whose copy
    // it is: refused, not skipped.
    for (field, value) in [
        ("the draft banner", &doc.draft_banner),
        ("the issued-copy line", &doc.issued_copy),
    ] {
        if let Some(value) = value {
            if value.trim().is_empty() {
                return Err(RenderError::Empty {
                    field: field.into(),
                });
            }
            check::text(field, value, Face::Bold, false)?;
        }
    }
    if let Some(tag) = &doc.copy_tag
        && (tag.len() != 32 || !tag.bytes().all(|b| b.is_ascii_hexdigit()))
    {
        return Err(RenderError::Malformed {
            field: "the copy tag".into(),
            problem: "must be 32 hex digits".into(),
        });
    }

    let total = pages.len();
    let bold = Face::Bold.metrics();
    let regular = Face::Regular.metrics();
    // The marking shrinks if it would not fit across the page.
    let marking_size = {
        let w = bold.text_width(&marking, MARKING_SIZE);
        if w > BODY_WIDTH {
            MARKING_SIZE * BODY_WIDTH / w
        } else {
            MARKING_SIZE
        }
    };
    let marking_x = (PAGE_WIDTH - bold.text_width(&marking, marking_size)) / 2.0;
    let centred = |text: &str, baseline: f32, face: Face, size: f32, colour: Colour| Item::Text {
        x: (PAGE_WIDTH - face.metrics().text_width(text, size)) / 2.0,
        baseline,
        face,
        size,
        colour,
        text: text.to_owned(),
    };
    for (n, page) in pages.iter_mut().enumerate() {
        let mut top = vec![Item::Text {
            x: marking_x,
            baseline: 34.0,
            face: Face::Bold,
            size: marking_size,
            colour: Colour(0.0, 0.0, 0.0),
            text: marking.clone(),
        }];
        if let Some(banner) = &doc.draft_banner {
            let size = 9.5;
            let w = bold.text_width(banner, size) + 24.0;
            let x = (PAGE_WIDTH - w) / 2.0;
            let (y0, y1) = (45.0, 63.0);
            for (from, to) in [
                ((x, y0), (x + w, y0)),
                ((x, y1), (x + w, y1)),
                ((x, y0), (x, y1)),
                ((x + w, y0), (x + w, y1)),
            ] {
                top.push(Item::Rule {
                    from,
                    to,
                    width: 1.2,
                    colour: DRAFT,
                });
            }
            top.push(centred(banner, 57.5, Face::Bold, size, DRAFT));
        } else if let Some(copy) = &doc.issued_copy {
            // An issued copy names its recipient under the top marking
            // too, as well as in the footer.
            top.push(centred(copy, 57.5, Face::Bold, 9.0, TEXT));
        }
        // The marking comes first in the content, the body next, the
        // footer and the bottom marking last: the order text extraction
        // reads them in.
        let body = std::mem::take(&mut page.items);
        page.items = top;
        page.items.extend(body);

        let rule_y = PAGE_HEIGHT - 74.0;
        page.items.push(Item::Rule {
            from: (MARGIN_X, rule_y),
            to: (MARGIN_X + BODY_WIDTH, rule_y),
            width: 0.5,
            colour: RULE,
        });
        // The footer is centred, one line under another, so that text
        // extraction reads it in order, ending with the marking.
        let page_label = format!("Page {} of {total}", n + 1);
        page.items.push(centred(
            &page_label,
            PAGE_HEIGHT - 62.0,
            Face::Bold,
            FOOTER_SIZE,
            MUTED,
        ));
        let tail = format!(
            "  ·  {}  ·  {}  ·  Document {}",
            doc.date, doc.version, doc.id
        );
        let room = BODY_WIDTH - regular.text_width(&tail, FOOTER_SIZE);
        let about = format!(
            "{}{tail}",
            fit(&doc.title, Face::Regular, FOOTER_SIZE, room)
        );
        page.items.push(centred(
            &about,
            PAGE_HEIGHT - 52.0,
            Face::Regular,
            FOOTER_SIZE,
            MUTED,
        ));
        if let Some(copy) = &doc.issued_copy {
            page.items.push(centred(
                copy,
                PAGE_HEIGHT - 42.0,
                Face::Bold,
                FOOTER_SIZE,
                TEXT,
            ));
        }
        page.items.push(Item::Text {
            x: marking_x,
            baseline: PAGE_HEIGHT - 22.0,
            face: Face::Bold,
            size: marking_size,
            colour: Colour(0.0, 0.0, 0.0),
            text: marking.clone(),
        });
    }
    Ok(())
}

/// `text`, cut with an ellipsis if it is wider than `room` points.
fn fit(text: &str, face: Face, size: f32, room: f32) -> String {
    let m = face.metrics();
    if m.text_width(text, size) <= room {
        return text.to_owned();
    }
    let mut out = String::new();
    let ellipsis = m.text_width("…", size);
    let mut w = 0.0;
    for c in text.chars() {
        let cw = m.text_width(c.encode_utf8(&mut [0; 4]), size);
        if w + cw + ellipsis > room {
            break;
        }
        w += cw;
        out.push(c);
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// The body's height on a page without a banner, for tests.
#[cfg(test)]
pub(crate) const BODY_HEIGHT: f32 = BODY_BOTTOM - BODY_TOP;

#[cfg(test)]
mod tests;
