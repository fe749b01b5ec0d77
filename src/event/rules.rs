//! Event trigger rules: `lexicons/event_triggers.tsv`.
//!
//! Two kinds of rows, TAB-separated (format documented at the top of the file and in
//! `lexicons/README.md`):
//!
//! - `kind<TAB>trigger<TAB>attrs`: a trigger word, or a discontinuous pattern
//!   `anchor…tail1|tail2` (the anchor is the trigger; one of the tails must follow it in
//!   the same sentence within [`TAIL_WINDOW`] characters, and is consumed);
//! - `@cue<TAB>word|word|…`: a named list of cue words the role rules read.

use std::collections::HashMap;

use daachorse::CharwiseDoubleArrayAhoCorasick;
use daachorse::MatchKind;

use crate::error::Error;
use crate::model::{EventKind, ReleaseStatus};

/// The embedded default trigger rules.
pub(crate) const DEFAULT_TRIGGERS: &str = include_str!("../../lexicons/event_triggers.tsv");

/// How far (in characters) the tail of a discontinuous pattern may follow its anchor.
pub(crate) const TAIL_WINDOW: usize = 24;

/// Where the main participant of a trigger stands in the active voice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    /// Before the trigger: 加入, 离职, 担任 (the subject).
    Before,
    /// After the trigger: 挖走, 任命, 领导者为 (the object).
    After,
}

/// One trigger row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Trigger {
    pub kind: EventKind,
    pub word: String,
    pub tails: Vec<String>,
    pub status: Option<ReleaseStatus>,
    pub who: Option<Side>,
    /// The trigger takes an organisation right after it (加入X, 离开X, 毕业于X, 创立X).
    pub obj: bool,
    /// The trigger is a post noun (创始人) and may lie inside a title entity.
    pub title: bool,
    pub not_after: Vec<String>,
    pub not_before: Vec<String>,
}

/// A trigger found in a sentence: byte offsets into the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TriggerMatch {
    pub kind: EventKind,
    pub start: usize,
    pub end: usize,
    /// The consumed tail of a discontinuous pattern, if any.
    pub tail: Option<(usize, usize)>,
    pub status: Option<ReleaseStatus>,
    /// Index of the rule in [`EventRules::trigger`].
    pub rule: usize,
}

/// The compiled trigger rules and cue lists.
pub(crate) struct EventRules {
    triggers: Vec<Trigger>,
    /// Rules sharing one anchor word, patterns with tails first.
    groups: Vec<Vec<usize>>,
    automaton: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
    cues: HashMap<String, Vec<String>>,
}

impl std::fmt::Debug for EventRules {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventRules")
            .field("triggers", &self.triggers.len())
            .field("cues", &self.cues.len())
            .finish()
    }
}

fn split_list(s: &str) -> Vec<String> {
    s.split('|').map(str::trim).filter(|w| !w.is_empty()).map(String::from).collect()
}

impl EventRules {
    /// Parses rule files (`(file name, text)`), later files adding to earlier ones.
    pub(crate) fn parse(files: &[(&str, &str)]) -> Result<EventRules, Error> {
        let mut triggers: Vec<Trigger> = Vec::new();
        let mut cues: HashMap<String, Vec<String>> = HashMap::new();
        for (file, text) in files {
            for (n, line) in text.lines().enumerate() {
                let line = line.trim_end_matches('\r');
                if line.trim().is_empty() || line.starts_with('#') {
                    continue;
                }
                let cols: Vec<&str> = line.split('\t').collect();
                let head = cols[0].trim();
                if let Some(cue) = head.strip_prefix('@') {
                    let words = cols.get(1).map(|w| split_list(w)).unwrap_or_default();
                    if cue.is_empty() || words.is_empty() {
                        return Err(Error::lexicon(
                            file,
                            n + 1,
                            "a cue row needs a name and words",
                        ));
                    }
                    cues.entry(cue.to_string()).or_default().extend(words);
                    continue;
                }
                let kind = EventKind::parse(head).ok_or_else(|| {
                    Error::lexicon(file, n + 1, format!("unknown event kind {head:?}"))
                })?;
                let pattern = cols
                    .get(1)
                    .map(|w| w.trim())
                    .filter(|w| !w.is_empty())
                    .ok_or_else(|| Error::lexicon(file, n + 1, "missing trigger word"))?;
                let (word, tails) = match pattern.split_once('…') {
                    Some((a, t)) => (a.trim(), split_list(t)),
                    None => (pattern, Vec::new()),
                };
                if word.is_empty() || (pattern.contains('…') && tails.is_empty()) {
                    return Err(Error::lexicon(file, n + 1, format!("bad pattern {pattern:?}")));
                }
                let mut t = Trigger {
                    kind,
                    word: word.to_string(),
                    tails,
                    status: None,
                    who: None,
                    obj: false,
                    title: false,
                    not_after: Vec::new(),
                    not_before: Vec::new(),
                };
                for kv in cols.get(2).into_iter().flat_map(|a| a.split(';')) {
                    let kv = kv.trim();
                    match kv.split_once('=') {
                        Some(("status", "released")) => t.status = Some(ReleaseStatus::Released),
                        Some(("status", "delayed")) => t.status = Some(ReleaseStatus::Delayed),
                        Some(("status", "planned")) => t.status = Some(ReleaseStatus::Planned),
                        Some(("who", "before")) => t.who = Some(Side::Before),
                        Some(("who", "after")) => t.who = Some(Side::After),
                        Some(("not_after", v)) => t.not_after = split_list(v),
                        Some(("not_before", v)) => t.not_before = split_list(v),
                        None if kv == "obj" => t.obj = true,
                        None if kv == "title" => t.title = true,
                        None if kv.is_empty() => {}
                        _ => {
                            return Err(Error::lexicon(
                                file,
                                n + 1,
                                format!("bad attribute {kv:?}"),
                            ));
                        }
                    }
                }
                triggers.push(t);
            }
        }
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut by_word: HashMap<&str, usize> = HashMap::new();
        for (i, t) in triggers.iter().enumerate() {
            let g = *by_word.entry(t.word.as_str()).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            groups[g].push(i);
        }
        for g in &mut groups {
            // Patterns with tails are tried first; among plain rows a later file wins.
            g.sort_by_key(|&i| (triggers[i].tails.is_empty(), std::cmp::Reverse(i)));
        }
        let automaton = if by_word.is_empty() {
            None
        } else {
            let mut pats: Vec<(&str, u32)> = by_word.iter().map(|(w, &g)| (*w, g as u32)).collect();
            pats.sort();
            Some(
                daachorse::CharwiseDoubleArrayAhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build_with_values(pats)
                    .map_err(|e| Error::lexicon("event_triggers.tsv", 0, e.to_string()))?,
            )
        };
        Ok(EventRules { triggers, groups, automaton, cues })
    }

    /// The rule behind a match.
    pub(crate) fn trigger(&self, i: usize) -> &Trigger {
        &self.triggers[i]
    }

    /// A cue list by name (empty when the rule files define none).
    pub(crate) fn cue(&self, name: &str) -> &[String] {
        self.cues.get(name).map_or(&[], Vec::as_slice)
    }

    /// Kinds of every trigger word in `s`, ignoring contexts and tails (营收 in 营收增长 too):
    /// the happenings a clause mentions.
    pub(crate) fn mentioned_kinds(&self, s: &str) -> Vec<EventKind> {
        let Some(ac) = &self.automaton else { return Vec::new() };
        ac.leftmost_find_iter(s)
            .filter_map(|m| self.groups.get(m.value() as usize)?.first())
            .map(|&i| self.triggers[i].kind)
            .collect()
    }

    /// Whether `text` holds a plain (tail-less) trigger of another kind than `kind`.
    fn other_kind_in(
        &self,
        ac: &CharwiseDoubleArrayAhoCorasick<u32>,
        text: &str,
        kind: EventKind,
    ) -> bool {
        ac.leftmost_find_iter(text).any(|m| {
            self.groups.get(m.value() as usize).is_some_and(|g| {
                g.iter().any(|&i| {
                    let t = &self.triggers[i];
                    t.tails.is_empty() && t.kind != kind
                })
            })
        })
    }

    /// Triggers in `sentence`, leftmost-longest, in order. A pattern's tail is consumed:
    /// no other trigger starts inside it.
    pub(crate) fn triggers(&self, sentence: &str) -> Vec<TriggerMatch> {
        let Some(ac) = &self.automaton else { return Vec::new() };
        let mut out: Vec<TriggerMatch> = Vec::new();
        let mut consumed: Vec<(usize, usize)> = Vec::new();
        for m in ac.leftmost_find_iter(sentence) {
            let (s, e) = (m.start(), m.end());
            if consumed.iter().any(|&(a, b)| a <= s && s < b) {
                continue;
            }
            let Some(group) = self.groups.get(m.value() as usize) else { continue };
            let after = &sentence[e..];
            let before = &sentence[..s];
            for &i in group {
                let t = &self.triggers[i];
                if t.not_after.iter().any(|w| after.starts_with(w.as_str()))
                    || t.not_before.iter().any(|w| before.ends_with(w.as_str()))
                {
                    continue;
                }
                let tail = if t.tails.is_empty() {
                    None
                } else {
                    match find_tail(after, &t.tails) {
                        // A trigger of another kind between (推迟新车交付、裁员…上市) ends
                        // the pattern: two happenings.
                        Some((a, _)) if self.other_kind_in(ac, &after[..a], t.kind) => continue,
                        Some((a, b)) => Some((e + a, e + b)),
                        None => continue,
                    }
                };
                if let Some(tl) = tail {
                    consumed.push(tl);
                }
                out.push(TriggerMatch {
                    kind: t.kind,
                    start: s,
                    end: e,
                    tail,
                    status: t.status,
                    rule: i,
                });
                break;
            }
        }
        out
    }
}

/// The first tail within [`TAIL_WINDOW`] characters of `after`, not crossing a clause
/// break of the strong kind (`;` or `；`).
fn find_tail(after: &str, tails: &[String]) -> Option<(usize, usize)> {
    for (n, (i, c)) in after.char_indices().enumerate() {
        if n > TAIL_WINDOW || matches!(c, ';' | '；') {
            break;
        }
        let rest = &after[i..];
        if let Some(t) = tails.iter().find(|t| rest.starts_with(t.as_str())) {
            return Some((i, i + t.len()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_rules_parse() {
        let r = EventRules::parse(&[("event_triggers.tsv", DEFAULT_TRIGGERS)]).unwrap();
        assert!(!r.cue("exchange").is_empty());
        let s = "奥特曼推迟了开放模型的发布";
        let m = r.triggers(s);
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(&s[m[0].start..m[0].end], "推迟");
        assert_eq!(m[0].status, Some(ReleaseStatus::Delayed));
        // 取得 alone is no trigger; 取得…学位 is.
        assert!(r.triggers("取得了进展").is_empty());
        assert_eq!(r.triggers("取得硕士学位")[0].kind, EventKind::Education);
        // not_after: a listed company is no IPO.
        assert!(r.triggers("上市公司").is_empty());
    }

    #[test]
    fn bad_rows_are_errors() {
        for bad in ["nothing\t发布", "release", "release\t发布\tbogus", "@cue", "release\t推迟…"]
        {
            let e = EventRules::parse(&[("t.tsv", bad)]).unwrap_err();
            assert_eq!(e.location(), Some(("t.tsv", 1)), "{bad}");
        }
    }
}
