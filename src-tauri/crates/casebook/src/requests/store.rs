//! Information requests as stored (schema 8, `info_request`): the register.
//!
//! A request is kept from the moment it is known: an emergency taken by
//! telephone ([`record_emergency`], R12: "must immediately be recorded"),
//! or a form, complete or still being filled in ([`add`]). Its form may be
//! changed while it is unfinished; once complete (every field the form
//! needs, both declarations confirmed, signed) it is frozen. Then, in
//! order, the response ([`respond`]), the point of contact's quality
//! assurance ([`quality_assure`]) and the decision ([`decide`]); each half
//! is stored as JSON with its SHA-256, checked when read. Inaccuracy
//! notices (R13) may be added against a request at any time.
//!
//! The app reaches these through `Casebook`, which audits each change; the
//! functions taking a transaction are public for the vault generator,
//! which writes years of records in a few transactions of its own.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::form::{
    Decision, FormProblem, FormSignature, RequestForm, ResponseForm, checked_signature,
};
use super::progress::{self, Progress, Recorded};
use crate::error::{
    Error, Result,
    rusqlite::{Connection, OptionalExtension, Row, Transaction, params},
};
use crate::text::TextRule;

/// Which way a request goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Another agency asks us.
    Received,
    /// We ask another agency.
    Made,
}

impl Direction {
    /// Every value, in display order.
    pub const ALL: &'static [Direction] = &[Direction::Received, Direction::Made];

    /// What a person reads.
    pub fn label(self) -> &'static str {
        match self {
            Direction::Received => "Received by us",
            Direction::Made => "Made by us",
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Direction::Received => "received",
            Direction::Made => "made",
        }
    }

    fn parse(s: &str) -> Option<Direction> {
        Direction::ALL.iter().copied().find(|d| d.as_str() == s)
    }
}

impl Decision {
    fn as_str(self) -> &'static str {
        match self {
            Decision::Full => "full",
            Decision::Part => "part",
            Decision::Refused => "refused",
        }
    }

    fn parse(s: &str) -> Option<Decision> {
        Decision::ALL.iter().copied().find(|d| d.as_str() == s)
    }
}

/// An emergency request by telephone, as taken (R12).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct EmergencyCall {
    /// Who called.
    pub caller: String,
    /// From which agency.
    pub agency: String,
    /// The agency, when it is in the directory.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub agency_id: Option<i64>,
    /// A number to call back.
    pub callback: String,
    /// What was asked.
    pub asked: String,
    /// What was given.
    pub given: String,
    /// Why it could not wait.
    pub why_urgent: String,
}

/// A request as the chair records it.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct RequestInput {
    /// Received by us or made by us.
    pub direction: Direction,
    /// The partner on the other side, when in the directory.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub agency_id: Option<i64>,
    /// The day received (or sent, for one we make): the clock starts.
    pub received_on: String,
    /// The case the subject is, if recorded.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub case_id: Option<i64>,
    /// The form, complete or not yet.
    pub form: RequestForm,
}

/// An inaccuracy notice against a request's response (R13).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct RequestNotice {
    /// Record id.
    #[ts(type = "number")]
    pub id: i64,
    /// What was wrong or incomplete.
    pub what_is_wrong: String,
    /// When it was found.
    pub found_on: String,
    /// When the supplying organisation was told.
    pub notified_on: Option<String>,
    /// Whom there.
    pub notified_to: Option<String>,
}

/// What the chair records of an inaccuracy.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct RequestNoticeInput {
    /// The request.
    #[ts(type = "number")]
    pub request_id: i64,
    /// What was wrong or incomplete.
    pub what_is_wrong: String,
    /// When found (`YYYY-MM-DD`).
    pub found_on: String,
    /// When the supplying organisation was told, if it has been.
    #[serde(default)]
    pub notified_on: Option<String>,
    /// Whom there.
    #[serde(default)]
    pub notified_to: Option<String>,
}

/// One request, whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct InfoRequest {
    /// Record id.
    #[ts(type = "number")]
    pub id: i64,
    /// Received by us or made by us.
    pub direction: Direction,
    /// The partner on the other side, when in the directory.
    #[ts(type = "number | null")]
    pub agency_id: Option<i64>,
    /// The day the clock started.
    pub received_on: String,
    /// The case the subject is, if recorded.
    #[ts(type = "number | null")]
    pub case_id: Option<i64>,
    /// The form as kept.
    pub form: RequestForm,
    /// What the form still lacks (empty once complete).
    pub form_problems: Vec<FormProblem>,
    /// The emergency call it began as, if it did.
    pub emergency: Option<EmergencyCall>,
    /// The response, once given.
    pub response: Option<ResponseForm>,
    /// The point of contact's quality assurance, once signed.
    pub quality: Option<FormSignature>,
    /// The decision, once made.
    pub decision: Option<Decision>,
    /// Its reasons.
    pub decision_reasons: Option<String>,
    /// Where it stands today.
    pub progress: Progress,
    /// When its records are due for review.
    pub review_date: String,
    /// Inaccuracy notices, oldest first.
    pub notices: Vec<RequestNotice>,
}

const CALLER: TextRule = TextRule::name("Who called", 120);
const CALL_AGENCY: TextRule = TextRule::name("From which agency", 160);
const CALLBACK: TextRule = TextRule::name("Call-back number", 40);
const ASKED: TextRule = TextRule::paragraph("What was asked", 2_000);
const GIVEN: TextRule = TextRule::paragraph("What was given", 2_000);
const WHY: TextRule = TextRule::paragraph("Why it could not wait", 1_000);
const DECISION_REASONS: TextRule = TextRule::paragraph("Reasons for the decision", 2_000);

/// The refusal of a form with these problems, in the form's order.
fn refused(problems: Vec<FormProblem>) -> Error {
    Error::FormRefused(problems.into_iter().map(|p| p.message).collect())
}

fn frozen<T: Serialize>(value: &T) -> Result<(String, String)> {
    let json = serde_json::to_string(value).map_err(|_| Error::Internal("request".into()))?;
    let sha = hex::encode(Sha256::digest(json.as_bytes()));
    Ok((json, sha))
}

fn thawed<T: for<'de> Deserialize<'de>>(json: &str, sha: &str) -> Result<T> {
    if hex::encode(Sha256::digest(json.as_bytes())) != sha {
        return Err(Error::Internal("request digest".into()));
    }
    serde_json::from_str(json).map_err(|_| Error::Internal("request".into()))
}

/// Refuses a form with anything wrong as given (what is only missing may
/// wait); returns it cleaned and whether it is complete.
fn keepable(form: &RequestForm, today: NaiveDate) -> Result<(RequestForm, bool)> {
    let (cleaned, problems) = form.checked(today);
    let complete = problems.is_empty();
    let wrong: Vec<FormProblem> = problems.into_iter().filter(|p| !p.missing).collect();
    if !wrong.is_empty() {
        return Err(refused(wrong));
    }
    Ok((cleaned, complete))
}

/// The register's columns of a form: the requesting organisation, and the
/// subject as "Surname, Forenames" ("" while not written).
fn register_columns(form: &RequestForm) -> (String, String) {
    let subject = [form.subject.surname.trim(), form.subject.forenames.trim()]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    (form.requester.name.trim().to_owned(), subject)
}

fn check_links(tx: &Connection, agency_id: Option<i64>, case_id: Option<i64>) -> Result<()> {
    if let Some(a) = agency_id {
        crate::people::require_agency(tx, a, "Agency")?;
    }
    if let Some(c) = case_id {
        crate::cases::get(tx, c).map_err(|_| {
            Error::invalid(
                "Case",
                "is not a recorded case. Choose one from the list, or record it first.",
            )
        })?;
    }
    Ok(())
}

/// Records an emergency request taken by telephone, received today: the
/// form is started from the call and stays "to complete" until filled in.
pub fn record_emergency(
    tx: &Transaction<'_>,
    call: &EmergencyCall,
    today: NaiveDate,
    review_date: &str,
    now: &str,
) -> Result<i64> {
    let call = EmergencyCall {
        caller: CALLER.clean(&call.caller)?,
        agency: CALL_AGENCY.clean(&call.agency)?,
        agency_id: call.agency_id,
        callback: CALLBACK.clean(&call.callback)?,
        asked: ASKED.clean(&call.asked)?,
        given: GIVEN.clean(&call.given)?,
        why_urgent: WHY.clean(&call.why_urgent)?,
    };
    check_links(tx, call.agency_id, None)?;
    let today_text = crate::dates::to_text(today);
    let mut form = RequestForm::default();
    form.requester.name = call.agency.clone();
    form.requester.tel = call.callback.clone();
    form.requester.date = today_text.clone();
    form.information_sought = call.asked.clone();
    let (form_json, form_sha) = frozen(&form)?;
    let (call_json, _) = frozen(&call)?;
    let (party, subject) = register_columns(&form);
    tx.execute(
        "INSERT INTO info_request (direction, agency_id, received_on, party, subject, form,
             form_sha256, form_complete, is_emergency, emergency, review_date, created_at,
             updated_at)
         VALUES ('received', ?1, ?2, ?3, ?4, ?5, ?6, 0, 1, ?7, ?8, ?9, ?9)",
        params![
            call.agency_id,
            today_text,
            party,
            subject,
            form_json,
            form_sha,
            call_json,
            review_date,
            now
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Records a request: its form complete, or kept unfinished ("to
/// complete") while only things are missing.
pub fn add(
    tx: &Transaction<'_>,
    input: &RequestInput,
    today: NaiveDate,
    review_date: &str,
    now: &str,
) -> Result<i64> {
    let received = crate::dates::past_date("Received on", &input.received_on, today)?;
    check_links(tx, input.agency_id, input.case_id)?;
    let (form, complete) = keepable(&input.form, today)?;
    let (json, sha) = frozen(&form)?;
    let (party, subject) = register_columns(&form);
    tx.execute(
        "INSERT INTO info_request (direction, agency_id, received_on, case_id, party, subject,
             form, form_sha256, form_complete, is_emergency, review_date, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, ?10, ?11, ?11)",
        params![
            input.direction.as_str(),
            input.agency_id,
            crate::dates::to_text(received),
            input.case_id,
            party,
            subject,
            json,
            sha,
            complete,
            review_date,
            now
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Changes an unfinished request (its form, direction, agency, case, the
/// day received); refused once the form is complete.
pub fn update(
    tx: &Transaction<'_>,
    id: i64,
    input: &RequestInput,
    today: NaiveDate,
    now: &str,
) -> Result<()> {
    let was = get(tx, id, today)?;
    if was.form_problems.is_empty() {
        return Err(Error::Conflict(
            "This request's form is complete and signed, so it is kept as it was signed. \
             Record an inaccuracy notice if something in it was wrong."
                .into(),
        ));
    }
    let received = crate::dates::past_date("Received on", &input.received_on, today)?;
    check_links(tx, input.agency_id, input.case_id)?;
    let (form, complete) = keepable(&input.form, today)?;
    let (json, sha) = frozen(&form)?;
    let (party, subject) = register_columns(&form);
    tx.execute(
        "UPDATE info_request SET direction = ?2, agency_id = ?3, received_on = ?4, case_id = ?5,
             party = ?6, subject = ?7, form = ?8, form_sha256 = ?9, form_complete = ?10,
             updated_at = ?11
         WHERE id = ?1",
        params![
            id,
            input.direction.as_str(),
            input.agency_id,
            crate::dates::to_text(received),
            input.case_id,
            party,
            subject,
            json,
            sha,
            complete,
            now
        ],
    )?;
    Ok(())
}

/// Records the response to a complete request, until it is quality
/// assured (a response may be corrected before then).
pub fn respond(
    tx: &Transaction<'_>,
    id: i64,
    response: &ResponseForm,
    today: NaiveDate,
    now: &str,
) -> Result<()> {
    let was = get(tx, id, today)?;
    if !was.form_problems.is_empty() {
        return Err(Error::Conflict(
            "The request's form is not complete yet. Complete it (and have it signed) before \
             recording the response."
                .into(),
        ));
    }
    if was.quality.is_some() {
        return Err(Error::Conflict(
            "The response is already quality assured, so it is kept as it was. Record an \
             inaccuracy notice if something in it was wrong."
                .into(),
        ));
    }
    let (response, problems) = response.checked(today);
    if !problems.is_empty() {
        return Err(refused(problems));
    }
    let responded_on = response.contact.date.clone();
    let (json, sha) = frozen(&response)?;
    tx.execute(
        "UPDATE info_request SET response = ?2, response_sha256 = ?3, responded_on = ?4,
             updated_at = ?5
         WHERE id = ?1",
        params![id, json, sha, responded_on, now],
    )?;
    Ok(())
}

/// Records the point of contact's quality assurance of the response.
pub fn quality_assure(
    tx: &Transaction<'_>,
    id: i64,
    signed: &FormSignature,
    today: NaiveDate,
    now: &str,
) -> Result<()> {
    let was = get(tx, id, today)?;
    if was.response.is_none() {
        return Err(Error::Conflict(
            "There is no response to quality assure yet. Record the response first.".into(),
        ));
    }
    if was.quality.is_some() {
        return Err(Error::Conflict(
            "The response is already quality assured.".into(),
        ));
    }
    let (signed, problems) = checked_signature(Some(signed), "The point of contact", today);
    if !problems.is_empty() {
        return Err(refused(problems));
    }
    let (json, sha) = frozen(&signed)?;
    tx.execute(
        "UPDATE info_request SET quality = ?2, quality_sha256 = ?3, updated_at = ?4
         WHERE id = ?1",
        params![id, json, sha, now],
    )?;
    Ok(())
}

/// Records the decision, once quality assured.
pub fn decide(
    tx: &Transaction<'_>,
    id: i64,
    decision: Decision,
    reasons: &str,
    today: NaiveDate,
    now: &str,
) -> Result<()> {
    let was = get(tx, id, today)?;
    if was.quality.is_none() {
        return Err(Error::Conflict(
            "The response must be quality assured by the point of contact before the decision \
             is recorded."
                .into(),
        ));
    }
    if was.decision.is_some() {
        return Err(Error::Conflict("This request is already decided.".into()));
    }
    let reasons = DECISION_REASONS.clean(reasons)?;
    tx.execute(
        "UPDATE info_request SET decision = ?2, decision_reasons = ?3, updated_at = ?4
         WHERE id = ?1",
        params![id, decision.as_str(), reasons, now],
    )?;
    Ok(())
}

/// Sets the day a request's records are due for review, as a meeting's
/// may be changed: on or after the day it was received. Allowed at any
/// stage, since the review is about keeping the records, not their content.
pub fn set_review_date(
    tx: &Transaction<'_>,
    id: i64,
    review_date: &str,
    today: NaiveDate,
    now: &str,
) -> Result<()> {
    let was = get(tx, id, today)?;
    let review = crate::dates::date("Review date", review_date)?;
    let review = crate::dates::to_text(review);
    if review < was.received_on {
        return Err(Error::invalid(
            "Review date",
            "must be on or after the day the request was received. Please choose a later date.",
        ));
    }
    tx.execute(
        "UPDATE info_request SET review_date = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, review, now],
    )?;
    Ok(())
}

/// Adds an inaccuracy notice against a request (R13).
pub(crate) fn add_notice(
    tx: &Transaction<'_>,
    input: &RequestNoticeInput,
    today: NaiveDate,
    recorded_by: &str,
    now: &str,
) -> Result<()> {
    get(tx, input.request_id, today)?;
    // The same rule, and words, as a notice against a disclosure.
    let (what, found, notified_on, notified_to) = crate::disclosures::store::clean_inaccuracy(
        &crate::disclosures::InaccuracyInput {
            what_is_wrong: input.what_is_wrong.clone(),
            found_on: input.found_on.clone(),
            notified_on: input.notified_on.clone(),
            notified_to: input.notified_to.clone(),
        },
        today,
        None,
    )?;
    tx.execute(
        "INSERT INTO request_inaccuracy (request_id, what_is_wrong, found_on, notified_on,
             notified_to, recorded_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            input.request_id,
            what,
            found,
            notified_on,
            notified_to,
            recorded_by,
            now
        ],
    )?;
    Ok(())
}

const COLUMNS: &str = "id, direction, agency_id, received_on, case_id, form, form_sha256,
    emergency, response, response_sha256, responded_on, quality, quality_sha256, decision,
    decision_reasons, review_date";

fn from_row(r: &Row<'_>, today: NaiveDate) -> crate::error::rusqlite::Result<Result<InfoRequest>> {
    let direction: String = r.get(1)?;
    let received_on: String = r.get(3)?;
    let form: String = r.get(5)?;
    let form_sha: String = r.get(6)?;
    let emergency: Option<String> = r.get(7)?;
    let response: Option<String> = r.get(8)?;
    let response_sha: Option<String> = r.get(9)?;
    let responded_on: Option<String> = r.get(10)?;
    let quality: Option<String> = r.get(11)?;
    let quality_sha: Option<String> = r.get(12)?;
    let decision: Option<String> = r.get(13)?;
    let id: i64 = r.get(0)?;
    let agency_id: Option<i64> = r.get(2)?;
    let case_id: Option<i64> = r.get(4)?;
    let decision_reasons: Option<String> = r.get(14)?;
    let review_date: String = r.get(15)?;
    Ok((|| {
        let bad = || Error::Internal("request".into());
        let form: RequestForm = thawed(&form, &form_sha)?;
        let response: Option<ResponseForm> = match (&response, &response_sha) {
            (Some(j), Some(s)) => Some(thawed(j, s)?),
            _ => None,
        };
        let quality: Option<FormSignature> = match (&quality, &quality_sha) {
            (Some(j), Some(s)) => Some(thawed(j, s)?),
            _ => None,
        };
        let emergency: Option<EmergencyCall> = match &emergency {
            Some(j) => Some(serde_json::from_str(j).map_err(|_| bad())?),
            None => None,
        };
        let decision = match &decision {
            Some(d) => Some(Decision::parse(d).ok_or_else(bad)?),
            None => None,
        };
        let day = |s: &str| crate::dates::from_text(s).ok_or_else(bad);
        let form_problems = form.problems(today);
        let progress = progress::progress(
            &Recorded {
                received_on: day(&received_on)?,
                form_complete: form_problems.is_empty(),
                responded_on: responded_on.as_deref().map(day).transpose()?,
                quality_assured: quality.is_some(),
                decided: decision.is_some(),
            },
            today,
        );
        Ok(InfoRequest {
            id,
            direction: Direction::parse(&direction).ok_or_else(bad)?,
            agency_id,
            received_on,
            case_id,
            form,
            form_problems,
            emergency,
            response,
            quality,
            decision,
            decision_reasons,
            progress,
            review_date,
            notices: Vec::new(),
        })
    })())
}

/// One request, whole, as it stands on `today`.
pub fn get(db: &Connection, id: i64, today: NaiveDate) -> Result<InfoRequest> {
    let mut request = db
        .query_row(
            &format!("SELECT {COLUMNS} FROM info_request WHERE id = ?1"),
            [id],
            |r| from_row(r, today),
        )
        .optional()?
        .ok_or(Error::NotFound("information request"))??;
    let mut stmt = db.prepare_cached(
        "SELECT id, what_is_wrong, found_on, notified_on, notified_to FROM request_inaccuracy
         WHERE request_id = ?1 ORDER BY id",
    )?;
    request.notices = stmt
        .query_map([id], |r| {
            Ok(RequestNotice {
                id: r.get(0)?,
                what_is_wrong: r.get(1)?,
                found_on: r.get(2)?,
                notified_on: r.get(3)?,
                notified_to: r.get(4)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(request)
}

/// One line of the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct RequestSummary {
    /// Record id.
    #[ts(type = "number")]
    pub id: i64,
    /// Received by us or made by us.
    pub direction: Direction,
    /// The other side: the directory's agency, else the requesting
    /// organisation as written on the form.
    pub other_party: String,
    /// The partner agency, when in the directory.
    #[ts(type = "number | null")]
    pub agency_id: Option<i64>,
    /// The subject: surname, then forenames ("" while not yet written).
    pub subject: String,
    /// The day the clock started.
    pub received_on: String,
    /// Whether it began as an emergency by telephone.
    pub emergency: bool,
    /// The decision, once made.
    pub decision: Option<Decision>,
    /// Where it stands today.
    pub progress: Progress,
    /// When its records are due for review.
    pub review_date: String,
}

/// Which requests the register lists.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct RequestFilter {
    /// Received or made; all when none.
    #[serde(default)]
    pub direction: Option<Direction>,
    /// At this stage only.
    #[serde(default)]
    pub stage: Option<super::progress::Stage>,
    /// Overdue ones only.
    #[serde(default)]
    pub overdue_only: bool,
    /// With this partner agency only.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub agency_id: Option<i64>,
    /// Due on or after this day (`YYYY-MM-DD`).
    #[serde(default)]
    pub due_from: Option<String>,
    /// Due on or before this day.
    #[serde(default)]
    pub due_to: Option<String>,
}

/// The register: requests as `filter` asks, soonest due first (decided
/// ones after the rest, newest first).
pub fn list(
    db: &Connection,
    filter: &RequestFilter,
    today: NaiveDate,
) -> Result<Vec<RequestSummary>> {
    narrowed(db, filter, today, false, None)
}

/// For home: the unanswered requests (of which home shows those overdue,
/// due soon or to complete), and those whose review date is `today` or
/// earlier; each narrowed in SQL rather than from the whole register.
pub(crate) fn for_home(
    db: &Connection,
    today: NaiveDate,
) -> Result<(Vec<RequestSummary>, Vec<RequestSummary>)> {
    let all = RequestFilter::default();
    let unanswered = narrowed(db, &all, today, true, None)?;
    let mut review = narrowed(db, &all, today, false, Some(&crate::dates::to_text(today)))?;
    review.sort_by(|a, b| a.review_date.cmp(&b.review_date).then(a.id.cmp(&b.id)));
    Ok((unanswered, review))
}

fn narrowed(
    db: &Connection,
    filter: &RequestFilter,
    today: NaiveDate,
    unanswered_only: bool,
    review_by: Option<&str>,
) -> Result<Vec<RequestSummary>> {
    let due_bound = |field: &'static str, v: &Option<String>| -> Result<Option<NaiveDate>> {
        v.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| crate::dates::date(field, t))
            .transpose()
    };
    let due_from = due_bound("Due from", &filter.due_from)?;
    let due_to = due_bound("Due to", &filter.due_to)?;
    let mut stmt = db.prepare_cached(
        "SELECT r.id, r.direction, r.agency_id, coalesce(a.name, r.party), r.subject,
                r.received_on, r.form_complete, r.is_emergency, r.responded_on,
                r.quality_sha256 IS NOT NULL, r.decision, r.review_date
         FROM info_request r LEFT JOIN agency a ON a.id = r.agency_id
         WHERE (?1 IS NULL OR r.direction = ?1) AND (?2 IS NULL OR r.agency_id = ?2)
           AND (?3 = 0 OR r.responded_on IS NULL) AND (?4 IS NULL OR r.review_date <= ?4)",
    )?;
    let rows = stmt.query_map(
        params![
            filter.direction.map(Direction::as_str),
            filter.agency_id,
            unanswered_only,
            review_by
        ],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<i64>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, bool>(6)?,
                r.get::<_, bool>(7)?,
                r.get::<_, Option<String>>(8)?,
                r.get::<_, bool>(9)?,
                r.get::<_, Option<String>>(10)?,
                r.get::<_, String>(11)?,
            ))
        },
    )?;
    let bad = || Error::Internal("request".into());
    let day = |s: &str| crate::dates::from_text(s).ok_or_else(bad);
    let mut out = Vec::new();
    for row in rows {
        let (
            id,
            direction,
            agency_id,
            party,
            subject,
            received,
            complete,
            emergency,
            responded,
            quality,
            decision,
            review_date,
        ) = row?;
        let decision = decision
            .as_deref()
            .map(|d| Decision::parse(d).ok_or_else(bad))
            .transpose()?;
        let progress = progress::progress(
            &Recorded {
                received_on: day(&received)?,
                form_complete: complete,
                responded_on: responded.as_deref().map(day).transpose()?,
                quality_assured: quality,
                decided: decision.is_some(),
            },
            today,
        );
        if filter.stage.is_some_and(|s| s != progress.stage)
            || (filter.overdue_only && !progress.overdue)
        {
            continue;
        }
        let due = day(&progress.due_on)?;
        if due_from.is_some_and(|f| due < f) || due_to.is_some_and(|t| due > t) {
            continue;
        }
        out.push(RequestSummary {
            id,
            direction: Direction::parse(&direction).ok_or_else(bad)?,
            other_party: party,
            agency_id,
            subject,
            received_on: received,
            emergency,
            decision,
            progress,
            review_date,
        });
    }
    out.sort_by(|a, b| {
        let done = |r: &RequestSummary| r.progress.stage == super::progress::Stage::Decided;
        done(a)
            .cmp(&done(b))
            .then_with(|| match done(a) {
                false => a.progress.due_on.cmp(&b.progress.due_on),
                true => b.received_on.cmp(&a.received_on),
            })
            .then(a.id.cmp(&b.id))
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directions_and_decisions_read_back() {
        for d in Direction::ALL {
            assert_eq!(Direction::parse(d.as_str()), Some(*d));
        }
        for d in Decision::ALL {
            assert_eq!(Decision::parse(d.as_str()), Some(*d));
        }
    }
}
