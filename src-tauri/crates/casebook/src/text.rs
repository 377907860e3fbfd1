//! Input rules for every text field, applied in Rust whatever the UI sent:
//! Unicode NFC; no control characters except newline and tab in multi-line
//! fields; no bidirectional overrides or isolates in names, references and
//! titles (they can make a name in a signed record read differently from
//! what is stored); lengths no person would hit by accident.

use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Result};

/// How one text field is checked.
#[derive(Debug, Clone, Copy)]
pub struct TextRule {
    /// The field's label as the user sees it, used in messages.
    pub field: &'static str,
    /// Most characters (after normalisation) accepted.
    pub max_chars: usize,
    /// Whether newlines and tabs are allowed.
    pub multiline: bool,
    /// Whether an empty value is accepted.
    pub required: bool,
}

impl TextRule {
    /// A one-line name or title: required, no bidi controls.
    pub const fn name(field: &'static str, max_chars: usize) -> Self {
        TextRule {
            field,
            max_chars,
            multiline: false,
            required: true,
        }
    }

    /// Running text of one or more lines: required.
    pub const fn paragraph(field: &'static str, max_chars: usize) -> Self {
        TextRule {
            field,
            max_chars,
            multiline: true,
            required: true,
        }
    }

    /// Checks and normalises `input`: trims surrounding white space, applies
    /// NFC, and refuses what the rule forbids with a message naming the field.
    pub fn clean(&self, input: &str) -> Result<String> {
        let text: String = input.trim().nfc().collect();
        if text.is_empty() {
            if self.required {
                return Err(Error::invalid(
                    self.field,
                    "must not be empty. Please fill it in.",
                ));
            }
            return Ok(text);
        }
        let chars = text.chars().count();
        if chars > self.max_chars {
            return Err(Error::invalid(
                self.field,
                format!(
                    "is too long ({chars} characters; at most {}). Please shorten it.",
                    self.max_chars
                ),
            ));
        }
        for c in text.chars() {
            if is_bidi_control(c) {
                return Err(Error::invalid(
                    self.field,
                    "contains an invisible text-direction character (often pasted from another \
                     document). Please retype it rather than pasting.",
                ));
            }
            let allowed_space = self.multiline && (c == '\n' || c == '\t');
            if c.is_control() && !allowed_space {
                let what = if c == '\n' || c == '\r' {
                    "must be on one line. Please remove the line break."
                } else {
                    "contains an invisible control character (often pasted from another \
                     document). Please retype it rather than pasting."
                };
                return Err(Error::invalid(self.field, what));
            }
        }
        Ok(text)
    }
}

/// Explicit embeddings, overrides and isolates (and the marks, which are
/// just as invisible).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: TextRule = TextRule::name("Agency name", 20);

    #[test]
    fn table() {
        let ok: &[(&str, &str)] = &[
            ("Shropshire Council", "Shropshire Council"),
            ("  padded  ", "padded"),
            // NFC: e + combining diaeresis becomes one character.
            ("Zoe\u{0308}", "Zo\u{00EB}"),
            ("Łukasiewicz", "Łukasiewicz"),
        ];
        for (input, want) in ok {
            assert_eq!(RULE.clean(input).expect("accepted"), *want, "{input:?}");
        }
        let refused: &[(&str, &str)] = &[
            ("", "must not be empty"),
            ("   ", "must not be empty"),
            ("a\u{202E}b", "text-direction"),
            ("a\u{2066}b", "text-direction"),
            ("a\nb", "one line"),
            ("a\u{0007}b", "control character"),
            ("this name is far too long to accept", "too long"),
        ];
        for (input, want) in refused {
            let err = RULE.clean(input).expect_err("refused").to_string();
            assert!(err.starts_with("Agency name: "), "{err}");
            assert!(err.contains(want), "{input:?}: {err}");
        }
    }

    #[test]
    fn multiline_allows_newline_and_tab_only() {
        let rule = TextRule {
            field: "Notes",
            max_chars: 100,
            multiline: true,
            required: false,
        };
        assert_eq!(rule.clean("a\n\tb").expect("accepted"), "a\n\tb");
        assert!(rule.clean("a\rb").is_err());
        assert_eq!(rule.clean("").expect("accepted"), "");
    }
}
