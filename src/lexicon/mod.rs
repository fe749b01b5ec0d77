//! Lexicons: named entities, titles, places and surnames from plain TSV files (see
//! `lexicons/README.md`), matched over the whole text in one automaton scan.

mod embedded;
mod parse;

use std::collections::{HashMap, HashSet};

use daachorse::CharwiseDoubleArrayAhoCorasick;

pub(crate) use embedded::default_sources;
pub(crate) use parse::parse_tsv;

use crate::error::Error;
use crate::model::EntityKind;

/// What a lexicon entry names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LexKind {
    /// A person.
    Person,
    /// An organisation.
    Org,
    /// A product.
    Product,
    /// A title.
    Title,
    /// A place.
    Location,
    /// A Chinese surname (single or compound).
    Surname,
}

impl LexKind {
    pub(crate) fn parse(s: &str) -> Option<LexKind> {
        Some(match s {
            "person" => LexKind::Person,
            "org" => LexKind::Org,
            "product" => LexKind::Product,
            "title" => LexKind::Title,
            "location" => LexKind::Location,
            "surname" => LexKind::Surname,
            _ => return None,
        })
    }

    /// The entity kind this lexicon kind tags, if any.
    pub fn entity_kind(&self) -> Option<EntityKind> {
        Some(match self {
            LexKind::Person => EntityKind::Person,
            LexKind::Org => EntityKind::Org,
            LexKind::Product => EntityKind::Product,
            LexKind::Title => EntityKind::Title,
            LexKind::Location => EntityKind::Location,
            LexKind::Surname => return None,
        })
    }
}

/// One lexicon line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// What it names.
    pub kind: LexKind,
    /// Canonical name.
    pub name: String,
    /// Other surface forms.
    pub aliases: Vec<String>,
    /// `key=value` attributes.
    pub attrs: Vec<(String, String)>,
}

impl Entry {
    /// The value of attribute `key`.
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// True when the name is also an everyday word and needs supporting context.
    pub fn is_ambiguous(&self) -> bool {
        self.attr("ambiguous").is_some_and(|v| v == "1" || v == "true")
    }

    /// The other kind the same string can name (`also=product`).
    pub fn also(&self) -> Option<LexKind> {
        self.attr("also").and_then(LexKind::parse)
    }

    /// All surface forms: the name, then the aliases.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// One match of a lexicon form in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Byte offset of the match in the normalised text.
    pub start: usize,
    /// Byte offset one past the match.
    pub end: usize,
    /// Index into [`Lexicon::hit_entries`].
    pattern: u32,
}

/// Lexicon sources to build from, merged in order (later entries with the same kind and
/// name replace earlier ones).
#[derive(Debug, Default, Clone)]
pub(crate) struct Sources {
    pub entries: Vec<Entry>,
    pub translit: String,
}

impl Sources {
    pub(crate) fn add_tsv(&mut self, file: &str, text: &str) -> Result<(), Error> {
        self.entries.extend(parse_tsv(file, text)?);
        Ok(())
    }
}

/// The compiled lexicons: entries, one automaton over all their forms, and the character
/// sets the name rules use.
pub struct Lexicon {
    entries: Vec<Entry>,
    automaton: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
    /// For every distinct pattern: the entries it names.
    patterns: Vec<Vec<u32>>,
    surnames: HashSet<String>,
    /// Bitmap over the common CJK block: the characters some surname begins with.
    surname_starts: Vec<u64>,
    translit: HashSet<char>,
    /// Canonical name → entry index, per kind.
    by_name: HashMap<(LexKind, String), u32>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon").field("entries", &self.entries.len()).finish()
    }
}

impl Lexicon {
    pub(crate) fn build(sources: Sources) -> Result<Lexicon, Error> {
        // Merge: a later entry with the same kind and name replaces an earlier one.
        let mut by_name: HashMap<(LexKind, String), u32> = HashMap::new();
        let mut entries: Vec<Entry> = Vec::with_capacity(sources.entries.len());
        for e in sources.entries {
            match by_name.get(&(e.kind, e.name.clone())) {
                Some(&i) => entries[i as usize] = e,
                None => {
                    by_name.insert((e.kind, e.name.clone()), entries.len() as u32);
                    entries.push(e);
                }
            }
        }
        let mut surnames = HashSet::new();
        let mut pattern_ids: HashMap<&str, u32> = HashMap::new();
        let mut patterns: Vec<Vec<u32>> = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            if e.kind == LexKind::Surname {
                surnames.insert(e.name.clone());
                continue;
            }
            for form in e.forms() {
                if form.is_empty() {
                    continue;
                }
                let id = *pattern_ids.entry(form).or_insert_with(|| {
                    patterns.push(Vec::new());
                    (patterns.len() - 1) as u32
                });
                let list = &mut patterns[id as usize];
                if !list.contains(&(i as u32)) {
                    list.push(i as u32);
                }
            }
        }
        let automaton = if pattern_ids.is_empty() {
            None
        } else {
            let mut pv: Vec<(&str, u32)> = pattern_ids.into_iter().collect();
            pv.sort_unstable();
            Some(
                CharwiseDoubleArrayAhoCorasick::with_values(pv)
                    .map_err(|e| Error::lexicon("<lexicons>", 0, e.to_string()))?,
            )
        };
        let translit = sources.translit.chars().filter(|c| !c.is_whitespace()).collect();
        let mut surname_starts = vec![0u64; CJK_LEN.div_ceil(64)];
        for s in &surnames {
            if let Some(k) = s.chars().next().and_then(cjk_index) {
                surname_starts[k / 64] |= 1 << (k % 64);
            }
        }
        Ok(Lexicon { entries, automaton, patterns, surnames, surname_starts, translit, by_name })
    }

    /// All entries.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Every match of every form in `text` (overlapping ones included), sorted by start then
    /// longest first. A form that begins or ends with a Latin letter or digit only matches
    /// where the text has no letter or digit right beside it (`Meta` not in `Metaverse`).
    pub fn scan(&self, text: &str) -> Vec<Hit> {
        let Some(ac) = &self.automaton else { return Vec::new() };
        let bytes = text.as_bytes();
        let mut hits: Vec<Hit> = ac
            .find_overlapping_iter(text)
            .filter(|m| {
                let (s, e) = (m.start(), m.end());
                let alnum = |b: u8| b.is_ascii_alphanumeric();
                let glued_left = s > 0 && alnum(bytes[s]) && alnum(bytes[s - 1]);
                let glued_right = e < bytes.len() && alnum(bytes[e - 1]) && alnum(bytes[e]);
                !glued_left && !glued_right
            })
            .map(|m| Hit { start: m.start(), end: m.end(), pattern: m.value() })
            .collect();
        hits.sort_unstable_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        hits
    }

    /// The entries a hit names (several when one string names several things).
    pub fn hit_entries(&self, hit: &Hit) -> impl Iterator<Item = &Entry> {
        self.patterns[hit.pattern as usize].iter().map(|&i| &self.entries[i as usize])
    }

    /// The entry of this kind with this canonical name.
    pub fn get(&self, kind: LexKind, name: &str) -> Option<&Entry> {
        self.by_name.get(&(kind, name.to_string())).map(|&i| &self.entries[i as usize])
    }

    /// The entries of `kind` that have `form` as name or alias.
    pub fn lookup<'a>(&'a self, form: &str, kind: LexKind) -> Option<&'a Entry> {
        let ac = self.automaton.as_ref()?;
        // An exact lookup through the automaton: a match spanning the whole string.
        ac.find_overlapping_iter(form)
            .filter(|m| m.start() == 0 && m.end() == form.len())
            .flat_map(|m| self.patterns[m.value() as usize].iter())
            .map(|&i| &self.entries[i as usize])
            .find(|e| e.kind == kind)
    }

    /// True when `s` is a surname in the lexicon (single or compound).
    pub fn is_surname(&self, s: &str) -> bool {
        self.surnames.contains(s)
    }

    /// How common a surname is (`high`, `mid`, `low`: the `freq` attribute), if it is one.
    pub fn surname_freq(&self, s: &str) -> Option<&str> {
        self.get(LexKind::Surname, s).map(|e| e.attr("freq").unwrap_or("low"))
    }

    /// True when some surname (single or compound) begins with `c`: a cheap test before
    /// [`Lexicon::is_surname`].
    pub fn is_surname_start(&self, c: char) -> bool {
        cjk_index(c).is_some_and(|k| self.surname_starts[k / 64] & (1 << (k % 64)) != 0)
    }

    /// True when `c` is used in transliterations of foreign names.
    pub fn is_translit_char(&self, c: char) -> bool {
        self.translit.contains(&c)
    }

    /// Every name and alias, with the jieba POS tag it should get, for the segmenter.
    pub fn words(&self) -> impl Iterator<Item = (&str, Option<&'static str>)> {
        self.entries.iter().flat_map(|e| {
            let tag = match e.kind {
                LexKind::Person => Some("nr"),
                LexKind::Org => Some("nt"),
                LexKind::Location => Some("ns"),
                LexKind::Product => Some("nz"),
                LexKind::Title => Some("n"),
                LexKind::Surname => None,
            };
            e.forms().filter(move |_| tag.is_some()).map(move |f| (f, tag))
        })
    }
}

/// Size of the common CJK block (U+4E00..=U+9FFF) the surname bitmap covers.
const CJK_LEN: usize = 0x9FFF - 0x4E00 + 1;

fn cjk_index(c: char) -> Option<usize> {
    let k = (c as usize).checked_sub(0x4E00)?;
    (k < CJK_LEN).then_some(k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex(tsv: &str) -> Lexicon {
        let mut s = Sources::default();
        s.add_tsv("test.tsv", tsv).unwrap();
        Lexicon::build(s).unwrap()
    }

    #[test]
    fn scan_respects_latin_boundaries() {
        let l = lex("org\tMeta\t\norg\t谷歌\tGoogle|谷歌公司\n");
        let t = "Meta和Metaverse，谷歌公司与Google";
        let hits: Vec<&str> = l.scan(t).iter().map(|h| &t[h.start..h.end]).collect();
        assert_eq!(hits, ["Meta", "谷歌公司", "谷歌", "Google"]);
        let h = l.scan(t)[1];
        assert_eq!(l.hit_entries(&h).next().unwrap().name, "谷歌");
    }

    #[test]
    fn later_entries_replace_earlier() {
        let l = lex("org\t谷歌\tGoogle\norg\t谷歌\tAlphabet旗下谷歌\n");
        assert_eq!(l.entries().len(), 1);
        assert!(l.lookup("Google", LexKind::Org).is_none());
        assert!(l.lookup("Alphabet旗下谷歌", LexKind::Org).is_some());
    }
}
