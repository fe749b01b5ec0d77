//! Role rules: for one trigger, the events it starts and their arguments, found by the
//! syntax around it (subject/object side, 被 and 将 constructions, 从X/加入Y, X领投, lists
//! after 分别是) rather than by entity kind alone.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{EntityKind as E, EventKind as K, ReleaseStatus, Role};

use super::ArgRef;
use super::rules::{Side, TriggerMatch};
use super::sent::Sent;

/// An event before dates, merging and checks.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    pub kind: K,
    /// Byte offsets of the trigger in the normalised text.
    pub trigger: (usize, usize),
    pub args: Vec<(Role, ArgRef)>,
    pub status: Option<ReleaseStatus>,
    /// One of several happenings listed after one trigger (分别由A和B领投): never merged.
    pub distributive: bool,
    /// A post noun (创始人): a state, not a happening; takes no date.
    pub stative: bool,
    /// A trigger inside a relative clause (由余凯创办的公司): takes only its own clause's date.
    pub relative: bool,
}

impl Draft {
    fn new(kind: K, m: &TriggerMatch) -> Draft {
        Draft {
            kind,
            trigger: (m.start, m.end),
            args: Vec::new(),
            status: None,
            distributive: false,
            stative: false,
            relative: false,
        }
    }

    fn add(&mut self, role: Role, e: Option<usize>) {
        if let Some(i) = e {
            self.args.push((role, ArgRef::Entity(i)));
        }
    }

    fn add_all(&mut self, role: Role, es: &[usize]) {
        for &i in es {
            self.args.push((role, ArgRef::Entity(i)));
        }
    }

    pub(crate) fn has(&self, role: Role) -> bool {
        self.args.iter().any(|(r, _)| *r == role)
    }
}

/// What the rules of one sentence share: claimed money and durations, absorbed triggers.
#[derive(Debug, Default)]
pub(crate) struct State {
    claimed: Vec<usize>,
    /// Start offsets of triggers another event has absorbed (加入X担任Y: the 担任).
    pub absorbed: Vec<usize>,
}

static ROUND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:Pre-?|pre-?)?[A-H](?:\+{1,2}|[0-9])? ?轮|天使\+? ?轮|种子\+? ?轮|Pre-IPO ?轮|IPO前融资|战略融资|战略 ?轮",
    )
        .expect("round regex")
});

static DEGREE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:学士|硕士|博士)学位|EMBA|MBA|(?:学士|硕士|博士)").expect("degree regex")
});

/// The events trigger `m` (absolute offsets) starts.
pub(crate) fn build(
    x: &Sent,
    m: &TriggerMatch,
    all: &[TriggerMatch],
    st: &mut State,
) -> Vec<Draft> {
    let rule = x.rules.trigger(m.rule);
    let mut out = match m.kind {
        K::Hire => hire(x, m, all, st),
        K::Departure => departure(x, m),
        K::Dismissal => dismissal(x, m),
        K::Appointment => appointment(x, m),
        K::Founding => founding(x, m),
        K::Funding => funding(x, m, all, st),
        K::Acquisition => acquisition(x, m, st),
        K::Compensation => compensation(x, m, st),
        K::Cost => cost(x, m, st),
        K::Release => release(x, m),

        K::Education => education(x, m),
        K::Financials => financials(x, m, all, st),
        K::Merger => merger(x, m),
        K::Ipo => match product_launch(x, m, all) {
            Some(drafts) => drafts,
            None => ipo(x, m, all, st),
        },
        K::Layoff => layoff(x, m, all),
    };
    let relative = x.between(m.tail.map_or(m.end, |t| t.1), x.s.end).starts_with('的');
    for d in &mut out {
        d.relative |= relative;
        d.stative |= rule.title;
    }
    out
}

/// A 被 construction before the trigger (被挖角, 被Meta挖走, 被董事会罢免): `Some(agent)`.
fn is_passive(x: &Sent, m: &TriggerMatch) -> Option<Option<usize>> {
    let (cs, _) = x.clauses[x.clause_of(m.start)];
    let before = x.between(cs, m.start);
    let k = cs + before.rfind('被')?;
    let inside = x.ents_in(k, m.start, &[E::Org, E::Person, E::Title, E::Location]);
    let named: usize =
        inside.iter().map(|&i| x.between(x.e(i).start, x.e(i).end).chars().count()).sum();
    if x.between(k, m.start).chars().count() > 12 + named {
        return None;
    }
    let agent = inside.into_iter().filter(|&i| matches!(x.kind(i), E::Org | E::Person)).last();
    Some(agent)
}

/// The list opened after a trigger (分别是：A，…；B，…): its byte range, when one follows in
/// the trigger's clause or the next one.
fn list_after(x: &Sent, pos: usize) -> Option<(usize, usize)> {
    let ci = x.clause_of(pos);
    let limit = x.clauses.get(ci + 1).map_or(x.clauses[ci].1, |c| c.1);
    let (_, e) = x.find_cue(pos, limit, "list")?;
    Some((e, x.s.end))
}

/// Orgs in the sentence a hire names as the person's past (从X, 曾在X, 在X担任), outside `skip_range`.
fn cued_former(x: &Sent, range: (usize, usize)) -> Vec<usize> {
    x.ents_in(range.0, range.1, &[E::Org])
        .into_iter()
        .filter(|&i| x.is_plain_org(i))
        .filter(|&i| {
            let e = x.e(i);
            x.ends_with_cue(e.start, "former") || {
                let (_, ce) = x.clauses[x.clause_of(e.start)];
                let tail_end =
                    x.between(e.end, ce).char_indices().nth(4).map_or(ce, |(k, _)| e.end + k);
                x.between(x.s.start, e.start).ends_with('在')
                    && x.has_cue(e.end, tail_end, "worked")
            }
        })
        .collect()
}

fn same_thing(x: &Sent, a: usize, b: usize) -> bool {
    a == b || {
        let (ea, eb) = (x.e(a), x.e(b));
        ea.kind == eb.kind && ea.canonical.is_some() && ea.canonical == eb.canonical
    }
}

fn hire(x: &Sent, m: &TriggerMatch, all: &[TriggerMatch], st: &mut State) -> Vec<Draft> {
    let rule = x.rules.trigger(m.rule);
    let (cs, ce) = x.clauses[x.clause_of(m.start)];
    let passive = is_passive(x, m);
    // (person, orgs of the person's own list item or title chain)
    let mut people: Vec<(usize, Vec<usize>)> = Vec::new();
    let employer;
    let mut former_range = (x.s.start, x.s.end);
    let mut group: Vec<usize> = Vec::new();
    if rule.who == Some(Side::After) && passive.is_none() {
        // OpenAI(从谷歌)挖走了X: the subject hires, 从 names the past employer.
        let subj = x
            .ents_in(cs, m.start, &[E::Org])
            .into_iter()
            .filter(|&i| x.is_plain_org(i) && !x.ends_with_cue(x.e(i).start, "former"))
            .last();
        employer = subj.or_else(|| {
            x.org_before(m.start, &[]).filter(|&i| !x.ends_with_cue(x.e(i).start, "former"))
        });
        for p in x.ents_in(m.end, ce, &[E::Person]).into_iter().filter(|&i| x.is_actor(i)) {
            people.push((p, x.chain_left(p).1.into_iter().collect()));
        }
        if people.is_empty() {
            if let Some((ls, le)) = list_after(x, m.end) {
                former_range = (x.s.start, ls);
                // 挖走了多名OpenAI研究员，其中包括…: the group's org is everyone's past.
                let (_, tce) = x.clauses[x.clause_of(m.start)];
                group = x
                    .ents_in(m.end, tce.min(ls), &[E::Org])
                    .into_iter()
                    .filter(|&i| x.is_plain_org(i))
                    .collect();
                let region = x.between(ls, le);
                if region.contains([';', '；']) {
                    let mut a = ls;
                    for piece in region.split([';', '；']) {
                        let b = a + piece.len();
                        // The item opens with its person (迈克·道尔顿xAI基础设施工程师).
                        let ps: Vec<usize> = x
                            .ents_in(a, b, &[E::Person])
                            .into_iter()
                            .filter(|&i| !x.is_foil(i))
                            .collect();
                        if let Some(&p) = ps.first() {
                            let orgs: Vec<usize> = x
                                .ents_in(a, b, &[E::Org])
                                .into_iter()
                                .filter(|&i| x.is_plain_org(i))
                                .collect();
                            people.push((p, orgs));
                        }
                        a = b + x.between(b, le).chars().next().map_or(0, char::len_utf8);
                    }
                } else {
                    let (_, lce) = x.clauses[x.clause_of(ls)];
                    for p in x.ents_in(ls, lce, &[E::Person]).into_iter().filter(|&i| x.is_actor(i))
                    {
                        people.push((p, x.chain_left(p).1.into_iter().collect()));
                    }
                }
            }
        }
    } else {
        // X加入Y / X被挖角到Y / X被Y挖走.
        employer = match passive {
            Some(Some(a)) if x.kind(a) == E::Org => Some(a),
            _ => x.first_after(m.end, &[E::Org]).filter(|&i| x.is_plain_org(i)),
        };
        for p in x.subject_persons(m.start) {
            people.push((p, x.chain_left(p).1.into_iter().collect()));
        }
    }
    let mut shared_former = cued_former(x, former_range);
    // 从微软跳槽至X，此前曾在微软亚洲研究院工作: the org moved from, named in the
    // trigger's clause, is the former employer; earlier stints elsewhere are not.
    let (tcs, tce) = x.clauses[x.clause_of(m.start)];
    let from_here = |o: usize| {
        let e = x.e(o);
        e.start >= tcs && e.end <= m.start && x.between(tcs, e.start).ends_with('从')
    };
    if shared_former.iter().any(|&o| from_here(o)) {
        shared_former.retain(|&o| x.e(o).start >= tcs && x.e(o).end <= tce);
    }
    shared_former.extend(group);
    if let Some(emp) = employer {
        shared_former.retain(|&o| !same_thing(x, o, emp));
    }
    // 加入X担任Y / 加盟X，出任Y: one hire with a title.
    let mut title = None;
    let anchor = employer.map_or(m.end, |e| x.e(e).end.max(m.end));
    if let Some(n) = all.iter().find(|n| n.kind == K::Appointment && n.start >= anchor) {
        let gap: String = x
            .between(anchor, n.start)
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, ',' | '，'))
            .collect();
        if matches!(gap.as_str(), "" | "并" | "后" | "并将" | "将" | "随后" | "并于" | "正式")
        {
            title = x.first_after(n.end, &[E::Title]);
            st.absorbed.push(n.start);
        }
    }
    let mut out = Vec::new();
    let mut seen: Vec<usize> = Vec::new();
    for (p, item_orgs) in &people {
        if seen.iter().any(|&q| same_thing(x, q, *p)) {
            continue;
        }
        seen.push(*p);
        let mut d = Draft::new(K::Hire, m);
        d.add(Role::Person, Some(*p));
        d.add(Role::Employer, employer);
        let mut former: Vec<usize> = item_orgs
            .iter()
            .copied()
            .filter(|&o| employer.is_none_or(|emp| !same_thing(x, o, emp)))
            .collect();
        for &o in &shared_former {
            if !former.iter().any(|&f| same_thing(x, f, o)) {
                former.push(o);
            }
        }
        d.add_all(Role::FormerEmployer, &former);
        d.add(Role::Title, title);
        out.push(d);
    }
    for p in x.also_persons(m.start) {
        if seen.iter().any(|&q| same_thing(x, q, p)) {
            continue;
        }
        seen.push(p);
        let mut d = Draft::new(K::Hire, m);
        d.add(Role::Person, Some(p));
        d.add(Role::Employer, employer);
        out.push(d);
    }
    out
}

fn departure(x: &Sent, m: &TriggerMatch) -> Vec<Draft> {
    let rule = x.rules.trigger(m.rule);
    let (cs, ce) = x.clauses[x.clause_of(m.start)];
    // 离开X / 辞去X的CEO职务 / 从X离职.
    let obj_org = if rule.obj {
        x.first_after(m.end, &[E::Org]).filter(|&i| x.is_plain_org(i))
    } else {
        None
    };
    let from_org = x
        .ents_in(cs, m.start, &[E::Org])
        .into_iter()
        .filter(|&i| x.is_plain_org(i) && x.between(cs, x.e(i).start).ends_with('从'))
        .last();
    let obj_title = if rule.obj { x.first_after(m.end, &[E::Title]) } else { None };
    let mut out = Vec::new();
    let people = x.subject_persons(m.start);
    for &p in &people {
        let (titles, chain_org) = x.chain_left(p);
        let mut d = Draft::new(K::Departure, m);
        d.add(Role::Person, Some(p));
        d.add(Role::Org, obj_org.or(from_org).or(chain_org));
        for t in titles.iter().rev() {
            d.add(Role::Title, Some(*t));
        }
        d.add(Role::Title, obj_title);
        out.push(d);
    }
    for p in x.also_persons(m.start) {
        let mut d = Draft::new(K::Departure, m);
        d.add(Role::Person, Some(p));
        d.add(Role::Org, obj_org.or(from_org));
        out.push(d);
    }
    if out.is_empty() {
        // 京东上一任首席技术官已于去年底离职: the post, without a name.
        if let Some(t) = x.ents_in(cs, m.start, &[E::Title]).into_iter().last() {
            let (_, chain_org) = x.chain_left(t);
            let mut d = Draft::new(K::Departure, m);
            d.add(Role::Title, Some(t));
            d.add(Role::Org, obj_org.or(from_org).or(chain_org));
            out.push(d);
        }
    }
    let _ = ce;
    out
}

fn dismissal(x: &Sent, m: &TriggerMatch) -> Vec<Draft> {
    let (cs, ce) = x.clauses[x.clause_of(m.start)];
    let actors = |a: usize, b: usize| -> Vec<usize> {
        x.ents_in(a, b, &[E::Person, E::Org])
            .into_iter()
            .filter(|&i| if x.kind(i) == E::Person { x.is_actor(i) } else { x.is_plain_org(i) })
            .collect()
    };
    let before = x.between(cs, m.start);
    let mut patients: Vec<usize>;
    let agents: Vec<usize>;
    // A将B踢出局 / A把B开除.
    let jiang = before
        .char_indices()
        .filter(|&(_, c)| c == '将' || c == '把')
        .map(|(k, _)| cs + k)
        .find(|&k| !x.ents_in(k, m.start, &[E::Person]).is_empty());
    if let Some(k) = jiang {
        patients = x.ents_in(k, m.start, &[E::Person]);
        agents = actors(cs, k);
    } else if let Some(agent) = is_passive(x, m) {
        let bei = before.rfind('被').map_or(m.start, |k| cs + k);
        patients = x.subject_persons(bei);
        agents = agent.into_iter().collect();
    } else {
        patients =
            x.ents_in(m.end, ce, &[E::Person]).into_iter().filter(|&i| x.is_actor(i)).collect();
        agents = actors(cs, m.start);
    }
    patients.retain(|&p| !x.is_possessor(p));
    let mut out = Vec::new();
    if patients.is_empty() {
        // 解雇了1000名员工: a layoff.
        let q = x.ents_in(m.end, ce, &[E::Quantity, E::Percent]);
        if !q.is_empty() {
            let mut d = Draft::new(K::Layoff, m);
            d.add(Role::Org, x.org_before(m.start, &[]));
            d.add_all(Role::Quantity, &q);
            out.push(d);
        }
        return out;
    }
    for &p in &patients {
        let (titles, chain_org) = x.chain_left(p);
        let mut d = Draft::new(K::Dismissal, m);
        d.add(Role::Person, Some(p));
        for t in titles.iter().rev() {
            d.add(Role::Title, Some(*t));
        }
        for &a in &agents {
            let role = if x.kind(a) == E::Person { Role::Agent } else { Role::Org };
            d.add(role, Some(a));
        }
        if !d.has(Role::Org) {
            d.add(Role::Org, chain_org);
        }
        out.push(d);
    }
    out
}

fn appointment(x: &Sent, m: &TriggerMatch) -> Vec<Draft> {
    let rule = x.rules.trigger(m.rule);
    let (cs, ce) = x.clauses[x.clause_of(m.start)];
    let people: Vec<usize>;
    let mut titles: Vec<usize> = Vec::new();
    let mut org = None;
    if rule.who == Some(Side::After) {
        // X任命Y为Z / 领导者为Y; as a noun (孟浩川的CTO任命) the person stands before.
        let after: Vec<usize> =
            x.ents_in(m.end, ce, &[E::Person]).into_iter().filter(|&i| x.is_actor(i)).collect();
        people = match after.first() {
            Some(&p) => vec![p],
            None => x.subject_persons(m.start),
        };
        let from = after.first().map_or(m.end, |&p| x.e(p).end);
        titles.extend(x.first_after(from, &[E::Title]));
        if titles.is_empty() {
            titles.extend(
                x.ents_in(cs, m.start, &[E::Title])
                    .into_iter()
                    .last()
                    .filter(|&t| x.between(x.e(t).end, m.start).chars().count() <= 1),
            );
        }
        // 被任命为百度首席技术官: the org heading the post after the trigger.
        if let Some(&t) = titles.first() {
            if x.e(t).start >= m.end {
                org = x.chain_left(t).1.filter(|&o| x.e(o).start >= from && x.is_plain_org(o));
            }
        }
    } else {
        people = x.subject_persons(m.start);
        // 担任A、B: one appointment per post.
        let mut cur = m.end;
        for t in x.ents_in(m.end, ce, &[E::Title]) {
            let gap = x.between(cur, x.e(t).start);
            if titles.is_empty() || matches!(gap.trim(), "、" | "和" | "及" | "以及" | "兼") {
                titles.push(t);
                cur = x.e(t).end;
            } else {
                break;
            }
        }
        let first_title = titles.first().map_or(ce, |&t| x.e(t).start);
        org = x.ents_in(m.end, first_title, &[E::Org]).into_iter().find(|&i| x.is_plain_org(i));
        // 在X担任 / 在X任….
        if org.is_none() {
            org = x
                .ents_in(cs, m.start, &[E::Org])
                .into_iter()
                .filter(|&i| x.is_plain_org(i) && x.between(cs, x.e(i).start).ends_with('在'))
                .last();
        }
        if org.is_none() && rule.obj {
            org = x.first_after(m.end, &[E::Org]).filter(|&i| x.is_plain_org(i));
        }
    }
    // 出任某新能源汽车公司的首席执行官 / 出任新公司首席执行官: an unnamed employer heads the
    // new post, so the person's present affiliation is not the appointment's org.
    let unnamed_head = rule.who != Some(Side::After)
        && titles.first().is_some_and(|&t| {
            let gap = x.between(m.end, x.e(t).start).trim();
            let gap = gap.trim_start_matches(['为', '了']).trim_end_matches('的');
            gap.chars().count() >= 2 && x.ents_in(m.end, x.e(t).start, &[E::Org]).is_empty()
        });
    if org.is_none() {
        let skip: Vec<usize> = people.iter().filter_map(|&p| x.chain_left(p).1).collect();
        org = x.org_before(m.start, &[]).filter(|o| {
            // The person's own affiliation before the verb still counts (黄亦柯's company is
            // not the one he joins only when another org follows the verb).
            !skip.contains(o) || (x.first_after(m.end, &[E::Org]).is_none() && !unnamed_head)
        });
    }
    let mut out = Vec::new();
    for &p in &people {
        if titles.is_empty() {
            let mut d = Draft::new(K::Appointment, m);
            d.add(Role::Person, Some(p));
            d.add(Role::Org, org);
            out.push(d);
        }
        for &t in &titles {
            let mut d = Draft::new(K::Appointment, m);
            d.add(Role::Person, Some(p));
            d.add(Role::Title, Some(t));
            d.add(Role::Org, org);
            out.push(d);
        }
    }
    out
}

fn founding(x: &Sent, m: &TriggerMatch) -> Vec<Draft> {
    let rule = x.rules.trigger(m.rule);
    let (cs, ce) = x.clauses[x.clause_of(m.start)];
    let mut d = Draft::new(K::Founding, m);
    if rule.title {
        // 创始人(兼CEO)奥特曼 / XX公司的创始人 / A和B是X的创始团队成员.
        let (ts, te) = x
            .ents_in(x.s.start, x.s.end, &[E::Title])
            .into_iter()
            .map(|t| (x.e(t).start, x.e(t).end))
            .find(|&(a, b)| a <= m.start && m.end <= b)
            .unwrap_or((m.start, m.end));
        let mut cur = te;
        let mut founder = None;
        for i in x.ents_in(te, ce, &[E::Title, E::Person]) {
            let gap = x.between(cur, x.e(i).start);
            if !matches!(gap.trim(), "" | "兼" | "、" | "和" | "及" | "为" | "是") {
                break;
            }
            if x.kind(i) == E::Person {
                founder = Some(i);
                break;
            }
            cur = x.e(i).end;
        }
        let mut cur = ts;
        let mut org = None;
        for i in x.ents_in(cs, ts, &[E::Title, E::Org]).into_iter().rev() {
            let gap = x.between(x.e(i).end, cur);
            if gap.chars().count() > 8 || gap.contains(['、', '“', '”', '"']) {
                break;
            }
            if x.kind(i) == E::Org {
                if x.is_plain_org(i) {
                    org = Some(i);
                }
                break;
            }
            cur = x.e(i).start;
        }
        match founder {
            Some(f) => d.add(Role::Founder, Some(f)),
            None if x.between(cs, ts).contains(['是', '为']) => {
                let ps: Vec<usize> = x.subject_persons(ts);
                d.add_all(Role::Founder, &ps);
            }
            None => {}
        }
        d.add(Role::Org, org);
    } else if let Some(k) = x.between(cs, m.start).rfind('由').map(|k| cs + k) {
        // X由Y创立 / 由Y创办的X: Y founded X (a person, or else an org).
        let persons: Vec<usize> =
            x.ents_in(k, m.start, &[E::Person]).into_iter().filter(|&i| x.is_actor(i)).collect();
        if persons.is_empty() {
            let orgs: Vec<usize> = x
                .ents_in(k, m.start, &[E::Org])
                .into_iter()
                .filter(|&i| x.is_plain_org(i))
                .collect();
            d.add_all(Role::Founder, &orgs);
        } else {
            d.add_all(Role::Founder, &persons);
        }
        let org = x.first_after(m.end, &[E::Org]).filter(|&i| x.is_plain_org(i)).or_else(|| {
            x.ents_in(cs, k, &[E::Org]).into_iter().filter(|&i| x.is_plain_org(i)).last().or_else(
                || x.ents_in(x.s.start, cs, &[E::Org]).into_iter().find(|&i| x.is_plain_org(i)),
            )
        });
        d.add(Role::Org, org);
    } else {
        let founders = x.subject_persons(m.start);
        d.add_all(Role::Founder, &founders);
        let after = x.first_after(m.end, &[E::Org]).filter(|&i| x.is_plain_org(i));
        let before = x
            .ents_in(cs, m.start, &[E::Org])
            .into_iter()
            .filter(|&i| x.is_plain_org(i) && !x.is_affiliation(i))
            .last();
        // The thing founded follows a transitive trigger (张小沛创立品牌Halara); an org
        // before it is the thing founded only when nothing follows (OpenAI成立于2015年,
        // 阿里巴巴是马云创立的), else it is the founder (阿里巴巴成立了达摩院) or, beside a
        // founder person, someone's past (前微软高管张小沛创立…).
        let rest = x.between(m.end, ce);
        let rest = rest.trim_start().trim_start_matches('了').trim_start();
        let objectless = rest.is_empty()
            || ["于", "以来", "的", "时", "后", "之初", "至今", "初期", "那年", "当年"]
                .iter()
                .any(|w| rest.starts_with(w))
            || x.ents_in(m.end, ce, &[E::Date, E::Duration])
                .first()
                .is_some_and(|&i| x.between(m.end, x.e(i).start).trim().is_empty());
        match (after, before) {
            (Some(o), b) => {
                if founders.is_empty() {
                    d.add(Role::Founder, b.filter(|&b| !same_thing(x, b, o)));
                }
                d.add(Role::Org, Some(o));
            }
            (None, Some(b)) if objectless => d.add(Role::Org, Some(b)),
            _ => {}
        }
    }
    vec![d]
}

/// Orgs positioned as investors anywhere in the sentence: X(与Y)(联合)领投, 由X投资,
/// 获得X(的)…融资.
pub(crate) fn investors(x: &Sent) -> Vec<usize> {
    x.investors.get_or_init(|| find_investors(x)).clone()
}

fn find_investors(x: &Sent) -> Vec<usize> {
    const CONNECT: [&str; 22] = [
        "与",
        "和",
        "、",
        "及",
        "以及",
        "联合",
        "共同",
        "独家",
        "继续",
        "等",
        "机构",
        " ",
        "也",
        "均",
        "多家",
        "数家",
        "老股东",
        "股东",
        "旗下",
        "同时",
        ")",
        "）",
    ];
    let mut out = Vec::new();
    let orgs = x.ents_in(x.s.start, x.s.end, &[E::Org]);
    // The org a chain (腾讯与阿里巴巴, 中国移动、中国联通) continues from, if any.
    let prev_in_chain = |o: usize| -> Option<usize> {
        let mut p = x.e(o).start;
        loop {
            let before = x.between(x.s.start, p);
            match CONNECT.iter().find(|c| before.ends_with(**c)) {
                Some(c) => p -= c.len(),
                None => break,
            }
        }
        if p == x.e(o).start {
            return None;
        }
        orgs.iter().copied().find(|&n| x.e(n).end == p)
    };
    // Each org's chain head, in one pass (orgs come in text order).
    let mut heads: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for &o in &orgs {
        let h = prev_in_chain(o).and_then(|p| heads.get(&p).copied()).unwrap_or(o);
        heads.insert(o, h);
    }
    for &o in &orgs {
        if !x.is_plain_org(o) {
            continue;
        }
        let mut p = x.e(o).end;
        loop {
            let rest = x.between(p, x.s.end);
            if let Some(c) = CONNECT.iter().find(|c| rest.starts_with(**c)) {
                p += c.len();
                continue;
            }
            if let Some(&n) = orgs.iter().find(|&&n| x.e(n).start == p) {
                p = x.e(n).end;
                continue;
            }
            break;
        }
        let head = heads.get(&o).copied().unwrap_or(o);
        let before = x.between(x.s.start, x.e(head).start);
        // 向X注资 / 为X领投: X receives.
        if before.ends_with(['向', '给', '为', '对']) {
            continue;
        }
        let got = {
            ["获得", "拿到", "获得了", "拿到了", "获"].iter().any(|w| before.ends_with(w))
        };
        if x.starts_with_cue(p, "investor") || got {
            out.push(o);
        }
    }
    out
}

fn unclaimed(st: &State, i: usize) -> bool {
    !st.claimed.contains(&i)
}

/// Money next to a noun trigger: right before it (3亿美元的薪酬方案) or after it in its clause.
fn money_next(x: &Sent, m: &TriggerMatch, st: &State) -> Option<usize> {
    let (cs, ce) = x.clauses[x.clause_of(m.start)];
    let before = x.ents_in(cs, m.start, &[E::Money]).into_iter().last().filter(|&i| {
        unclaimed(st, i) && matches!(x.between(x.e(i).end, m.start).trim(), "" | "的")
    });
    before.or_else(|| {
        x.ents_in(m.tail.map_or(m.end, |t| t.1).min(ce), ce, &[E::Money])
            .into_iter()
            .find(|&i| unclaimed(st, i))
            .or_else(|| x.ents_in(m.end, ce, &[E::Money]).into_iter().find(|&i| unclaimed(st, i)))
    })
}

/// The unclaimed money nearest to the trigger in its clause.
fn money_nearest(x: &Sent, m: &TriggerMatch, st: &State) -> Option<usize> {
    let (cs, ce) = x.clauses[x.clause_of(m.start)];
    x.ents_in(cs, ce, &[E::Money]).into_iter().filter(|&i| unclaimed(st, i)).min_by_key(|&i| {
        let e = x.e(i);
        if e.end <= m.start { m.start - e.end } else { e.start.saturating_sub(m.end) }
    })
}

/// A money in a later clause of the trigger's segment that names an amount (金额为…).
fn money_later(x: &Sent, m: &TriggerMatch, st: &State) -> Option<usize> {
    let ci = x.clause_of(m.start);
    let seg = x.seg_of_clause(ci);
    for cj in ci + 1..x.clauses.len() {
        if x.seg_of_clause(cj) != seg {
            break;
        }
        let (a, b) = x.clauses[cj];
        if let Some((_, ce)) = x.find_cue(a, b, "amount") {
            if let Some(i) = x.ents_in(ce, b, &[E::Money]).into_iter().find(|&i| unclaimed(st, i)) {
                return Some(i);
            }
        }
    }
    None
}

fn funding(x: &Sent, m: &TriggerMatch, all: &[TriggerMatch], st: &mut State) -> Vec<Draft> {
    let ci = x.clause_of(m.start);
    let (cs, ce) = x.clauses[ci];
    if !plain_investment_gap(x, m) {
        return Vec::new();
    }
    // 软银向OpenAI注资: the org after 向 raises, the one before it invests.
    let xiang = x
        .ents_in(cs, m.start, &[E::Org])
        .into_iter()
        .filter(|&i| x.between(cs, x.e(i).start).ends_with('向'))
        .last();
    let mut inv = investors(x);
    let mut my_inv: Vec<usize> =
        inv.iter().copied().filter(|&i| x.e(i).start >= cs && x.e(i).end <= ce).collect();
    if let Some(y) = xiang {
        inv.retain(|&i| i != y);
        my_inv = x
            .ents_in(cs, x.e(y).start, &[E::Org])
            .into_iter()
            .filter(|&i| x.is_plain_org(i))
            .collect();
        inv.extend(my_inv.iter().copied());
    }
    let word = x.between(m.start, m.end);
    // 国内9家公司完成13笔融资: a tally of many companies' rounds names no one company.
    let aggregate = x.ents_in(cs, m.start, &[E::Quantity]).into_iter().any(|q| {
        let t = x.between(x.e(q).start, x.e(q).end);
        x.rules.cue("aggregate").iter().any(|u| t.ends_with(u.as_str()))
    }) || x.has_cue(cs, m.start, "many");
    let org = if aggregate {
        None
    } else if xiang.is_some() {
        xiang
    } else if word == "注资" {
        x.first_after(m.end, &[E::Org]).filter(|&i| x.is_plain_org(i))
    } else {
        None
    }
    .or_else(|| if aggregate { None } else { funding_org(x, m, &inv) });
    let round = ROUND
        .find_iter(x.between(cs, ce))
        .map(|r| (cs + r.start(), cs + r.end()))
        .filter(|&r| round_is_local(x, m, r, &inv))
        .min_by_key(|&(a, b)| if b <= m.start { m.start - b } else { a.saturating_sub(m.end) });
    let mut out = Vec::new();
    // 三轮融资，分别是100亿美元、66亿美元以及400亿美元: one event per amount.
    if let Some((ls, _)) = list_after(x, m.end) {
        let (_, lce) = x.clauses[x.clause_of(ls)];
        let moneys: Vec<usize> =
            x.ents_in(ls, lce, &[E::Money]).into_iter().filter(|&i| unclaimed(st, i)).collect();
        if moneys.len() >= 2 {
            for &a in &moneys {
                st.claimed.push(a);
                let mut d = Draft::new(K::Funding, m);
                d.add(Role::Org, org);
                d.add(Role::Amount, Some(a));
                d.distributive = true;
                out.push(d);
            }
            return out;
        }
    }
    // 分别由A和B领投: one event per investor.
    let distributive = my_inv.len() >= 2
        && my_inv.first().is_some_and(|&i| x.between(cs, x.e(i).start).contains("分别"));
    if distributive {
        for &i in &my_inv {
            let mut d = Draft::new(K::Funding, m);
            d.add(Role::Org, org);
            d.add(Role::Investor, Some(i));
            d.distributive = true;
            out.push(d);
        }
        return out;
    }
    let amount = money_nearest(x, m, st)
        .filter(|&a| !other_trigger_between(x, m, all, a) && !owned_by_other(x, all, a, K::Funding))
        .or_else(|| money_later(x, m, st))
        .map(|a| primary(x, a, st));
    if let Some(a) = amount {
        st.claimed.push(a);
    }
    let mut d = Draft::new(K::Funding, m);
    d.add(Role::Org, org);
    d.add(Role::Amount, amount);
    if let Some(a) = amount {
        add_converted(x, &mut d, a, st);
    }
    d.add_all(Role::Investor, &my_inv);
    if let Some((a, b)) = round {
        d.args.push((Role::Round, ArgRef::Text(a, b)));
    }
    out.push(d);
    out
}

/// For a 获得…投资 pattern, whether only investors, amounts, rounds and linking words stand
/// between anchor and tail (获得红杉中国、美团等机构的天使轮投资); anything else
/// (获得400亿美元贷款加码OpenAI投资, 获得越来越多资本关注…投资) is some other phrase.
fn plain_investment_gap(x: &Sent, m: &TriggerMatch) -> bool {
    const LINK: &str = "、和与及以等机构的战略联合共同独家多家数首次新一轮笔 ";
    let Some((ta, _)) = m.tail else { return true };
    let mut p = m.end;
    while p < ta {
        if let Some(i) = x.ents.iter().copied().find(|&i| {
            x.e(i).start == p && matches!(x.kind(i), E::Org | E::Money) && x.e(i).end <= ta
        }) {
            p = x.e(i).end;
            continue;
        }
        let rest = x.between(p, ta);
        if let Some(r) = ROUND.find(rest).filter(|r| r.start() == 0) {
            p += r.end();
            continue;
        }
        // An unrecognised item of a list of investors (蔚来资本、合肥产投等).
        if x.between(m.end, p).ends_with('、') {
            let item = rest.find(['、', '等', '和']).filter(|&k| rest[..k].chars().count() <= 8);
            if let Some(k) = item.filter(|&k| k > 0) {
                p += k;
                continue;
            }
        }
        match rest.chars().next() {
            Some(c) if LINK.contains(c) => p += c.len_utf8(),
            _ => return false,
        }
    }
    true
}

/// The company raising: an org before the trigger in its clause (not for 领投/跟投, whose org
/// there is the investor); else, unless the clause refers back (该公司), the nearest org before.
/// Never someone's employer (字节跳动前高管…, 字节新石实验室总裁…).
fn funding_org(x: &Sent, m: &TriggerMatch, inv: &[usize]) -> Option<usize> {
    let (cs, _) = x.clauses[x.clause_of(m.start)];
    let word = x.between(m.start, m.end);
    let invests = x.rules.cue("investor").iter().any(|w| word.ends_with(w.as_str()));
    let ok = |i: usize| x.is_plain_org(i) && !inv.contains(&i) && !x.is_affiliation(i);
    // 智谱获腾讯战略投资: the receiver stands before 获.
    let received = ["获", "接受", "拿到"].iter().any(|w| x.between(cs, m.start).contains(w));
    if !invests || received {
        if let Some(o) = x.ents_in(cs, m.start, &[E::Org]).into_iter().rfind(|&i| ok(i)) {
            return Some(o);
        }
    }
    if x.has_cue(cs, m.start, "anaphor") || !carries_subject(x, m, inv) {
        return None;
    }
    // Orgs of a clause naming investors (由宁德时代系晨道资本领投) are theirs.
    x.ents_in(x.s.start, cs, &[E::Org]).into_iter().rfind(|&i| ok(i)).filter(|&i| {
        let (a, b) = x.clauses[x.clause_of(x.e(i).start)];
        !inv.iter().any(|&j| x.e(j).start >= a && x.e(j).end <= b)
    })
}

/// Whether the trigger's clause continues an earlier clause's subject: it opens with a word
/// of `carry` (并, 此前, 完成…), with a date, amount or investor, or with the trigger itself.
/// A clause opening with other words opens with a subject of its own, named or not
/// (…，松延动力B轮融资规模近10亿元).
fn carries_subject(x: &Sent, m: &TriggerMatch, inv: &[usize]) -> bool {
    let (cs, _) = x.clauses[x.clause_of(m.start)];
    let mut p = cs;
    loop {
        let rest = x.between(p, m.start);
        let trimmed = rest.trim_start();
        p += rest.len() - trimmed.len();
        if trimmed.is_empty() {
            return true;
        }
        if x.rules.cue("carry").iter().any(|w| trimmed.starts_with(w.as_str()))
            || trimmed.starts_with('的')
            || ROUND.find(trimmed).is_some_and(|r| r.start() == 0)
        {
            return true;
        }
        match x.ents.iter().copied().find(|&i| x.e(i).start == p) {
            Some(i) if matches!(x.kind(i), E::Date | E::Money) || inv.contains(&i) => {
                p = x.e(i).end;
            }
            _ => return false,
        }
    }
}

/// Whether a round found in the trigger's clause belongs to this funding: a round in another
/// 、-separated item whose own item names a company or an amount of its own (银河通用A+轮25亿元、
/// 月之暗面融资超69亿元) is another company's round.
fn round_is_local(x: &Sent, m: &TriggerMatch, (a, b): (usize, usize), inv: &[usize]) -> bool {
    let (lo, hi) = if b <= m.start { (b, m.start) } else { (m.end, a) };
    if !x.between(lo, hi).contains('、') {
        return true;
    }
    // The trigger's own item: from the last 、 before it to the first 、 after it.
    let (cs, ce) = x.clauses[x.clause_of(m.start)];
    let item_start = x.between(cs, m.start).rfind('、').map_or(cs, |k| cs + k);
    let item_end = x.between(m.end, ce).find('、').map_or(ce, |k| m.end + k);
    let own = x
        .ents_in(item_start, item_end, &[E::Org, E::Money])
        .into_iter()
        .any(|i| x.kind(i) == E::Money || (x.is_plain_org(i) && !inv.contains(&i)));
    !own
}

/// Whether another event's trigger (估值 in 融资让估值从…) stands between trigger `m` and
/// entity `i`: the entity belongs to that event.
fn other_trigger_between(x: &Sent, m: &TriggerMatch, all: &[TriggerMatch], i: usize) -> bool {
    let e = x.e(i);
    let (lo, hi) = if e.end <= m.start { (e.end, m.start) } else { (m.end, e.start) };
    all.iter().any(|t| t.kind != m.kind && t.start >= lo && t.end <= hi)
}

fn acquisition(x: &Sent, m: &TriggerMatch, st: &mut State) -> Vec<Draft> {
    let (cs, ce) = x.clauses[x.clause_of(m.start)];
    let (acquirer, target);
    if let Some(agent) = is_passive(x, m) {
        let bei = x.between(cs, m.start).rfind('被').map_or(m.start, |k| cs + k);
        target = x.ents_in(cs, bei, &[E::Org]).into_iter().filter(|&i| x.is_plain_org(i)).last();
        acquirer = agent.filter(|&a| x.kind(a) == E::Org);
    } else {
        let dui = x
            .ents_in(cs, m.start, &[E::Org, E::Product])
            .into_iter()
            .find(|&i| x.between(cs, x.e(i).start).ends_with('对'));
        target = dui.or_else(|| {
            x.first_after(m.end, &[E::Org, E::Product])
                .filter(|&i| x.kind(i) != E::Org || x.is_plain_org(i))
        });
        let skip: Vec<usize> = target.into_iter().collect();
        acquirer = x
            .ents_in(cs, m.start, &[E::Org])
            .into_iter()
            .filter(|&i| x.is_plain_org(i) && !skip.contains(&i))
            .last()
            .or_else(|| x.org_before(m.start, &skip));
    }
    let amount =
        money_nearest(x, m, st).or_else(|| money_later(x, m, st)).map(|a| primary(x, a, st));
    if let Some(a) = amount {
        st.claimed.push(a);
    }
    let _ = ce;
    let mut d = Draft::new(K::Acquisition, m);
    d.add(Role::Acquirer, acquirer);
    d.add(Role::Target, target);
    d.add(Role::Amount, amount);
    if let Some(a) = amount {
        add_converted(x, &mut d, a, st);
    }
    vec![d]
}

fn compensation(x: &Sent, m: &TriggerMatch, st: &mut State) -> Vec<Draft> {
    let ci = x.clause_of(m.start);
    let seg = x.seg_of_clause(ci);
    let seg_start = x
        .clauses
        .iter()
        .zip(&x.clause_seg)
        .find(|(_, s)| **s == seg)
        .map_or(x.s.start, |(c, _)| c.0);
    let amount = money_next(x, m, st);
    if let Some(a) = amount {
        st.claimed.push(a);
    }
    // X为Y开出…薪酬: X pays, Y is paid.
    let mut payer = None;
    let mut paid = None;
    for i in x.ents_in(seg_start, m.start, &[E::Person, E::Org]) {
        let e = x.e(i);
        if x.between(e.end, m.start).starts_with('为') && x.has_cue(e.end, m.start, "pay") {
            payer = Some(i);
            paid = x
                .ents_in(e.end, m.start, &[E::Person])
                .into_iter()
                .find(|&p| x.e(p).start == e.end + '为'.len_utf8());
            break;
        }
    }
    let persons: Vec<usize> = match (payer, paid) {
        (_, Some(p)) => vec![p],
        (Some(_), None) => Vec::new(),
        (None, None) => {
            // The company that speaks about the pay (Meta解释称，…总包方案) pays it; an org
            // in the trigger's own clause (腾讯的薪酬) too.
            let (cs, _) = x.clauses[ci];
            payer = x.org_before(m.start, &[]).filter(|&o| {
                let e = x.e(o);
                let (a, b) = x.clauses[x.clause_of(e.start)];
                e.start >= seg_start
                    && (a == cs
                        || x.rules
                            .cue("speech")
                            .iter()
                            .any(|w| x.between(a, b).ends_with(w.as_str())))
            });
            let (_, se) = x
                .clauses
                .iter()
                .zip(&x.clause_seg)
                .rfind(|(_, s)| **s == seg)
                .map_or((0, x.s.end), |(c, _)| *c);
            x.ents_in(seg_start, se, &[E::Person]).into_iter().filter(|&p| x.is_actor(p)).collect()
        }
    };
    let (cs, ce) = x.clauses[ci];
    let mut duration = x.ents_in(cs, ce, &[E::Duration]).into_iter().find(|&i| unclaimed(st, i));
    if duration.is_none() {
        for cj in ci + 1..x.clauses.len() {
            if x.seg_of_clause(cj) != seg {
                break;
            }
            let (a, b) = x.clauses[cj];
            duration = x.ents_in(a, b, &[E::Duration]).into_iter().find(|&i| unclaimed(st, i));
            if duration.is_some() {
                break;
            }
        }
    }
    if let Some(dur) = duration {
        st.claimed.push(dur);
    }
    let mut d = Draft::new(K::Compensation, m);
    d.add_all(Role::Person, &persons);
    d.add(Role::Payer, payer);
    d.add(Role::Amount, amount);
    d.add(Role::Duration, duration);
    vec![d]
}

fn cost(x: &Sent, m: &TriggerMatch, st: &mut State) -> Vec<Draft> {
    let Some(amount) = money_next(x, m, st) else { return Vec::new() };
    st.claimed.push(amount);
    let mut d = Draft::new(K::Cost, m);
    let a = x.e(amount);
    // 投入数十亿美元的ChatGPT: the relative clause names what it is for.
    let owner = (a.start >= m.end)
        .then(|| {
            x.ents_in(a.end, x.s.end, &[E::Product, E::Org])
                .into_iter()
                .next()
                .filter(|&i| x.between(a.end, x.e(i).start) == "的")
        })
        .flatten();
    match owner {
        Some(o) if x.kind(o) == E::Product => d.add(Role::Product, Some(o)),
        Some(o) => d.add(Role::Org, Some(o)),
        None => {
            d.add(Role::Org, x.org_before(m.start, &[]));
            d.add(Role::Product, x.ents_in(x.s.start, m.start, &[E::Product]).into_iter().last());
        }
    }
    d.add(Role::Amount, Some(amount));
    vec![d]
}

fn release(x: &Sent, m: &TriggerMatch) -> Vec<Draft> {
    let (cs, ce) = x.clauses[x.clause_of(m.start)];
    let mut status = m.status.unwrap_or(ReleaseStatus::Released);
    if status == ReleaseStatus::Released && x.has_cue(cs, m.start, "planned") {
        status = ReleaseStatus::Planned;
    }
    if x.between(m.start, m.end) == "开源" && !verbal_open_source(x, m) {
        return Vec::new();
    }
    // 福利政策发布 (a report or rule released), 这一发布引发… (the release as a noun,
    // referring back): no release here.
    let after_t = x.between(m.tail.map_or(m.end, |t| t.1), ce);
    if x.ends_with_cue(m.start, "report")
        || (["这一", "此次", "这次", "本次", "该"]
            .iter()
            .any(|w| x.between(cs, m.start).ends_with(w))
            && !after_t.starts_with(['的', '了']))
    {
        return Vec::new();
    }
    // 相关代码已在GitHub开源: the platform it appears on is not its maker.
    let org = x.org_before(m.start, &investors(x)).filter(|&o| {
        let e = x.e(o);
        !(x.between(x.s.start, e.start).ends_with('在')
            && x.between(e.end, m.start).trim().chars().count() <= 1)
    });
    // A已与B签署协议，…发布: the partner after 与 is not the maker; the subject before it is.
    let org = org.map(|o| {
        let e = x.e(o);
        let (a, _) = x.clauses[x.clause_of(e.start)];
        let partner = x.between(a, e.start).ends_with(['与', '同', '跟'])
            && !["联合", "共同", "一起", "一同"]
                .iter()
                .any(|w| x.between(e.end, m.start).trim_start().starts_with(w))
            && e.end < x.clauses[x.clause_of(m.start)].0;
        match partner {
            true => x
                .ents_in(a, e.start, &[E::Org])
                .into_iter()
                .rfind(|&i| x.is_plain_org(i))
                .unwrap_or(o),
            false => o,
        }
    });
    let after = x.ents_in(m.end, ce, &[E::Product]);
    // 发布了第三季度财报 / 发布公告: a report, no release.
    if after.is_empty() && names_report(x, m.end, ce) {
        return Vec::new();
    }
    // 较上一代玄武-2提升3倍: a product compared with is no product released.
    let yardstick = |i: usize| {
        let e = x.e(i);
        let (a, _) = x.clauses[x.clause_of(e.start)];
        let before = x.between(a, e.start);
        let tail: String =
            before.chars().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
        x.rules.cue("yardstick").iter().any(|w| tail.contains(w.as_str()))
    };
    let products: Vec<usize> = if after.is_empty() {
        x.ents_in(cs, m.start, &[E::Product])
            .into_iter()
            .rfind(|&i| !yardstick(i))
            .or_else(|| {
                x.ents_in(x.s.start, m.start, &[E::Product]).into_iter().rfind(|&i| !yardstick(i))
            })
            .into_iter()
            .collect()
    } else {
        after
    };
    // A与B先后推出X与Y: one maker per product, in order; with no such pairing, coordinated
    // makers leave the maker unknown.
    let makers = org.map_or_else(Vec::new, |o| coordinated_orgs(x, o));
    let paired = makers.len() >= 2 && makers.len() == products.len();
    let org = if makers.len() >= 2 { None } else { org };
    let mut out = Vec::new();
    let mk = |o: Option<usize>, p: Option<usize>| {
        let mut d = Draft::new(K::Release, m);
        d.add(Role::Org, o);
        d.add(Role::Product, p);
        d.status = Some(status);
        d
    };
    if products.is_empty() {
        out.push(mk(org, None));
    }
    for (k, p) in products.into_iter().enumerate() {
        let o = if paired { makers.get(k).copied() } else { org };
        out.push(mk(o, Some(p)));
    }
    out
}

/// The orgs coordinated with `last` right before it (Anthropic与OpenAI, 阿里、腾讯和百度),
/// in order, `last` included; just `[last]` when it stands alone.
fn coordinated_orgs(x: &Sent, last: usize) -> Vec<usize> {
    let mut out = vec![last];
    let mut cur = last;
    while let Some(prev) =
        x.ents_in(x.s.start, x.e(cur).start, &[E::Org]).into_iter().last().filter(|&p| {
            matches!(
                x.between(x.e(p).end, x.e(cur).start).trim(),
                "与" | "和" | "、" | "及" | "以及" | "跟" | "同"
            )
        })
    {
        out.insert(0, prev);
        cur = prev;
        if out.len() > 16 {
            break;
        }
    }
    out
}

/// Whether the object after a release trigger is a report, rule or programme (发布财报,
/// 发布《移动应用市场报告》, 推出激励计划) rather than a product: a report word ends later
/// than any product head noun (发布收入预测工具 is a product).
fn names_report(x: &Sent, a: usize, b: usize) -> bool {
    let t = x.between(a, b);
    let last = |cue: &str| {
        x.rules.cue(cue).iter().filter_map(|w| t.rfind(w.as_str()).map(|k| k + w.len())).max()
    };
    match (last("report"), last("product_head")) {
        (Some(r), Some(p)) => r > p,
        (r, _) => r.is_some(),
    }
}

/// Whether 开源 is the verb (宣布开源X, Meta开源了X, 微软开源的工具) rather than an adjective
/// before a noun (开源模型, 凭借开源高性能模型).
fn verbal_open_source(x: &Sent, m: &TriggerMatch) -> bool {
    let (cs, ce) = x.clauses[x.clause_of(m.start)];
    let after = x.between(m.end, ce).trim_start();
    let before = x.between(cs, m.start).trim_end();
    let org_right_before =
        x.ents_in(cs, m.start, &[E::Org]).into_iter().any(|i| x.e(i).end == cs + before.len());
    if after.is_empty() || after.starts_with(['了', '出', '给', '于']) {
        return true;
    }
    // 微软开源的工具 (a relative clause with its doer), not 一个开源的实现.
    if after.starts_with('的') {
        return org_right_before;
    }
    if x.ends_with_cue(m.start, "verbal") {
        return true;
    }
    let product_right_after = x
        .ents_in(m.end, ce, &[E::Product])
        .first()
        .is_some_and(|&p| x.between(m.end, x.e(p).start).trim().chars().count() <= 1);
    org_right_before && product_right_after
}

fn education(x: &Sent, m: &TriggerMatch) -> Vec<Draft> {
    let ci = x.clause_of(m.start);
    let (cs, ce) = x.clauses[ci];
    let people = x.subject_persons(m.start);
    let mut out = Vec::new();
    let mk = |school: Option<usize>, degree: Option<(usize, usize)>| {
        let mut d = Draft::new(K::Education, m);
        d.add_all(Role::Person, &people);
        d.add(Role::School, school);
        if let Some((a, b)) = degree {
            d.args.push((Role::Degree, ArgRef::Text(a, b)));
        }
        d
    };
    if m.tail.is_none() {
        // 毕业于X(的)…(硕士学位).
        let school = x.first_after(m.end, &[E::Org]);
        let from = school.map_or(m.end, |s| x.e(s).end);
        // 博士毕业于X: the degree opens the trigger.
        let word = x.between(m.start, m.end);
        let prefix = ["硕士", "博士"].iter().find(|p| word.starts_with(**p));
        let degree = match prefix {
            Some(p) => Some((m.start, m.start + p.len())),
            None => DEGREE.find(x.between(from, ce)).map(|r| (from + r.start(), from + r.end())),
        };
        out.push(mk(school, degree));
        return out;
    }
    // 取得X硕士学位，以及Y博士学位: one event per degree.
    let seg = x.seg_of_clause(ci);
    let seg_end =
        x.clauses.iter().zip(&x.clause_seg).rfind(|(_, s)| **s == seg).map_or(ce, |(c, _)| c.1);
    let mut prev = m.end;
    let region = x.between(m.end, seg_end);
    for r in DEGREE.find_iter(region) {
        let (a, b) = (m.end + r.start(), m.end + r.end());
        let school = x.ents_in(prev, a, &[E::Org]).into_iter().last().or_else(|| {
            if prev == m.end { x.ents_in(cs, m.start, &[E::Org]).into_iter().last() } else { None }
        });
        out.push(mk(school, Some((a, b))));
        prev = b;
    }
    out
}

fn financials(x: &Sent, m: &TriggerMatch, all: &[TriggerMatch], st: &mut State) -> Vec<Draft> {
    let Some(amount) = money_next(x, m, st) else { return Vec::new() };
    let amount = reached(x, amount, st).unwrap_or(amount);
    let amount = primary(x, amount, st);
    // 亏损收窄3亿元 is a change, not the loss; 亏损收窄至15.2亿元 gives the loss.
    let e = x.e(amount);
    if e.start >= m.end {
        // 收入冲刺IPO 估值达300亿美元: the money is the later metric's.
        if all.iter().any(|t| t.kind == K::Financials && t.start >= m.end && t.end <= e.start) {
            return Vec::new();
        }
        let gap = x.between(m.end, e.start);
        if x.rules.cue("change").iter().any(|w| gap.contains(w.as_str()))
            && !x.ends_with_cue(e.start, "reached")
        {
            return Vec::new();
        }
    }
    st.claimed.push(amount);
    // 为发那科、安川电机等厂商提供软件: orgs served are no subject of the figure; 合并后的新公司
    // 估值: an unnamed new company owns it (a bare 公司 refers back and keeps the org).
    let mut skip = investors(x);
    for o in x.ents_in(x.s.start, m.start, &[E::Org]) {
        let (a, _) = x.clauses[x.clause_of(x.e(o).start)];
        if x.between(a, x.e(o).start).contains(['为', '向', '给', '帮']) {
            skip.push(o);
        }
    }
    let unnamed =
        x.ents_in(x.s.start, m.start, &[E::Org]).last().is_none_or(|&o| x.e(o).end < m.start)
            && x.ends_with_cue(m.start, "unnamed_company");
    let mut d = Draft::new(K::Financials, m);
    d.add(Role::Org, if unnamed { None } else { x.org_before(m.start, &skip) });
    d.args.push((Role::Metric, ArgRef::Text(m.start, m.end)));
    d.add(Role::Amount, Some(amount));
    add_converted(x, &mut d, amount, st);
    vec![d]
}

/// Whether money `i` stands right before (的 between allowed) a noun trigger of another kind
/// than `kind` (55亿美元的估值 belongs to the valuation, not to a funding or an IPO).
fn owned_by_other(x: &Sent, all: &[TriggerMatch], i: usize, kind: K) -> bool {
    let after = x.between(x.e(i).end, x.s.end);
    let after = after.strip_prefix('的').unwrap_or(after);
    let p = x.s.end - after.len();
    all.iter().any(|t| {
        t.start == p
            && t.kind != kind
            && matches!(t.kind, K::Financials | K::Compensation | K::Cost)
    })
}

/// For a money that converts an earlier one (450亿日元（约合3.1亿美元）), the earlier money:
/// the figure as first given.
fn primary(x: &Sent, i: usize, st: &State) -> usize {
    let e = x.e(i);
    let Some(prev) = x.ents_in(x.s.start, e.start, &[E::Money]).into_iter().last() else {
        return i;
    };
    if !unclaimed(st, prev) || x.clause_of(x.e(prev).start) != x.clause_of(e.start) {
        return i;
    }
    let gap = x.between(x.e(prev).end, e.start);
    let gap = gap.trim_end_matches(['约', '为', '近', '超', ' ']);
    if gap.chars().count() <= 4
        && x.rules.cue("converted").iter().any(|w| gap.ends_with(w.as_str()))
    {
        prev
    } else {
        i
    }
}

/// The same figure in a second currency after `amount` (18.6亿元…约合2.6亿美元,
/// 5亿美元（约合39亿港元）): a money in the same segment right after a `converted` cue,
/// no other money between. Claimed and added as a second amount.
fn add_converted(x: &Sent, d: &mut Draft, amount: usize, st: &mut State) {
    const MAX_GAP: usize = 30;
    let e = x.e(amount);
    let seg = x.seg_of_clause(x.clause_of(e.start));
    let Some(next) = x.ents_in(e.end, x.s.end, &[E::Money]).into_iter().next() else { return };
    let n = x.e(next);
    if x.seg_of_clause(x.clause_of(n.start)) != seg || !unclaimed(st, next) {
        return;
    }
    let gap = x.between(e.end, n.start);
    if gap.chars().count() > MAX_GAP {
        return;
    }
    let before = gap.trim_end_matches(['约', '为', '近', '超', ' ']);
    if !x.rules.cue("converted").iter().any(|w| before.ends_with(w.as_str())) {
        return;
    }
    let currency = |i: usize| match &x.e(i).value {
        Some(crate::model::Value::Money(m)) => Some(m.currency.clone()),
        _ => None,
    };
    if currency(amount) == currency(next) {
        return;
    }
    st.claimed.push(next);
    d.add(Role::Amount, Some(next));
}

/// 估值从26亿美元暴涨至390亿美元: for a money after 从/由, the money reached (after 至/到…)
/// later in its clause.
fn reached(x: &Sent, from: usize, st: &State) -> Option<usize> {
    let e = x.e(from);
    let (cs, ce) = x.clauses[x.clause_of(e.start)];
    if !x.between(cs, e.start).ends_with(['从', '由']) {
        return None;
    }
    x.ents_in(e.end, ce, &[E::Money]).into_iter().find(|&i| {
        unclaimed(st, i)
            && x.between(e.end, x.e(i).start).chars().count() <= 8
            && x.ends_with_cue(x.e(i).start, "reached")
    })
}

fn merger(x: &Sent, m: &TriggerMatch) -> Vec<Draft> {
    let rule = x.rules.trigger(m.rule);
    let (cs, _) = x.clauses[x.clause_of(m.start)];
    let mut orgs: Vec<usize> =
        x.ents_in(cs, m.start, &[E::Org]).into_iter().filter(|&i| x.is_plain_org(i)).collect();
    if rule.obj || x.between(m.start, m.end) == "并入" {
        orgs.extend(x.first_after(m.end, &[E::Org]).filter(|&i| x.is_plain_org(i)));
    }
    // 曾与影策科技合并: the other party is the sentence's subject.
    if orgs.len() == 1 && x.between(cs, m.start).contains(['与', '和', '同', '跟']) {
        if let Some(s) = x
            .ents_in(x.s.start, cs, &[E::Org])
            .into_iter()
            .find(|&i| x.is_plain_org(i) && !same_thing(x, i, orgs[0]))
        {
            orgs.insert(0, s);
        }
    }
    let mut d = Draft::new(K::Merger, m);
    d.add_all(Role::Org, &orgs);
    vec![d]
}

/// 上市 of goods (新车上市, 芯片已全面上市): a release, not an IPO. `Some(drafts)` when the
/// subject before the trigger is a product, or a goods noun stands between the company and the
/// trigger; `None` for an IPO.
fn product_launch(x: &Sent, m: &TriggerMatch, all: &[TriggerMatch]) -> Option<Vec<Draft>> {
    let word = x.between(m.start, m.end);
    if !word.starts_with("上市") {
        return None;
    }
    let ci = x.clause_of(m.start);
    let (cs, _) = x.clauses[ci];
    let subject = |a: usize| {
        x.ents_in(a, m.start, &[E::Org, E::Product])
            .into_iter()
            .filter(|&i| x.kind(i) == E::Product || x.is_plain_org(i))
            .last()
    };
    let own = subject(cs);
    let Some(subj) = own.or_else(|| subject(x.s.start)) else {
        // 新车上市后…: goods with no named maker.
        return x.has_cue(cs, m.start, "goods").then(Vec::new);
    };
    // 赴港交所上市: a listing, whatever goods an earlier clause names.
    if x.ents_in(cs, m.start, &[E::Org]).into_iter().any(|i| x.is_exchange(i)) {
        return None;
    }
    let goods = x.has_cue(x.e(subj).end.max(cs), m.start, "goods");
    if x.kind(subj) == E::Org && !goods {
        return None;
    }
    // Said of a product an earlier clause already released (推出X，预计…上市): no new event.
    if own.is_none() && all.iter().any(|t| t.kind == K::Release) {
        return Some(Vec::new());
    }
    let mut d = Draft::new(K::Release, m);
    if x.kind(subj) == E::Product {
        let (ps, _) = x.clauses[x.clause_of(x.e(subj).start)];
        let org = x
            .ents_in(ps, x.e(subj).start, &[E::Org])
            .into_iter()
            .filter(|&i| x.is_plain_org(i))
            .last()
            .or_else(|| x.org_before(x.e(subj).start, &[]));
        d.add(Role::Org, org);
        d.add(Role::Product, Some(subj));
    } else {
        d.add(Role::Org, Some(subj));
    }
    let planned = x.has_cue(cs, m.start, "planned");
    d.status = Some(if planned { ReleaseStatus::Planned } else { ReleaseStatus::Released });
    Some(vec![d])
}

fn ipo(x: &Sent, m: &TriggerMatch, all: &[TriggerMatch], st: &mut State) -> Vec<Draft> {
    let ci = x.clause_of(m.start);
    let (cs, ce) = x.clauses[ci];
    let inv = investors(x);
    // 本次IPO，云启智能共发行…: the subject may open the next clause.
    let org = x.org_before(m.start, &inv).or_else(|| {
        let (ns, ne) = *x.clauses.get(ci + 1)?;
        x.ents_in(ns, ne, &[E::Org])
            .into_iter()
            .find(|&i| x.is_plain_org(i) && !inv.contains(&i))
            .filter(|&i| x.between(ns, x.e(i).start).chars().count() <= 2)
    });
    let exchange = x
        .ents_in(cs, ce, &[E::Org])
        .into_iter()
        .filter(|&i| x.is_exchange(i))
        .min_by_key(|&i| x.e(i).start.abs_diff(m.start));
    // 募资约54亿港元: the money raised, in the trigger's clause after it or a later clause
    // of its segment, else an earlier clause of the segment (…，募资5亿美元，…挂牌). A money
    // that another trigger's noun owns (55亿美元的估值) is no money raised.
    let seg = x.seg_of_clause(ci);
    let owned = |i: usize| owned_by_other(x, all, i, K::Ipo);
    let raised = |a: usize, b: usize| -> Option<usize> {
        let (_, e) = x.find_cue(a, b, "raise")?;
        x.ents_in(e, b, &[E::Money]).into_iter().find(|&i| unclaimed(st, i) && !owned(i))
    };
    let later = (ci..x.clauses.len()).take_while(|&cj| x.seg_of_clause(cj) == seg).find_map(|cj| {
        let (a, b) = x.clauses[cj];
        raised(if cj == ci { m.start } else { a }, b)
    });
    let amount = later.or_else(|| {
        (0..=ci).rev().take_while(|&cj| x.seg_of_clause(cj) == seg).find_map(|cj| {
            let (a, b) = x.clauses[cj];
            raised(a, if cj == ci { m.start } else { b })
        })
    });
    let mut d = Draft::new(K::Ipo, m);
    d.add(Role::Org, org);
    d.add(Role::Exchange, exchange);
    if let Some(a) = amount {
        st.claimed.push(a);
        d.add(Role::Amount, Some(a));
        add_converted(x, &mut d, a, st);
    }
    vec![d]
}

fn layoff(x: &Sent, m: &TriggerMatch, all: &[TriggerMatch]) -> Vec<Draft> {
    let ci = x.clause_of(m.start);
    let (_, ce) = x.clauses[ci];
    let mut q = x.ents_in(m.end, ce, &[E::Quantity, E::Percent]);
    let seg = x.seg_of_clause(ci);
    for cj in ci + 1..x.clauses.len() {
        let (a, b) = x.clauses[cj];
        if x.seg_of_clause(cj) != seg || all.iter().any(|t| t.start >= a && t.start < b) {
            break;
        }
        q.extend(x.ents_in(a, b, &[E::Quantity, E::Percent]));
    }
    let mut d = Draft::new(K::Layoff, m);
    d.add(Role::Org, x.org_before(m.start, &[]));
    d.add_all(Role::Quantity, &q);
    vec![d]
}
