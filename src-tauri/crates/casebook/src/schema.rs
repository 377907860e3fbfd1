//! The schema, as numbered migrations. `PRAGMA user_version` holds the
//! number of the last one applied. Every table has an explicit primary key:
//! the vault journals changes with SQLite sessions, which skip tables
//! without one.

use crate::error::{Error, Result, rusqlite::Transaction};

/// Migrations in order; migration *n* is `MIGRATIONS[n - 1]`.
const MIGRATIONS: &[&str] = &[
    // 1: the audit trail, the partner directory, settings.
    "
    CREATE TABLE audit_entry (
        seq         INTEGER PRIMARY KEY,
        at          TEXT NOT NULL,
        actor       TEXT NOT NULL,
        action      TEXT NOT NULL,
        record_type TEXT NOT NULL,
        record_id   TEXT NOT NULL,
        prev_hash   BLOB NOT NULL CHECK (length(prev_hash) = 32),
        hash        BLOB NOT NULL CHECK (length(hash) = 32)
    ) STRICT;
    CREATE TABLE agency (
        id                     INTEGER PRIMARY KEY,
        name                   TEXT NOT NULL UNIQUE COLLATE NOCASE,
        designated_person_role TEXT NOT NULL,
        active                 INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at             TEXT NOT NULL,
        updated_at             TEXT NOT NULL
    ) STRICT;
    CREATE TABLE setting (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;
    ",
    // 2: groups, people, meetings, invitations and attendance, agenda items,
    // actions and their updates, and the search index.
    "
    CREATE TABLE meeting_group (
        id           INTEGER PRIMARY KEY,
        name         TEXT NOT NULL UNIQUE COLLATE NOCASE,
        default_kind TEXT NOT NULL CHECK (default_kind IN ('bronze_tasking', 'case_conference')),
        active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL
    ) STRICT;
    CREATE TABLE person (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL,
        agency_id  INTEGER NOT NULL REFERENCES agency (id),
        role       TEXT NOT NULL,
        email      TEXT,
        active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX person_agency ON person (agency_id);
    CREATE TABLE meeting (
        id              INTEGER PRIMARY KEY,
        group_id        INTEGER NOT NULL REFERENCES meeting_group (id),
        kind            TEXT NOT NULL CHECK (kind IN ('bronze_tasking', 'case_conference')),
        date            TEXT NOT NULL,
        start_time      TEXT NOT NULL,
        venue           TEXT NOT NULL,
        chair_id        INTEGER REFERENCES person (id),
        minute_taker_id INTEGER REFERENCES person (id),
        status          TEXT NOT NULL
                        CHECK (status IN ('planned', 'in_progress', 'held', 'cancelled')),
        review_date     TEXT NOT NULL,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL
    ) STRICT;
    CREATE INDEX meeting_group_when ON meeting (group_id, date, start_time);
    CREATE INDEX meeting_when ON meeting (date, start_time);
    CREATE INDEX meeting_review ON meeting (review_date);
    CREATE TABLE invitation (
        meeting_id     INTEGER NOT NULL REFERENCES meeting (id),
        person_id      INTEGER NOT NULL REFERENCES person (id),
        attendance     TEXT NOT NULL DEFAULT 'invited'
                       CHECK (attendance IN ('invited', 'present', 'apologies', 'absent')),
        written_update INTEGER NOT NULL DEFAULT 0 CHECK (written_update IN (0, 1)),
        arrived_at     TEXT,
        left_at        TEXT,
        PRIMARY KEY (meeting_id, person_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX invitation_person ON invitation (person_id);
    CREATE TABLE agenda_item (
        id                   INTEGER PRIMARY KEY,
        meeting_id           INTEGER NOT NULL REFERENCES meeting (id),
        position             INTEGER NOT NULL,
        kind                 TEXT NOT NULL,
        title                TEXT NOT NULL,
        case_ref             TEXT,
        presenting_agency_id INTEGER REFERENCES agency (id),
        marking              TEXT NOT NULL CHECK (marking IN ('OFFICIAL', 'OFFICIAL-SENSITIVE')),
        descriptor           TEXT,
        created_at           TEXT NOT NULL,
        updated_at           TEXT NOT NULL
    ) STRICT;
    CREATE INDEX agenda_item_meeting ON agenda_item (meeting_id, position);
    CREATE TABLE action (
        id                INTEGER PRIMARY KEY,
        text              TEXT NOT NULL,
        owner_agency_id   INTEGER NOT NULL REFERENCES agency (id),
        owner_person_id   INTEGER REFERENCES person (id),
        due_date          TEXT NOT NULL,
        status            TEXT NOT NULL CHECK (status IN ('open', 'done', 'dropped')),
        drop_reason       TEXT,
        closed_on         TEXT,
        closed_meeting_id INTEGER REFERENCES meeting (id),
        raised_meeting_id INTEGER NOT NULL REFERENCES meeting (id),
        raised_item_id    INTEGER REFERENCES agenda_item (id),
        created_at        TEXT NOT NULL,
        updated_at        TEXT NOT NULL
    ) STRICT;
    CREATE INDEX action_raised ON action (raised_meeting_id);
    CREATE INDEX action_status_due ON action (status, due_date);
    CREATE INDEX action_owner ON action (owner_agency_id);
    CREATE TABLE action_update (
        id         INTEGER PRIMARY KEY,
        action_id  INTEGER NOT NULL REFERENCES action (id),
        meeting_id INTEGER REFERENCES meeting (id),
        status     TEXT NOT NULL CHECK (status IN ('open', 'done', 'dropped')),
        note       TEXT NOT NULL,
        at         TEXT NOT NULL
    ) STRICT;
    CREATE INDEX action_update_action ON action_update (action_id);
    CREATE INDEX action_update_meeting ON action_update (meeting_id);

    -- Search: one row per searchable record, rowid = id * 8 + kind code
    -- (1 meeting, 2 agenda item, 3 action, 4 person, 5 group), kept by
    -- triggers, which also run when the vault replays its journal.
    CREATE VIRTUAL TABLE search_index USING fts5 (
        title, body, tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER meeting_search_ai AFTER INSERT ON meeting BEGIN
        INSERT INTO search_index (rowid, title, body) VALUES (new.id * 8 + 1, new.venue,
            (SELECT name FROM meeting_group WHERE id = new.group_id) || ' ' || new.date);
    END;
    CREATE TRIGGER meeting_search_au AFTER UPDATE OF venue, date, group_id ON meeting BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 8 + 1;
        INSERT INTO search_index (rowid, title, body) VALUES (new.id * 8 + 1, new.venue,
            (SELECT name FROM meeting_group WHERE id = new.group_id) || ' ' || new.date);
    END;
    CREATE TRIGGER meeting_search_ad AFTER DELETE ON meeting BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 8 + 1;
    END;
    CREATE TRIGGER agenda_item_search_ai AFTER INSERT ON agenda_item BEGIN
        INSERT INTO search_index (rowid, title, body)
        VALUES (new.id * 8 + 2, new.title, coalesce(new.case_ref, ''));
    END;
    CREATE TRIGGER agenda_item_search_au AFTER UPDATE OF title, case_ref ON agenda_item BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 8 + 2;
        INSERT INTO search_index (rowid, title, body)
        VALUES (new.id * 8 + 2, new.title, coalesce(new.case_ref, ''));
    END;
    CREATE TRIGGER agenda_item_search_ad AFTER DELETE ON agenda_item BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 8 + 2;
    END;
    CREATE TRIGGER action_search_ai AFTER INSERT ON action BEGIN
        INSERT INTO search_index (rowid, title, body)
        VALUES (new.id * 8 + 3, new.text, coalesce(new.drop_reason, ''));
    END;
    CREATE TRIGGER action_search_au AFTER UPDATE OF text, drop_reason ON action BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 8 + 3;
        INSERT INTO search_index (rowid, title, body)
        VALUES (new.id * 8 + 3, new.text, coalesce(new.drop_reason, ''));
    END;
    CREATE TRIGGER action_search_ad AFTER DELETE ON action BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 8 + 3;
    END;
    CREATE TRIGGER person_search_ai AFTER INSERT ON person BEGIN
        INSERT INTO search_index (rowid, title, body) VALUES (new.id * 8 + 4, new.name, new.role);
    END;
    CREATE TRIGGER person_search_au AFTER UPDATE OF name, role ON person BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 8 + 4;
        INSERT INTO search_index (rowid, title, body) VALUES (new.id * 8 + 4, new.name, new.role);
    END;
    CREATE TRIGGER person_search_ad AFTER DELETE ON person BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 8 + 4;
    END;
    CREATE TRIGGER group_search_ai AFTER INSERT ON meeting_group BEGIN
        INSERT INTO search_index (rowid, title, body) VALUES (new.id * 8 + 5, new.name, '');
    END;
    CREATE TRIGGER group_search_au AFTER UPDATE OF name ON meeting_group BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 8 + 5;
        INSERT INTO search_index (rowid, title, body) VALUES (new.id * 8 + 5, new.name, '');
        -- A meeting is found by its group's name: the new one.
        DELETE FROM search_index
        WHERE rowid IN (SELECT id * 8 + 1 FROM meeting WHERE group_id = new.id);
        INSERT INTO search_index (rowid, title, body)
        SELECT id * 8 + 1, venue, new.name || ' ' || date FROM meeting WHERE group_id = new.id;
    END;
    ",
    // 3: the confidentiality agreement (versions) and the register of
    // signatures and declines. Version 1 of the agreement is written by
    // `migrate` (its SHA-256 is computed in Rust).
    "
    CREATE TABLE agreement (
        version INTEGER PRIMARY KEY CHECK (version >= 1),
        text TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TABLE signature (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meeting(id),
        person_id INTEGER NOT NULL REFERENCES person(id),
        name TEXT NOT NULL,
        agency_id INTEGER NOT NULL REFERENCES agency(id),
        agency_name TEXT NOT NULL,
        role TEXT NOT NULL,
        agreement_version INTEGER NOT NULL REFERENCES agreement(version),
        agreement_sha256 TEXT NOT NULL,
        at TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('drawn', 'typed', 'declined')),
        typed_name TEXT,
        decline_reason TEXT,
        strokes BLOB NOT NULL,
        digest TEXT NOT NULL,
        withdrawn_at TEXT,
        withdrawn_reason TEXT
    );
    CREATE INDEX signature_meeting ON signature (meeting_id, at);
    -- One standing (not withdrawn) entry per person per meeting.
    CREATE UNIQUE INDEX signature_standing ON signature (meeting_id, person_id)
        WHERE withdrawn_at IS NULL;
    ",
    // 4: agency kinds (the Appendix A partners' are set by `migrate`, by
    // name) and cases, the subjects agenda items are about. An item is
    // about the case whose reference it carries: the link is made when read
    // (`agenda_item_case_ref`), so an item may name a case before the case
    // is recorded. A case's aliases are a JSON array of strings (see
    // `cases.rs`). Cases are found by reference and label: search kind code
    // 6 (0 stays free); their personal details are never indexed.
    "
    ALTER TABLE agency ADD COLUMN kind TEXT NOT NULL DEFAULT 'other'
        CHECK (kind IN ('police', 'local_authority', 'health', 'probation', 'fire_and_rescue',
                        'youth_justice', 'housing', 'other'));
    CREATE TABLE case_record (
        id              INTEGER PRIMARY KEY,
        case_ref        TEXT NOT NULL UNIQUE COLLATE NOCASE,
        kind            TEXT NOT NULL
                        CHECK (kind IN ('individual', 'household', 'location', 'group')),
        label           TEXT NOT NULL,
        subject_name    TEXT,
        aliases         TEXT NOT NULL DEFAULT '[]'
                        CHECK (json_valid(aliases) AND json_type(aliases) = 'array'),
        date_of_birth   TEXT,
        address         TEXT,
        grc_flag        INTEGER NOT NULL DEFAULT 0 CHECK (grc_flag IN (0, 1)),
        grc_flag_date   TEXT,
        grc_flag_source TEXT,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        CHECK (grc_flag = 0 OR (grc_flag_date IS NOT NULL AND grc_flag_source IS NOT NULL))
    ) STRICT;
    CREATE INDEX agenda_item_case_ref ON agenda_item (case_ref COLLATE NOCASE);
    CREATE TRIGGER case_search_ai AFTER INSERT ON case_record BEGIN
        INSERT INTO search_index (rowid, title, body) VALUES (new.id * 8 + 6, new.label, new.case_ref);
    END;
    CREATE TRIGGER case_search_au AFTER UPDATE OF label, case_ref ON case_record BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 8 + 6;
        INSERT INTO search_index (rowid, title, body) VALUES (new.id * 8 + 6, new.label, new.case_ref);
    END;
    CREATE TRIGGER case_search_ad AFTER DELETE ON case_record BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 8 + 6;
    END;
    ",
    // 5: disclosures (issue 9): what partners said under an agenda item,
    // with the warnings accepted (`disclosure_acceptance`) and later
    // inaccuracy notices (R13); who was out of the room for an item (R9);
    // an item's discussion summary and decisions. A disclosure's category
    // details are columns, each checked here to be set exactly for its
    // category (see `disclosures/store.rs`). Found by text and case
    // reference as search kind code 7, until withdrawn.
    "
    ALTER TABLE agenda_item ADD COLUMN summary TEXT NOT NULL DEFAULT '';
    ALTER TABLE agenda_item ADD COLUMN decisions TEXT NOT NULL DEFAULT '';
    CREATE TABLE disclosure (
        id                     INTEGER PRIMARY KEY,
        item_id                INTEGER NOT NULL REFERENCES agenda_item (id),
        case_ref               TEXT,
        person_id              INTEGER NOT NULL REFERENCES person (id),
        person_name            TEXT NOT NULL,
        agency_id              INTEGER NOT NULL REFERENCES agency (id),
        agency_name            TEXT NOT NULL,
        category               TEXT NOT NULL
                               CHECK (category IN ('police_caution', 'harassment_warning',
                                   'asb_admission', 'conviction', 'incident', 'intelligence',
                                   'health_or_care', 'housing_or_tenancy', 'safeguarding',
                                   'other')),
        nature                 TEXT NOT NULL CHECK (nature IN ('fact', 'opinion')),
        text                   TEXT NOT NULL,
        caution_kind           TEXT CHECK (caution_kind IN ('simple', 'conditional', 'youth')),
        caution_given_on       TEXT,
        pha_recorded_on        TEXT,
        pha_basis              TEXT,
        asb_corroboration      TEXT,
        conviction_offence     TEXT,
        convicted_on           TEXT,
        sentence               TEXT
                               CHECK (sentence IN ('custody', 'suspended_custody',
                                   'community_order', 'fine', 'conditional_discharge',
                                   'absolute_discharge', 'other')),
        sentence_months        INTEGER CHECK (sentence_months >= 0),
        sentence_ends_on       TEXT,
        under_18               INTEGER CHECK (under_18 IN (0, 1)),
        never_spent            INTEGER CHECK (never_spent IN (0, 1)),
        legal_power            TEXT,
        statutory_purpose      TEXT,
        marking                TEXT NOT NULL CHECK (marking IN ('OFFICIAL', 'OFFICIAL-SENSITIVE')),
        descriptor             TEXT,
        minuting               TEXT NOT NULL CHECK (minuting IN ('full', 'summary', 'not_minuted')),
        minute_summary         TEXT,
        touches_gender_history INTEGER NOT NULL CHECK (touches_gender_history IN (0, 1)),
        gender_exception       TEXT,
        created_at             TEXT NOT NULL,
        updated_at             TEXT NOT NULL,
        withdrawn_at           TEXT,
        withdrawn_reason       TEXT,
        CHECK ((category = 'police_caution')
               = (caution_kind IS NOT NULL AND caution_given_on IS NOT NULL)),
        CHECK (category = 'police_caution' OR (caution_kind IS NULL AND caution_given_on IS NULL)),
        CHECK ((category = 'harassment_warning')
               = (pha_recorded_on IS NOT NULL AND pha_basis IS NOT NULL)),
        CHECK (category = 'harassment_warning' OR (pha_recorded_on IS NULL AND pha_basis IS NULL)),
        CHECK ((category = 'asb_admission') = (asb_corroboration IS NOT NULL)),
        CHECK ((category = 'conviction')
               = (conviction_offence IS NOT NULL AND convicted_on IS NOT NULL
                  AND sentence IS NOT NULL AND under_18 IS NOT NULL AND never_spent IS NOT NULL)),
        CHECK (category = 'conviction'
               OR (conviction_offence IS NULL AND convicted_on IS NULL AND sentence IS NULL
                   AND sentence_months IS NULL AND sentence_ends_on IS NULL
                   AND under_18 IS NULL AND never_spent IS NULL)),
        CHECK ((minuting = 'summary') = (minute_summary IS NOT NULL)),
        CHECK (touches_gender_history = 1 OR gender_exception IS NULL),
        CHECK ((withdrawn_at IS NULL) = (withdrawn_reason IS NULL))
    ) STRICT;
    CREATE INDEX disclosure_item ON disclosure (item_id, id);
    CREATE INDEX disclosure_case_ref ON disclosure (case_ref COLLATE NOCASE);
    CREATE TABLE disclosure_acceptance (
        disclosure_id INTEGER NOT NULL REFERENCES disclosure (id),
        rule          TEXT NOT NULL,
        message       TEXT NOT NULL,
        accepted_by   TEXT NOT NULL,
        accepted_at   TEXT NOT NULL,
        PRIMARY KEY (disclosure_id, rule)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE inaccuracy_notice (
        id            INTEGER PRIMARY KEY,
        disclosure_id INTEGER NOT NULL REFERENCES disclosure (id),
        what_is_wrong TEXT NOT NULL,
        found_on      TEXT NOT NULL,
        notified_on   TEXT,
        notified_to   TEXT,
        recorded_by   TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        CHECK ((notified_on IS NULL) = (notified_to IS NULL))
    ) STRICT;
    CREATE INDEX inaccuracy_notice_disclosure ON inaccuracy_notice (disclosure_id, id);
    CREATE TABLE out_of_room (
        item_id   INTEGER NOT NULL REFERENCES agenda_item (id),
        person_id INTEGER NOT NULL REFERENCES person (id),
        at        TEXT NOT NULL,
        PRIMARY KEY (item_id, person_id)
    ) STRICT, WITHOUT ROWID;
    CREATE TRIGGER disclosure_search_ai AFTER INSERT ON disclosure
    WHEN new.withdrawn_at IS NULL BEGIN
        INSERT INTO search_index (rowid, title, body)
        VALUES (new.id * 8 + 7, new.text, coalesce(new.case_ref, ''));
    END;
    CREATE TRIGGER disclosure_search_au AFTER UPDATE OF text, case_ref, withdrawn_at ON disclosure
    BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 8 + 7;
        INSERT INTO search_index (rowid, title, body)
        SELECT new.id * 8 + 7, new.text, coalesce(new.case_ref, '')
        WHERE new.withdrawn_at IS NULL;
    END;
    CREATE TRIGGER disclosure_search_ad AFTER DELETE ON disclosure BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 8 + 7;
    END;
    ",
    // 6: approved versions of minutes, frozen (see `minutes::versions`).
    "
    CREATE TABLE minutes_version (
        meeting_id      INTEGER NOT NULL REFERENCES meeting (id),
        version         INTEGER NOT NULL CHECK (version >= 1),
        content         TEXT NOT NULL,
        sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
        marking         TEXT NOT NULL CHECK (marking IN ('OFFICIAL', 'OFFICIAL-SENSITIVE')),
        recipients_only INTEGER NOT NULL CHECK (recipients_only IN (0, 1)),
        descriptors     TEXT NOT NULL CHECK (json_type(descriptors) = 'array'),
        approved_by     TEXT NOT NULL,
        approved_at     TEXT NOT NULL,
        reason          TEXT,
        PRIMARY KEY (meeting_id, version),
        CHECK ((version = 1) = (reason IS NULL))
    ) STRICT;
    CREATE TRIGGER minutes_version_frozen BEFORE UPDATE ON minutes_version BEGIN
        SELECT RAISE(ABORT, 'an approved version of minutes is never changed');
    END;
    CREATE TRIGGER minutes_version_kept BEFORE DELETE ON minutes_version BEGIN
        SELECT RAISE(ABORT, 'an approved version of minutes is never deleted');
    END;
    ",
    // 7: circulation (see `circulation`): secure inbox keys, consent to
    // pass a disclosure on, and the distribution record of issued copies.
    "
    ALTER TABLE agency ADD COLUMN inbox_key TEXT;
    ALTER TABLE person ADD COLUMN inbox_key TEXT;
    CREATE TABLE disclosure_consent (
        id            INTEGER PRIMARY KEY,
        disclosure_id INTEGER NOT NULL REFERENCES disclosure (id),
        agency_id     INTEGER NOT NULL REFERENCES agency (id),
        given_by      TEXT NOT NULL,
        given_on      TEXT NOT NULL,
        reference     TEXT NOT NULL,
        recorded_at   TEXT NOT NULL,
        UNIQUE (disclosure_id, agency_id)
    ) STRICT;
    CREATE TABLE issued_copy (
        id           INTEGER PRIMARY KEY,
        meeting_id   INTEGER NOT NULL,
        version      INTEGER NOT NULL,
        copy_number  INTEGER NOT NULL CHECK (copy_number >= 1),
        copies_then  INTEGER NOT NULL CHECK (copies_then >= copy_number),
        person_id    INTEGER NOT NULL REFERENCES person (id),
        recipient    TEXT NOT NULL,
        agency_id    INTEGER NOT NULL REFERENCES agency (id),
        agency       TEXT NOT NULL,
        marking      TEXT NOT NULL,
        method       TEXT NOT NULL CHECK (method IN ('encrypted', 'print_file', 'printed')),
        file_name    TEXT NOT NULL,
        sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
        pdf_sha256   TEXT NOT NULL CHECK (length(pdf_sha256) = 64),
        tag          TEXT NOT NULL UNIQUE CHECK (length(tag) = 32),
        withheld     TEXT NOT NULL CHECK (json_type(withheld) = 'array'),
        issued_at    TEXT NOT NULL,
        recalled_at  TEXT,
        recall_reason TEXT,
        FOREIGN KEY (meeting_id, version) REFERENCES minutes_version (meeting_id, version),
        UNIQUE (meeting_id, version, copy_number),
        CHECK ((recalled_at IS NULL) = (recall_reason IS NULL))
    ) STRICT;
    CREATE INDEX issued_copy_sha256 ON issued_copy (sha256);
    CREATE INDEX issued_copy_pdf_sha256 ON issued_copy (pdf_sha256);
    CREATE TRIGGER issued_copy_kept BEFORE DELETE ON issued_copy BEGIN
        SELECT RAISE(ABORT, 'an issued copy is never deleted from the distribution record');
    END;
    CREATE TRIGGER issued_copy_frozen BEFORE UPDATE ON issued_copy
    WHEN old.recalled_at IS NOT NULL
      OR new.id IS NOT old.id OR new.meeting_id IS NOT old.meeting_id
      OR new.version IS NOT old.version OR new.copy_number IS NOT old.copy_number
      OR new.copies_then IS NOT old.copies_then OR new.person_id IS NOT old.person_id
      OR new.recipient IS NOT old.recipient OR new.agency_id IS NOT old.agency_id
      OR new.agency IS NOT old.agency OR new.marking IS NOT old.marking
      OR new.method IS NOT old.method OR new.file_name IS NOT old.file_name
      OR new.sha256 IS NOT old.sha256 OR new.pdf_sha256 IS NOT old.pdf_sha256
      OR new.tag IS NOT old.tag OR new.withheld IS NOT old.withheld
      OR new.issued_at IS NOT old.issued_at
    BEGIN
        SELECT RAISE(ABORT, 'an issued copy is only ever recalled, once');
    END;
    CREATE TRIGGER issued_copy_search_ai AFTER INSERT ON issued_copy BEGIN
        INSERT INTO search_index (rowid, title, body)
        VALUES (new.id * 8, new.recipient || ', ' || new.agency,
                'issued copy ' || new.copy_number || ' ' || new.file_name);
    END;
    ",
    // 8: information requests between partners (see `requests`): the
    // Appendix K form and its response, quality assurance and decision as
    // JSON each with its SHA-256 (the requesting organisation and the
    // subject's name beside it, for the register), an emergency taken by
    // telephone, and inaccuracy notices against a response.
    "
    CREATE TABLE info_request (
        id               INTEGER PRIMARY KEY,
        direction        TEXT NOT NULL CHECK (direction IN ('received', 'made')),
        agency_id        INTEGER REFERENCES agency (id),
        received_on      TEXT NOT NULL,
        case_id          INTEGER REFERENCES case_record (id),
        party            TEXT NOT NULL,
        subject          TEXT NOT NULL,
        form_complete    INTEGER NOT NULL CHECK (form_complete IN (0, 1)),
        is_emergency     INTEGER NOT NULL CHECK (is_emergency IN (0, 1)),
        responded_on     TEXT,
        decision         TEXT CHECK (decision IN ('full', 'part', 'refused')),
        decision_reasons TEXT,
        review_date      TEXT NOT NULL,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL,
        form_sha256      TEXT NOT NULL CHECK (length(form_sha256) = 64),
        response_sha256  TEXT,
        quality_sha256   TEXT,
        -- The forms last: the register reads the columns above without
        -- loading them.
        emergency        TEXT CHECK (emergency IS NULL OR json_valid(emergency)),
        form             TEXT NOT NULL CHECK (json_valid(form)),
        response         TEXT CHECK (response IS NULL OR json_valid(response)),
        quality          TEXT CHECK (quality IS NULL OR json_valid(quality)),
        CHECK (is_emergency = (emergency IS NOT NULL)),
        CHECK ((response IS NULL) = (responded_on IS NULL)),
        CHECK ((response IS NULL) = (response_sha256 IS NULL)),
        CHECK ((quality IS NULL) = (quality_sha256 IS NULL)),
        CHECK (quality IS NULL OR response IS NOT NULL),
        CHECK (decision IS NULL OR quality IS NOT NULL),
        CHECK ((decision IS NULL) = (decision_reasons IS NULL))
    ) STRICT;
    CREATE INDEX info_request_received ON info_request (received_on);
    CREATE INDEX info_request_review ON info_request (review_date);
    CREATE TABLE request_inaccuracy (
        id            INTEGER PRIMARY KEY,
        request_id    INTEGER NOT NULL REFERENCES info_request (id),
        what_is_wrong TEXT NOT NULL,
        found_on      TEXT NOT NULL,
        notified_on   TEXT,
        notified_to   TEXT,
        recorded_by   TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        CHECK ((notified_on IS NULL) = (notified_to IS NULL))
    ) STRICT;
    CREATE INDEX request_inaccuracy_request ON request_inaccuracy (request_id, id);
    ",
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The schema version of the working copy.
pub fn version(db: &crate::error::rusqlite::Connection) -> Result<i64> {
    Ok(db.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Whether `from` needs migrating; refuses a newer schema.
pub fn needs_migration(from: i64) -> Result<bool> {
    if from > SCHEMA_VERSION {
        return Err(Error::SchemaNewer {
            found: from,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(from < SCHEMA_VERSION)
}

/// Applies every migration after `from`, in one transaction; `now` dates
/// what a migration writes.
pub fn migrate(tx: &Transaction<'_>, from: i64, now: &str) -> Result<()> {
    for (i, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .skip(usize::try_from(from).unwrap_or(0))
    {
        tx.execute_batch(sql)?;
        let version = i as i64 + 1;
        match version {
            3 => {
                crate::agreements::add_version(tx, crate::agreements::DEFAULT_TEXT, now)?;
            }
            4 => crate::agencies::set_appendix_a_kinds(tx)?,
            _ => {}
        }
        tx.pragma_update(None, "user_version", version)?;
    }
    Ok(())
}

/// Each table of the schema, with the migration that created it.
const TABLES: &[(&str, i64)] = &[
    ("audit_entry", 1),
    ("agency", 1),
    ("setting", 1),
    ("meeting_group", 2),
    ("person", 2),
    ("meeting", 2),
    ("invitation", 2),
    ("agenda_item", 2),
    ("action", 2),
    ("action_update", 2),
    ("search_index", 2),
    ("agreement", 3),
    ("signature", 3),
    ("case_record", 4),
    ("disclosure", 5),
    ("disclosure_acceptance", 5),
    ("inaccuracy_notice", 5),
    ("out_of_room", 5),
    ("minutes_version", 6),
    ("disclosure_consent", 7),
    ("issued_copy", 7),
    ("info_request", 8),
    ("request_inaccuracy", 8),
];

/// Tables that every vault of schema `version` has (for `verify`).
pub fn tables_at(version: i64) -> impl Iterator<Item = &'static str> {
    TABLES
        .iter()
        .filter(move |(_, since)| *since <= version)
        .map(|(table, _)| *table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::rusqlite::{Connection, params};
    use crate::kinds::{AgencyKind, CaseKind};

    const NOW: &str = "2026-11-25T10:00:00Z";

    /// A working copy of schema `version`: the migrations' SQL only (their
    /// Rust steps are not needed here).
    fn at(version: i64) -> Connection {
        let mut db = Connection::open_in_memory().expect("db");
        let tx = db.transaction().expect("tx");
        for sql in &MIGRATIONS[..usize::try_from(version).expect("version")] {
            tx.execute_batch(sql).expect("migration");
        }
        tx.pragma_update(None, "user_version", version)
            .expect("version");
        tx.commit().expect("commit");
        db
    }

    #[test]
    fn the_checks_allow_exactly_the_closed_lists() {
        let db = at(SCHEMA_VERSION);
        let agency = |name: &str, kind: &str| {
            db.execute(
                "INSERT INTO agency (name, designated_person_role, kind, created_at, updated_at)
                 VALUES (?1, 'Role', ?2, ?3, ?3)",
                params![name, kind, NOW],
            )
        };
        for k in AgencyKind::ALL {
            agency(k.as_str(), k.as_str()).expect("a kind of agency");
        }
        agency("Fire", "fire").expect_err("not a kind of agency");
        let case = |case_ref: &str, kind: &str, aliases: &str, flag: (i64, Option<&str>)| {
            db.execute(
                "INSERT INTO case_record (case_ref, kind, label, aliases, grc_flag, grc_flag_date,
                                          grc_flag_source, created_at, updated_at)
                 VALUES (?1, ?2, 'Label', ?3, ?4, ?5, ?5, ?6, ?6)",
                params![case_ref, kind, aliases, flag.0, flag.1, NOW],
            )
        };
        for (n, k) in CaseKind::ALL.iter().enumerate() {
            case(&format!("C-{n}"), k.as_str(), "[]", (0, None)).expect("a kind of case");
        }
        case("C-9", "street", "[]", (0, None)).expect_err("not a kind of case");
        case("C-10", "group", "{}", (0, None)).expect_err("aliases not an array");
        case("C-11", "group", "Cory", (0, None)).expect_err("aliases not JSON");
        case("C-12", "group", "[\"Cory\"]", (1, None)).expect_err("flag without date");
        case("C-13", "group", "[\"Cory\"]", (1, Some("2026-11-01"))).expect("flag");
        case("c-13", "group", "[]", (0, None)).expect_err("references ignore ASCII case");
    }

    #[test]
    fn a_disclosure_keeps_exactly_its_categorys_details() {
        let db = at(SCHEMA_VERSION);
        db.execute_batch(
            "INSERT INTO agency (id, name, designated_person_role, created_at, updated_at)
                 VALUES (1, 'Police', 'r', 't', 't');
             INSERT INTO person (id, name, agency_id, role, created_at, updated_at)
                 VALUES (1, 'P', 1, 'r', 't', 't');
             INSERT INTO meeting_group (id, name, default_kind, created_at, updated_at)
                 VALUES (1, 'G', 'bronze_tasking', 't', 't');
             INSERT INTO meeting (id, group_id, kind, date, start_time, venue, status,
                     review_date, created_at, updated_at)
                 VALUES (1, 1, 'bronze_tasking', '2026-11-25', '10:00', 'V', 'held',
                     '2027-11-25', 't', 't');
             INSERT INTO agenda_item (id, meeting_id, position, kind, title, marking,
                     created_at, updated_at)
                 VALUES (1, 1, 1, 'case_review', 'T', 'OFFICIAL', 't', 't');",
        )
        .expect("records");
        let disclosure = |category: &str, details: &str| {
            db.execute(
                &format!(
                    "INSERT INTO disclosure (item_id, person_id, person_name, agency_id,
                         agency_name, category, nature, text, marking, minuting,
                         touches_gender_history, created_at, updated_at {})
                     VALUES (1, 1, 'P', 1, 'Police', ?1, 'fact', 'x', 'OFFICIAL', 'full', 0,
                         't', 't' {})",
                    details.split_once('=').map_or("", |(c, _)| c),
                    details.split_once('=').map_or("", |(_, v)| v),
                ),
                [category],
            )
        };
        disclosure("incident", "").expect("no details");
        disclosure("police_caution", "").expect_err("a caution without its details");
        disclosure(
            "police_caution",
            ", caution_kind, caution_given_on=, 'simple', '2026-01-01'",
        )
        .expect("a caution with its details");
        disclosure(
            "incident",
            ", caution_kind, caution_given_on=, 'simple', '2026-01-01'",
        )
        .expect_err("an incident with a caution's details");
        disclosure("asb_admission", ", asb_corroboration=, 'CCTV'").expect("corroborated");
        disclosure("incident", ", minute_summary=, 'S'").expect_err("a summary not asked for");
    }

    #[test]
    fn migration_4_gives_the_seeded_partners_their_kinds_by_name() {
        let mut db = at(3);
        db.execute_batch(
            "INSERT INTO agency (id, name, designated_person_role, created_at, updated_at) VALUES
                 (1, 'Shropshire Council', 'r', 't', 't'),
                 (2, 'WEST MERCIA POLICE (SHROPSHIRE DIVISION)', 'r', 't', 't'),
                 (3, 'Shropshire, Telford and Wrekin Integrated Care Board', 'r', 't', 't'),
                 (4, 'Warwickshire and West Mercia CRC', 'r', 't', 't'),
                 (5, 'Severnside Housing Trust', 'r', 't', 't');",
        )
        .expect("agencies");
        let tx = db.transaction().expect("tx");
        migrate(&tx, 3, NOW).expect("migrate");
        tx.commit().expect("commit");
        assert_eq!(version(&db).expect("version"), SCHEMA_VERSION);
        let kinds: Vec<(i64, AgencyKind, String)> = db
            .prepare("SELECT id, kind, updated_at FROM agency ORDER BY id")
            .expect("select")
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("kinds");
        assert_eq!(
            kinds
                .iter()
                .map(|(id, kind, _)| (*id, *kind))
                .collect::<Vec<_>>(),
            [
                (1, AgencyKind::LocalAuthority),
                (2, AgencyKind::Police),
                (3, AgencyKind::Other),
                (4, AgencyKind::Probation),
                (5, AgencyKind::Other),
            ]
        );
        // A migration is not the chair's edit.
        assert!(kinds.iter().all(|(_, _, updated)| updated == "t"));
        assert_eq!(tables_at(3).count() + 1, tables_at(4).count());
        assert_eq!(tables_at(4).count() + 4, tables_at(5).count());
    }
}
