//! Table-driven names tests (tables in tests/data/names*.tsv): people, organisations,
//! products, titles and places, with their spans and canonical names, negatives included.
//!
//! Row format (see the header of `tests/data/names.tsv`):
//! `expectation<TAB>sentence<TAB>mention<TAB>canonical`, where the expectation is `+kind`
//! (the mention is tagged as that kind), `-kind` (it is not; `*` means no entity of that kind
//! at all) or a `?`-prefixed known gap that is checked and printed but does not fail.

use xinwen::EntityKind;

use crate::common::extractor;

const TABLES: &[(&str, &str)] = &[
    ("names.tsv", include_str!("data/names.tsv")),
    ("names_products.tsv", include_str!("data/names_products.tsv")),
];

struct Row<'a> {
    line: usize,
    known_gap: bool,
    positive: bool,
    kind: EntityKind,
    sentence: &'a str,
    mention: &'a str,
    canonical: Option<&'a str>,
}

fn kind(s: &str) -> EntityKind {
    EntityKind::ALL
        .into_iter()
        .find(|k| k.as_str() == s)
        .unwrap_or_else(|| panic!("unknown kind {s:?} in names table"))
}

fn rows<'a>(src: &'a str) -> Vec<Row<'a>> {
    let mut out = Vec::new();
    for (n, line) in src.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() >= 3, "line {}: expected at least 3 columns", n + 1);
        let mut exp = cols[0];
        let known_gap = exp.starts_with('?');
        exp = exp.trim_start_matches('?');
        let positive = exp.starts_with('+');
        assert!(positive || exp.starts_with('-'), "line {}: expectation {exp:?}", n + 1);
        out.push(Row {
            line: n + 1,
            known_gap,
            positive,
            kind: kind(&exp[1..]),
            sentence: cols[1],
            mention: cols[2],
            canonical: cols.get(3).copied().filter(|c| !c.is_empty()),
        });
    }
    out
}

/// What went wrong with one row, if anything.
fn check(row: &Row) -> Option<String> {
    let doc = extractor().extract(row.sentence);
    let of_kind: Vec<_> = doc.entities.iter().filter(|e| e.kind == row.kind).collect();
    let found: Vec<String> = doc
        .entities
        .iter()
        .filter(|e| e.kind.is_named() || matches!(e.kind, EntityKind::Title | EntityKind::Location))
        .map(|e| format!("{}:{}", e.kind.as_str(), e.text))
        .collect();
    let help = format!("help: found [{}]", found.join(", "));
    if row.positive {
        let Some(e) = of_kind.iter().find(|e| e.text == row.mention) else {
            return Some(format!("expected {} {:?}; {help}", row.kind.as_str(), row.mention));
        };
        if let Some(c) = row.canonical {
            if e.canonical.as_deref() != Some(c) {
                return Some(format!(
                    "{:?}: canonical {:?}, expected {c:?}; {help}",
                    row.mention, e.canonical
                ));
            }
        }
        None
    } else if row.mention == "*" {
        (!of_kind.is_empty()).then(|| format!("expected no {}; {help}", row.kind.as_str()))
    } else {
        of_kind
            .iter()
            .any(|e| e.text == row.mention)
            .then(|| format!("{:?} must not be a {}; {help}", row.mention, row.kind.as_str()))
    }
}

#[test]
fn names_tables() {
    let mut failures = Vec::new();
    let mut total = 0;
    for (file, src) in TABLES {
        for row in rows(src) {
            total += 1;
            if let Some(msg) = check(&row) {
                let line = format!("{file}:{} {:?}: {msg}", row.line, row.sentence);
                if row.known_gap {
                    println!("known gap {line}");
                } else {
                    failures.push(line);
                }
            }
        }
    }
    assert!(total >= 150, "the names tables hold {total} rows, expected at least 150");
    assert!(
        failures.is_empty(),
        "{} of {total} names rows failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
