#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed unwrap in a test is a failed test"
)]
//! The one integration test binary: each module tests one feature end to end.

mod temporal;
