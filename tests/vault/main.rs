//! The vault file format through the public API: test vectors, interop with
//! the real `age` tool, no plaintext at rest, errors and fault injection.
//!
//! One binary, a module per area; `support` holds the few helpers they share.

mod canary;
mod errors;
mod faults;
mod interop;
mod support;
mod vectors;
