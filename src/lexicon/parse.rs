//! The TSV lexicon format: `kind<TAB>name<TAB>aliases<TAB>attrs`.

use super::{Entry, LexKind};
use crate::error::Error;

/// Parses one lexicon file. `file` names it in errors.
pub(crate) fn parse_tsv(file: &str, text: &str) -> Result<Vec<Entry>, Error> {
    let mut out = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 2 || cols.len() > 4 {
            return Err(Error::lexicon(
                file,
                line_no,
                format!("expected 2 to 4 tab-separated columns, found {}", cols.len()),
            ));
        }
        let kind = LexKind::parse(cols[0].trim()).ok_or_else(|| {
            Error::lexicon(
                file,
                line_no,
                format!(
                    "unknown kind {:?} (person, org, product, title, location, surname)",
                    cols[0]
                ),
            )
        })?;
        let name = cols[1].trim();
        if name.is_empty() {
            return Err(Error::lexicon(file, line_no, "empty name"));
        }
        let aliases = cols
            .get(2)
            .map(|a| {
                a.split('|')
                    .map(str::trim)
                    .filter(|s| !s.is_empty() && *s != name)
                    .map(String::from)
            })
            .into_iter()
            .flatten()
            .collect();
        let mut attrs = Vec::new();
        if let Some(a) = cols.get(3) {
            for kv in a.split(';').map(str::trim).filter(|s| !s.is_empty()) {
                let Some((k, v)) = kv.split_once('=') else {
                    return Err(Error::lexicon(
                        file,
                        line_no,
                        format!("attribute {kv:?} is not key=value"),
                    ));
                };
                attrs.push((k.trim().to_string(), v.trim().to_string()));
            }
        }
        out.push(Entry { kind, name: name.to_string(), aliases, attrs });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_reports_lines() {
        let ok = "# c\n\norg\t谷歌\tGoogle|谷歌公司\ttype=company;country=US\ntitle\tCEO\n";
        let e = parse_tsv("x.tsv", ok).unwrap();
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].aliases, ["Google", "谷歌公司"]);
        assert_eq!(e[0].attr("country"), Some("US"));
        let err = parse_tsv("bad.tsv", "org\tA\norgx\tB\n").unwrap_err();
        assert_eq!(err.location(), Some(("bad.tsv", 2)));
        assert!(err.to_string().contains("bad.tsv, line 2"));
        assert!(parse_tsv("b.tsv", "org\tA\t\tnoequals\n").is_err());
        assert!(parse_tsv("b.tsv", "org\n").is_err());
    }
}
