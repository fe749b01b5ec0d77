//! The extractor: built once (fallible), then shared across threads to extract (infallible).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::calendar::Date;
use crate::error::Error;
use crate::event::{self, EventRules};
use crate::lexicon::{Lexicon, Sources, default_sources};
use crate::model::{DateSource, Document, ReferenceDate};
use crate::normalize::Normalized;
use crate::recognize::{self, Context};
use crate::segment::Segmenter;
use crate::{link, output, sentence};

/// Turns Chinese news articles into [`Document`]s. Immutable, `Send + Sync` and cheap to
/// clone (an `Arc` inside): build one and share it.
///
/// ```
/// let ex = xinwen::Extractor::builder().reference_date("2025-07-20".parse()?).build()?;
/// let doc = ex.extract("去年12月，OpenAI从谷歌挖走了3名工程师。");
/// let date = doc.entities.iter().find(|e| e.kind == xinwen::EntityKind::Date).unwrap();
/// assert_eq!(date.text, "去年12月");
/// let value = serde_json::to_value(&date.value).unwrap();
/// assert_eq!(value["timex"], "2024-12");
/// # Ok::<(), xinwen::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Extractor {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    lexicon: Lexicon,
    segmenter: Segmenter,
    rules: EventRules,
    reference_date: Option<Date>,
    detect_dateline: bool,
}

/// Options for one call of [`Extractor::extract_with`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExtractOptions {
    /// The article's publication date; overrides the extractor's default.
    pub reference_date: Option<Date>,
}

/// Builds an [`Extractor`].
#[derive(Debug, Clone)]
pub struct ExtractorBuilder {
    reference_date: Option<Date>,
    default_lexicons: bool,
    detect_dateline: bool,
    user_lexicons: Vec<UserFile>,
    user_event_rules: Vec<UserFile>,
}

/// A user lexicon or rule file: a path read at build, or text already read.
#[derive(Debug, Clone)]
enum UserFile {
    Path(PathBuf),
    Text { name: String, text: String },
}

impl UserFile {
    fn read(name: &str, mut reader: impl Read) -> Result<UserFile, Error> {
        let mut text = String::new();
        reader.read_to_string(&mut text).map_err(|e| Error::io(name, e))?;
        Ok(UserFile::Text { name: name.to_string(), text })
    }

    /// `(name for errors, text)`, reading the file now if it is a path.
    fn load(&self) -> Result<(String, String), Error> {
        match self {
            UserFile::Path(p) => {
                let text = std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?;
                Ok((p.display().to_string(), text))
            }
            UserFile::Text { name, text } => Ok((name.clone(), text.clone())),
        }
    }
}

impl Default for ExtractorBuilder {
    fn default() -> Self {
        ExtractorBuilder {
            reference_date: None,
            default_lexicons: true,
            detect_dateline: true,
            user_lexicons: Vec::new(),
            user_event_rules: Vec::new(),
        }
    }
}

impl ExtractorBuilder {
    /// The default reference date for relative dates (去年, 上周三); per call it can be
    /// overridden with [`Extractor::extract_with`].
    pub fn reference_date(&mut self, date: Date) -> &mut Self {
        self.reference_date = Some(date);
        self
    }

    /// Adds a lexicon file (the TSV format of `lexicons/README.md`), merged over the
    /// defaults. It is read at [`build`](Self::build).
    pub fn lexicon(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.user_lexicons.push(UserFile::Path(path.as_ref().to_path_buf()));
        self
    }

    /// Adds a lexicon from a reader; `name` names it in errors.
    pub fn lexicon_reader(&mut self, name: &str, reader: impl Read) -> Result<&mut Self, Error> {
        self.user_lexicons.push(UserFile::read(name, reader)?);
        Ok(self)
    }

    /// Adds event trigger rules (the format of `lexicons/event_triggers.tsv`), added to the
    /// embedded ones. Read at [`build`](Self::build).
    pub fn event_rules(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.user_event_rules.push(UserFile::Path(path.as_ref().to_path_buf()));
        self
    }

    /// Adds event trigger rules from a reader; `name` names it in errors.
    pub fn event_rules_reader(
        &mut self,
        name: &str,
        reader: impl Read,
    ) -> Result<&mut Self, Error> {
        self.user_event_rules.push(UserFile::read(name, reader)?);
        Ok(self)
    }

    /// Whether to use the embedded default lexicons (on by default).
    pub fn default_lexicons(&mut self, yes: bool) -> &mut Self {
        self.default_lexicons = yes;
        self
    }

    /// Whether to read the article's dateline (2025年7月20日讯) as its reference date when
    /// none is given (on by default).
    pub fn detect_dateline(&mut self, yes: bool) -> &mut Self {
        self.detect_dateline = yes;
        self
    }

    /// Builds the extractor: parses and compiles every lexicon.
    pub fn build(&self) -> Result<Extractor, Error> {
        let mut sources =
            if self.default_lexicons { default_sources()? } else { Sources::default() };
        for u in &self.user_lexicons {
            let (name, text) = u.load()?;
            sources.add_tsv(&name, &text)?;
        }
        let lexicon = Lexicon::build(sources)?;
        let segmenter = Segmenter::new(lexicon.words());
        let rule_files =
            self.user_event_rules.iter().map(UserFile::load).collect::<Result<Vec<_>, _>>()?;
        let mut files: Vec<(&str, &str)> = vec![("event_triggers.tsv", event::DEFAULT_TRIGGERS)];
        files.extend(rule_files.iter().map(|(n, t)| (n.as_str(), t.as_str())));
        let rules = EventRules::parse(&files)?;
        Ok(Extractor {
            inner: Arc::new(Inner {
                lexicon,
                segmenter,
                rules,
                reference_date: self.reference_date,
                detect_dateline: self.detect_dateline,
            }),
        })
    }
}

impl Extractor {
    /// A builder with the defaults.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// An extractor with the embedded lexicons and no reference date.
    pub fn new() -> Result<Extractor, Error> {
        Extractor::builder().build()
    }

    /// Extracts entities and events from one article. Never fails, never panics.
    pub fn extract(&self, text: &str) -> Document {
        self.extract_with(text, &ExtractOptions::default())
    }

    /// Extracts with a per-call reference date (`None`: the extractor's default).
    pub fn extract_with_date(&self, text: &str, reference_date: Option<Date>) -> Document {
        self.extract_with(text, &ExtractOptions { reference_date })
    }

    /// Extracts with per-call options.
    pub fn extract_with(&self, text: &str, options: &ExtractOptions) -> Document {
        let inner = &*self.inner;
        let norm = Normalized::new(text);
        let ntext = norm.text();
        let sentences = sentence::split(ntext);
        let reference = match options.reference_date.or(inner.reference_date) {
            Some(date) => Some(ReferenceDate { date, source: DateSource::Given }),
            None if inner.detect_dateline => recognize::date::detect_dateline(ntext)
                .map(|date| ReferenceDate { date, source: DateSource::Dateline }),
            None => None,
        };
        let tokens = inner.segmenter.segment(ntext, &sentences);
        let hits = inner.lexicon.scan(ntext);
        let ctx = Context {
            text: ntext,
            sentences: &sentences,
            tokens: &tokens,
            hits: &hits,
            lexicon: &inner.lexicon,
            segmenter: &inner.segmenter,
            reference_date: reference.map(|r| r.date),
        };
        let candidates = recognize::recognize_all(&ctx);
        let entities = link::link(ntext, candidates);
        let events = event::extract(ntext, &sentences, &entities, &inner.rules);
        output::build(text, &norm, &entities, &events, reference)
    }

    /// The compiled lexicons.
    pub fn lexicon(&self) -> &Lexicon {
        &self.inner.lexicon
    }

    /// Segments `text` with the extractor's segmenter (jieba-rs with the lexicon words):
    /// the words, in order. For benches and inspection.
    pub fn segment<'t>(&self, text: &'t str) -> Vec<&'t str> {
        self.inner.segmenter.cut(text)
    }
}
