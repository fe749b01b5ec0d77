//! Table-driven dates tests (tables in tests/data/).
