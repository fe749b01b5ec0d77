//! Table-driven events tests (tables in tests/data/).
