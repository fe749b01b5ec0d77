#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod calendar;
mod decimal;
mod error;
mod event;
mod extractor;
mod lexicon;
mod link;
mod model;
mod normalize;
mod output;
mod recognize;
mod segment;
mod sentence;
mod span;

use std::sync::LazyLock;

pub use calendar::Date;
pub use decimal::Decimal;
pub use error::Error;
pub use extractor::{ExtractOptions, Extractor, ExtractorBuilder};
pub use lexicon::{Entry as LexiconEntry, LexKind, Lexicon};
pub use model::{
    Approx, Arg, DateSource, DateValue, Document, Duration, Entity, EntityKind, Event, EventKind,
    Granularity, Mention, Money, Percent, Quantity, ReferenceDate, ReleaseStatus, Role, Value,
};
pub use span::Span;

static DEFAULT: LazyLock<Extractor> =
    LazyLock::new(|| Extractor::new().expect("the embedded lexicons are valid"));

/// Extracts entities and events from one article with the default [`Extractor`] (built
/// once, on first use). Relative dates resolve against the article's dateline when it has
/// one, and otherwise stay unresolved (`timex: null`).
pub fn extract(text: &str) -> Document {
    DEFAULT.extract(text)
}

/// Like [`extract`], resolving relative dates against `reference_date`.
pub fn extract_with_date(text: &str, reference_date: Date) -> Document {
    DEFAULT.extract_with_date(text, Some(reference_date))
}

/// The shared default extractor.
pub fn default_extractor() -> &'static Extractor {
    &DEFAULT
}

#[cfg(test)]
mod tests {
    fn is_send_sync<T: Send + Sync>() {}

    #[test]
    fn extractor_is_send_sync() {
        is_send_sync::<crate::Extractor>();
        is_send_sync::<crate::Document>();
    }
}
