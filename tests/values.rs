//! Table-driven values tests (tables in tests/data/).
