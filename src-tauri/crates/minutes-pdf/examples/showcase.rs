//! Writes sample PDFs to look at: the 60-page minutes of the benchmark, the
//! hard-case fixture, a draft issued copy, and a table with a row taller
//! than a page.
//!
//! ```text
//! cargo run -p minutes-pdf --example showcase -- /tmp/pdf
//! pdftoppm -png -r 80 /tmp/pdf/minutes.pdf /tmp/pdf/minutes
//! ```

#[path = "../tests/common/mod.rs"]
mod common;

use minutes_pdf::{Block, Column, render};

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let dir = std::path::Path::new(&dir);
    std::fs::create_dir_all(dir).expect("create the output folder");

    let mut draft = common::minutes(4, 3);
    draft.draft_banner = Some("DRAFT — NOT FOR CIRCULATION".into());
    draft.issued_copy = Some("Copy 3 of 7 — issued to Grace Okafor, Children’s Services".into());
    draft.marking.handling = Some("RECIPIENTS ONLY".into());

    let entries: String = (1..=90)
        .map(|i| format!("{i:02} Dec 2026 — contact log entry {i}: visit, no answer; card left."))
        .collect::<Vec<_>>()
        .join("\n");
    let tall = common::document(
        "Information request — contact log",
        vec![
            Block::heading("log", 1, "Contact log"),
            Block::Table {
                label: "log".into(),
                columns: vec![Column::new("Case", 1.2), Column::new("Entries", 5.0)],
                rows: vec![
                    vec!["RVS-2026-0101".into(), "Two visits; family engaged.".into()],
                    vec!["RVS-2026-0142".into(), entries],
                    vec!["RVS-2026-0150".into(), "No entries this month.".into()],
                ],
            },
        ],
    );

    for (name, doc) in [
        ("minutes.pdf", common::minutes_of_pages(60, 12)),
        ("hard-cases.pdf", common::hard_cases().0),
        ("draft-copy.pdf", draft),
        ("tall-row.pdf", tall),
    ] {
        let bytes = render(&doc).expect("renders");
        let path = dir.join(name);
        std::fs::write(&path, &bytes).expect("write");
        println!("{} ({} KB)", path.display(), bytes.len() / 1024);
    }
}
