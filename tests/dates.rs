//! Table-driven dates tests (tables in tests/data/dates*.tsv; the columns are described at
//! the top of tests/data/dates.tsv). Every failure is listed at once, each with a `help:`
//! line saying what the extractor gave instead.

use serde_json::Value as Json;
use xinwen::{Date, EntityKind};

struct Case {
    file: String,
    line: usize,
    reference: Option<Date>,
    text: String,
    span: String,
    timex: Option<String>,
    granularity: String,
    relative: Option<String>,
}

fn load_tables() -> Vec<Case> {
    let files = crate::common::table_files("dates");
    let mut cases = Vec::new();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let body = std::fs::read_to_string(&path).expect("table is readable");
        for (i, line) in body.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            assert!(cols.len() >= 3, "{name}:{}: at least 3 columns", i + 1);
            let reference = match cols[0] {
                "-" => None,
                d => Some(d.parse().unwrap_or_else(|_| panic!("{name}:{}: bad date", i + 1))),
            };
            let col = |k: usize| cols.get(k).copied().unwrap_or("");
            cases.push(Case {
                file: name.clone(),
                line: i + 1,
                reference,
                text: cols[1].replace("\\n", "\n"),
                span: cols[2].to_string(),
                timex: match col(3) {
                    "null" => None,
                    t => Some(t.to_string()),
                },
                granularity: col(4).to_string(),
                relative: Some(col(5)).filter(|r| !r.is_empty()).map(str::to_string),
            });
        }
    }
    cases
}

fn show(doc: &xinwen::Document) -> String {
    let dates: Vec<String> = doc
        .entities_of(EntityKind::Date)
        .map(|e| {
            let v = serde_json::to_value(&e.value).unwrap_or(Json::Null);
            format!("{} {}", e.text, v)
        })
        .collect();
    if dates.is_empty() { "no date".to_string() } else { dates.join(" ; ") }
}

#[test]
fn dates() {
    let cases = load_tables();
    assert!(cases.len() >= 300, "the tables hold at least 300 cases");
    let ex = xinwen::default_extractor();
    let mut failures = Vec::new();
    for c in &cases {
        let doc = ex.extract_with_date(&c.text, c.reference);
        let where_ = format!("{}:{}", c.file, c.line);
        if let Some(neg) = c.span.strip_prefix('!') {
            let Some(at) = c.text.find(neg) else {
                failures.push(format!("{where_}: {neg:?} is not in {:?}", c.text));
                continue;
            };
            let (s, e) = (at, at + neg.len());
            if let Some(hit) =
                doc.entities_of(EntityKind::Date).find(|d| d.span.start < e && s < d.span.end)
            {
                failures.push(format!(
                    "{where_}: {:?} in {:?} must not be a date\n    help: got date {:?}",
                    neg, c.text, hit.text
                ));
            }
            continue;
        }
        let Some(ent) = doc.entities_of(EntityKind::Date).find(|d| d.text == c.span) else {
            failures.push(format!(
                "{where_}: no date {:?} in {:?}\n    help: got {}",
                c.span,
                c.text,
                show(&doc)
            ));
            continue;
        };
        let v = serde_json::to_value(&ent.value).unwrap_or(Json::Null);
        let timex = v.get("timex").and_then(Json::as_str).map(str::to_string);
        let gran = v.get("granularity").and_then(Json::as_str).unwrap_or_default();
        let relative = v.get("relative").and_then(Json::as_str).map(str::to_string);
        if timex != c.timex || gran != c.granularity || relative != c.relative {
            failures.push(format!(
                "{where_}: {:?} in {:?} (ref {}): want timex {:?} {} relative {:?}\n    help: got {}",
                c.span,
                c.text,
                c.reference.map_or("-".to_string(), |d| d.to_string()),
                c.timex,
                c.granularity,
                c.relative,
                v
            ));
        }
    }
    if !failures.is_empty() {
        panic!("{} of {} date cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
    }
}
