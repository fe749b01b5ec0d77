//! Stage 7: the public document. Maps every offset of the normalised text back to the
//! caller's original text, numbers the entities and orders everything as SPEC.md says.

use crate::event::{ArgRef, RawEvent};
use crate::link::Linked;
use crate::model::{Arg, Document, Entity, Event, Mention, ReferenceDate};
use crate::normalize::Normalized;
use crate::span::{CharMap, Span};

pub(crate) fn build(
    original: &str,
    norm: &Normalized,
    entities: &[Linked],
    events: &[RawEvent],
    reference_date: Option<ReferenceDate>,
) -> Document {
    let chars = CharMap::new(original);
    let span = |s: usize, e: usize| {
        let (s, e) = (norm.to_original(s), norm.to_original(e));
        chars.span(s, e)
    };
    let slice = |sp: &Span| original[sp.start..sp.end].to_string();
    let entities_out: Vec<Entity> = entities
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let sp = span(e.start, e.end);
            Entity {
                id: format!("e{}", i + 1),
                kind: e.kind,
                text: slice(&sp),
                span: sp,
                value: e.value.clone(),
                canonical: e.canonical.clone(),
                aliases: e.aliases.clone(),
            }
        })
        .collect();
    let events_out = events
        .iter()
        .map(|ev| {
            let tsp = span(ev.trigger.0, ev.trigger.1);
            Event {
                kind: ev.kind,
                trigger: Mention { text: slice(&tsp), span: tsp },
                sentence: span(ev.sentence.start, ev.sentence.end),
                args: ev
                    .args
                    .iter()
                    .map(|&(role, a)| match a {
                        ArgRef::Entity(i) => Arg {
                            role,
                            entity: Some(entities_out[i].id.clone()),
                            text: entities_out[i].text.clone(),
                            span: None,
                        },
                        ArgRef::Text(s, e) => {
                            let sp = span(s, e);
                            Arg { role, entity: None, text: slice(&sp), span: Some(sp) }
                        }
                    })
                    .collect(),
                status: ev.status,
            }
        })
        .collect();
    Document { entities: entities_out, events: events_out, reference_date }
}
