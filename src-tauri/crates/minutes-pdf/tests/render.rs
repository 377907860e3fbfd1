//! The renderer's output checked with independent tools: `qpdf --check`,
//! `pdffonts`, `pdftotext` (poppler-utils and qpdf; `scripts/deps` installs
//! them). A test whose tool is missing prints a note and passes.
//!
//! Set `MINUTES_PDF_KEEP=/some/dir` to keep the PDFs the tests write.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use minutes_pdf::{Block, Document, RenderError, Span, render};

/// A folder for this test's PDFs: a temporary one, or `MINUTES_PDF_KEEP`.
struct Out {
    _temp: Option<tempfile::TempDir>,
    dir: PathBuf,
}

impl Out {
    fn new() -> Out {
        match std::env::var_os("MINUTES_PDF_KEEP") {
            Some(dir) => {
                let dir = PathBuf::from(dir);
                std::fs::create_dir_all(&dir).expect("create MINUTES_PDF_KEEP");
                Out { _temp: None, dir }
            }
            None => {
                let temp = tempfile::tempdir().expect("temp dir");
                let dir = temp.path().to_owned();
                Out {
                    _temp: Some(temp),
                    dir,
                }
            }
        }
    }

    fn write(&self, name: &str, doc: &Document) -> PathBuf {
        let bytes = render(doc).expect("renders");
        let path = self.dir.join(name);
        std::fs::write(&path, bytes).expect("write PDF");
        path
    }
}

/// Whether `tool` can be run; if not, says so (the test then passes).
fn have(tool: &str) -> bool {
    let ok = Command::new(tool)
        .arg(if tool == "qpdf" { "--version" } else { "-v" })
        .output()
        .is_ok();
    if !ok {
        eprintln!(
            "note: `{tool}` is not installed (scripts/deps installs it); skipping this check"
        );
    }
    ok
}

fn run(tool: &str, args: &[&str], file: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(file)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{tool} {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// The text of each page (pdftotext separates pages with a form feed).
fn pages_text(file: &Path, args: &[&str]) -> Vec<String> {
    let mut pages: Vec<String> = run("pdftotext", args, file)
        .split('\u{c}')
        .map(str::to_owned)
        .collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn documents() -> Vec<(&'static str, Document)> {
    let (hard, _) = common::hard_cases();
    let mut draft = common::minutes(3, 2);
    draft.draft_banner = Some("DRAFT — NOT FOR CIRCULATION".into());
    draft.issued_copy = Some("Copy 3 of 7 — issued to Grace Okafor, Children’s Services".into());
    draft.marking.handling = Some("RECIPIENTS ONLY".into());
    vec![
        ("hard-cases.pdf", hard),
        ("minutes.pdf", common::minutes(12, 12)),
        ("draft-copy.pdf", draft),
    ]
}

#[test]
fn qpdf_finds_no_errors() {
    if !have("qpdf") {
        return;
    }
    let out = Out::new();
    for (name, doc) in documents() {
        let path = out.write(name, &doc);
        let report = run("qpdf", &["--check"], &path);
        assert!(
            report.contains("No syntax or stream encoding errors found"),
            "{name}: {report}"
        );
    }
}

#[test]
fn pdffonts_shows_only_embedded_subset_fonts() {
    if !have("pdffonts") {
        return;
    }
    let out = Out::new();
    for (name, doc) in documents() {
        let path = out.write(name, &doc);
        let report = run("pdffonts", &[], &path);
        let rows: Vec<&str> = report.lines().skip(2).collect();
        assert_eq!(rows.len(), 2, "{name}: regular and bold\n{report}");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let font = cols[0];
            let (tag, face) = font.split_once('+').expect("a subset tag");
            assert!(
                tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()),
                "{name}: {font}"
            );
            assert!(face.starts_with("DejaVuSans"), "{name}: {font}");
            // name, type (2 words), encoding, emb, sub, uni, object, generation
            let n = cols.len();
            assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "{name}: {row}");
        }
    }
}

#[test]
fn pdftotext_gives_back_exactly_the_stored_text() {
    if !have("pdftotext") {
        return;
    }
    let (doc, expected) = common::hard_cases();
    let out = Out::new();
    let path = out.write("hard-cases.pdf", &doc);
    // The body only (the page furniture is checked elsewhere), in the
    // order it was drawn: -raw, cropped between the top marking and the
    // footer rule.
    let body: Vec<String> = pages_text(
        &path,
        &["-raw", "-x", "0", "-y", "60", "-W", "596", "-H", "705"],
    );
    let got = squash(&body.join("\n"));
    let want = squash(&expected.join("\n"));
    if got != want {
        let at = got
            .chars()
            .zip(want.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let near = |s: &str| {
            s.chars()
                .skip(at.saturating_sub(40))
                .take(100)
                .collect::<String>()
        };
        panic!(
            "extracted text differs at character {at}:\n  got:  …{}\n  want: …{}",
            near(&got),
            near(&want)
        );
    }
    // The hard names come back exactly, also in the default (reading
    // order) mode.
    let all = squash(&pages_text(&path, &[]).join("\n"));
    for name in [
        "Zoë Łukasiewicz-O'Brien",
        "Ŵyn ap Rhys",
        "Paweł Żółć-Grzegorzewski",
        "Η συνάντηση ολοκληρώθηκε νωρίς.",
        "Встреча завершилась рано; Жанна Щербакова согласна.",
        "the family’s tenancy — reviewed 3–4 December — stays ‘at risk’;",
        "4. Any other business 5. Actions",
    ] {
        assert!(all.contains(name), "{name:?} not in the extracted text");
    }
    assert!(!all.contains('\u{FFFD}'), "a character did not map back");
}

#[test]
fn every_page_begins_and_ends_with_the_marking() {
    if !have("pdftotext") {
        return;
    }
    let out = Out::new();
    for (name, doc) in documents() {
        let path = out.write(name, &doc);
        let marking = doc.marking.line();
        for mode in [&[][..], &["-raw"][..], &["-layout"][..]] {
            let pages = pages_text(&path, mode);
            assert!(!pages.is_empty());
            for (n, page) in pages.iter().enumerate() {
                let lines: Vec<&str> = page
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .collect();
                assert_eq!(
                    lines.first(),
                    Some(&marking.as_str()),
                    "{name} {mode:?} page {}",
                    n + 1
                );
                assert_eq!(
                    lines.last(),
                    Some(&marking.as_str()),
                    "{name} {mode:?} page {}",
                    n + 1
                );
            }
        }
    }
}

#[test]
fn page_n_of_n_is_right_on_sixty_pages() {
    if !have("pdftotext") {
        return;
    }
    let doc = common::minutes_of_pages(60, 12);
    let out = Out::new();
    let path = out.write("sixty-pages.pdf", &doc);
    let pages = pages_text(&path, &["-layout"]);
    let n = pages.len();
    assert!((60..=61).contains(&n), "{n} pages");
    assert_eq!(minutes_pdf::page_count(&doc).unwrap(), n);
    for (i, page) in pages.iter().enumerate() {
        let label = format!("Page {} of {n}", i + 1);
        assert_eq!(page.matches("Page ").count(), 1, "page {}", i + 1);
        assert!(page.contains(&label), "page {} lacks {label:?}", i + 1);
        assert!(
            page.contains(&doc.title) && page.contains("Version 2"),
            "page {}",
            i + 1
        );
        assert!(page.contains("25 November 2026") && page.contains("TV-MIN-0412-v2"));
    }
}

#[test]
fn the_same_document_renders_to_the_same_bytes() {
    let (doc, _) = common::hard_cases();
    let a = render(&doc).unwrap();
    let b = render(&doc).unwrap();
    assert!(a == b, "two renders of one document differ");
    // Frozen as JSON and rendered later: still the same bytes.
    let json = serde_json::to_string(&doc).unwrap();
    let thawed: Document = serde_json::from_str(&json).unwrap();
    assert!(render(&thawed).unwrap() == a);
    // The file identifier and dates come from the document.
    let text = String::from_utf8_lossy(&a);
    assert!(!text.contains("D:1970"), "a date not from the document");
    let mut later = doc.clone();
    later.version = "Version 3".into();
    later.id = "TV-MIN-0412-v3".into();
    assert!(render(&later).unwrap() != a);

    let minutes = common::minutes(20, 12);
    assert!(render(&minutes).unwrap() == render(&minutes).unwrap());
}

#[test]
fn a_character_the_font_cannot_draw_is_refused_naming_the_field() {
    let (mut doc, _) = common::hard_cases();
    doc.blocks.push(Block::Paragraph {
        label: "item 6 summary".into(),
        spans: vec![Span::plain("The crab 🦀 was not minuted.")],
    });
    let err = render(&doc).unwrap_err();
    assert_eq!(
        err,
        RenderError::Undrawable {
            field: "paragraph “item 6 summary”".into(),
            shown: "“🦀”".into(),
            code: 0x1F980,
        }
    );
    assert_eq!(
        err.to_string(),
        "paragraph “item 6 summary” contains “🦀” (U+1F980), which cannot be printed \
         in the PDF. Replace or remove that character, then export again."
    );

    let (mut doc, _) = common::hard_cases();
    doc.issued_copy = Some("Copy 1 of 2 — issued to 王小明".into());
    let err = render(&doc).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("the issued-copy line contains “王”"),
        "{err}"
    );

    let (mut doc, _) = common::hard_cases();
    doc.title = "Minutes\u{7}".into();
    assert!(err_names(&doc, "the title"));
}

fn err_names(doc: &Document, field: &str) -> bool {
    match render(doc) {
        Err(RenderError::Undrawable { field: f, .. }) => f == field,
        other => panic!("expected a refusal naming {field}, got {other:?}"),
    }
}

#[test]
fn a_face_of_more_than_256_glyphs_keeps_two_byte_codes_and_extracts_exactly() {
    if !have("pdftotext") || !have("pdffonts") {
        return;
    }
    // Latin Extended-A and -B, Greek and Cyrillic letters: over 256 glyphs in the
    // regular face, so it cannot use one-byte codes.
    let letters: String = ('\u{100}'..='\u{1BF}')
        .chain('\u{391}'..='\u{3A1}')
        .chain('\u{3A3}'..='\u{3C9}')
        .chain('\u{410}'..='\u{44F}')
        .collect();
    assert!(letters.chars().count() > 256);
    let words: Vec<String> = letters
        .chars()
        .collect::<Vec<_>>()
        .chunks(12)
        .map(|c| c.iter().collect())
        .collect();
    let text = words.join(" ");
    let doc = common::document(
        "Many letters",
        vec![Block::paragraph("letters", text.clone())],
    );
    let out = Out::new();
    let path = out.write("many-letters.pdf", &doc);
    let fonts = run("pdffonts", &[], &path);
    let regular = fonts
        .lines()
        .find(|l| l.contains("+DejaVuSans "))
        .expect("the regular face");
    assert!(regular.contains("Identity-H"), "{fonts}");
    let bold = fonts
        .lines()
        .find(|l| l.contains("+DejaVuSans-Bold"))
        .expect("bold");
    assert!(
        bold.contains("Custom"),
        "one-byte codes for the small bold subset: {fonts}"
    );
    let got = squash(&pages_text(&path, &[]).join("\n"));
    assert!(got.contains(&text), "{got}");
    if have("qpdf") {
        let report = run("qpdf", &["--check"], &path);
        assert!(
            report.contains("No syntax or stream encoding errors"),
            "{report}"
        );
    }
}
