//! Minutes as a document for the renderer ([`minutes_pdf`]): the one place
//! that says how minutes read on paper. The renderer knows nothing of
//! meetings; this module knows nothing of PDF.
//!
//! The same approved version always makes the same [`Document`] (its id,
//! dates and marking come from the version), so it renders to the same
//! bytes and an issued file can be checked against the vault. A draft is
//! dated when it is exported and carries the draft banner on every page.

use chrono::{DateTime, NaiveDate};
use minutes_pdf::{Block, Column, Document, KeyValue, Marking as PdfMarking, Signature, Span};

use super::marking::MinutesMarking;
use super::versions::MinutesVersionSummary;
use super::{MinutedDisclosure, MinutesAction, MinutesContent};
use crate::signatures::Outcome;

/// The minutes' own words (headings, and what stands in for what is
/// missing): the one place they are written. The PDF uses them here; the
/// app's preview of the minutes gets them through the generated bindings
/// (`MINUTES_WORDS`), so both read alike. `{agency}` in `not_minuted` is
/// the disclosing agency.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct MinutesWords {
    /// The heading of those present.
    pub present: &'static str,
    /// When nobody is recorded as present.
    pub nobody_present: &'static str,
    /// The heading of apologies.
    pub apologies: &'static str,
    /// An empty list.
    pub none: &'static str,
    /// The label of those absent.
    pub absent: &'static str,
    /// The label of those whose attendance was not recorded.
    pub not_recorded: &'static str,
    /// The label of who left the room for an item.
    pub out_of_room_for_item: &'static str,
    /// A disclosure not minuted, `{agency}` its agency.
    pub not_minuted: &'static str,
    /// The label of an item's decisions.
    pub decisions: &'static str,
    /// The label of an item's actions.
    pub actions: &'static str,
    /// An item with nothing recorded.
    pub nothing_recorded: &'static str,
    /// The heading of actions raised under no item.
    pub other_actions: &'static str,
    /// The heading of carried-forward actions.
    pub carried_forward: &'static str,
    /// The heading of the next meeting's date.
    pub next_meeting: &'static str,
    /// No next meeting planned.
    pub not_planned: &'static str,
    /// The heading of the register appendix.
    pub register: &'static str,
    /// An empty register.
    pub no_one_signed: &'static str,
    /// An issued copy's heading for an item withheld from it.
    pub withheld_item: &'static str,
    /// The heading of an issued copy's distribution list.
    pub distribution: &'static str,
}

/// See [`MinutesWords`].
pub const WORDS: MinutesWords = MinutesWords {
    present: "Present",
    nobody_present: "Nobody is recorded as present.",
    apologies: "Apologies",
    none: "None.",
    absent: "Absent",
    not_recorded: "Attendance not recorded",
    out_of_room_for_item: "Out of the room for this item",
    not_minuted: "A disclosure was made by {agency}; it is not minuted.",
    decisions: "Decisions",
    actions: "Actions",
    nothing_recorded: "Nothing recorded.",
    other_actions: "Other actions raised",
    carried_forward: "Actions carried forward",
    next_meeting: "Date of next meeting",
    not_planned: "Not yet planned.",
    register: "Appendix: confidentiality agreement register",
    no_one_signed: "No one signed.",
    withheld_item: "Withheld from this copy",
    distribution: "Distribution of this version",
};

/// What every page of a draft says under the marking.
pub const DRAFT_BANNER: &str = "DRAFT — NOT FOR CIRCULATION";

/// The pad signatures are recorded in (see `kiosk::PadLimits`).
pub(crate) const PAD: [f32; 2] = [1000.0, 400.0];

/// "Tuesday 24 November 2026" for `YYYY-MM-DD` (the text itself if it is
/// not a date).
pub fn long_date(day: &str) -> String {
    crate::dates::from_text(day).map_or_else(|| day.to_owned(), crate::dates::long_text)
}

/// "24 November 2026" for `YYYY-MM-DD`.
fn day(day: &str) -> String {
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .map(|d| d.format("%-d %B %Y").to_string())
        .unwrap_or_else(|_| day.to_owned())
}

/// "24 Nov 2026" for `YYYY-MM-DD`: for tables' narrow date columns.
fn short_day(day: &str) -> String {
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .map(|d| d.format("%-d %b %Y").to_string())
        .unwrap_or_else(|_| day.to_owned())
}

/// "24 Nov 2026, 09:45" in Europe/London for an RFC 3339 instant.
fn moment(at: &str) -> String {
    DateTime::parse_from_rfc3339(at)
        .map(|t| {
            t.with_timezone(&chrono_tz::Europe::London)
                .format("%-d %b %Y, %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| at.to_owned())
}

fn pdf_marking(m: &MinutesMarking) -> PdfMarking {
    let descriptors: Vec<&str> = m.descriptors.iter().map(|d| d.as_str()).collect();
    PdfMarking {
        classification: m.marking.as_str().to_owned(),
        handling: m.recipients_only.then(|| "RECIPIENTS ONLY".to_owned()),
        descriptor: (!descriptors.is_empty()).then(|| descriptors.join(" ")),
    }
}

/// Which minutes are printed: an approved version, or the draft exported at
/// `at` (RFC 3339, UTC).
pub enum Printing<'a> {
    /// An approved version.
    Approved(&'a MinutesVersionSummary),
    /// The draft, at the moment of export.
    Draft {
        /// When it is exported.
        at: &'a str,
    },
}

/// What makes an issued copy of an approved version different from the
/// version itself (see [`crate::circulation`]).
pub struct CopyPrint<'a> {
    /// The copy's number.
    pub number: i64,
    /// "Copy k of n — issued to NAME, AGENCY", on every page.
    pub line: String,
    /// The copy's token, in the file's document information.
    pub tag: &'a str,
    /// What it leaves out: none of those parts' words reach the document.
    pub withheld: &'a [crate::circulation::Withheld],
    /// The distribution list: copy number, recipient, agency, issued on.
    pub distribution: &'a [Vec<String>],
}

/// The document for `content`, as approved or as a draft.
pub fn document(content: &MinutesContent, printing: &Printing<'_>) -> Document {
    build(content, printing, None)
}

/// The document of one issued copy of an approved version.
pub fn copy_document(
    content: &MinutesContent,
    version: &MinutesVersionSummary,
    copy: &CopyPrint<'_>,
) -> Document {
    let mut doc = build(content, &Printing::Approved(version), Some(copy));
    doc.id = format!("{}-c{}", doc.id, copy.number);
    doc.issued_copy = Some(copy.line.clone());
    doc.copy_tag = Some(copy.tag.to_owned());
    doc
}

fn build(
    content: &MinutesContent,
    printing: &Printing<'_>,
    copy: Option<&CopyPrint<'_>>,
) -> Document {
    let c = content;
    let withheld = |position: i64, index: Option<u32>| {
        copy.and_then(|p| {
            p.withheld
                .iter()
                .find(|w| w.item == position && w.index == index)
        })
    };
    let (id, version, timestamp, marking, banner) = match printing {
        Printing::Approved(v) => (
            format!("TV-MIN-{:04}-v{}", c.meeting_id, v.version),
            format!("Version {}", v.version),
            v.approved_at.clone(),
            pdf_marking(&v.marking),
            None,
        ),
        Printing::Draft { at } => (
            format!("TV-MIN-{:04}-draft", c.meeting_id),
            "Draft".to_owned(),
            (*at).to_owned(),
            pdf_marking(&c.minimum_marking),
            Some(DRAFT_BANNER.to_owned()),
        ),
    };
    let mut blocks = Vec::new();

    let mut facts = vec![
        KeyValue::new(
            "Date and time",
            format!("{}, {}", long_date(&c.date), c.start_time),
        ),
        KeyValue::new("Venue", &c.venue),
        KeyValue::new("Chair", c.chair.as_deref().unwrap_or("Not recorded")),
        KeyValue::new(
            "Minute-taker",
            c.minute_taker.as_deref().unwrap_or("Not recorded"),
        ),
    ];
    if let Printing::Approved(v) = printing {
        let mut approved = format!("By {} on {}", v.approved_by, moment(&v.approved_at));
        if let Some(reason) = &v.reason {
            approved.push_str(&format!("\nCorrection: {reason}"));
        }
        facts.push(KeyValue::new("Approved", approved));
    }
    blocks.push(Block::KeyValues {
        label: "the meeting's details".into(),
        pairs: facts,
    });

    blocks.push(Block::heading("present", 1, WORDS.present));
    if c.present.is_empty() {
        blocks.push(Block::paragraph("present", WORDS.nobody_present));
    } else {
        blocks.push(Block::Table {
            label: "the list of those present".into(),
            columns: vec![
                Column::new("Name", 2.0),
                Column::new("Agency and role", 3.4),
                Column::new("Agreement", 1.4),
                Column::new("Notes", 2.2),
            ],
            rows: c
                .present
                .iter()
                .map(|a| {
                    let mut notes = Vec::new();
                    if let Some(t) = &a.arrived_at {
                        notes.push(format!("Arrived {t}."));
                    }
                    if let Some(t) = &a.left_at {
                        notes.push(format!("Left {t}."));
                    }
                    if !a.out_of_room_for.is_empty() {
                        let items: Vec<String> =
                            a.out_of_room_for.iter().map(|p| p.to_string()).collect();
                        notes.push(format!("Out of the room for item {}.", items.join(", ")));
                    }
                    vec![
                        a.name.clone(),
                        format!("{}, {}", a.agency, a.role),
                        a.agreement.label().to_owned(),
                        notes.join(" "),
                    ]
                })
                .collect(),
        });
    }
    blocks.push(Block::heading("apologies", 1, WORDS.apologies));
    let apologies: Vec<String> = c
        .apologies
        .iter()
        .map(|a| {
            let update = if a.written_update {
                " (written update sent)"
            } else {
                ""
            };
            format!("{}, {}, {}{update}", a.name, a.role, a.agency)
        })
        .collect();
    blocks.push(Block::paragraph(
        "apologies",
        if apologies.is_empty() {
            WORDS.none.to_owned()
        } else {
            apologies.join("\n")
        },
    ));
    for (label, title, people) in [
        ("absent", WORDS.absent, &c.absent),
        ("not recorded", WORDS.not_recorded, &c.not_recorded),
    ] {
        if !people.is_empty() {
            let names: Vec<String> = people
                .iter()
                .map(|a| format!("{}, {}", a.name, a.agency))
                .collect();
            blocks.push(Block::Paragraph {
                label: label.into(),
                spans: vec![
                    Span::bold(format!("{title}: ")),
                    Span::plain(names.join("; ")),
                ],
            });
        }
    }

    for item in &c.items {
        let label = format!("item {}", item.position);
        if let Some(w) = withheld(item.position, None) {
            blocks.push(Block::heading(
                label.clone(),
                1,
                format!("{}. {}", item.position, WORDS.withheld_item),
            ));
            blocks.push(Block::notice(format!("{label} withheld"), &w.line));
            continue;
        }
        blocks.push(Block::heading(
            label.clone(),
            1,
            format!("{}. {}", item.position, item.title),
        ));
        let mut meta = vec![format!(
            "Marking: {}{}",
            item.marking.as_str(),
            item.descriptor
                .map(|d| format!(" {}", d.as_str()))
                .unwrap_or_default()
        )];
        if let Some(r) = &item.case_ref {
            meta.push(format!("Case {r}"));
        }
        if let Some(a) = &item.presenting_agency {
            meta.push(format!("Presented by {a}"));
        }
        if !item.out_of_room.is_empty() {
            meta.push(format!(
                "{}: {}",
                WORDS.out_of_room_for_item,
                item.out_of_room.join(", ")
            ));
        }
        blocks.push(Block::paragraph(
            format!("{label} details"),
            meta.join(" · "),
        ));
        if !item.summary.is_empty() {
            blocks.push(Block::paragraph(format!("{label} summary"), &item.summary));
        }
        for (n, d) in item.disclosures.iter().enumerate() {
            let dl = format!("{label} disclosure {}", n + 1);
            if let Some(w) = withheld(item.position, u32::try_from(n).ok()) {
                blocks.push(Block::notice(format!("{dl} withheld"), &w.line));
                continue;
            }
            let (spans, notices) = match d {
                MinutedDisclosure::Full {
                    agency,
                    person,
                    category,
                    nature,
                    text,
                    notices,
                    ..
                } => (
                    vec![
                        Span::bold(format!(
                            "{category} ({}), {person}, {agency}: ",
                            nature.to_lowercase()
                        )),
                        Span::plain(text),
                    ],
                    notices.as_slice(),
                ),
                MinutedDisclosure::Summary {
                    agency,
                    summary,
                    notices,
                    ..
                } => (
                    vec![Span::bold(format!("{agency}: ")), Span::plain(summary)],
                    notices.as_slice(),
                ),
                MinutedDisclosure::NotMinuted { agency } => (
                    vec![Span::plain(WORDS.not_minuted.replace("{agency}", agency))],
                    &[][..],
                ),
            };
            blocks.push(Block::Paragraph {
                label: dl.clone(),
                spans,
            });
            for notice in notices {
                blocks.push(Block::notice(format!("{dl} inaccuracy notice"), notice));
            }
        }
        if !item.decisions.is_empty() {
            blocks.push(Block::Paragraph {
                label: format!("{label} decisions"),
                spans: vec![
                    Span::bold(format!("{}: ", WORDS.decisions)),
                    Span::plain(item.decisions.clone()),
                ],
            });
        }
        if !item.actions.is_empty() {
            blocks.push(actions_table(&format!("{label} actions"), &item.actions));
        }
        if item.summary.is_empty()
            && item.decisions.is_empty()
            && item.disclosures.is_empty()
            && item.actions.is_empty()
        {
            blocks.push(Block::paragraph(label.clone(), WORDS.nothing_recorded));
        }
    }
    if !c.other_actions.is_empty() {
        blocks.push(Block::heading("other actions", 1, WORDS.other_actions));
        blocks.push(actions_table("other actions", &c.other_actions));
    }

    blocks.push(Block::heading(
        "actions carried forward",
        1,
        WORDS.carried_forward,
    ));
    if c.carried_forward.is_empty() {
        blocks.push(Block::paragraph("actions carried forward", WORDS.none));
    } else {
        blocks.push(Block::Table {
            label: "the actions carried forward".into(),
            columns: vec![
                Column::new("Action", 4.0),
                Column::new("Owner", 2.4),
                Column::new("Due", 1.3),
                Column::new("Status and update", 2.6),
            ],
            rows: c
                .carried_forward
                .iter()
                .map(|a| {
                    // Each update says its status; without one, the status.
                    let status = if a.updates.is_empty() {
                        a.status.clone()
                    } else {
                        a.updates.join("\n")
                    };
                    vec![
                        a.text.clone(),
                        a.owner.clone(),
                        short_day(&a.due_date),
                        status,
                    ]
                })
                .collect(),
        });
    }

    blocks.push(Block::heading("next meeting", 1, WORDS.next_meeting));
    blocks.push(Block::paragraph(
        "next meeting",
        c.next_meeting
            .as_deref()
            .map_or_else(|| WORDS.not_planned.to_owned(), long_date),
    ));
    blocks.push(Block::notice("the notice to recipients", &c.notice));

    if let Some(copy) = copy {
        blocks.push(Block::heading("distribution", 1, WORDS.distribution));
        blocks.push(Block::Table {
            label: "the distribution list".into(),
            columns: vec![
                Column::new("Copy", 0.8),
                Column::new("Issued to", 3.0),
                Column::new("Agency", 3.6),
                Column::new("Issued on", 2.0),
            ],
            rows: copy.distribution.to_vec(),
        });
    }

    blocks.push(Block::PageBreak);
    blocks.push(Block::heading("the register", 1, WORDS.register));
    if c.register.is_empty() {
        blocks.push(Block::paragraph("the register", WORDS.no_one_signed));
    }
    for (n, r) in c.register.iter().enumerate() {
        let label = format!("register entry {}", n + 1);
        let mut caption = vec![
            r.name.clone(),
            format!("{}, {}", r.role, r.agency),
            match r.outcome {
                Outcome::Drawn => format!(
                    "Signed {} (agreement version {})",
                    moment(&r.at),
                    r.agreement_version
                ),
                Outcome::Typed => format!(
                    "Signed by typing \u{201c}{}\u{201d}, {} (agreement version {})",
                    r.typed_name.as_deref().unwrap_or(""),
                    moment(&r.at),
                    r.agreement_version
                ),
                Outcome::Declined => format!(
                    "Declined {}{}",
                    moment(&r.at),
                    r.decline_reason
                        .as_deref()
                        .map(|why| format!(": {why}"))
                        .unwrap_or_default()
                ),
            },
        ];
        if let Some(w) = &r.withdrawn {
            caption.push(format!("Withdrawn {w}"));
        }
        if r.outcome == Outcome::Drawn {
            blocks.push(Block::Signature(Signature {
                label,
                caption,
                pad: PAD,
                strokes: r
                    .strokes
                    .iter()
                    .map(|s| s.iter().map(|p| [f32::from(p.0), f32::from(p.1)]).collect())
                    .collect(),
            }));
        } else {
            let mut spans = vec![Span::bold(caption.remove(0))];
            for line in caption {
                spans.push(Span::plain(format!("\n{line}")));
            }
            blocks.push(Block::Paragraph { label, spans });
        }
    }

    Document {
        id,
        title: format!("Minutes of the {}", c.kind.label()),
        subtitle: vec![c.group_name.clone()],
        date: day(&c.date),
        version,
        timestamp,
        marking,
        draft_banner: banner,
        issued_copy: None,
        copy_tag: None,
        blocks,
    }
}

fn actions_table(label: &str, actions: &[MinutesAction]) -> Block {
    Block::Table {
        label: label.to_owned(),
        columns: vec![
            Column::new("Action", 5.0),
            Column::new("Owner", 3.0),
            Column::new("Due", 1.4),
        ],
        rows: actions
            .iter()
            .map(|a| vec![a.text.clone(), a.owner.clone(), short_day(&a.due_date)])
            .collect(),
    }
}

/// A rendered file of minutes: its name (made by the app from the group,
/// date, version and marking, never from a person's name), its bytes and
/// their SHA-256.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinutesFile {
    /// The file name, e.g.
    /// `Northbrook-Bronze-Tasking-Group_2026-11-24_minutes_v2_OFFICIAL-SENSITIVE.pdf`.
    pub file_name: String,
    /// The PDF.
    pub bytes: Vec<u8>,
    /// SHA-256 of the bytes, lower-case hex.
    pub sha256: String,
}

/// Renders `doc`; a document the renderer refuses is [`Error::Unprintable`]
/// (the user's text), or internal (a fault of this module).
pub fn render(doc: &Document, file_name: String) -> crate::Result<MinutesFile> {
    use sha2::{Digest, Sha256};
    let bytes = minutes_pdf::render(doc).map_err(|e| match e {
        minutes_pdf::RenderError::Undrawable { .. } | minutes_pdf::RenderError::Empty { .. } => {
            crate::Error::Unprintable(e.to_string())
        }
        _ => crate::Error::Internal("minutes document".into()),
    })?;
    Ok(MinutesFile {
        file_name,
        sha256: hex::encode(Sha256::digest(&bytes)),
        bytes,
    })
}

/// The file name for minutes: letters, digits and hyphens of the group's
/// name, the date, the version (or DRAFT) and the marking's classification.
pub fn file_name(content: &MinutesContent, printing: &Printing<'_>) -> String {
    let group = group_slug(&content.group_name);
    let (version, marking) = match printing {
        Printing::Approved(v) => (format!("v{}", v.version), v.marking.marking.as_str()),
        Printing::Draft { .. } => ("DRAFT".to_owned(), content.minimum_marking.marking.as_str()),
    };
    format!("{group}_{}_minutes_{version}_{marking}.pdf", content.date)
}

/// The agenda of a meeting as a document, for circulation before it: the
/// meeting's details, who is invited, the items in order (marking, case
/// reference, who presents) and the actions carried forward. Marked at the
/// highest marking of its items (OFFICIAL at least), dated `at`.
pub fn agenda_document(page: &crate::meetings::MeetingPage, at: &str) -> Document {
    let m = &page.meeting;
    let parts: Vec<super::marking::Marked> = page
        .agenda
        .iter()
        .map(|i| super::marking::Marked {
            what: format!("item {}", i.position),
            marking: i.marking,
            descriptor: i.descriptor,
        })
        .collect();
    let marking = super::marking::minimum(&parts);
    let mut blocks = vec![Block::KeyValues {
        label: "the meeting's details".into(),
        pairs: vec![
            KeyValue::new(
                "Date and time",
                format!("{}, {}", long_date(&m.date), m.start_time),
            ),
            KeyValue::new("Venue", &m.venue),
            KeyValue::new("Chair", m.chair_name.as_deref().unwrap_or("Not recorded")),
            KeyValue::new(
                "Minute-taker",
                m.minute_taker_name.as_deref().unwrap_or("Not recorded"),
            ),
        ],
    }];
    blocks.push(Block::heading("invited", 1, "Invited"));
    if page.invitations.is_empty() {
        blocks.push(Block::paragraph("invited", "Nobody is invited yet."));
    } else {
        blocks.push(Block::Table {
            label: "the list of those invited".into(),
            columns: vec![
                Column::new("Name", 2.0),
                Column::new("Agency and role", 4.0),
            ],
            rows: page
                .invitations
                .iter()
                .map(|i| vec![i.name.clone(), format!("{}, {}", i.agency_name, i.role)])
                .collect(),
        });
    }
    blocks.push(Block::heading("agenda", 1, "Agenda"));
    blocks.push(Block::Table {
        label: "the agenda".into(),
        columns: vec![
            Column::new("Item", 4.6),
            Column::new("Case", 1.6),
            Column::new("Presented by", 2.4),
            Column::new("Marking", 2.2),
        ],
        rows: page
            .agenda
            .iter()
            .map(|i| {
                vec![
                    format!("{}. {}", i.position, i.title),
                    i.case_ref.clone().unwrap_or_default(),
                    i.presenting_agency_name.clone().unwrap_or_default(),
                    format!(
                        "{}{}",
                        i.marking.as_str(),
                        i.descriptor
                            .map(|d| format!(" {}", d.as_str()))
                            .unwrap_or_default()
                    ),
                ]
            })
            .collect(),
    });
    blocks.push(Block::heading(
        "actions carried forward",
        1,
        WORDS.carried_forward,
    ));
    if page.carried_forward.is_empty() {
        blocks.push(Block::paragraph("actions carried forward", WORDS.none));
    } else {
        blocks.push(Block::Table {
            label: "the actions carried forward".into(),
            columns: vec![
                Column::new("Action", 4.6),
                Column::new("Owner", 2.6),
                Column::new("Due", 1.4),
                Column::new("Raised", 1.4),
            ],
            rows: page
                .carried_forward
                .iter()
                .map(|c| {
                    let a = &c.action;
                    let owner = match &a.owner_person_name {
                        Some(p) => format!("{} ({p})", a.owner_agency_name),
                        None => a.owner_agency_name.clone(),
                    };
                    vec![
                        a.text.clone(),
                        owner,
                        short_day(&a.due_date),
                        short_day(&a.raised_meeting_date),
                    ]
                })
                .collect(),
        });
    }
    blocks.push(Block::notice(
        "the notice to recipients",
        "Information shared at this meeting is OFFICIAL and shared under the Information \
         Sharing Arrangement: attendees sign its confidentiality agreement at the start of the \
         meeting (5.2).",
    ));
    Document {
        id: format!("TV-AGD-{:04}", m.id),
        title: format!("Agenda of the {}", m.kind.label()),
        subtitle: vec![m.group_name.clone()],
        date: day(&m.date),
        version: "Agenda".to_owned(),
        timestamp: at.to_owned(),
        marking: pdf_marking(&marking),
        draft_banner: None,
        issued_copy: None,
        copy_tag: None,
        blocks,
    }
}

/// The file name for an agenda: as for minutes, `..._agenda_CLASSIFICATION.pdf`.
pub fn agenda_file_name(page: &crate::meetings::MeetingPage, doc: &Document) -> String {
    format!(
        "{}_{}_agenda_{}.pdf",
        group_slug(&page.meeting.group_name),
        page.meeting.date,
        doc.marking.classification
    )
}

/// Letters, digits and single hyphens of a group's name, for file names.
fn group_slug(name: &str) -> String {
    let mut group = String::new();
    for ch in name.chars() {
        if ch.is_ascii_alphanumeric() {
            group.push(ch);
        } else if !group.ends_with('-') && !group.is_empty() {
            group.push('-');
        }
    }
    let group = group.trim_end_matches('-');
    if group.is_empty() {
        "meeting".to_owned()
    } else {
        group.to_owned()
    }
}
