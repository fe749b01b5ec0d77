//! Stage 6: events. Trigger words (from `lexicons/event_triggers.tsv`) found in a sentence
//! start an event; rules fill its roles with the entities of that sentence.

mod rules;

pub(crate) use rules::DEFAULT_TRIGGERS;

pub(crate) use rules::EventRules;

use crate::link::Linked;
use crate::model::{EntityKind, EventKind, ReleaseStatus, Role};
use crate::sentence::Sentence;

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

/// Finds the events of every sentence.
pub(crate) fn extract(
    text: &str,
    sentences: &[Sentence],
    entities: &[Linked],
    rules: &EventRules,
) -> Vec<RawEvent> {
    let mut out = Vec::new();
    for s in sentences {
        let first = entities.partition_point(|e| e.start < s.start);
        let last = entities.partition_point(|e| e.start < s.end);
        let in_sentence = first..last;
        for t in rules.triggers(&text[s.start..s.end]) {
            let (ts, te) = (s.start + t.start, s.start + t.end);
            // A trigger inside an entity (薪酬 in a title, 上市 in a name) is no trigger.
            if entities[in_sentence.clone()].iter().any(|e| e.start < te && ts < e.end) {
                continue;
            }
            let mut args = Vec::new();
            for i in in_sentence.clone() {
                let e = &entities[i];
                if let Some(role) = default_role(t.kind, e.kind) {
                    args.push((role, ArgRef::Entity(i)));
                }
            }
            if args.is_empty() {
                continue;
            }
            out.push(RawEvent {
                kind: t.kind,
                trigger: (ts, te),
                sentence: *s,
                args,
                status: t.status,
            });
        }
    }
    out.sort_by(|a, b| a.trigger.cmp(&b.trigger).then(a.kind.cmp(&b.kind)));
    out
}

/// A first, honest mapping from entity kind to role.
fn default_role(kind: EventKind, ek: EntityKind) -> Option<Role> {
    use EntityKind as E;
    use EventKind as K;
    Some(match (kind, ek) {
        (_, E::Date) => Role::Date,
        (K::Hire | K::Departure | K::Dismissal | K::Appointment | K::Education, E::Person) => {
            Role::Person
        }
        (K::Hire, E::Org) => Role::Employer,
        (K::Departure | K::Dismissal | K::Appointment, E::Org) => Role::Org,
        (K::Hire | K::Departure | K::Dismissal | K::Appointment, E::Title) => Role::Title,
        (K::Founding, E::Person) => Role::Founder,
        (
            K::Founding | K::Funding | K::Financials | K::Merger | K::Ipo | K::Layoff | K::Release,
            E::Org,
        ) => Role::Org,
        (
            K::Funding | K::Acquisition | K::Compensation | K::Cost | K::Financials | K::Ipo,
            E::Money,
        ) => Role::Amount,
        (K::Compensation, E::Person) => Role::Person,
        (K::Compensation, E::Duration) => Role::Duration,
        (K::Release | K::Cost, E::Product) => Role::Product,
        (K::Education, E::Org) => Role::School,
        (K::Layoff, E::Quantity | E::Percent) => Role::Quantity,
        _ => return None,
    })
}
