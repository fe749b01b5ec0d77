//! Table-driven names tests (tables in tests/data/).
