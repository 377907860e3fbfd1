//! Information requests between partners (Appendix K; 5.4, 5.5; rules R8,
//! R11, R12, R13): the request form and its rules ([`form`]), and the form
//! as a marked document ([`document`]), and where a request stands and
//! when it is due ([`progress`]); the register as stored ([`store`]). Due dates
//! come from [`crate::workdays`].

pub mod document;
pub mod form;
pub mod progress;
pub mod store;

pub use form::{
    Contact, Decision, FormProblem, FormSignature, LegalBasis, RequestForm, Requester,
    ResponseForm, Subject,
};
pub use store::{
    Direction, EmergencyCall, InfoRequest, RequestFilter, RequestInput, RequestNotice,
    RequestNoticeInput, RequestSummary,
};
