//! The event stage in isolation: gold entities of the fixtures in, SPEC's event tuple F1
//! out. Entity recognition does not blur the figure, so it measures the role rules alone.
//!
//! `cargo test --lib event::isolation -- --nocapture` prints the score of every fixture
//! with a gold file and each missed or extra tuple.

use serde_json::Value as Json;

use crate::decimal::Decimal;
use crate::link::Linked;
use crate::model::{EntityKind, Money, Value};
use crate::normalize::Normalized;
use crate::sentence;

use super::{ArgRef, EventRules, extract};

const SEED_TXT: &str = include_str!("../../fixtures/seed-openai-talent.txt");
const SEED_GOLD: &str = include_str!("../../fixtures/seed-openai-talent.gold.json");

type Tuple = (String, String, String, usize);

/// (tp, predicted, gold, report lines) of one article.
fn score(text: &str, gold: &Json) -> (usize, usize, usize, Vec<String>) {
    let norm = Normalized::new(text);
    let ntext = norm.text();
    // Byte offset of every char index (normalisation keeps the number of chars).
    let nbytes: Vec<usize> = ntext.char_indices().map(|(b, _)| b).chain([ntext.len()]).collect();
    let obytes: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
    let char_of = |b: usize| nbytes.partition_point(|&x| x < b);
    let orig = |a: usize, b: usize| text[obytes[char_of(a)]..obytes[char_of(b)]].to_string();
    let mut ents: Vec<(Linked, String)> = Vec::new();
    for e in gold["entities"].as_array().into_iter().flatten() {
        let kind = EntityKind::parse(e["kind"].as_str().unwrap_or_default()).expect("kind");
        let cs = e["char_start"].as_u64().expect("char_start") as usize;
        let ce = e["char_end"].as_u64().expect("char_end") as usize;
        let value = (kind == EntityKind::Money).then(|| {
            let v = &e["value"];
            Value::Money(Money {
                amount: Decimal::parse(&v["amount"].to_string()).expect("amount"),
                currency: v["currency"].as_str().unwrap_or_default().to_string(),
                approx: None,
            })
        });
        let text_ = e["text"].as_str().unwrap_or_default().to_string();
        let canonical =
            kind.is_named().then(|| e["canonical"].as_str().map_or(text_.clone(), str::to_string));
        ents.push((
            Linked {
                kind,
                start: nbytes[cs],
                end: nbytes[ce],
                value,
                canonical,
                aliases: Vec::new(),
            },
            text_,
        ));
    }
    ents.sort_by_key(|(e, _)| e.start);
    let linked: Vec<Linked> = ents.iter().map(|(e, _)| e.clone()).collect();
    let rules =
        EventRules::parse(&[("event_triggers.tsv", super::DEFAULT_TRIGGERS)]).expect("rules");
    let sentences = sentence::split(ntext);
    let events = extract(ntext, &sentences, &linked, &rules);

    let mut gold_t: Vec<Tuple> = Vec::new();
    for ev in gold["events"].as_array().into_iter().flatten() {
        for a in ev["args"].as_array().into_iter().flatten() {
            gold_t.push((
                ev["kind"].as_str().unwrap_or_default().into(),
                a["role"].as_str().unwrap_or_default().into(),
                a["text"].as_str().unwrap_or_default().into(),
                ev["sentence"]["char_start"].as_u64().unwrap_or_default() as usize,
            ));
        }
    }
    let mut used = vec![false; gold_t.len()];
    let (mut tp, mut pred) = (0, 0);
    let mut report = Vec::new();
    for ev in &events {
        let sent = char_of(ev.sentence.start);
        for &(role, a) in &ev.args {
            pred += 1;
            let (surface, canon) = match a {
                ArgRef::Entity(i) => (ents[i].1.clone(), ents[i].0.canonical.clone()),
                ArgRef::Text(s, e) => (orig(s, e), None),
            };
            let hit = gold_t.iter().enumerate().position(|(i, g)| {
                !used[i]
                    && g.0 == ev.kind.as_str()
                    && g.1 == role.as_str()
                    && g.3 == sent
                    && (g.2 == surface || Some(&g.2) == canon.as_ref())
            });
            match hit {
                Some(i) => {
                    used[i] = true;
                    tp += 1;
                }
                None => report.push(format!(
                    "  extra  {}.{} = {surface} @{sent} ({})",
                    ev.kind.as_str(),
                    role.as_str(),
                    orig(ev.trigger.0, ev.trigger.1)
                )),
            }
        }
    }
    for (i, g) in gold_t.iter().enumerate() {
        if !used[i] {
            report.push(format!("  missed {}.{} = {} @{}", g.0, g.1, g.2, g.3));
        }
    }
    (tp, pred, gold_t.len(), report)
}

fn f1(tp: usize, pred: usize, gold: usize) -> f64 {
    let p = if pred == 0 { 0.0 } else { tp as f64 / pred as f64 };
    let r = if gold == 0 { 0.0 } else { tp as f64 / gold as f64 };
    if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
}

#[test]
fn seed_events_from_gold_entities() {
    let gold: Json = serde_json::from_str(SEED_GOLD).expect("gold");
    let (tp, pred, n, report) = score(SEED_TXT, &gold);
    let f = f1(tp, pred, n);
    println!("seed-openai-talent: tp {tp} pred {pred} gold {n} F1 {f:.3}");
    for r in &report {
        println!("{r}");
    }
    assert!(f >= 0.85, "events F1 in isolation {f:.3} < 0.85");
}

#[test]
fn every_fixture_from_gold_entities() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let (mut tp, mut pred, mut n) = (0, 0, 0);
    for p in paths {
        let Ok(g) = std::fs::read_to_string(p.with_extension("gold.json")) else { continue };
        let Ok(gold) = serde_json::from_str::<Json>(&g) else { continue };
        let text = std::fs::read_to_string(&p).expect("fixture");
        let (t, q, m, report) = score(&text, &gold);
        println!(
            "{}: tp {t} pred {q} gold {m} F1 {:.3}",
            p.file_stem().unwrap_or_default().to_string_lossy(),
            f1(t, q, m)
        );
        for r in &report {
            println!("{r}");
        }
        tp += t;
        pred += q;
        n += m;
    }
    println!("all fixtures: tp {tp} pred {pred} gold {n} F1 {:.3}", f1(tp, pred, n));
}
