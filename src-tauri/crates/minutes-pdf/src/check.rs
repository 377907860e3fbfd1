//! The one check every piece of text passes before it is laid out: each
//! character must be one the face it is printed in can draw.

use crate::RenderError;
use crate::fonts::Face;

/// Refuses `text` if `face` cannot draw one of its characters, naming
/// `field`. `\n` is allowed only where `line_breaks` is true (running
/// text); other control characters never are.
pub(crate) fn text(
    field: &str,
    text: &str,
    face: Face,
    line_breaks: bool,
) -> Result<(), RenderError> {
    let metrics = face.metrics();
    for c in text.chars() {
        let ok = match c {
            '\n' => line_breaks,
            ' ' => true,
            c if c.is_control() => false,
            c if right_to_left(c) => false,
            c => metrics.has(c),
        };
        if !ok {
            return Err(RenderError::Undrawable {
                field: field.to_owned(),
                shown: shown(c),
                code: c as u32,
            });
        }
    }
    Ok(())
}

/// Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko…).
/// DejaVu has glyphs for many of them, but this layout sets text left to
/// right without shaping, so they would print reversed and unjoined:
/// refused like a missing glyph.
fn right_to_left(c: char) -> bool {
    matches!(
        c as u32,
        0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x1_0800..=0x1_0FFF | 0x1_E800..=0x1_EFFF
    )
}

/// How a refused character is named in a message.
fn shown(c: char) -> String {
    match c {
        '\n' => "a line break".into(),
        '\t' => "a tab".into(),
        c if c.is_control() => "a control character".into(),
        c if c.is_whitespace() => "an unusual space".into(),
        c => format!("“{c}”"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_the_face_lacks_naming_the_field() {
        assert!(text("f", "Zoë Łukasiewicz-O’Brien — Ŵyn", Face::Regular, false).is_ok());
        let err = text("paragraph “item 3”", "ok 🦀", Face::Regular, true).unwrap_err();
        assert_eq!(
            err,
            RenderError::Undrawable {
                field: "paragraph “item 3”".into(),
                shown: "“🦀”".into(),
                code: 0x1F980
            }
        );
        let msg = err.to_string();
        assert!(
            msg.contains("paragraph “item 3”") && msg.contains("U+1F980"),
            "{msg}"
        );
        assert!(text("the title", "a\nb", Face::Bold, false).is_err());
        assert!(text("p", "a\nb", Face::Regular, true).is_ok());
        assert!(text("p", "a\tb", Face::Regular, true).is_err());
        // DejaVu has Hebrew and Arabic letters, but they cannot be set here.
        assert!(Face::Regular.metrics().has('ש'));
        assert!(text("p", "שלום", Face::Regular, true).is_err());
        assert!(text("p", "سلام", Face::Regular, true).is_err());
    }
}
