//! SPEC's scores per fixture against its gold annotation; fails when a score falls below
//! the floor in `fixtures/floors.json`. Floors only go up.
//!
//! `XINWEN_SCORE_DETAIL=1 cargo test --test main gold -- --nocapture` also lists every
//! missed, spurious and wrongly valued mention. `XINWEN_GOLD_DIR=DIR` scores the articles
//! with gold files in another directory instead (a held-out set), without floors.
//! `XINWEN_RAISE_FLOORS=1` writes the current scores (rounded down) into
//! `fixtures/floors.json` wherever they are higher than the floor there; it never lowers one.

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
    let mut floors = floors;
    let raise = std::env::var_os("XINWEN_RAISE_FLOORS").is_some();
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
        if raise && floors.get(&name).is_none() {
            floors[name.as_str()] = serde_json::json!({});
        }
        let Some(floor) = floors.get_mut(&name) else {
            failures.push(format!("{name}: no floors in fixtures/floors.json"));
            continue;
        };
        let mut check = |what: &str, got: f64| {
            let min = floor.get(what).and_then(Json::as_f64).unwrap_or(0.0);
            if got + 1e-9 < min {
                failures.push(format!("{name}: {what} {got:.3} < floor {min:.3}"));
            } else if raise {
                // Floors only go up: the score rounded down to two decimals.
                let new = ((got + 1e-9) * 100.0).floor() / 100.0;
                if new > min {
                    floor[what] = serde_json::json!(new);
                }
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
    if raise {
        let path = fixtures_dir().join("floors.json");
        let text = serde_json::to_string_pretty(&floors).expect("floors serialise") + "\n";
        std::fs::write(&path, text).expect("fixtures/floors.json is writable");
        println!("raised floors written to {}", path.display());
    }
}
