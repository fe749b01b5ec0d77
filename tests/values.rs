//! Table-driven values tests (tables in tests/data/values*.tsv).
//!
//! Each table row is `input TAB kind TAB text TAB value`:
//!
//! - `kind` is `money`, `percent`, `quantity` or `duration`: some entity of that kind must
//!   have exactly `text` as its text and `value` (JSON) as its value;
//! - `kind` is `-`: no money, percent, quantity or duration entity may overlap the first
//!   occurrence of `text` in the input (`value` is `-`);
//! - `kind` is `!money` (or another kind with `!`): no entity of that kind may overlap it.
//!
//! Lines starting with `#` and blank lines are ignored. Every failing row is reported, with
//! what was found instead, before the test fails.

use serde_json::Value as Json;
use xinwen::EntityKind;

const VALUE_KINDS: [EntityKind; 4] =
    [EntityKind::Money, EntityKind::Percent, EntityKind::Quantity, EntityKind::Duration];

struct Row {
    file: String,
    line: usize,
    input: String,
    kind: String,
    text: String,
    value: String,
}

fn rows() -> Vec<Row> {
    let files = crate::common::table_files("values");
    let mut out = Vec::new();
    for f in files {
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let body = std::fs::read_to_string(&f).expect("table is readable");
        for (i, line) in body.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            assert!(cols.len() == 4, "{name}:{}: expected 4 TAB-separated columns", i + 1);
            out.push(Row {
                file: name.clone(),
                line: i + 1,
                input: cols[0].to_string(),
                kind: cols[1].to_string(),
                text: cols[2].to_string(),
                value: cols[3].to_string(),
            });
        }
    }
    out
}

fn describe(doc: &xinwen::Document) -> String {
    let found: Vec<String> = doc
        .entities
        .iter()
        .filter(|e| VALUE_KINDS.contains(&e.kind))
        .map(|e| {
            let v = e.value.as_ref().map(|v| serde_json::to_string(v).unwrap_or_default());
            format!("{} {:?} {}", e.kind.as_str(), e.text, v.unwrap_or_default())
        })
        .collect();
    if found.is_empty() { "nothing".to_string() } else { found.join(" | ") }
}

fn check(row: &Row) -> Result<(), String> {
    let doc = xinwen::extract(&row.input);
    if let Some(kind) = row.kind.strip_prefix('!').or((row.kind == "-").then_some("")) {
        let kinds: Vec<EntityKind> = if kind.is_empty() {
            VALUE_KINDS.to_vec()
        } else {
            vec![EntityKind::parse(kind).ok_or_else(|| format!("unknown kind {kind}"))?]
        };
        let at = row
            .input
            .find(&row.text)
            .ok_or_else(|| format!("{:?} is not in the input", row.text))?;
        let end = at + row.text.len();
        let bad: Vec<_> = doc
            .entities
            .iter()
            .filter(|e| kinds.contains(&e.kind) && e.span.start < end && at < e.span.end)
            .collect();
        return if bad.is_empty() {
            Ok(())
        } else {
            Err(format!("expected no value over {:?}, found {}", row.text, describe(&doc)))
        };
    }
    let kind = EntityKind::parse(&row.kind).ok_or_else(|| format!("unknown kind {}", row.kind))?;
    let want: Json =
        serde_json::from_str(&row.value).map_err(|e| format!("bad expected JSON: {e}"))?;
    let ok = doc.entities.iter().any(|e| {
        e.kind == kind
            && e.text == row.text
            && e.value
                .as_ref()
                .and_then(|v| serde_json::to_string(v).ok())
                .and_then(|s| serde_json::from_str::<Json>(&s).ok())
                .is_some_and(|got| got == want)
    });
    if ok {
        Ok(())
    } else {
        Err(format!("expected {} {:?} {}, found {}", row.kind, row.text, row.value, describe(&doc)))
    }
}

#[test]
fn values_tables() {
    let rows = rows();
    assert!(rows.len() >= 300, "the value tables hold {} rows, want at least 300", rows.len());
    let mut failures = Vec::new();
    for row in &rows {
        if let Err(msg) = check(row) {
            failures.push(format!("{}:{}: {}\n  help: {}", row.file, row.line, row.input, msg));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} value rows failed:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

#[test]
fn overflow_gives_no_entity() {
    let long = format!("融资{}亿美元，共{}人。", "9".repeat(1000), "九".repeat(1000));
    let doc = xinwen::extract(&long);
    assert!(doc.entities.iter().all(|e| e.kind != EntityKind::Money || e.text.len() < 100));
}
