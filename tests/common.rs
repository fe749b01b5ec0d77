//! Fixture loading, SPEC invariants and SPEC's gold scoring, shared by the tests.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value as Json;
use xinwen::{Date, Document, EntityKind, Extractor};

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// The gold annotation beside a fixture, if any.
pub fn gold_for(txt: &Path) -> Option<Json> {
    let p = txt.with_extension("gold.json");
    let s = std::fs::read_to_string(p).ok()?;
    Some(serde_json::from_str(&s).expect("gold file is valid JSON"))
}

/// The fixture's reference date: from its gold file.
pub fn reference_date(gold: Option<&Json>) -> Option<Date> {
    gold?.get("reference_date")?.as_str()?.parse().ok()
}

pub fn extractor() -> &'static Extractor {
    xinwen::default_extractor()
}

/// Checks SPEC's invariants of one document; panics with a clear message when one fails.
pub fn check_invariants(text: &str, doc: &Document) {
    let chars = |b: usize| text[..b].chars().count();
    let mut last = 0;
    for (i, e) in doc.entities.iter().enumerate() {
        assert_eq!(e.id, format!("e{}", i + 1), "ids are e1.. in order");
        assert!(e.span.start < e.span.end, "{} is empty", e.id);
        assert_eq!(&text[e.span.start..e.span.end], e.text, "{} slices to its text", e.id);
        assert_eq!(e.span.char_start, chars(e.span.start), "{} char_start", e.id);
        assert_eq!(e.span.char_end, chars(e.span.end), "{} char_end", e.id);
        assert!(e.span.start >= last, "entities sorted by start at {}", e.id);
        last = e.span.start;
        assert_eq!(
            e.value.is_some(),
            !e.kind.is_named() && e.kind != EntityKind::Title && e.kind != EntityKind::Location,
            "{} value presence",
            e.id
        );
        assert_eq!(e.canonical.is_some(), e.kind.is_named(), "{} canonical presence", e.id);
    }
    let mut last = 0;
    for ev in &doc.events {
        let t = &ev.trigger;
        assert_eq!(&text[t.span.start..t.span.end], t.text);
        assert_eq!(t.span.char_start, chars(t.span.start));
        assert!(t.span.start >= last, "events sorted by trigger start");
        last = t.span.start;
        let s = ev.sentence;
        assert!(s.start <= t.span.start && t.span.end <= s.end, "trigger inside its sentence");
        assert_eq!(s.char_start, chars(s.start));
        assert!(!ev.args.is_empty(), "an event has arguments");
        for a in &ev.args {
            match (&a.entity, &a.span) {
                (Some(id), None) => {
                    let e = doc.entity(id).unwrap_or_else(|| panic!("arg names {id}"));
                    assert_eq!(e.text, a.text);
                    assert!(s.start <= e.span.start && e.span.end <= s.end, "arg in sentence");
                }
                (None, Some(sp)) => {
                    assert!(a.role.is_text_role());
                    assert_eq!(&text[sp.start..sp.end], a.text);
                    assert_eq!(sp.char_start, chars(sp.start));
                }
                _ => panic!("an argument is an entity or a span"),
            }
        }
    }
}

/// Precision, recall and F1 of one row.
#[derive(Debug, Default, Clone, Copy)]
pub struct Prf {
    pub tp: usize,
    pub pred: usize,
    pub gold: usize,
}

impl Prf {
    pub fn precision(&self) -> f64 {
        if self.pred == 0 {
            if self.gold == 0 { 1.0 } else { 0.0 }
        } else {
            self.tp as f64 / self.pred as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            if self.pred == 0 { 1.0 } else { 0.0 }
        } else {
            self.tp as f64 / self.gold as f64
        }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

/// SPEC's scores of one document against its gold annotation.
#[derive(Debug, Default)]
pub struct Scores {
    /// Per entity kind: strict char-span matches.
    pub kinds: BTreeMap<String, Prf>,
    /// Per value kind: (matched entities whose value equals gold, matched entities).
    pub values: BTreeMap<String, (usize, usize)>,
    /// Event tuples.
    pub events: Prf,
    /// Missed and spurious entities, for the report.
    pub misses: Vec<String>,
}

impl Scores {
    /// Adds another document's counts (for totals over a set).
    pub fn add(&mut self, o: &Scores) {
        for (k, r) in &o.kinds {
            let t = self.kinds.entry(k.clone()).or_default();
            t.tp += r.tp;
            t.pred += r.pred;
            t.gold += r.gold;
        }
        for (k, (ok, n)) in &o.values {
            let t = self.values.entry(k.clone()).or_default();
            t.0 += ok;
            t.1 += n;
        }
        self.events.tp += o.events.tp;
        self.events.pred += o.events.pred;
        self.events.gold += o.events.gold;
    }
}

fn values_equal(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Number(x), Json::Number(y)) => x.as_f64() == y.as_f64(),
        (Json::Object(x), Json::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter().all(|k| match (x.get(k), y.get(k)) {
                (Some(p), Some(q)) => values_equal(p, q),
                (Some(Json::Null), None) | (None, Some(Json::Null)) => true,
                _ => false,
            })
        }
        _ => a == b,
    }
}

pub fn score(doc: &Document, gold: &Json) -> Scores {
    let mut s = Scores::default();
    let pred: Json = serde_json::from_str(&doc.to_json()).expect("output is JSON");
    let key = |e: &Json| {
        (
            e["kind"].as_str().unwrap_or_default().to_string(),
            e["char_start"].as_u64().unwrap_or_default(),
            e["char_end"].as_u64().unwrap_or_default(),
        )
    };
    let gold_ents = gold["entities"].as_array().cloned().unwrap_or_default();
    let pred_ents = pred["entities"].as_array().cloned().unwrap_or_default();
    let gold_by: BTreeMap<_, &Json> = gold_ents.iter().map(|e| (key(e), e)).collect();
    let pred_by: BTreeMap<_, &Json> = pred_ents.iter().map(|e| (key(e), e)).collect();
    for k in EntityKind::ALL {
        s.kinds.insert(k.as_str().to_string(), Prf::default());
    }
    for (k, g) in &gold_by {
        let row = s.kinds.entry(k.0.clone()).or_default();
        row.gold += 1;
        if let Some(p) = pred_by.get(k) {
            row.tp += 1;
            if g.get("value").is_some() {
                let v = s.values.entry(k.0.clone()).or_default();
                v.1 += 1;
                if values_equal(&g["value"], &p["value"]) {
                    v.0 += 1;
                } else {
                    s.misses.push(format!(
                        "value  {} {}: gold {} got {}",
                        k.0, g["text"], g["value"], p["value"]
                    ));
                }
            }
        } else {
            s.misses.push(format!("missed {} {} @{}", k.0, g["text"], k.1));
        }
    }
    for (k, p) in &pred_by {
        s.kinds.entry(k.0.clone()).or_default().pred += 1;
        if !gold_by.contains_key(k) {
            s.misses.push(format!("extra  {} {} @{}", k.0, p["text"], k.1));
        }
    }
    // Event tuples (kind, role, text, sentence); a predicted argument matches by surface
    // text or canonical name.
    let canon: BTreeMap<String, String> = pred_ents
        .iter()
        .filter_map(|e| Some((e["id"].as_str()?.to_string(), e["canonical"].as_str()?.to_string())))
        .collect();
    let mut gold_tuples: Vec<(String, String, String, u64)> = Vec::new();
    for ev in gold["events"].as_array().into_iter().flatten() {
        for a in ev["args"].as_array().into_iter().flatten() {
            gold_tuples.push((
                ev["kind"].as_str().unwrap_or_default().into(),
                a["role"].as_str().unwrap_or_default().into(),
                a["text"].as_str().unwrap_or_default().into(),
                ev["sentence"]["char_start"].as_u64().unwrap_or_default(),
            ));
        }
    }
    s.events.gold = gold_tuples.len();
    let mut used = vec![false; gold_tuples.len()];
    for ev in pred["events"].as_array().into_iter().flatten() {
        for a in ev["args"].as_array().into_iter().flatten() {
            s.events.pred += 1;
            let kind = ev["kind"].as_str().unwrap_or_default();
            let role = a["role"].as_str().unwrap_or_default();
            let text = a["text"].as_str().unwrap_or_default();
            let can = a["entity"].as_str().and_then(|id| canon.get(id)).map(String::as_str);
            let sent = ev["sentence"]["char_start"].as_u64().unwrap_or_default();
            let hit = gold_tuples.iter().enumerate().position(|(i, g)| {
                !used[i]
                    && g.0 == kind
                    && g.1 == role
                    && g.3 == sent
                    && (g.2 == text || Some(g.2.as_str()) == can)
            });
            match hit {
                Some(i) => {
                    used[i] = true;
                    s.events.tp += 1;
                }
                None => s.misses.push(format!("extra  event {kind}.{role} = {text} @{sent}")),
            }
        }
    }
    for (i, g) in gold_tuples.iter().enumerate() {
        if !used[i] {
            s.misses.push(format!("missed event {}.{} = {} @{}", g.0, g.1, g.2, g.3));
        }
    }
    s
}

/// The score table as text.
pub fn table(name: &str, s: &Scores) -> String {
    let mut out = format!(
        "{name}\n{:<10} {:>5} {:>5} {:>5} {:>6} {:>6} {:>6} {:>8}\n",
        "kind", "gold", "pred", "tp", "P", "R", "F1", "value"
    );
    for (k, r) in &s.kinds {
        if r.gold == 0 && r.pred == 0 {
            continue;
        }
        let v = s.values.get(k).map_or(String::from("-"), |(ok, n)| format!("{ok}/{n}"));
        out += &format!(
            "{:<10} {:>5} {:>5} {:>5} {:>6.3} {:>6.3} {:>6.3} {:>8}\n",
            k,
            r.gold,
            r.pred,
            r.tp,
            r.precision(),
            r.recall(),
            r.f1(),
            v
        );
    }
    let e = &s.events;
    out += &format!(
        "{:<10} {:>5} {:>5} {:>5} {:>6.3} {:>6.3} {:>6.3}\n",
        "events",
        e.gold,
        e.pred,
        e.tp,
        e.precision(),
        e.recall(),
        e.f1()
    );
    out
}

/// Every fixture article (`fixtures/**/*.txt`), sorted.
pub fn fixture_paths() -> Vec<PathBuf> {
    article_paths(&fixtures_dir())
}

/// Every article (`**/*.txt`) under `dir`, sorted.
pub fn article_paths(dir: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "txt") {
                out.push(p);
            }
        }
    }
    let mut v = Vec::new();
    walk(dir, &mut v);
    v.sort();
    v
}

/// The table files `tests/data/<prefix>*.tsv`, sorted.
pub fn table_files(prefix: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/data exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            name.starts_with(prefix) && name.ends_with(".tsv")
        })
        .collect();
    files.sort();
    files
}
