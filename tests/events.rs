//! Table-driven events tests (tables in tests/data/events*.tsv): each row is a short
//! article run end to end through the public API, with the event tuples it must give
//! (`kind.role=text`, `release.status=…`), compared as multisets, or `-` for none.
//!
//! `XINWEN_EVENTS_DETAIL=1 cargo test --test main events -- --nocapture` prints every row's
//! tuples.

use xinwen::Document;

use crate::common::*;

/// One predicted tuple: `kind.role`, surface text, canonical name.
type Got = (String, String, Option<String>);

fn tuples(doc: &Document) -> Vec<Got> {
    let mut out = Vec::new();
    for ev in &doc.events {
        let kind = ev.kind.as_str();
        if let Some(s) = ev.status {
            let v = serde_json::to_value(s).ok();
            let v = v.as_ref().and_then(|v| v.as_str()).unwrap_or_default().to_string();
            out.push((format!("{kind}.status"), v, None));
        }
        for a in &ev.args {
            let canon =
                a.entity.as_deref().and_then(|id| doc.entity(id)).and_then(|e| e.canonical.clone());
            out.push((format!("{kind}.{}", a.role.as_str()), a.text.clone(), canon));
        }
    }
    out
}

/// Compares one row; `None` when it passes, else the report.
fn check(text: &str, expected: &str) -> Option<String> {
    let doc = extractor().extract(text);
    let mut got = tuples(&doc);
    let mut missed = Vec::new();
    let want: Vec<&str> = if expected.trim() == "-" {
        Vec::new()
    } else {
        expected.split(" | ").map(str::trim).filter(|t| !t.is_empty()).collect()
    };
    for w in want {
        let Some((slot, value)) = w.split_once('=') else {
            return Some(format!("{text}\n  bad expectation {w:?}"));
        };
        match got
            .iter()
            .position(|(s, t, c)| s == slot && (t == value || c.as_deref() == Some(value)))
        {
            Some(i) => {
                got.remove(i);
            }
            None => missed.push(w.to_string()),
        }
    }
    if missed.is_empty() && got.is_empty() {
        return None;
    }
    let extra: Vec<String> = got.iter().map(|(s, t, _)| format!("{s}={t}")).collect();
    Some(format!("{text}\n  missed: {}\n  extra:  {}", missed.join(" | "), extra.join(" | ")))
}

#[test]
fn event_tables() {
    let files = crate::common::table_files("events");
    assert!(!files.is_empty(), "no tests/data/events*.tsv");
    let detail = std::env::var_os("XINWEN_EVENTS_DETAIL").is_some();
    let (mut rows, mut failures) = (0, Vec::new());
    for f in files {
        let table = std::fs::read_to_string(&f).expect("table");
        for (n, line) in table.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((text, expected)) = line.split_once('\t') else {
                panic!("{}:{}: expected text<TAB>tuples", f.display(), n + 1);
            };
            rows += 1;
            if detail {
                let got: Vec<String> = tuples(&extractor().extract(text))
                    .into_iter()
                    .map(|(s, t, _)| format!("{s}={t}"))
                    .collect();
                println!("{text}\n  got: {}", got.join(" | "));
            }
            if let Some(r) = check(text, expected) {
                failures.push(format!(
                    "{}:{}: {r}",
                    f.file_name().unwrap_or_default().to_string_lossy(),
                    n + 1
                ));
            }
        }
    }
    println!("event tables: {} of {rows} rows pass", rows - failures.len());
    assert!(
        failures.is_empty(),
        "{} of {rows} rows fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
