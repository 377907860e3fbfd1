//! The two embedded faces (DejaVu Sans and DejaVu Sans Bold, from
//! `assets/fonts`, with their licence), their glyph widths, and subsetting.
//!
//! Widths are kept in thousandths of an em, truncated exactly as the PDF's
//! `/W` array states them, so what the layout measures is what a viewer
//! advances by.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile, subset};
use allsorts::tag;

use crate::RenderError;

static REGULAR_TTF: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans-Bold.ttf");

/// A face of the document font.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Face {
    Regular,
    Bold,
}

impl Face {
    pub(crate) const ALL: [Face; 2] = [Face::Regular, Face::Bold];

    pub(crate) fn index(self) -> usize {
        match self {
            Face::Regular => 0,
            Face::Bold => 1,
        }
    }

    /// The face's PostScript name (the subset tag is put in front of it).
    pub(crate) fn postscript_name(self) -> &'static str {
        match self {
            Face::Regular => "DejaVuSans",
            Face::Bold => "DejaVuSans-Bold",
        }
    }

    fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => REGULAR_TTF,
            Face::Bold => BOLD_TTF,
        }
    }

    /// The face's metrics, parsed once per process.
    pub(crate) fn metrics(self) -> &'static Metrics {
        static FACES: OnceLock<[Metrics; 2]> = OnceLock::new();
        &FACES.get_or_init(|| [Metrics::parse(Face::Regular), Metrics::parse(Face::Bold)])
            [self.index()]
    }
}

/// What the layout needs of a face: which characters it has, their glyph
/// ids and advance widths.
pub(crate) struct Metrics {
    /// For each code point of the Basic Multilingual Plane: `gid << 16 |
    /// width` (width in 1/1000 em), or 0 if the face has no glyph.
    bmp: Vec<u32>,
    /// The same for code points above the BMP.
    astral: BTreeMap<u32, u32>,
    /// Ascender and descender, in 1/1000 em (descender negative).
    pub(crate) ascent: f32,
    pub(crate) descent: f32,
}

impl Metrics {
    fn parse(face: Face) -> Metrics {
        let mut warnings = Vec::new();
        // The fonts are part of the crate: failing to parse them is a build
        // fault that every test would show at once.
        #[allow(clippy::expect_used)]
        let font = printpdf::ParsedFont::from_bytes(face.bytes(), 0, &mut warnings)
            .expect("the embedded DejaVu font parses");
        let upem = f32::from(font.units_per_em);
        let mut bmp = vec![0u32; 0x1_0000];
        let mut astral = BTreeMap::new();
        for (&cp, &gid) in &font.codepoint_to_glyph {
            if gid == 0 {
                continue;
            }
            let advance = font.get_glyph_width(gid).unwrap_or(0);
            // As printpdf writes /W: truncated, not rounded.
            let width = (f32::from(advance) * 1000.0 / upem) as u32;
            let entry = (u32::from(gid) << 16) | (width & 0xFFFF);
            match usize::try_from(cp) {
                Ok(i) if i < bmp.len() => bmp[i] = entry,
                _ => {
                    astral.insert(cp, entry);
                }
            }
        }
        Metrics {
            bmp,
            astral,
            ascent: f32::from(font.font_metrics.ascent) * 1000.0 / upem,
            descent: f32::from(font.font_metrics.descent) * 1000.0 / upem,
        }
    }

    fn entry(&self, c: char) -> u32 {
        let cp = c as u32;
        if cp < 0x1_0000 {
            self.bmp[cp as usize]
        } else {
            self.astral.get(&cp).copied().unwrap_or(0)
        }
    }

    /// Whether the face has a glyph for `c`.
    pub(crate) fn has(&self, c: char) -> bool {
        self.entry(c) != 0
    }

    /// The advance of `c` in 1/1000 em (0 if the face lacks it).
    pub(crate) fn width(&self, c: char) -> u32 {
        self.entry(c) & 0xFFFF
    }

    /// The glyph id of `c` in the full face (0 if it lacks it).
    pub(crate) fn glyph(&self, c: char) -> u16 {
        (self.entry(c) >> 16) as u16
    }

    /// The advance of `text`, in points, at `size` points.
    pub(crate) fn text_width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text.chars().map(|c| self.width(c)).sum();
        units as f32 * size / 1000.0
    }
}

/// A face cut down to the characters one document uses.
pub(crate) struct SubsetFace {
    /// The font program (a TrueType file).
    pub(crate) program: Vec<u8>,
    /// The PostScript name with its `ABCDEF+` subset tag.
    pub(crate) name: String,
}

/// Cuts `face` down to `chars` (plus `.notdef`). The subset tag is derived
/// from the glyph set, so the same text gives the same name and bytes.
pub(crate) fn subset_face(face: Face, chars: &BTreeSet<char>) -> Result<SubsetFace, RenderError> {
    let metrics = face.metrics();
    let glyphs: BTreeSet<u16> = chars.iter().map(|&c| metrics.glyph(c)).collect();
    let mut ids = Vec::with_capacity(glyphs.len() + 1);
    ids.push(0);
    ids.extend(glyphs.into_iter().filter(|&g| g != 0));

    let font_data = ReadScope::new(face.bytes())
        .read::<FontData<'_>>()
        .map_err(|e| RenderError::Font(e.to_string()))?;
    let provider = font_data
        .table_provider(0)
        .map_err(|e| RenderError::Font(e.to_string()))?;
    // allsorts' PDF profile less the `name` table (15 KB of copyright and
    // names per face, which no viewer reads from an embedded font).
    let tables = vec![
        tag::CMAP,
        tag::HEAD,
        tag::CVT,
        tag::FPGM,
        tag::HHEA,
        tag::HMTX,
        tag::MAXP,
        tag::POST,
        tag::PREP,
    ];
    let program = subset(
        &provider,
        &ids,
        &SubsetProfile::Custom(tables),
        CmapTarget::Unicode,
    )
    .map_err(|e| RenderError::Font(e.to_string()))?;

    Ok(SubsetFace {
        program,
        name: format!("{}+{}", subset_tag(face, &ids), face.postscript_name()),
    })
}

/// Six capital letters from an FNV-1a hash of the face and its glyph ids
/// (ISO 32000-1, 9.6.4 asks only that the tag differ between subsets).
fn subset_tag(face: Face, ids: &[u16]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |byte: u8| {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    };
    eat(face.index() as u8);
    for id in ids {
        for b in id.to_be_bytes() {
            eat(b);
        }
    }
    (0..6)
        .map(|i| {
            let letter = (hash >> (i * 10)) % 26;
            char::from(b'A' + letter as u8)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dejavu_covers_the_hard_names_and_not_emoji() {
        let m = Face::Regular.metrics();
        for c in "Zoë Łukasiewicz-O'Brien Ŵyn ap Rhys ’–— αβγ Жизнь".chars() {
            assert!(m.has(c), "{c}");
        }
        // DejaVu has the early emoticons (U+1F600…) but not CJK or later emoji.
        assert!(m.has('😀'));
        assert!(!m.has('🦀'));
        assert!(!m.has('中'));
        assert!(m.width('W') > m.width('i'));
    }

    #[test]
    fn subset_is_deterministic_and_tagged() {
        let chars: BTreeSet<char> = "Ŵyn ap Rhys".chars().collect();
        let a = subset_face(Face::Regular, &chars).unwrap();
        let b = subset_face(Face::Regular, &chars).unwrap();
        assert_eq!(a.program, b.program);
        assert_eq!(a.name, b.name);
        assert_eq!(a.name.len(), "ABCDEF+DejaVuSans".len());
        assert!(a.name[..6].bytes().all(|b| b.is_ascii_uppercase()));
        assert!(a.program.len() < 20_000, "{}", a.program.len());
        let other: BTreeSet<char> = "Zoë".chars().collect();
        assert_ne!(subset_face(Face::Regular, &other).unwrap().name, a.name);
    }
}
