//! The error type: building an [`Extractor`](crate::Extractor) may fail, extracting never does.

use std::path::PathBuf;

/// An error from building an extractor: a lexicon that cannot be read or parsed, or an
/// invalid date. The message names the file and line where there is one.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct Error(#[from] ErrorKind);

#[derive(Debug, thiserror::Error)]
pub(crate) enum ErrorKind {
    #[error("cannot read lexicon {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("lexicon {file}, line {line}: {message}")]
    Lexicon { file: String, line: usize, message: String },
    #[error("invalid date {0:?}: expected YYYY-MM-DD")]
    InvalidDate(String),
}

impl Error {
    pub(crate) fn lexicon(file: &str, line: usize, message: impl Into<String>) -> Self {
        Error(ErrorKind::Lexicon { file: file.to_string(), line, message: message.into() })
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error(ErrorKind::Io { path: path.into(), source })
    }

    pub(crate) fn invalid_date(s: &str) -> Self {
        Error(ErrorKind::InvalidDate(s.to_string()))
    }

    /// The lexicon file and 1-based line number this error is about, if any.
    pub fn location(&self) -> Option<(&str, usize)> {
        match &self.0 {
            ErrorKind::Lexicon { file, line, .. } => Some((file.as_str(), *line)),
            _ => None,
        }
    }
}
