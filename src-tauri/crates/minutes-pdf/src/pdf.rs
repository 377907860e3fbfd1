//! Laid-out pages to PDF bytes.
//!
//! printpdf builds the file: the page tree, and the Type0 fonts (font
//! program, `/W` widths, `/ToUnicode` so text extracts as written) from
//! faces we have already subset (`crate::fonts`). The pages' content
//! streams are ours (`crate::content`): printpdf writes every glyph as four
//! hex digits, which made 60 pages of minutes 233 KB. So printpdf is given
//! the glyphs each font must carry (one `ShowText` per face on the first
//! page) and its streams are then replaced by ours. Last, what would make
//! the output vary from run to run is fixed: the file identifier and the
//! dates come from the document.

use std::collections::BTreeSet;
use std::io::Write as _;

use flate2::Compression;
use flate2::write::ZlibEncoder;
use lopdf::{Object, StringFormat};
use printpdf::{
    FontId, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Pt, TextItem,
};

use crate::content::{GlyphMap, page_stream};
use crate::fonts::{Face, subset_face};
use crate::layout::{Item, Page};
use crate::{Document, RenderError};

/// Each face's subset: for each code point, its glyph id there.
struct Subsets {
    /// `[face][code point]` → subset glyph id (0 if not in the subset).
    glyphs: [Vec<u16>; 2],
    /// Whether the face is written with one-byte codes (see
    /// [`one_byte_codes`]).
    one_byte: [bool; 2],
}

impl GlyphMap for Subsets {
    fn glyph(&self, face: Face, c: char) -> u16 {
        self.glyphs[face.index()]
            .get(c as usize)
            .copied()
            .unwrap_or(0)
    }

    fn one_byte(&self, face: Face) -> bool {
        self.one_byte[face.index()]
    }
}

/// Writes `pages` of `doc` as a PDF file.
pub(crate) fn write(doc: &Document, pages: &[Page]) -> Result<Vec<u8>, RenderError> {
    let mut pdf = PdfDocument::new(&doc.title);

    // Subset each face to the characters printed in it.
    let mut chars: [BTreeSet<char>; 2] = Default::default();
    for page in pages {
        for item in &page.items {
            if let Item::Text { face, text, .. } = item {
                chars[face.index()].extend(text.chars());
            }
        }
    }
    let mut subsets = Subsets {
        glyphs: [Vec::new(), Vec::new()],
        one_byte: [false; 2],
    };
    let mut names: [String; 2] = Default::default();
    let mut glyph_ops = Vec::new();
    for face in Face::ALL {
        let used = &chars[face.index()];
        if used.is_empty() {
            continue;
        }
        let subset = subset_face(face, used)?;
        let mut warnings = Vec::new();
        let mut parsed = ParsedFont::from_bytes(&subset.program, 0, &mut warnings)
            .ok_or_else(|| RenderError::Font("the subset font does not parse".into()))?;
        names[face.index()] = subset.name.clone();
        parsed.font_name = Some(subset.name);
        let table = &mut subsets.glyphs[face.index()];
        for &c in used {
            let gid = parsed.lookup_glyph_index(c as u32).unwrap_or(0);
            let i = c as usize;
            if table.len() <= i {
                table.resize(i + 1, 0);
            }
            table[i] = gid;
        }
        pdf.resources
            .fonts
            .map
            .insert(font_id(face), printpdf::PdfFont::new(parsed));
        // What printpdf reads to write this font's /W and /ToUnicode.
        glyph_ops.push(Op::SetFont {
            font: PdfFontHandle::External(font_id(face)),
            size: Pt(1.0),
        });
        glyph_ops.push(Op::ShowText {
            items: vec![TextItem::Text(used.iter().collect())],
        });
    }
    let mut skeleton: Vec<PdfPage> = (0..pages.len())
        .map(|_| PdfPage::new(Mm(210.0), Mm(297.0), Vec::new()))
        .collect();
    if let Some(first) = skeleton.first_mut() {
        first.ops.push(Op::StartTextSection);
        first.ops.extend(glyph_ops);
        first.ops.push(Op::EndTextSection);
    }
    pdf.with_pages(skeleton);

    let opts = PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut file = pdf.to_lopdf_document(&opts, &mut warnings);

    // Our content streams in place of printpdf's.
    let page_ids: Vec<_> = file.get_pages().into_values().collect();
    if page_ids.len() != pages.len() {
        return Err(RenderError::Font(
            "the page tree does not match the layout".into(),
        ));
    }
    for face in Face::ALL {
        let table = &subsets.glyphs[face.index()];
        if !chars[face.index()].is_empty() && table.iter().all(|&g| g <= 0xFF) {
            one_byte_codes(&mut file, &names[face.index()], &chars[face.index()], table)?;
            subsets.one_byte[face.index()] = true;
        }
    }
    for (page, id) in pages.iter().zip(page_ids) {
        let contents = file
            .get_dictionary(id)
            .and_then(|d| d.get(b"Contents"))
            .and_then(Object::as_reference)
            .map_err(|e| RenderError::Font(format!("a page has no contents: {e}")))?;
        let stream = page_stream(page, &subsets);
        let mut dict = lopdf::Dictionary::new();
        dict.set("Filter", "FlateDecode");
        let packed = deflate(&stream)?;
        file.objects.insert(
            contents,
            Object::Stream(lopdf::Stream::new(dict, packed).with_compression(false)),
        );
    }
    fix_identity(&mut file, doc)?;
    // The font programs and maps (every stream not already packed).
    file.compress();
    // The many small dictionaries (a page, its resources…) packed into
    // compressed object streams, with a cross-reference stream (PDF 1.5).
    let options = lopdf::SaveOptions::builder()
        .use_object_streams(true)
        .use_xref_streams(true)
        .compression_level(6)
        .build();
    let mut bytes = Vec::new();
    file.save_with_options(&mut bytes, options)
        .map_err(|e| RenderError::Font(format!("writing the file failed: {e}")))?;
    Ok(bytes)
}

/// Switches the font named `name` from two-byte codes (Identity-H) to one
/// byte a glyph, which makes the text of a page about a sixth smaller once
/// compressed. Only for a subset of at most 256 glyphs (a document in a
/// few Latin-script languages); larger ones keep Identity-H.
///
/// The codes are still the subset's glyph ids, so the font's `/W` widths
/// (keyed by CID = glyph id) stand; the encoding becomes an embedded CMap
/// mapping each byte to the same CID, and `/ToUnicode` is rewritten with
/// one-byte codes so text extracts as written.
fn one_byte_codes(
    file: &mut lopdf::Document,
    name: &str,
    chars: &BTreeSet<char>,
    glyphs: &[u16],
) -> Result<(), RenderError> {
    let missing = || RenderError::Font(format!("no font dictionary for {name}"));
    let font_id = file
        .objects
        .iter()
        .find_map(|(id, obj)| {
            let d = obj.as_dict().ok()?;
            let is_type0 = d.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0");
            let named = d.get(b"BaseFont").and_then(Object::as_name).ok() == Some(name.as_bytes());
            (is_type0 && named).then_some(*id)
        })
        .ok_or_else(missing)?;
    let to_unicode = file
        .get_dictionary(font_id)
        .and_then(|d| d.get(b"ToUnicode"))
        .and_then(Object::as_reference)
        .map_err(|_| missing())?;

    const CMAP_NAME: &str = "TaskingVault-OneByte-Identity";
    let system_info = || {
        lopdf::Dictionary::from_iter(vec![
            ("Registry", Object::string_literal("Adobe")),
            ("Ordering", Object::string_literal("Identity")),
            ("Supplement", Object::Integer(0)),
        ])
    };
    let encoding = format!(
        "%!PS-Adobe-3.0 Resource-CMap\n/CIDInit /ProcSet findresource begin\n12 dict begin\n\
         begincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> def\n\
         /CMapName /{CMAP_NAME} def\n/CMapType 1 def\n\
         1 begincodespacerange\n<00> <FF>\nendcodespacerange\n\
         1 begincidrange\n<00> <FF> 0\nendcidrange\n\
         endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    );
    let encoding_dict = lopdf::Dictionary::from_iter(vec![
        ("Type", Object::Name(b"CMap".to_vec())),
        ("CMapName", Object::Name(CMAP_NAME.as_bytes().to_vec())),
        ("CIDSystemInfo", Object::Dictionary(system_info())),
    ]);
    let encoding_id = file.add_object(lopdf::Stream::new(encoding_dict, encoding.into_bytes()));

    // /ToUnicode: each code (= glyph id) to its character, 100 to a block.
    let mut pairs: Vec<(u16, char)> = chars
        .iter()
        .map(|&c| (glyphs.get(c as usize).copied().unwrap_or(0), c))
        .filter(|&(g, _)| g != 0)
        .collect();
    pairs.sort_unstable();
    pairs.dedup_by_key(|p| p.0);
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<00> <FF>\nendcodespacerange\n",
    );
    for block in pairs.chunks(100) {
        cmap.push_str(&format!("{} beginbfchar\n", block.len()));
        for &(code, c) in block {
            let mut units = [0u16; 2];
            let hex: String = c
                .encode_utf16(&mut units)
                .iter()
                .map(|u| format!("{u:04X}"))
                .collect();
            cmap.push_str(&format!("<{code:02X}> <{hex}>\n"));
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    file.objects.insert(
        to_unicode,
        Object::Stream(lopdf::Stream::new(
            lopdf::Dictionary::new(),
            cmap.into_bytes(),
        )),
    );

    let font = file
        .get_object_mut(font_id)
        .and_then(Object::as_dict_mut)
        .map_err(|_| missing())?;
    font.set("Encoding", Object::Reference(encoding_id));
    Ok(())
}

fn deflate(data: &[u8]) -> Result<Vec<u8>, RenderError> {
    let mut z = ZlibEncoder::new(Vec::with_capacity(data.len() / 3), Compression::new(6));
    z.write_all(data)
        .and_then(|()| z.finish())
        .map_err(|e| RenderError::Font(format!("compressing a page failed: {e}")))
}

fn font_id(face: Face) -> FontId {
    FontId(match face {
        Face::Regular => "F1".into(),
        Face::Bold => "F2".into(),
    })
}

/// What precedes an issued copy's token in the file's `/Keywords`.
pub const COPY_TAG_PREFIX: &str = "tasking-vault-copy:";

/// Makes the file the same for the same document: the file identifier from
/// the document id, the dates from its timestamp, and the document
/// information written here (printpdf's identifiers are random).
fn fix_identity(file: &mut lopdf::Document, doc: &Document) -> Result<(), RenderError> {
    // An issued copy is told apart by its file identifier, which (unlike
    // the document information) stays outside the compressed object
    // streams, in the cross-reference stream's dictionary.
    let id = match doc.copy_tag.as_deref().map(hex_16) {
        Some(Some(tag)) => tag,
        _ => file_id(&doc.id),
    };
    file.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.to_vec(), StringFormat::Hexadecimal),
            Object::String(id.to_vec(), StringFormat::Hexadecimal),
        ]),
    );
    let date = pdf_date(&doc.timestamp)?;
    let mut info = lopdf::Dictionary::new();
    info.set("Title", text_string(&doc.title));
    info.set("Subject", text_string(&doc.marking.line()));
    info.set("Producer", text_string("Tasking Vault"));
    if let Some(tag) = &doc.copy_tag {
        info.set(
            "Keywords",
            Object::String(
                format!("{COPY_TAG_PREFIX}{tag}").into_bytes(),
                StringFormat::Literal,
            ),
        );
    }
    info.set(
        "CreationDate",
        Object::String(date.clone().into_bytes(), StringFormat::Literal),
    );
    info.set(
        "ModDate",
        Object::String(date.into_bytes(), StringFormat::Literal),
    );
    let info_id = match file.trailer.get(b"Info") {
        Ok(Object::Reference(r)) => *r,
        _ => file.new_object_id(),
    };
    file.objects.insert(info_id, Object::Dictionary(info));
    file.trailer.set("Info", Object::Reference(info_id));
    Ok(())
}

/// A text string as PDF wants it for non-ASCII text: UTF-16BE with a BOM.
fn text_string(s: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// The 16 bytes of 32 hex digits.
fn hex_16(hex: &str) -> Option<[u8; 16]> {
    let mut out = [0_u8; 16];
    if hex.len() != 32 {
        return None;
    }
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(hex.get(i * 2..i * 2 + 2)?, 16).ok()?;
    }
    Some(out)
}

/// 16 bytes derived from the document id (two FNV-1a 64 hashes), so the
/// same id gives the same identifier.
fn file_id(id: &str) -> [u8; 16] {
    let fnv = |seed: u64| {
        let mut h = seed;
        for b in id.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        h
    };
    let mut out = [0u8; 16];
    out[..8].copy_from_slice(&fnv(0xcbf2_9ce4_8422_2325).to_be_bytes());
    out[8..].copy_from_slice(&fnv(0x8422_2325_cbf2_9ce4).to_be_bytes());
    out
}

/// `YYYY-MM-DDTHH:MM:SSZ` as a PDF date, `D:YYYYMMDDHHMMSSZ`.
fn pdf_date(timestamp: &str) -> Result<String, RenderError> {
    let bad = || RenderError::Malformed {
        field: "the timestamp".into(),
        problem: format!("“{timestamp}” is not of the form YYYY-MM-DDTHH:MM:SSZ"),
    };
    let b = timestamp.as_bytes();
    if b.len() != 20 {
        return Err(bad());
    }
    let digits = [0..4, 5..7, 8..10, 11..13, 14..16, 17..19];
    let seps = [
        (4, b'-'),
        (7, b'-'),
        (10, b'T'),
        (13, b':'),
        (16, b':'),
        (19, b'Z'),
    ];
    if seps.iter().any(|&(i, c)| b[i] != c)
        || digits
            .iter()
            .any(|r| !b[r.clone()].iter().all(u8::is_ascii_digit))
    {
        return Err(bad());
    }
    let n = |r: std::ops::Range<usize>| timestamp[r].parse::<u32>().unwrap_or(0);
    let (mo, d, h, mi, s) = (n(5..7), n(8..10), n(11..13), n(14..16), n(17..19));
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 59 {
        return Err(bad());
    }
    let digits: String = digits.iter().map(|r| &timestamp[r.clone()]).collect();
    Ok(format!("D:{digits}Z"))
}
