//! A page's content stream, written directly.
//!
//! printpdf would write each glyph as four hex digits and every position
//! as a full text matrix; 60 pages of minutes came to 233 KB and 107 ms
//! that way. Here text is a binary string of two-byte glyph ids, lines are
//! placed with short relative `Td` moves, numbers have at most two
//! decimals, and the drawing comes before one text object per page (so
//! fills lie under the text, and the text is in reading order: the top
//! marking first, the bottom marking last).

use std::fmt::Write as _;

use crate::fonts::Face;
use crate::layout::{Colour, Item, PAGE_HEIGHT, Page};

/// Maps a character to its code in a face's font (0 if absent).
pub(crate) trait GlyphMap {
    fn glyph(&self, face: Face, c: char) -> u16;
    /// Whether the face's codes are one byte (else two, big-endian).
    fn one_byte(&self, face: Face) -> bool;
}

/// The content stream of `page`, uncompressed. Font resources are named
/// `/F1` (regular) and `/F2` (bold).
pub(crate) fn page_stream(page: &Page, glyphs: &impl GlyphMap) -> Vec<u8> {
    let mut w = Writer {
        out: String::with_capacity(4096),
        bytes: Vec::with_capacity(16 * 1024),
    };
    w.drawing(page);
    w.text(page, glyphs);
    w.flush();
    w.bytes
}

struct Writer {
    /// Operators and numbers, moved into `bytes` before each string.
    out: String,
    bytes: Vec<u8>,
}

/// A coordinate in hundredths of a point, so relative moves add up exactly.
fn centi(v: f32) -> i64 {
    (v * 100.0).round() as i64
}

impl Writer {
    fn flush(&mut self) {
        self.bytes.extend_from_slice(self.out.as_bytes());
        self.out.clear();
    }

    /// A number of hundredths, as `12.5`, `-13.5`, `0`.
    fn num(&mut self, centi: i64) {
        let sign = if centi < 0 { "-" } else { "" };
        let a = centi.unsigned_abs();
        let (int, frac) = (a / 100, a % 100);
        let _ = match frac {
            0 => write!(self.out, "{sign}{int} "),
            f if f % 10 == 0 => write!(self.out, "{sign}{int}.{} ", f / 10),
            f => write!(self.out, "{sign}{int}.{f:02} "),
        };
    }

    fn colour(&mut self, c: Colour, op: &str) {
        for part in [c.0, c.1, c.2] {
            self.num(centi(part));
        }
        self.out.push_str(op);
        self.out.push('\n');
    }

    /// Fills first (so lines and text lie on them), then the rules, merged
    /// into one path per style, then signatures.
    fn drawing(&mut self, page: &Page) {
        let mut fill: Option<Colour> = None;
        let mut fills = page.items.iter().filter_map(|item| match item {
            Item::Fill { x, y, w, h, colour } => Some((*x, *y, *w, *h, *colour)),
            _ => None,
        });
        // Bands that continue each other (a notice's lines) become one.
        let mut pending = fills.next();
        while let Some((x, y, w, h, colour)) = pending {
            let mut bottom = y + h;
            pending = None;
            for next in fills.by_ref() {
                let (nx, ny, nw, nh, nc) = next;
                if (nx, nw, nc) == (x, w, colour) && (ny - bottom).abs() < 0.01 {
                    bottom = ny + nh;
                } else {
                    pending = Some(next);
                    break;
                }
            }
            if fill != Some(colour) {
                self.colour(colour, "rg");
                fill = Some(colour);
            }
            self.num(centi(x));
            self.num(centi(PAGE_HEIGHT - bottom));
            self.num(centi(w));
            self.num(centi(bottom - y));
            self.out.push_str("re f\n");
        }

        let mut rules: Vec<Rule> = page
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Rule {
                    from,
                    to,
                    width,
                    colour,
                } => Some(Rule::new(*from, *to, *width, *colour)),
                _ => None,
            })
            .collect();
        rules.sort_by_key(Rule::key);
        let mut stroke: Option<(Colour, f32)> = None;
        let mut i = 0;
        while i < rules.len() {
            let style = (rules[i].colour, rules[i].width);
            self.stroke_style(&mut stroke, style.0, style.1);
            while i < rules.len() && (rules[i].colour, rules[i].width) == style {
                // Segments on one line that touch or overlap are drawn once.
                let mut r = rules[i];
                i += 1;
                while i < rules.len() && rules[i].extends(&r) {
                    r.end = r.end.max(rules[i].end);
                    i += 1;
                }
                let (a, b) = r.ends();
                self.move_to(a, "m");
                self.move_to(b, "l");
            }
            self.out.push_str("S\n");
        }

        for item in &page.items {
            if let Item::Strokes {
                x,
                y,
                scale,
                pad_width,
                strokes,
                width,
                colour,
            } = item
            {
                self.strokes(*x, *y, *scale, *pad_width, strokes, *width, *colour);
            }
        }
        self.flush();
    }

    /// A signature: the pad's coordinates, on a grid of a thousandth of its
    /// width, mapped onto the page by one transformation.
    #[allow(clippy::too_many_arguments)]
    fn strokes(
        &mut self,
        x: f32,
        y: f32,
        scale: f32,
        pad_width: f32,
        strokes: &[Vec<[f32; 2]>],
        width: f32,
        colour: Colour,
    ) {
        let step = pad_width / 1000.0;
        let unit = scale * step;
        self.out.push_str("q\n");
        self.colour(colour, "RG");
        let _ = writeln!(
            self.out,
            "{unit:.5} 0 0 {:.5} {:.2} {:.2} cm",
            -unit,
            x,
            PAGE_HEIGHT - y
        );
        let _ = writeln!(self.out, "{:.2} w 1 J 1 j", width / unit);
        let grid = |v: f32| (v / step).round() as i64;
        for stroke in strokes {
            let Some(&[fx, fy]) = stroke.first() else {
                continue;
            };
            let _ = writeln!(self.out, "{} {} m", grid(fx), grid(fy));
            if stroke.len() == 1 {
                // A dot: a zero-length segment, which a round cap draws.
                let _ = writeln!(self.out, "{} {} l", grid(fx), grid(fy));
            }
            let mut last = (grid(fx), grid(fy));
            for &[px, py] in &stroke[1..] {
                let p = (grid(px), grid(py));
                if p != last {
                    let _ = writeln!(self.out, "{} {} l", p.0, p.1);
                    last = p;
                }
            }
        }
        self.out.push_str("S\nQ\n");
    }

    fn move_to(&mut self, (x, y): (f32, f32), op: &str) {
        self.num(centi(x));
        self.num(centi(PAGE_HEIGHT - y));
        self.out.push_str(op);
        self.out.push('\n');
    }

    fn stroke_style(&mut self, current: &mut Option<(Colour, f32)>, colour: Colour, width: f32) {
        if current.map(|(c, _)| c) != Some(colour) {
            self.colour(colour, "RG");
        }
        if current.map(|(_, w)| w) != Some(width) {
            self.num(centi(width));
            self.out.push_str("w\n");
        }
        *current = Some((colour, width));
    }

    fn text(&mut self, page: &Page, glyphs: &impl GlyphMap) {
        self.out.push_str("BT\n");
        let mut font: Option<(Face, i64)> = None;
        let mut fill: Option<Colour> = None;
        // The start of the current line, in hundredths: `Td` moves from it.
        let mut at = (0i64, 0i64);
        for item in &page.items {
            let Item::Text {
                x,
                baseline,
                face,
                size,
                colour,
                text,
            } = item
            else {
                continue;
            };
            if fill != Some(*colour) {
                self.colour(*colour, "rg");
                fill = Some(*colour);
            }
            let size = centi(*size);
            if font != Some((*face, size)) {
                self.out.push_str(match face {
                    Face::Regular => "/F1 ",
                    Face::Bold => "/F2 ",
                });
                self.num(size);
                self.out.push_str("Tf\n");
                font = Some((*face, size));
            }
            let to = (centi(*x), centi(PAGE_HEIGHT - baseline));
            self.num(to.0 - at.0);
            self.num(to.1 - at.1);
            self.out.push_str("Td\n");
            at = to;
            self.flush();
            self.bytes.push(b'(');
            let skip = usize::from(glyphs.one_byte(*face));
            for c in text.chars() {
                for &b in &glyphs.glyph(*face, c).to_be_bytes()[skip..] {
                    // Inside a literal string only these need escaping (a
                    // bare CR would be read as a line end).
                    match b {
                        b'(' | b')' | b'\\' => self.bytes.extend_from_slice(&[b'\\', b]),
                        b'\r' => self.bytes.extend_from_slice(b"\\r"),
                        _ => self.bytes.push(b),
                    }
                }
            }
            self.bytes.extend_from_slice(b")Tj\n");
        }
        self.out.push_str("ET\n");
    }
}

/// A horizontal or vertical rule, in hundredths of a point, for merging.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Rule {
    colour: Colour,
    width: f32,
    /// Horizontal rules sort before vertical ones.
    vertical: bool,
    /// y of a horizontal rule, x of a vertical one.
    at: i64,
    start: i64,
    end: i64,
    /// A rule neither horizontal nor vertical, kept as it is.
    other: Option<((f32, f32), (f32, f32))>,
}

impl Rule {
    fn new(from: (f32, f32), to: (f32, f32), width: f32, colour: Colour) -> Rule {
        let (fx, fy, tx, ty) = (centi(from.0), centi(from.1), centi(to.0), centi(to.1));
        let base = Rule {
            colour,
            width,
            vertical: false,
            at: 0,
            start: 0,
            end: 0,
            other: None,
        };
        if fy == ty {
            Rule {
                at: fy,
                start: fx.min(tx),
                end: fx.max(tx),
                ..base
            }
        } else if fx == tx {
            Rule {
                vertical: true,
                at: fx,
                start: fy.min(ty),
                end: fy.max(ty),
                ..base
            }
        } else {
            Rule {
                vertical: true,
                at: i64::MAX,
                other: Some((from, to)),
                ..base
            }
        }
    }

    /// Style first (so each style is one path), then line, then position.
    fn key(&self) -> (u32, u32, u32, u32, bool, i64, i64) {
        (
            self.colour.0.to_bits(),
            self.colour.1.to_bits(),
            self.colour.2.to_bits(),
            self.width.to_bits(),
            self.vertical,
            self.at,
            self.start,
        )
    }

    /// Whether this rule continues `r` on the same line.
    fn extends(&self, r: &Rule) -> bool {
        self.other.is_none()
            && r.other.is_none()
            && (self.colour, self.width, self.vertical, self.at)
                == (r.colour, r.width, r.vertical, r.at)
            && self.start <= r.end
    }

    fn ends(&self) -> ((f32, f32), (f32, f32)) {
        if let Some(ends) = self.other {
            return ends;
        }
        let (at, a, b) = (
            self.at as f32 / 100.0,
            self.start as f32 / 100.0,
            self.end as f32 / 100.0,
        );
        if self.vertical {
            ((at, a), (at, b))
        } else {
            ((a, at), (b, at))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Ascii;
    impl GlyphMap for Ascii {
        fn glyph(&self, _: Face, c: char) -> u16 {
            c as u16
        }
        fn one_byte(&self, face: Face) -> bool {
            face == Face::Bold
        }
    }

    #[test]
    fn numbers_relative_moves_and_escapes() {
        let text = |x: f32, baseline: f32, t: &str| Item::Text {
            x,
            baseline,
            face: Face::Regular,
            size: 9.5,
            colour: Colour(0.1, 0.1, 0.1),
            text: t.into(),
        };
        let page = Page {
            items: vec![
                text(56.69, PAGE_HEIGHT - 700.0, "a(b"),
                text(56.69, PAGE_HEIGHT - 686.5, "\r"),
            ],
            rows: vec![],
        };
        let s = page_stream(&page, &Ascii);
        let expected: &[u8] = b"BT\n0.1 0.1 0.1 rg\n/F1 9.5 Tf\n56.69 700 Td\n(\0a\0\\(\0b)Tj\n0 -13.5 Td\n(\0\\r)Tj\nET\n";
        assert_eq!(
            String::from_utf8_lossy(&s),
            String::from_utf8_lossy(expected)
        );

        // One-byte codes for the bold face.
        let mut bold = page.clone();
        for item in &mut bold.items {
            if let Item::Text { face, .. } = item {
                *face = Face::Bold;
            }
        }
        let s = page_stream(&bold, &Ascii);
        let expected: &[u8] =
            b"BT\n0.1 0.1 0.1 rg\n/F2 9.5 Tf\n56.69 700 Td\n(a\\(b)Tj\n0 -13.5 Td\n(\\r)Tj\nET\n";
        assert_eq!(
            String::from_utf8_lossy(&s),
            String::from_utf8_lossy(expected)
        );
    }
}
