//! One sentence seen by the event rules: its clauses, its entities and the small
//! syntactic tests the role rules share (title chains, possessors, foils, cues).

use crate::link::Linked;
use crate::model::EntityKind;
use crate::sentence::Sentence;

use super::rules::EventRules;

/// Characters that end a clause (ASCII forms come from normalisation).
pub(crate) fn is_clause_break(c: char) -> bool {
    matches!(c, ',' | '，' | ';' | '；' | ':' | '：' | '。' | '!' | '！' | '?' | '？')
}

/// A Chinese character (CJK unified ideographs).
fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// Characters that end a segment (a clause group: 分号).
fn is_segment_break(c: char) -> bool {
    matches!(c, ';' | '；')
}

/// Punctuation that may not lie inside a noun phrase (title chains, affiliations).
fn is_phrase_break(c: char) -> bool {
    is_clause_break(c)
        || matches!(c, '“' | '”' | '"' | '《' | '》' | '(' | ')' | '（' | '）' | '「' | '」' | '\n')
}

/// Whether an org with `before` and `after` around it (within its sentence) is cited as the
/// source of the news: 据X报道 / 据X消息, or X获悉 / X讯 opening its clause.
fn is_source(rules: &EventRules, before: &str, after: &str) -> bool {
    let cue = rules.cue("source");
    let next = after.trim_start();
    let after_cue = cue.iter().any(|w| next.starts_with(w.as_str()));
    if !after_cue {
        return false;
    }
    let prev = before.trim_end();
    if prev.ends_with('据') {
        return true;
    }
    let opens = prev.is_empty() || prev.ends_with(is_phrase_break);
    opens && ["获悉", "讯", "独家获悉"].iter().any(|w| next.starts_with(w))
}

/// A sentence with its clauses and entities.
pub(crate) struct Sent<'a> {
    pub text: &'a str,
    pub s: Sentence,
    pub entities: &'a [Linked],
    pub rules: &'a EventRules,
    /// Indices (into `entities`) of the entities of the sentence usable as arguments, by start.
    pub ents: Vec<usize>,
    /// Clause byte ranges (the break character excluded).
    pub clauses: Vec<(usize, usize)>,
    /// Segment index of each clause.
    pub clause_seg: Vec<usize>,
    /// Orgs positioned as investors (computed once, on first use).
    pub investors: std::cell::OnceCell<Vec<usize>>,
}

impl<'a> Sent<'a> {
    pub(crate) fn new(
        text: &'a str,
        s: Sentence,
        entities: &'a [Linked],
        rules: &'a EventRules,
    ) -> Sent<'a> {
        let first = entities.partition_point(|e| e.start < s.start);
        let last = entities.partition_point(|e| e.start < s.end);
        let mut ents = Vec::new();
        for i in first..last {
            let e = &entities[i];
            if e.end > s.end || e.start >= e.end {
                continue;
            }
            let before = &text[s.start..e.start];
            let after = &text[e.end..s.end];
            // A publication in 《》 is a source, never a participant.
            if e.kind == EntityKind::Org && before.ends_with('《') && after.starts_with('》') {
                continue;
            }
            // The source of the news (据新浪财经报道, 36氪获悉) is no participant.
            if e.kind == EntityKind::Org && is_source(rules, before, after) {
                continue;
            }
            // A name in parentheses right after the same entity is an alias mention.
            if (before.ends_with('(') || before.ends_with('（'))
                && (after.starts_with(')') || after.starts_with('）'))
            {
                if let Some(&p) = ents.last() {
                    let prev: &Linked = &entities[p];
                    let open = e.start - if before.ends_with('(') { 1 } else { '（'.len_utf8() };
                    if prev.kind == e.kind && prev.end == open {
                        continue;
                    }
                }
            }
            ents.push(i);
        }
        let mut clauses = Vec::new();
        let mut clause_seg = Vec::new();
        let mut seg = 0;
        let mut start = s.start;
        let stext = &text[s.start..s.end];
        let mut prev = '\0';
        for (i, c) in stext.char_indices() {
            // A space between two Chinese characters separates headline clauses
            // (高子墨被免职 首席财务官罗建平将退休).
            let gap = matches!(c, ' ' | '\u{3000}')
                && is_han(prev)
                && stext[i + c.len_utf8()..].chars().next().is_some_and(is_han);
            prev = c;
            if is_clause_break(c) || gap {
                let at = s.start + i;
                if at > start {
                    clauses.push((start, at));
                    clause_seg.push(seg);
                }
                if is_segment_break(c) {
                    seg += 1;
                }
                start = at + c.len_utf8();
            }
        }
        if s.end > start {
            clauses.push((start, s.end));
            clause_seg.push(seg);
        }
        if clauses.is_empty() {
            clauses.push((s.start, s.end));
            clause_seg.push(0);
        }
        Sent { text, s, entities, rules, ents, clauses, clause_seg, investors: Default::default() }
    }

    pub(crate) fn e(&self, i: usize) -> &'a Linked {
        &self.entities[i]
    }

    pub(crate) fn kind(&self, i: usize) -> EntityKind {
        self.entities[i].kind
    }

    /// The text between two byte offsets (empty when out of order).
    pub(crate) fn between(&self, a: usize, b: usize) -> &'a str {
        if a < b { self.text.get(a..b).unwrap_or("") } else { "" }
    }

    /// The clause holding byte offset `pos`.
    pub(crate) fn clause_of(&self, pos: usize) -> usize {
        let i = self.clauses.partition_point(|&(s, _)| s <= pos);
        i.saturating_sub(1)
    }

    pub(crate) fn seg_of_clause(&self, c: usize) -> usize {
        self.clause_seg.get(c).copied().unwrap_or(0)
    }

    /// Entities of `kinds` lying inside `[a, b)`, in order.
    pub(crate) fn ents_in(&self, a: usize, b: usize, kinds: &[EntityKind]) -> Vec<usize> {
        // `ents` is sorted by start and holds no empty entity: skip to the first one
        // starting at `a` or later and stop at the first one starting at `b` or later.
        let k = self.ents.partition_point(|&i| self.entities[i].start < a);
        let mut out = Vec::new();
        for &i in &self.ents[k..] {
            let e = &self.entities[i];
            if e.start >= b {
                break;
            }
            if e.end <= b && kinds.contains(&e.kind) {
                out.push(i);
            }
        }
        out
    }

    /// Whether the text ending at `pos` (inside the sentence) ends with a word of cue list `cue`.
    pub(crate) fn ends_with_cue(&self, pos: usize, cue: &str) -> bool {
        let before = self.between(self.s.start, pos);
        self.rules.cue(cue).iter().any(|w| before.ends_with(w.as_str()))
    }

    /// Whether the text starting at `pos` starts with a word of cue list `cue`.
    pub(crate) fn starts_with_cue(&self, pos: usize, cue: &str) -> bool {
        let after = self.between(pos, self.s.end);
        self.rules.cue(cue).iter().any(|w| after.starts_with(w.as_str()))
    }

    /// Whether `[a, b)` contains a word of cue list `cue`.
    pub(crate) fn has_cue(&self, a: usize, b: usize, cue: &str) -> bool {
        let t = self.between(a, b);
        self.rules.cue(cue).iter().any(|w| t.contains(w.as_str()))
    }

    /// The first occurrence of a word of `cue` in `[a, b)`: (start, end).
    pub(crate) fn find_cue(&self, a: usize, b: usize, cue: &str) -> Option<(usize, usize)> {
        let t = self.between(a, b);
        self.rules
            .cue(cue)
            .iter()
            .filter_map(|w| t.find(w.as_str()).map(|i| (a + i, a + i + w.len())))
            .min_by_key(|&(s, e)| (s, std::cmp::Reverse(e)))
    }

    /// Whether an org names a stock exchange.
    pub(crate) fn is_exchange(&self, i: usize) -> bool {
        let e = self.e(i);
        if e.kind != EntityKind::Org {
            return false;
        }
        let surface = self.between(e.start, e.end);
        let canon = e.canonical.as_deref().unwrap_or("");
        self.rules
            .cue("exchange")
            .iter()
            .any(|w| surface.contains(w.as_str()) || canon.contains(w.as_str()))
    }

    /// A person right before an org or product (马斯克xAI公司, 奥特曼的OpenAI): a possessor.
    pub(crate) fn is_possessor(&self, i: usize) -> bool {
        let e = self.e(i);
        if e.kind != EntityKind::Person {
            return false;
        }
        self.ents.iter().any(|&j| {
            let f = self.e(j);
            matches!(f.kind, EntityKind::Org | EntityKind::Product)
                && f.start >= e.end
                && matches!(self.between(e.end, f.start), "" | "的")
        })
    }

    /// An entity compared with (与足球明星C罗做了对比): a foil, no participant.
    pub(crate) fn is_foil(&self, i: usize) -> bool {
        let e = self.e(i);
        let c = self.clauses[self.clause_of(e.start)];
        if !self.has_cue(e.end, c.1, "compare") {
            return false;
        }
        let before = self.between(c.0, e.start);
        let Some(k) = before.rfind(['与', '跟', '同']) else { return false };
        let gap = &before[k..];
        gap.chars().count() <= 8
            && !self.ents.iter().any(|&j| {
                let f = self.e(j);
                j != i && f.start >= c.0 + k && f.end <= e.start && f.kind != EntityKind::Title
            })
    }

    /// A usable person: not a possessor, not a foil.
    pub(crate) fn is_actor(&self, i: usize) -> bool {
        self.kind(i) == EntityKind::Person && !self.is_possessor(i) && !self.is_foil(i)
    }

    /// Position of entity `i` in `ents`.
    fn pos(&self, i: usize) -> Option<usize> {
        self.ents.iter().position(|&j| j == i)
    }

    /// Titles written right before entity `i` (CEO奥特曼; 飞梭科技国际业务负责人、高级副总裁周岚),
    /// nearest first, and the organisation heading that chain, if any.
    pub(crate) fn chain_left(&self, i: usize) -> (Vec<usize>, Option<usize>) {
        let mut titles = Vec::new();
        let mut org = None;
        let Some(k) = self.pos(i) else { return (titles, org) };
        let mut cur = self.e(i).start;
        // A post without a name heads its own chain (京东上一任首席技术官).
        let from_title = self.kind(i) == EntityKind::Title;
        // 首席财务官、现年62岁的罗建平: an age between post and name.
        if !from_title {
            let before = self.between(self.s.start, cur);
            if let Some(app) = before.strip_suffix('的').and_then(|b| b.rsplit_once('、')) {
                let (head, app) = app;
                let age =
                    ["现年", "今年", "年仅", "时年", "年近"].iter().any(|w| app.starts_with(w))
                        && app.ends_with('岁')
                        && app.chars().count() <= 8;
                if age {
                    cur = self.s.start + head.len();
                }
            }
        }
        for &j in self.ents[..k].iter().rev() {
            let f = self.e(j);
            if f.end > cur {
                continue;
            }
            let gap = self.between(f.end, cur);
            let gap_t = gap.trim();
            match f.kind {
                EntityKind::Title
                    if (titles.is_empty() && gap_t.is_empty())
                        || (!titles.is_empty()
                            && matches!(gap_t, "" | "、" | "兼" | "和" | "及" | "/")) =>
                {
                    titles.push(j);
                    cur = f.start;
                }
                EntityKind::Org
                    if gap.chars().count() <= 8
                        && !gap.chars().any(is_phrase_break)
                        && (from_title || !titles.is_empty() || matches!(gap_t, "" | "的")) =>
                {
                    org = Some(j);
                    break;
                }
                _ => break,
            }
        }
        (titles, org)
    }

    /// Whether org `i` heads a post (谷歌首席科学家…, 甲骨文前副总裁田牧之): an affiliation.
    pub(crate) fn is_affiliation(&self, i: usize) -> bool {
        let e = self.e(i);
        if e.kind != EntityKind::Org {
            return false;
        }
        // 字节跳动前高管, 谷歌的工程师: staff of the org.
        let after = self.between(e.end, self.s.end);
        let after = after.trim_start_matches(['前', '原', '的']);
        if self.rules.cue("staff").iter().any(|w| after.starts_with(w.as_str())) {
            return true;
        }
        // The first entity after it must be the post, with a short gap that is no verb
        // phrase (在谷歌担任研究科学家 names a workplace, not an affiliation).
        let Some(&j) = self.ents.iter().find(|&&j| self.e(j).start >= e.end) else {
            return false;
        };
        let f = self.e(j);
        let gap = self.between(e.end, f.start);
        f.kind == EntityKind::Title
            && gap.chars().count() <= 8
            && !gap
                .chars()
                .any(|c| is_phrase_break(c) || matches!(c, '任' | '是' | '为' | '在' | '于'))
    }

    /// Persons before `pos` in its clause (usable ones); when there are none, or the clause
    /// opens with 与/和/同/跟 (与X共同创立: the subject stands earlier), also those of the
    /// nearest earlier clause that has any.
    pub(crate) fn subject_persons(&self, pos: usize) -> Vec<usize> {
        let ci = self.clause_of(pos);
        let (cs, _) = self.clauses[ci];
        let mut ps: Vec<usize> = self
            .ents_in(cs, pos, &[EntityKind::Person])
            .into_iter()
            .filter(|&i| self.is_actor(i) && !self.is_predecessor(i))
            .collect();
        let comitative = self.between(cs, pos).trim_start().starts_with(['与', '和', '同', '跟']);
        if ps.is_empty() || comitative {
            for cj in (0..ci).rev() {
                let (a, b) = self.clauses[cj];
                if self.between(a, b).trim_start().starts_with("除") {
                    continue;
                }
                let q: Vec<usize> = self
                    .ents_in(a, b, &[EntityKind::Person])
                    .into_iter()
                    .filter(|&i| self.is_actor(i))
                    .collect();
                if !q.is_empty() {
                    ps.splice(0..0, q);
                    break;
                }
            }
        }
        ps
    }

    /// A person right after 接替/取代 (接替库克出任CEO): the predecessor, not the subject.
    pub(crate) fn is_predecessor(&self, i: usize) -> bool {
        let e = self.e(i);
        let (cs, _) = self.clauses[self.clause_of(e.start)];
        self.rules.cue("succeed").iter().any(|w| self.between(cs, e.start).ends_with(w.as_str()))
    }

    /// Persons named in a clause opening with 除了/除 before the trigger's clause, when the
    /// trigger's clause says 也/同样 (除了X，Y也被挖角: X is hired too).
    pub(crate) fn also_persons(&self, pos: usize) -> Vec<usize> {
        let ci = self.clause_of(pos);
        let (cs, _) = self.clauses[ci];
        if !self.has_cue(cs, pos, "also") {
            return Vec::new();
        }
        let mut out = Vec::new();
        for cj in 0..ci {
            let (a, b) = self.clauses[cj];
            if self.between(a, b).trim_start().starts_with("除") {
                out.extend(self.ents_in(a, b, &[EntityKind::Person]));
            }
        }
        out
    }

    /// Orgs usable as a participant (no exchange).
    pub(crate) fn is_plain_org(&self, i: usize) -> bool {
        self.kind(i) == EntityKind::Org && !self.is_exchange(i)
    }

    /// The nearest usable org before `pos` in the sentence, skipping `skip`; orgs heading a
    /// post (affiliations) only when nothing else is there.
    pub(crate) fn org_before(&self, pos: usize, skip: &[usize]) -> Option<usize> {
        let cands: Vec<usize> = self
            .ents_in(self.s.start, pos, &[EntityKind::Org])
            .into_iter()
            .filter(|&i| self.is_plain_org(i) && !skip.contains(&i))
            .collect();
        cands.iter().rev().copied().find(|&i| !self.is_affiliation(i)).or(cands.last().copied())
    }

    /// The first entity of `kinds` after `pos` in the clause.
    pub(crate) fn first_after(&self, pos: usize, kinds: &[EntityKind]) -> Option<usize> {
        let (_, ce) = self.clauses[self.clause_of(pos)];
        self.ents_in(pos, ce, kinds).into_iter().next()
    }
}
