//! The default lexicons, embedded at compile time so `extract` needs no files at run time.

use super::Sources;
use crate::error::Error;

const FILES: &[(&str, &str)] = &[
    ("orgs_companies.tsv", include_str!("../../lexicons/orgs_companies.tsv")),
    ("orgs_institutions.tsv", include_str!("../../lexicons/orgs_institutions.tsv")),
    ("people.tsv", include_str!("../../lexicons/people.tsv")),
    ("products.tsv", include_str!("../../lexicons/products.tsv")),
    ("titles.tsv", include_str!("../../lexicons/titles.tsv")),
    ("locations.tsv", include_str!("../../lexicons/locations.tsv")),
    ("surnames.tsv", include_str!("../../lexicons/surnames.tsv")),
];

const TRANSLIT: &str = include_str!("../../lexicons/translit_chars.txt");

/// The embedded default lexicons.
pub(crate) fn default_sources() -> Result<Sources, Error> {
    let mut s = Sources::default();
    for (name, text) in FILES {
        s.add_tsv(name, text)?;
    }
    s.translit = TRANSLIT.lines().filter(|l| !l.starts_with('#')).collect();
    Ok(s)
}
