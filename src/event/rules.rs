//! Event trigger rules: `lexicons/event_triggers.tsv`, `kind<TAB>trigger<TAB>attrs`.

use daachorse::CharwiseDoubleArrayAhoCorasick;
use daachorse::MatchKind;

use crate::error::Error;
use crate::model::{EventKind, ReleaseStatus};

/// The embedded default trigger rules.
pub(crate) const DEFAULT_TRIGGERS: &str = include_str!("../../lexicons/event_triggers.tsv");

/// One trigger word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Trigger {
    pub kind: EventKind,
    pub word: String,
    pub status: Option<ReleaseStatus>,
}

/// A trigger found in a sentence: byte offsets into the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TriggerMatch {
    pub kind: EventKind,
    pub start: usize,
    pub end: usize,
    pub status: Option<ReleaseStatus>,
}

/// The compiled trigger rules.
pub(crate) struct EventRules {
    triggers: Vec<Trigger>,
    automaton: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
}

impl std::fmt::Debug for EventRules {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventRules").field("triggers", &self.triggers.len()).finish()
    }
}

impl EventRules {
    /// Parses rule files (`(file name, text)`), later files adding to earlier ones.
    pub(crate) fn parse(files: &[(&str, &str)]) -> Result<EventRules, Error> {
        let mut triggers = Vec::new();
        for (file, text) in files {
            for (n, line) in text.lines().enumerate() {
                let line = line.trim_end_matches('\r');
                if line.trim().is_empty() || line.starts_with('#') {
                    continue;
                }
                let cols: Vec<&str> = line.split('\t').collect();
                let kind = EventKind::parse(cols[0].trim()).ok_or_else(|| {
                    Error::lexicon(file, n + 1, format!("unknown event kind {:?}", cols[0]))
                })?;
                let word = cols
                    .get(1)
                    .map(|w| w.trim())
                    .filter(|w| !w.is_empty())
                    .ok_or_else(|| Error::lexicon(file, n + 1, "missing trigger word"))?;
                let mut status = None;
                for kv in cols.get(2).into_iter().flat_map(|a| a.split(';')) {
                    match kv.trim().split_once('=') {
                        Some(("status", "released")) => status = Some(ReleaseStatus::Released),
                        Some(("status", "delayed")) => status = Some(ReleaseStatus::Delayed),
                        Some(("status", "planned")) => status = Some(ReleaseStatus::Planned),
                        Some(_) => {}
                        None if kv.trim().is_empty() => {}
                        None => {
                            return Err(Error::lexicon(
                                file,
                                n + 1,
                                format!("bad attribute {kv:?}"),
                            ));
                        }
                    }
                }
                triggers.push(Trigger { kind, word: word.to_string(), status });
            }
        }
        let automaton = if triggers.is_empty() {
            None
        } else {
            let mut seen = std::collections::HashSet::new();
            let pats: Vec<(&str, u32)> = triggers
                .iter()
                .enumerate()
                .filter(|(_, t)| seen.insert(t.word.as_str()))
                .map(|(i, t)| (t.word.as_str(), i as u32))
                .collect();
            Some(
                daachorse::CharwiseDoubleArrayAhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build_with_values(pats)
                    .map_err(|e| Error::lexicon("event_triggers.tsv", 0, e.to_string()))?,
            )
        };
        Ok(EventRules { triggers, automaton })
    }

    /// Trigger words in `sentence`, leftmost-longest, in order.
    pub(crate) fn triggers(&self, sentence: &str) -> Vec<TriggerMatch> {
        let Some(ac) = &self.automaton else { return Vec::new() };
        ac.leftmost_find_iter(sentence)
            .map(|m| {
                let t = &self.triggers[m.value() as usize];
                TriggerMatch { kind: t.kind, start: m.start(), end: m.end(), status: t.status }
            })
            .collect()
    }
}
