//! Tests of the page breaking: what goes on which page, and why.

use super::*;
use crate::document::{Block, Column, Document, Marking};

fn doc(blocks: Vec<Block>) -> Document {
    Document {
        id: "TEST-1".into(),
        title: "Layout test".into(),
        subtitle: vec![],
        date: "1 December 2026".into(),
        version: "Version 1".into(),
        timestamp: "2026-12-01T10:00:00Z".into(),
        marking: Marking {
            classification: "OFFICIAL".into(),
            handling: None,
            descriptor: None,
        },
        draft_banner: None,
        issued_copy: None,
        copy_tag: None,
        blocks,
    }
}

fn texts(page: &Page) -> Vec<&str> {
    page.items
        .iter()
        .filter_map(|i| match i {
            Item::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

fn lines(n: usize, prefix: &str) -> String {
    (1..=n)
        .map(|i| format!("{prefix} {i}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Lines of body text a page without a banner holds.
fn per_page() -> usize {
    (BODY_HEIGHT / BODY_LEADING).floor() as usize
}

#[test]
fn a_table_row_taller_than_a_page_flows_on_under_a_repeated_header() {
    let tall = lines(150, "entry");
    let d = doc(vec![Block::Table {
        label: "log".into(),
        columns: vec![Column::new("When", 1.0), Column::new("What", 4.0)],
        rows: vec![
            vec!["Monday".into(), "short row".into()],
            vec!["Tuesday".into(), tall],
            vec!["Wednesday".into(), "after the tall row".into()],
        ],
    }]);
    let pages = layout(&d).unwrap();
    // 150 lines at 12 pt cannot fit on one page: the row spans three.
    assert!(pages.len() >= 3, "{} pages", pages.len());
    for (n, page) in pages.iter().enumerate() {
        let slices = page
            .rows
            .iter()
            .filter(|k| **k == RowKind::TableSlice)
            .count();
        assert!(slices > 0, "page {} has none of the table", n + 1);
        // Each page's part of the table starts with the header row.
        let first_table_row = page
            .rows
            .iter()
            .find(|k| matches!(k, RowKind::TableHeader | RowKind::TableSlice));
        assert_eq!(
            first_table_row,
            Some(&RowKind::TableHeader),
            "page {}",
            n + 1
        );
        assert_eq!(
            texts(page).iter().filter(|t| **t == "When").count(),
            1,
            "page {}",
            n + 1
        );
    }
    // Every line of the tall cell is printed once, in order.
    let printed: Vec<String> = pages
        .iter()
        .flat_map(|p| texts(p))
        .filter(|t| t.starts_with("entry "))
        .map(str::to_owned)
        .collect();
    let expected: Vec<String> = (1..=150).map(|i| format!("entry {i}")).collect();
    assert_eq!(printed, expected);
    // The tall row starts on the first page (its first slice fits there).
    assert!(texts(&pages[0]).contains(&"entry 1"));
    assert!(texts(&pages[pages.len() - 1]).contains(&"after the tall row"));
}

#[test]
fn a_table_row_that_does_not_fit_moves_whole_to_the_next_page() {
    // Fill the first page nearly full of one-line rows, then a row of
    // eight lines: it must not be split, and the header is repeated.
    let mut rows: Vec<Vec<String>> = (0..60).map(|i| vec![format!("row {i}")]).collect();
    rows.push(vec![lines(8, "part")]);
    let d = doc(vec![Block::Table {
        label: "t".into(),
        columns: vec![Column::new("Entry", 1.0)],
        rows,
    }]);
    let pages = layout(&d).unwrap();
    let on: Vec<usize> = (1..=8)
        .map(|i| {
            pages
                .iter()
                .position(|p| texts(p).contains(&format!("part {i}").as_str()))
                .unwrap()
        })
        .collect();
    assert!(on.iter().all(|&p| p == on[0]), "split across pages: {on:?}");
}

#[test]
fn a_heading_never_ends_a_page() {
    // Push a heading and its paragraph down the page one line at a time:
    // wherever the page ends, the heading is never its last row, and at
    // some point it must have moved to the next page.
    let mut moved = false;
    for k in 0..per_page() + 2 {
        let d = doc(vec![
            Block::paragraph("filler", lines(k.max(1), "filler")),
            Block::heading("h", 1, "A section"),
            Block::heading("h2", 2, "An empty subsection"),
            Block::heading("h3", 2, "A subsection"),
            Block::paragraph("body", lines(6, "body")),
        ]);
        let pages = layout(&d).unwrap();
        for (n, page) in pages.iter().enumerate() {
            assert_ne!(
                page.rows.last(),
                Some(&RowKind::Heading),
                "k = {k}: page {} ends with a heading",
                n + 1
            );
        }
        if pages.len() > 1 && pages[1].rows.first() == Some(&RowKind::Heading) {
            moved = true;
            // The three headings move together, with at least two lines of
            // what follows.
            assert_eq!(
                &pages[1].rows[..5],
                &[
                    RowKind::Heading,
                    RowKind::Heading,
                    RowKind::Heading,
                    RowKind::Line,
                    RowKind::Line
                ]
            );
        }
    }
    assert!(moved, "no filler length pushed the heading over");
}

#[test]
fn the_page_count_is_right() {
    let per = per_page();
    // A title page, a page break, then n lines of one paragraph.
    for (n, expected) in [
        (1, 2),
        (per, 2),
        (per + 1, 3),
        (2 * per, 3),
        (2 * per + 1, 4),
        (10 * per, 11),
    ] {
        let d = doc(vec![
            Block::PageBreak,
            Block::paragraph("body", lines(n, "line")),
        ]);
        let pages = layout(&d).unwrap();
        assert_eq!(pages.len(), expected, "{n} lines at {per} a page");
        assert_eq!(crate::page_count(&d).unwrap(), expected);
        for (i, page) in pages.iter().enumerate() {
            let label = format!("Page {} of {expected}", i + 1);
            assert!(texts(page).contains(&label.as_str()), "{label}");
        }
        // No page (but a one-line paragraph's) holds a lone line.
        let last = pages.last().unwrap();
        let body_lines = texts(last)
            .iter()
            .filter(|t| t.starts_with("line "))
            .count();
        assert!(
            body_lines >= 2.min(n),
            "{n}: {body_lines} lines on the last page"
        );
    }
}

#[test]
fn every_page_begins_and_ends_with_the_marking() {
    let mut d = doc(vec![Block::paragraph("body", lines(200, "line"))]);
    d.marking = Marking {
        classification: "OFFICIAL-SENSITIVE".into(),
        handling: Some("RECIPIENTS ONLY".into()),
        descriptor: Some("PERSONAL DATA".into()),
    };
    d.draft_banner = Some("DRAFT — NOT FOR CIRCULATION".into());
    d.issued_copy = Some("Copy 3 of 7 — issued to A. Person, Housing".into());
    let pages = layout(&d).unwrap();
    assert!(pages.len() > 2);
    let marking = "OFFICIAL-SENSITIVE RECIPIENTS ONLY PERSONAL DATA";
    for page in &pages {
        let t = texts(page);
        assert_eq!(t.first(), Some(&marking));
        assert_eq!(t.last(), Some(&marking));
        assert!(t.contains(&"DRAFT — NOT FOR CIRCULATION"));
        assert!(t.contains(&"Copy 3 of 7 — issued to A. Person, Housing"));
    }
}

#[test]
fn refusals_name_the_block() {
    let d = doc(vec![Block::Table {
        label: "actions".into(),
        columns: vec![Column::new("Action", 3.0), Column::new("Owner", 1.0)],
        rows: vec![vec!["Visit".into(), "陳大文".into()]],
    }]);
    let err = layout(&d).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("table “actions”, row 1, column “Owner” contains “陳”"),
        "{err}"
    );
    let d = doc(vec![Block::heading("h", 3, "Too deep")]);
    assert!(matches!(layout(&d), Err(RenderError::Malformed { .. })));
}

#[test]
fn signatures_are_checked_and_drawn_in_their_box() {
    let sig = |strokes: Vec<Vec<[f32; 2]>>, caption: Vec<String>| {
        doc(vec![Block::Signature(crate::Signature {
            label: "A. Person".into(),
            caption,
            pad: [1000.0, 400.0],
            strokes,
        })])
    };
    let pages = layout(&sig(
        vec![vec![[0.0, 0.0], [1000.0, 400.0]], vec![[500.0, 200.0]]],
        vec!["A. Person".into()],
    ))
    .unwrap();
    let strokes: Vec<_> = pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Strokes { scale, strokes, .. } => Some((*scale, strokes.len())),
            _ => None,
        })
        .collect();
    // 1000×400 fits 190×76 pt exactly.
    assert_eq!(strokes, vec![(0.19, 2)]);

    let outside = layout(&sig(vec![vec![[10.0, 401.0]]], vec![])).unwrap_err();
    assert!(
        outside.to_string().starts_with(
            "signature “A. Person”: stroke 1 has a point (10, 401) outside the 1000×400 pad"
        ),
        "{outside}"
    );
    let nan = layout(&sig(vec![vec![[f32::NAN, 1.0]]], vec![]));
    assert!(matches!(nan, Err(RenderError::Malformed { .. })));
    // A caption too long for any page is refused, not run into the footer.
    let long = layout(&sig(vec![], (0..80).map(|i| format!("line {i}")).collect()));
    assert!(
        matches!(long, Err(RenderError::Malformed { .. })),
        "{long:?}"
    );
}
