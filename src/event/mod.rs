//! Stage 6: events. Trigger words and patterns (from `lexicons/event_triggers.tsv`) found
//! in a sentence start events; role rules (`roles.rs`) fill their roles from the entities
//! of that sentence by the syntax around the trigger; dates attach by clause; events of
//! one happening merge; events without their core argument are dropped.

mod roles;
mod rules;
mod sent;

#[cfg(test)]
mod isolation;

pub(crate) use rules::DEFAULT_TRIGGERS;

pub(crate) use rules::EventRules;

use crate::link::Linked;
use crate::model::{EntityKind, EventKind, ReleaseStatus, Role, Value};
use crate::sentence::Sentence;

use roles::Draft;
use rules::TriggerMatch;
use sent::Sent;

/// What an argument points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum ArgRef {
    /// An entity, by index into the linked entities.
    Entity(usize),
    /// A span of the normalised text (round, metric, degree).
    Text(usize, usize),
}

/// An event before serialisation: offsets into the normalised text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawEvent {
    pub kind: EventKind,
    pub trigger: (usize, usize),
    pub sentence: Sentence,
    pub args: Vec<(Role, ArgRef)>,
    pub status: Option<ReleaseStatus>,
}

/// At most this many triggers per sentence are read, and sentences with more entities than
/// [`MAX_ENTITIES`] are skipped: the role rules compare entities pairwise within a sentence,
/// so these bounds keep the stage linear in the text on pathological input (a list with no
/// punctuation is no prose with events anyway).
const MAX_TRIGGERS: usize = 64;
const MAX_ENTITIES: usize = 200;

/// Finds the events of every sentence.
pub(crate) fn extract(
    text: &str,
    sentences: &[Sentence],
    entities: &[Linked],
    rules: &EventRules,
) -> Vec<RawEvent> {
    let mut out = Vec::new();
    for s in sentences {
        let (Some(stext), true) = (text.get(s.start..s.end), s.start <= s.end) else { continue };
        let first = entities.partition_point(|e| e.start < s.start);
        let last = entities.partition_point(|e| e.start < s.end);
        let in_sentence = &entities[first..last];
        if in_sentence.len() > MAX_ENTITIES {
            continue;
        }
        let mut all: Vec<TriggerMatch> = Vec::new();
        for mut t in rules.triggers(stext) {
            t.start += s.start;
            t.end += s.start;
            t.tail = t.tail.map(|(a, b)| (a + s.start, b + s.start));
            let post = rules.trigger(t.rule).title;
            // A trigger inside an entity (薪酬 in a title, 上市 in a name) is no trigger;
            // a post noun (创始人) may be (part of) a title.
            let inside = in_sentence.iter().any(|e| {
                e.start < t.end && t.start < e.end && !(post && e.kind == EntityKind::Title)
            });
            let at = (t.start - s.start, t.end - s.start);
            if !inside
                && !in_book_title(stext, at.0)
                && !in_short_quote(stext, at)
                && !negated(rules, stext, &t, s.start)
            {
                all.push(t);
            }
            if all.len() >= MAX_TRIGGERS {
                break;
            }
        }
        if all.is_empty() {
            continue;
        }
        let x = Sent::new(text, *s, entities, rules);
        let mut st = roles::State::default();
        let mut drafts = Vec::new();
        for m in &all {
            if st.absorbed.contains(&m.start) {
                continue;
            }
            drafts.extend(roles::build(&x, m, &all, &mut st));
        }
        attach_dates(&x, &all, &mut drafts);
        for d in merge(&x, drafts) {
            if let Some(ev) = finish(&x, d) {
                out.push(ev);
            }
        }
    }
    out.sort_by(|a, b| a.trigger.cmp(&b.trigger).then(a.kind.cmp(&b.kind)));
    out
}

/// Whether sentence offset `pos` lies inside a 《…》 title (《终止上市事先告知书》): the name of
/// a document or publication, no happening.
fn in_book_title(stext: &str, pos: usize) -> bool {
    let before = stext.get(..pos).unwrap_or("");
    match before.rfind('《') {
        Some(k) => !before[k..].contains('》'),
        None => false,
    }
}

/// Whether sentence span `(a, b)` lies inside a short quoted term (“圆形融资”): a name for a
/// notion, no happening.
fn in_short_quote(stext: &str, (a, b): (usize, usize)) -> bool {
    const MAX: usize = 10;
    let (Some(before), Some(after)) = (stext.get(..a), stext.get(b..)) else { return false };
    let open = before.rfind(['“', '"', '「']);
    let Some(k) = open else { return false };
    let inner_before = &before[k..];
    let q = inner_before.chars().next().unwrap_or('"');
    let close = match q {
        '“' => '”',
        '「' => '」',
        _ => '"',
    };
    if inner_before[q.len_utf8()..].contains(close) {
        return false;
    }
    if q == '"' && before[..k].matches('"').count() % 2 == 1 {
        return false;
    }
    let Some(j) = after.find(close) else { return false };
    let len = inner_before.chars().count() - 1
        + stext.get(a..b).map_or(0, |t| t.chars().count())
        + after[..j].chars().count();
    len <= MAX
}

/// Whether a negation stands right before the trigger (没有被任命, 并未离职, 否认将收购).
fn negated(rules: &EventRules, stext: &str, t: &TriggerMatch, s_start: usize) -> bool {
    let before = stext.get(..t.start - s_start).unwrap_or("");
    let before = before.trim_end();
    let before = before.strip_suffix('被').unwrap_or(before);
    let before = before.strip_suffix('将').unwrap_or(before);
    let before = before.strip_suffix(['已', '曾']).unwrap_or(before);
    rules.cue("negation").iter().any(|w| before.ends_with(w.as_str()))
}

/// Whether date `d` is a plan the text says was replaced (由原定的今年第三季度推迟至…): no
/// event date.
fn superseded(x: &Sent, d: usize) -> bool {
    let before = x.between(x.s.start, x.e(d).start);
    let before = before.trim_end_matches(['的', '于', '在', ' ']);
    x.rules.cue("superseded").iter().any(|w| before.ends_with(w.as_str()))
}

/// Whether date `i`, after the trigger in its clause, dates another predicate: a new
/// participant stands between and a word of another event kind follows the date
/// (高子墨被免职与鲸跃云去年营收增速放缓有关).
fn foreign_date(x: &Sent, d: &Draft, i: usize) -> bool {
    const LOOK: usize = 6;
    let e = x.e(i);
    if e.start < d.trigger.1 {
        return false;
    }
    let party = !x.ents_in(d.trigger.1, e.start, &[EntityKind::Person, EntityKind::Org]).is_empty();
    if !party {
        return false;
    }
    let after = x.between(e.end, x.s.end);
    let next = after.char_indices().nth(LOOK).map_or(after, |(k, _)| &after[..k]);
    x.rules.mentioned_kinds(next).iter().any(|&k| k != d.kind)
}

/// Whether events of `kind` take a date (SPEC's role table).
fn has_date_role(kind: EventKind) -> bool {
    kind != EventKind::Cost
}

/// Dates: the trigger's own clause; else a sentence-opening date clause (2023年11月，…);
/// else the nearest earlier dated clause, unless the trigger's clause says its time differs
/// (随后, 此前, 曾…) or that clause's date belongs to an event of another kind.
fn attach_dates(x: &Sent, all: &[TriggerMatch], drafts: &mut [Draft]) {
    let dates: Vec<usize> = x
        .ents_in(x.s.start, x.s.end, &[EntityKind::Date])
        .into_iter()
        .filter(|&d| !x.starts_with_cue(x.e(d).end, "period") && !superseded(x, d))
        .collect();
    if dates.is_empty() {
        return;
    }
    let in_clause = |c: usize| -> Vec<usize> {
        let (a, b) = x.clauses[c];
        dates.iter().copied().filter(|&d| x.e(d).start >= a && x.e(d).end <= b).collect()
    };
    let initial = {
        let (a, b) = x.clauses[0];
        let ds = in_clause(0);
        let mut rest = String::new();
        let mut p = a;
        for &d in &ds {
            rest.push_str(x.between(p, x.e(d).start));
            p = x.e(d).end;
        }
        rest.push_str(x.between(p, b));
        let rest = rest.trim().trim_start_matches(['在', '于']).trim();
        (ds.len() == 1 && rest.is_empty() && !all.iter().any(|t| t.start >= a && t.start < b))
            .then(|| ds[0])
    };
    for d in drafts.iter_mut() {
        if !has_date_role(d.kind) || d.stative || d.has(Role::Date) {
            continue;
        }
        let ci = x.clause_of(d.trigger.0);
        let own = in_clause(ci).into_iter().filter(|&i| !foreign_date(x, d, i)).min_by_key(|&i| {
            let e = x.e(i);
            if e.end <= d.trigger.0 {
                d.trigger.0 - e.end
            } else {
                e.start - d.trigger.1.min(e.start)
            }
        });
        let date = own.or_else(|| {
            let (cs, _) = x.clauses[ci];
            if d.relative || x.has_cue(cs, d.trigger.0, "blocker") {
                return None;
            }
            if initial.is_some() {
                return initial;
            }
            if x.has_cue(cs, d.trigger.0, "sequence") {
                return None;
            }
            let cj = (0..ci).rev().find(|&c| !in_clause(c).is_empty())?;
            let (a, b) = x.clauses[cj];
            // A valuation after a round (完成B轮融资，估值达到80亿美元) is dated by it.
            let valuation =
                d.kind == EventKind::Financials && x.between(d.trigger.0, d.trigger.1) == "估值";
            let differs = |k: EventKind| k != d.kind && !(valuation && k == EventKind::Funding);
            let other_kind = all.iter().any(|t| t.start >= a && t.start < b && differs(t.kind))
                || x.rules.mentioned_kinds(x.between(a, b)).into_iter().any(differs);
            if other_kind { None } else { in_clause(cj).last().copied() }
        });
        if let Some(date) = date {
            d.args.push((Role::Date, ArgRef::Entity(date)));
        }
    }
}

/// The roles that tell two events of one kind apart (their key).
fn key_roles(kind: EventKind) -> &'static [Role] {
    use EventKind as K;
    match kind {
        K::Hire | K::Departure | K::Dismissal => &[Role::Person],
        K::Appointment => &[Role::Person, Role::Title],
        K::Founding | K::Ipo => &[Role::Org],
        K::Funding | K::Compensation | K::Cost | K::Financials => &[Role::Amount],
        K::Acquisition => &[Role::Target],
        K::Release => &[Role::Product],
        K::Education => &[Role::School, Role::Degree],
        K::Merger | K::Layoff => &[],
    }
}

/// What an argument stands for: canonical name, money value or surface text.
fn arg_identity(x: &Sent, a: ArgRef) -> String {
    match a {
        ArgRef::Entity(i) => {
            let e = x.e(i);
            if let Some(c) = &e.canonical {
                return format!("n:{c}");
            }
            if let Some(Value::Money(m)) = &e.value {
                return format!("m:{}:{}", m.amount, m.currency);
            }
            format!("t:{}", x.between(e.start, e.end))
        }
        ArgRef::Text(a, b) => format!("t:{}", x.between(a, b)),
    }
}

fn key(x: &Sent, d: &Draft) -> Option<Vec<Option<String>>> {
    let roles = key_roles(d.kind);
    let k: Vec<Option<String>> = roles
        .iter()
        .map(|r| d.args.iter().find(|(q, _)| q == r).map(|&(_, a)| arg_identity(x, a)))
        .collect();
    k.iter().any(Option::is_some).then_some(k)
}

/// Two events whose text arguments (round, metric, degree) differ are different happenings.
fn conflict(x: &Sent, a: &Draft, b: &Draft) -> bool {
    [Role::Round, Role::Metric, Role::Degree].iter().any(|r| {
        let va = a.args.iter().find(|(q, _)| q == r).map(|&(_, v)| arg_identity(x, v));
        let vb = b.args.iter().find(|(q, _)| q == r).map(|&(_, v)| arg_identity(x, v));
        va.is_some() && vb.is_some() && va != vb
    })
}

fn status_rank(s: Option<ReleaseStatus>) -> u8 {
    match s {
        Some(ReleaseStatus::Delayed) => 3,
        Some(ReleaseStatus::Planned) => 2,
        Some(ReleaseStatus::Released) => 1,
        None => 0,
    }
}

fn absorb(into: &mut Draft, from: Draft) {
    into.args.extend(from.args);
    if status_rank(from.status) > status_rank(into.status) {
        into.status = from.status;
    }
}

/// One event per happening: events of one kind with the same key merge; an event without
/// a key joins the nearest keyed event of its kind (same segment first), or else the first
/// keyless one. Listed happenings (分别…) stay apart.
fn merge(x: &Sent, drafts: Vec<Draft>) -> Vec<Draft> {
    let keys: Vec<Option<Vec<Option<String>>>> = drafts.iter().map(|d| key(x, d)).collect();
    let n = drafts.len();
    let mut target: Vec<Option<usize>> = vec![None; n];
    for i in 0..n {
        let di = &drafts[i];
        match &keys[i] {
            Some(ki) => {
                target[i] = (0..i).find(|&j| {
                    target[j].is_none()
                        && drafts[j].kind == di.kind
                        && keys[j].as_ref() == Some(ki)
                        && !conflict(x, &drafts[j], di)
                });
            }
            None if di.distributive => {}
            None => {
                let seg = |d: &Draft| x.seg_of_clause(x.clause_of(d.trigger.0));
                target[i] = (0..n)
                    .filter(|&j| {
                        j != i
                            && target[j].is_none()
                            && keys[j].is_some()
                            && drafts[j].kind == di.kind
                            && !drafts[j].distributive
                            && !conflict(x, &drafts[j], di)
                    })
                    .min_by_key(|&j| {
                        (seg(&drafts[j]) != seg(di), drafts[j].trigger.0.abs_diff(di.trigger.0))
                    })
                    .or_else(|| {
                        (0..i).find(|&j| {
                            target[j].is_none()
                                && keys[j].is_none()
                                && drafts[j].kind == di.kind
                                && !drafts[j].distributive
                                && !conflict(x, &drafts[j], di)
                        })
                    });
            }
        }
    }
    let mut slots: Vec<Option<Draft>> = drafts.into_iter().map(Some).collect();
    for i in 0..n {
        if let Some(j) = target[i] {
            if let Some(from) = slots[i].take() {
                if let Some(into) = slots[j].as_mut() {
                    absorb(into, from);
                }
            }
        }
    }
    slots.into_iter().flatten().collect()
}

/// Removes duplicate arguments and drops events without their core argument.
fn finish(x: &Sent, mut d: Draft) -> Option<RawEvent> {
    use EventKind as K;
    let mut seen: Vec<(Role, String)> = Vec::new();
    d.args.retain(|&(r, a)| {
        let id = (r, arg_identity(x, a));
        if seen.contains(&id) {
            false
        } else {
            seen.push(id);
            true
        }
    });
    let has = |r: Role| d.has(r);
    let keep = match d.kind {
        K::Hire | K::Dismissal | K::Appointment => has(Role::Person),
        K::Departure => has(Role::Person) || has(Role::Title),
        K::Founding => has(Role::Founder) || has(Role::Org),
        K::Funding => has(Role::Org) || has(Role::Amount) || has(Role::Investor),
        K::Acquisition => has(Role::Acquirer) || has(Role::Target),
        K::Cost | K::Financials => has(Role::Amount),
        K::Education => has(Role::Person) || has(Role::School),
        K::Merger | K::Ipo => has(Role::Org),
        K::Layoff => has(Role::Org) || has(Role::Quantity),
        K::Compensation | K::Release => !d.args.is_empty(),
    };
    if !keep || d.args.is_empty() {
        return None;
    }
    let status =
        if d.kind == K::Release { d.status.or(Some(ReleaseStatus::Released)) } else { None };
    Some(RawEvent { kind: d.kind, trigger: d.trigger, sentence: x.s, args: d.args, status })
}
