//! Documents the tests and the benchmark render: minutes-like content made
//! from a fixed seed, and a fixture full of hard cases.
#![allow(dead_code, missing_docs)]

use minutes_pdf::{Block, Column, Document, KeyValue, Marking, Signature, Span};

/// A small deterministic generator (xorshift64*), so fixtures never change.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }
}

const WORDS: &[&str] = &[
    "the",
    "the",
    "the",
    "of",
    "of",
    "and",
    "and",
    "to",
    "to",
    "a",
    "in",
    "in",
    "was",
    "that",
    "for",
    "with",
    "on",
    "by",
    "at",
    "from",
    "has",
    "had",
    "been",
    "will",
    "would",
    "is",
    "are",
    "partner",
    "agencies",
    "police",
    "housing",
    "school",
    "youth",
    "offending",
    "service",
    "officer",
    "neighbourhood",
    "team",
    "concerns",
    "reported",
    "incidents",
    "anti-social",
    "behaviour",
    "address",
    "family",
    "support",
    "referral",
    "visit",
    "visited",
    "agreed",
    "discussed",
    "noted",
    "review",
    "risk",
    "assessment",
    "safeguarding",
    "children",
    "tenancy",
    "warning",
    "letter",
    "injunction",
    "evidence",
    "diary",
    "sheets",
    "CCTV",
    "patrols",
    "residents",
    "complaints",
    "noise",
    "late",
    "evenings",
    "weekend",
    "park",
    "estate",
    "community",
    "safety",
    "partnership",
    "update",
    "meeting",
    "previous",
    "action",
    "outstanding",
    "completed",
    "engagement",
    "mediation",
    "victim",
    "witness",
    "statement",
    "officers",
    "attended",
    "multi-agency",
    "plan",
    "measures",
    "progress",
    "recent",
    "weeks",
    "month",
    "contact",
    "made",
    "worker",
    "mental",
    "health",
    "services",
    "consent",
    "information",
    "shared",
    "under",
    "Arrangement",
    "proportionate",
    "necessary",
];

const NAMES: &[&str] = &[
    "Amelia Hughes",
    "Rhodri Evans",
    "Priya Natarajan",
    "Tomasz Kowalczyk",
    "Grace Okafor",
    "Siân Llewellyn",
    "Daniel Whitcombe",
    "Fatima Rahman",
    "Owen Pritchard",
    "Chloe Marsh",
    "Benedict Farrow",
    "Aisha Mensah",
];

const AGENCIES: &[&str] = &[
    "Police",
    "Housing",
    "Education",
    "Youth Offending",
    "Children’s Services",
    "Adult Social Care",
    "Fire and Rescue",
    "Probation",
];

pub fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        let w = rng.pick(WORDS);
        if i == 0 {
            let mut c = w.chars();
            if let Some(first) = c.next() {
                s.extend(first.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push(' ');
            s.push_str(w);
        }
        if i + 1 < words && rng.below(11) == 0 {
            s.push(',');
        }
    }
    s.push('.');
    s
}

pub fn prose(rng: &mut Rng, sentences: usize) -> String {
    (0..sentences)
        .map(|_| {
            let n = 8 + rng.below(14);
            sentence(rng, n)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn official_sensitive() -> Marking {
    Marking {
        classification: "OFFICIAL-SENSITIVE".into(),
        handling: None,
        descriptor: Some("PERSONAL DATA".into()),
    }
}

pub fn document(title: &str, blocks: Vec<Block>) -> Document {
    Document {
        id: "TV-MIN-0412-v2".into(),
        title: title.into(),
        subtitle: vec![
            "Riverside Community Safety Partnership".into(),
            "Bronze Tasking · 14:00 · Committee Room 2, Riverside Civic Centre".into(),
        ],
        date: "25 November 2026".into(),
        version: "Version 2".into(),
        timestamp: "2026-11-25T16:30:00Z".into(),
        marking: official_sensitive(),
        draft_banner: None,
        issued_copy: None,
        copy_tag: None,
        blocks,
    }
}

/// A drawn signature of about `points` points in a 1000×400 pad: a few
/// loops and a flourish, different for each `seed`.
pub fn signature_strokes(seed: u64, points: usize) -> Vec<Vec<[f32; 2]>> {
    let mut rng = Rng::new(seed);
    let strokes = 2 + rng.below(2);
    let per = points / strokes;
    let mut out = Vec::new();
    let mut x0 = 80.0 + rng.below(60) as f32;
    for s in 0..strokes {
        let mut stroke = Vec::with_capacity(per);
        let width = 700.0 / strokes as f32;
        let loops = 3.0 + rng.below(4) as f32;
        let amp = 70.0 + rng.below(60) as f32;
        let slant = 0.25 + rng.below(20) as f32 / 100.0;
        for i in 0..per {
            let t = i as f32 / (per - 1) as f32;
            let phase = t * loops * std::f32::consts::TAU;
            let y = 200.0 - amp * phase.sin() * (1.0 - 0.4 * t) + 30.0 * (s as f32 - 0.5);
            let x = x0 + width * t + 35.0 * phase.cos() + slant * (200.0 - y);
            stroke.push([x.clamp(0.0, 1000.0), y.clamp(0.0, 400.0)]);
        }
        x0 += width + 20.0;
        out.push(stroke);
    }
    // The underline flourish.
    let last = out.len() as u64;
    let mut flourish = Vec::new();
    for i in 0..40 {
        let t = i as f32 / 39.0;
        flourish.push([
            120.0 + 700.0 * t,
            330.0 - 20.0 * (t * 3.0 + last as f32).sin(),
        ]);
    }
    out.push(flourish);
    out
}

/// Minutes of a meeting with `items` agenda items and `signatures` drawn
/// signatures in the register appendix.
pub fn minutes(items: usize, signatures: usize) -> Document {
    let mut rng = Rng::new(0x5EED);
    let mut blocks = vec![
        Block::KeyValues {
            label: "heading facts".into(),
            pairs: vec![
                KeyValue::new("Meeting", "Bronze Tasking (monthly)"),
                KeyValue::new("Chair", "Insp. Amelia Hughes, Police"),
                KeyValue::new("Minute-taker", "Rhodri Evans, Community Safety"),
                KeyValue::new("Venue", "Committee Room 2, Riverside Civic Centre"),
                KeyValue::new("Next meeting", "Thursday 17 December 2026, 14:00"),
            ],
        },
        Block::heading("present", 1, "Present"),
        Block::Table {
            label: "present".into(),
            columns: vec![
                Column::new("Name", 3.0),
                Column::new("Agency", 3.0),
                Column::new("Role", 3.0),
                Column::new("Agreement", 2.0),
            ],
            rows: (0..signatures.max(8))
                .map(|i| {
                    vec![
                        NAMES[i % NAMES.len()].into(),
                        AGENCIES[i % AGENCIES.len()].into(),
                        ["Sergeant", "Housing Officer", "Case Worker", "Team Manager"][i % 4]
                            .into(),
                        if i % 5 == 4 { "Typed" } else { "Signed" }.into(),
                    ]
                })
                .collect(),
        },
        Block::heading("apologies", 1, "Apologies"),
        Block::paragraph(
            "apologies",
            "Owen Pritchard (Fire and Rescue) — written update sent.\nChloe Marsh (Probation).",
        ),
    ];
    for item in 0..items {
        let n = item + 1;
        blocks.push(Block::heading(
            format!("item {n}"),
            1,
            format!(
                "{}. Case RVS-2026-{:04} — {}",
                n + 2,
                100 + n,
                rng.pick(&["household", "individual", "location", "group"])
            ),
        ));
        blocks.push(Block::heading(
            format!("item {n} summary heading"),
            2,
            "Summary",
        ));
        for p in 0..2 + rng.below(2) {
            let s = 3 + rng.below(4);
            blocks.push(Block::paragraph(
                format!("item {n} summary {p}"),
                prose(&mut rng, s),
            ));
        }
        if rng.below(2) == 0 {
            blocks.push(Block::heading(
                format!("item {n} disclosures"),
                2,
                "Disclosures",
            ));
            let agency = rng.pick(AGENCIES);
            blocks.push(Block::Paragraph {
                label: format!("item {n} disclosure"),
                spans: vec![
                    Span::bold(format!("{agency}: ")),
                    Span::plain(prose(&mut rng, 2)),
                ],
            });
            if rng.below(3) == 0 {
                blocks.push(Block::notice(
                    format!("item {n} withheld"),
                    format!(
                        "A disclosure was made by {}, not minuted.",
                        rng.pick(AGENCIES)
                    ),
                ));
            }
        }
        blocks.push(Block::Paragraph {
            label: format!("item {n} decisions"),
            spans: vec![Span::bold("Decision: "), Span::plain(prose(&mut rng, 1))],
        });
        let actions = 1 + rng.below(3);
        blocks.push(Block::Table {
            label: format!("item {n} actions"),
            columns: vec![
                Column::new("Action", 6.0),
                Column::new("Owner", 2.5),
                Column::new("Due", 1.6),
            ],
            rows: (0..actions)
                .map(|_| {
                    let s = 1 + rng.below(2);
                    vec![
                        prose(&mut rng, s),
                        format!("{} ({})", rng.pick(NAMES), rng.pick(AGENCIES)),
                        format!("{} Dec 2026", 1 + rng.below(28)),
                    ]
                })
                .collect(),
        });
    }
    blocks.push(Block::heading(
        "third parties",
        1,
        "Release to third parties",
    ));
    blocks.push(Block::notice(
        "third-party notice",
        "Recipients must not release the information in these minutes to any third party \
         without the written authority of the partner who provided it (Information Sharing \
         Arrangement, 5.6).",
    ));
    blocks.push(Block::PageBreak);
    blocks.push(Block::heading(
        "register",
        1,
        "Appendix: register of the confidentiality agreement",
    ));
    blocks.push(Block::paragraph(
        "register intro",
        "Each attendee signed version 3 of the confidentiality agreement before the meeting.",
    ));
    for i in 0..signatures {
        blocks.push(Block::Signature(Signature {
            label: format!("signature {}", i + 1),
            caption: vec![
                NAMES[i % NAMES.len()].into(),
                format!(
                    "{} — {}",
                    AGENCIES[i % AGENCIES.len()],
                    ["Sergeant", "Housing Officer", "Case Worker", "Team Manager"][i % 4]
                ),
                format!("Signed 25 Nov 2026, 13:{:02}", 40 + i),
            ],
            pad: [1000.0, 400.0],
            strokes: signature_strokes(i as u64 + 7, 200),
        }));
    }
    document("Minutes of the Bronze Tasking Meeting", blocks)
}

/// Minutes of exactly `pages` pages (the number of items found by search).
pub fn minutes_of_pages(pages: usize, signatures: usize) -> Document {
    let (mut lo, mut hi) = (1usize, 4 * pages + 8);
    while lo < hi {
        let mid = (lo + hi) / 2;
        let n = minutes_pdf::page_count(&minutes(mid, signatures)).expect("lays out");
        if n < pages {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    minutes(lo, signatures)
}

/// A paragraph of exactly `n` characters, of words from the generator.
pub fn paragraph_of(n: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut s = String::new();
    while s.chars().count() < n {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(rng.pick(WORDS));
    }
    let mut s: String = s.chars().take(n - 1).collect();
    if s.ends_with(' ') {
        s.pop();
        s.push('x');
    }
    s.push('.');
    s
}

/// The fixture of hard cases, and the text of its body (title to last
/// block) in the order it is printed: names with accents, Welsh, Polish,
/// Greek and Cyrillic words, typographic apostrophes and dashes, a
/// 2,000-character paragraph and an empty section.
pub fn hard_cases() -> (Document, Vec<String>) {
    let long = paragraph_of(2000, 42);
    assert_eq!(long.chars().count(), 2000);
    let blocks = vec![
        Block::KeyValues {
            label: "heading facts".into(),
            pairs: vec![
                KeyValue::new("Chair", "Zoë Łukasiewicz-O'Brien, Police"),
                KeyValue::new("Minute-taker", "Ŵyn ap Rhys, Cyngor Sir Ddinbych"),
                KeyValue::new("Owner", "Paweł Żółć-Grzegorzewski"),
            ],
        },
        Block::heading("item 1", 1, "1. Names that must print exactly"),
        Block::paragraph(
            "item 1 summary",
            "Zoë Łukasiewicz-O'Brien and Siân Llewellyn met Ŵyn ap Rhys at Tŷ Hywel; \
             Dafydd ap Gruffydd sent apologies. François Müller-Sørensen and Ágnes Kővári \
             attended for the first time.",
        ),
        Block::Paragraph {
            label: "item 1 decision".into(),
            spans: vec![
                Span::bold("Decision: "),
                Span::plain(
                    "the family’s tenancy — reviewed 3–4 December — stays ‘at risk’; \
                             the “warning letter” is re-sent.",
                ),
            ],
        },
        Block::heading("item 2", 1, "2. Other scripts"),
        Block::paragraph(
            "item 2 summary",
            "Greek: Η συνάντηση ολοκληρώθηκε νωρίς.\nCyrillic: Встреча завершилась рано; Жанна Щербакова согласна.",
        ),
        Block::heading("item 3", 1, "3. A long action"),
        Block::paragraph("item 3 action", long.clone()),
        Block::heading("item 4", 1, "4. Any other business"),
        Block::heading("item 5", 1, "5. Actions"),
        Block::Table {
            label: "actions".into(),
            columns: vec![
                Column::new("Action", 4.0),
                Column::new("Owner", 2.0),
                Column::new("Due", 1.3),
            ],
            rows: vec![
                vec![
                    "Visit Mrs O’Neill".into(),
                    "Zoë Ł.-O'Brien".into(),
                    "2 Dec 2026".into(),
                ],
                vec!["Ring Ŵyn".into(), "Paweł Ż.".into(), "9 Dec 2026".into()],
            ],
        },
        Block::notice(
            "third-party notice",
            "Recipients must not release this information to any third party without the \
             written authority of the partner who provided it.",
        ),
    ];
    let doc = document("Minutes — Łódź & Ŵyn’s review", blocks);
    let mut expected: Vec<String> = vec![doc.title.clone()];
    expected.extend(doc.subtitle.iter().cloned());
    expected.push(format!("{}  ·  {}", doc.date, doc.version));
    for block in &doc.blocks {
        match block {
            Block::Heading { text, .. } => expected.push(text.clone()),
            Block::Paragraph { spans, .. } | Block::Notice { spans, .. } => {
                expected.push(spans.iter().map(|s| s.text.as_str()).collect())
            }
            Block::KeyValues { pairs, .. } => {
                for p in pairs {
                    expected.push(format!("{} {}", p.key, p.value));
                }
            }
            Block::Table { columns, rows, .. } => {
                expected.extend(columns.iter().map(|c| c.header.clone()));
                for row in rows {
                    expected.extend(row.iter().cloned());
                }
            }
            Block::Signature(s) => expected.extend(s.caption.iter().cloned()),
            Block::PageBreak => {}
        }
    }
    (doc, expected)
}
