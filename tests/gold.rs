//! SPEC's scores per fixture against its gold annotation; fails when a score falls below
//! the floor in `fixtures/floors.json`. Floors only go up.
//!
//! `XINWEN_SCORE_DETAIL=1 cargo test --test main gold -- --nocapture` also lists every
//! missed, spurious and wrongly valued mention. `XINWEN_GOLD_DIR=DIR` scores the articles
//! with gold files in another directory instead (a held-out set), without floors.

use serde_json::Value as Json;

use crate::common::*;

#[test]
fn gold_scores_of_another_directory() {
    let Some(dir) = std::env::var_os("XINWEN_GOLD_DIR") else { return };
    let mut total = Scores::default();
    for path in article_paths(std::path::Path::new(&dir)) {
        let Some(gold) = gold_for(&path) else { continue };
        let text = std::fs::read_to_string(&path).unwrap();
        let doc = extractor().extract_with_date(&text, reference_date(Some(&gold)));
        let s = score(&doc, &gold);
        println!("{}", table(&path.file_stem().unwrap().to_string_lossy(), &s));
        if std::env::var_os("XINWEN_SCORE_DETAIL").is_some() {
            for m in &s.misses {
                println!("  {m}");
            }
        }
        total.add(&s);
    }
    println!("{}", table("TOTAL", &total));
}

#[test]
fn gold_scores_meet_floors() {
    let floors: Json = serde_json::from_str(
        &std::fs::read_to_string(fixtures_dir().join("floors.json")).expect("fixtures/floors.json"),
    )
    .expect("floors.json is JSON");
    let detail = std::env::var_os("XINWEN_SCORE_DETAIL").is_some();
    let mut failures = Vec::new();
    let mut scored = 0;
    for path in fixture_paths() {
        let Some(gold) = gold_for(&path) else { continue };
        scored += 1;
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let doc = extractor().extract_with_date(&text, reference_date(Some(&gold)));
        let s = score(&doc, &gold);
        println!("{}", table(&name, &s));
        if detail {
            for m in &s.misses {
                println!("  {m}");
            }
        }
        let Some(floor) = floors.get(&name) else {
            failures.push(format!("{name}: no floors in fixtures/floors.json"));
            continue;
        };
        let mut check = |what: &str, got: f64| {
            let min = floor.get(what).and_then(Json::as_f64).unwrap_or(0.0);
            if got + 1e-9 < min {
                failures.push(format!("{name}: {what} {got:.3} < floor {min:.3}"));
            }
        };
        for (k, r) in &s.kinds {
            if r.gold > 0 {
                check(&format!("{k}_f1"), r.f1());
            }
        }
        for (k, (ok, n)) in &s.values {
            check(&format!("{k}_value"), *ok as f64 / (*n).max(1) as f64);
        }
        check("events_f1", s.events.f1());
    }
    assert!(scored > 0, "no fixture has a gold file");
    assert!(failures.is_empty(), "scores below floors:\n{}", failures.join("\n"));
}
