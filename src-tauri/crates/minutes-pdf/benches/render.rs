//! Benchmark of the renderer, printed as a table (see
//! `docs/PERFORMANCE-RECORDS.md`, "Minutes PDF").
//!
//! ```text
//! cargo bench -p minutes-pdf --bench render
//! ```
//!
//! Renders 60 pages of minutes-like content (agenda items with summaries,
//! disclosures, decisions and action tables, a present table, a register
//! appendix of twelve drawn signatures of about 200 points each)
//! `BENCH_RUNS` times (default 50) after a warm-up, and prints the median,
//! p99 and the file's size. Target: ≤ 100 ms and ≤ 150 KB.

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::Instant;

fn main() {
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let doc = common::minutes_of_pages(60, 12);
    let pages = minutes_pdf::page_count(&doc).expect("lays out");
    let warm = minutes_pdf::render(&doc).expect("renders");
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let bytes = minutes_pdf::render(&doc).expect("renders");
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(bytes, warm, "the same document renders to the same bytes");
    }
    // The layout alone (line breaking and pagination), for where the time goes.
    let mut layout = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        minutes_pdf::page_count(&doc).expect("lays out");
        layout.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    layout.sort_by(f64::total_cmp);
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    let json = serde_json::to_string(&doc).map(|s| s.len()).unwrap_or(0);
    println!("minutes PDF: {pages} pages, 12 signatures × ~200 points, {runs} runs");
    println!("  (the document as JSON: {} KB)", json / 1024);
    println!("| measure | value | target |");
    println!("| --- | --- | --- |");
    println!("| render, median | {:.1} ms | ≤ 100 ms |", at(0.5));
    println!("| render, p99 | {:.1} ms | |", at(0.99));
    println!(
        "| render, min / max | {:.1} / {:.1} ms | |",
        times[0],
        times[times.len() - 1]
    );
    println!(
        "| of which layout, median | {:.1} ms | |",
        layout[layout.len() / 2]
    );
    println!(
        "| file size | {:.1} KB ({} bytes) | ≤ 150 KB |",
        warm.len() as f64 / 1024.0,
        warm.len()
    );
    if let Ok(dir) = std::env::var("BENCH_PDF_OUT") {
        let path = std::path::Path::new(&dir).join("bench-minutes.pdf");
        std::fs::write(&path, &warm).expect("write the PDF");
        println!("  written to {}", path.display());
    }
}
