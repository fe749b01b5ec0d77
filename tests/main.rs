//! One integration test binary: fixture snapshots, gold scores, the public API and the
//! table-driven rule tests.

mod api;
mod common;
mod dates;
mod events;
mod gold;
mod names;
mod snapshots;
mod values;
