//! One integration test binary: fixture snapshots, gold scores, the public API.

mod api;
mod common;
mod gold;
mod snapshots;
