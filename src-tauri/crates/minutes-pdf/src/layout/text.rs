//! Breaking runs of text into lines of a given width.
//!
//! Greedy, left-aligned: lines break at spaces (U+0020); a word longer than
//! a whole line breaks inside the word; `\n` is a hard break. Widths come
//! from the embedded faces in thousandths of an em, summed as integers so
//! that a line measures the same however it is cut.

use crate::fonts::Face;

/// One line of text: runs of one face each, with their offsets from the
/// line's start.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    pub(crate) segments: Vec<Segment>,
    /// The line's advance in points.
    pub(crate) width: f32,
}

impl Line {
    /// The line's text (for tests and extraction checks).
    #[cfg(test)]
    pub(crate) fn text(&self) -> String {
        self.segments.iter().map(|s| s.text.as_str()).collect()
    }
}

/// A run of one face within a [`Line`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Segment {
    pub(crate) face: Face,
    pub(crate) text: String,
    /// Offset from the line's start, in points.
    pub(crate) x: f32,
}

type Glyph = (Face, char, u32);

/// Breaks `runs` (face, text) into lines no wider than `max_width` points
/// at `size` points. Text with no characters gives no lines; each `\n`
/// ends a line (so "a\n\nb" is three lines, the middle one empty).
pub(crate) fn wrap(runs: &[(Face, &str)], size: f32, max_width: f32) -> Vec<Line> {
    let max_units = (max_width * 1000.0 / size).floor().max(0.0) as u64;
    let mut w = Wrapper {
        size,
        max_units,
        lines: Vec::new(),
        line: Vec::new(),
        line_units: 0,
        spaces: Vec::new(),
        space_units: 0,
        word: Vec::new(),
        word_units: 0,
        wrapped: false,
    };
    let mut any = false;
    for &(face, text) in runs {
        let metrics = face.metrics();
        for c in text.chars() {
            any = true;
            match c {
                '\n' => {
                    w.flush_word();
                    w.end_line(false);
                }
                ' ' => {
                    w.flush_word();
                    let units = metrics.width(c);
                    w.spaces.push((face, c, units));
                    w.space_units += u64::from(units);
                }
                _ => {
                    let units = metrics.width(c);
                    w.word.push((face, c, units));
                    w.word_units += u64::from(units);
                }
            }
        }
    }
    if any {
        w.flush_word();
        w.end_line(false);
    }
    w.lines
}

struct Wrapper {
    size: f32,
    max_units: u64,
    lines: Vec<Line>,
    line: Vec<Glyph>,
    line_units: u64,
    /// Spaces seen since the last word, placed only if a word follows on the
    /// same line.
    spaces: Vec<Glyph>,
    space_units: u64,
    word: Vec<Glyph>,
    word_units: u64,
    /// Whether the current line began because the previous one was full
    /// (then spaces at its start are dropped), not at a hard break.
    wrapped: bool,
}

impl Wrapper {
    fn flush_word(&mut self) {
        if self.word.is_empty() {
            return;
        }
        let fits = self.line_units + self.space_units + self.word_units <= self.max_units;
        if !self.line.is_empty() && !fits {
            self.end_line(true);
        } else if self.line.is_empty() && self.wrapped {
            // Spaces where a line was broken are not printed at the start
            // of the next.
            self.spaces.clear();
            self.space_units = 0;
        }
        self.line.append(&mut self.spaces);
        self.line_units += self.space_units;
        self.space_units = 0;

        // A word longer than what is left of an empty line breaks inside
        // itself, as many characters to a line as fit (at least one).
        let mut word = std::mem::take(&mut self.word);
        let mut word_units = self.word_units;
        self.word_units = 0;
        while self.line_units + word_units > self.max_units && word.len() > 1 {
            let room = self.max_units.saturating_sub(self.line_units);
            let mut taken = 0;
            let mut units = 0u64;
            for &(_, _, w) in &word {
                if units + u64::from(w) > room {
                    break;
                }
                units += u64::from(w);
                taken += 1;
            }
            if taken == 0 {
                if self.line.is_empty() {
                    // Not even one character fits: print it anyway.
                    taken = 1;
                    units = u64::from(word[0].2);
                } else {
                    self.end_line(true);
                    continue;
                }
            }
            let rest = word.split_off(taken);
            self.line.extend(word);
            self.line_units += units;
            word = rest;
            word_units -= units;
            self.end_line(true);
        }
        self.line.extend(word);
        self.line_units += word_units;
    }

    fn end_line(&mut self, wrapped: bool) {
        // Trailing spaces are kept only on a line that has nothing else
        // (a line of spaces the author typed before a hard break).
        if self.line.is_empty() && !wrapped && !self.wrapped {
            self.line.append(&mut self.spaces);
            self.line_units += self.space_units;
        }
        self.spaces.clear();
        self.space_units = 0;
        let line = std::mem::take(&mut self.line);
        self.lines.push(self.make_line(&line, self.line_units));
        self.line_units = 0;
        self.wrapped = wrapped;
    }

    fn make_line(&self, glyphs: &[Glyph], units: u64) -> Line {
        let scale = self.size / 1000.0;
        let mut segments: Vec<Segment> = Vec::new();
        let mut at = 0u64;
        for &(face, c, w) in glyphs {
            match segments.last_mut() {
                Some(s) if s.face == face => s.text.push(c),
                _ => segments.push(Segment {
                    face,
                    text: c.to_string(),
                    x: at as f32 * scale,
                }),
            }
            at += u64::from(w);
        }
        Line {
            segments,
            width: units as f32 * scale,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(Line::text).collect()
    }

    fn width_of(s: &str, size: f32) -> f32 {
        Face::Regular.metrics().text_width(s, size)
    }

    #[test]
    fn breaks_at_spaces_and_fills_greedily() {
        let size = 10.0;
        let max = width_of("the quick brown", size) + 0.01;
        let lines = wrap(
            &[(Face::Regular, "the quick brown fox jumps over the lazy dog")],
            size,
            max,
        );
        assert_eq!(
            texts(&lines),
            ["the quick brown", "fox jumps over", "the lazy dog"]
        );
        for l in &lines {
            assert!(l.width <= max, "{} > {max}", l.width);
        }
        // The measured width is the sum of the glyphs' advances.
        assert!((lines[0].width - width_of("the quick brown", size)).abs() < 0.001);
    }

    #[test]
    fn a_word_longer_than_the_line_breaks_inside_itself() {
        let size = 10.0;
        let max = width_of("abcdefghij", size) + 0.01;
        let long = "abcdefghijklmnopqrstuvwxyz";
        let lines = wrap(&[(Face::Regular, &format!("to {long} end"))], size, max);
        // "to" stays on its own line; the long word starts a fresh line and is
        // cut into line-fulls, each as full as it can be; nothing is lost.
        let t = texts(&lines);
        assert_eq!(t[0], "to");
        assert_eq!(t[1], "abcdefghij");
        assert_eq!(t.concat().replace(' ', ""), format!("to{long}end"));
        // The pieces of the long word: each as long as the line allows.
        let pieces: Vec<&String> = t[1..]
            .iter()
            .take_while(|p| long.contains(p.as_str()))
            .collect();
        assert!(pieces.len() >= 3, "{t:?}");
        assert!(long.starts_with(&pieces.iter().map(|p| p.as_str()).collect::<String>()));
        for (i, piece) in pieces.iter().enumerate().take(pieces.len() - 1) {
            let next = pieces[i + 1].chars().next().unwrap();
            assert!(width_of(&format!("{piece}{next}"), size) > max, "{t:?}");
        }
        for l in &lines {
            assert!(l.width <= max, "{t:?}");
        }
    }

    #[test]
    fn hard_breaks_and_empty_lines() {
        let lines = wrap(&[(Face::Regular, "one\n\ntwo\n")], 10.0, 400.0);
        assert_eq!(texts(&lines), ["one", "", "two", ""]);
        assert!(wrap(&[(Face::Regular, "")], 10.0, 400.0).is_empty());
    }

    #[test]
    fn spaces_at_a_wrap_are_dropped() {
        let size = 10.0;
        let max = width_of("alpha", size) + 0.01;
        let lines = wrap(&[(Face::Regular, "alpha    beta")], size, max);
        assert_eq!(texts(&lines), ["alpha", "beta"]);
    }

    #[test]
    fn faces_make_segments_with_offsets() {
        let lines = wrap(
            &[(Face::Bold, "Decision: "), (Face::Regular, "agreed")],
            10.0,
            400.0,
        );
        assert_eq!(lines.len(), 1);
        let s = &lines[0].segments;
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].text, "Decision: ");
        assert_eq!(s[1].text, "agreed");
        let bold = Face::Bold.metrics().text_width("Decision: ", 10.0);
        assert!((s[1].x - bold).abs() < 0.001);
    }
}
