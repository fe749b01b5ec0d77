//! `xinwen`: extract entities and events from Chinese news articles.
//!
//! ```text
//! xinwen extract article.txt               # one JSON document per file
//! xinwen extract --jsonl < corpus.jsonl     # {"id","text","reference_date"} per line
//! ```

use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value as Json;
use xinwen::{Date, Entity, Event, Extractor};

#[derive(Parser)]
#[command(name = "xinwen", version, about = "Structured data from Chinese tech and business news")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract entities and events from files (or standard input).
    Extract(ExtractArgs),
}

#[derive(clap::Args)]
struct ExtractArgs {
    /// Input files; none or `-` reads standard input.
    files: Vec<PathBuf>,
    /// Read JSON Lines `{"id", "text", "reference_date"}` and write one result line per
    /// input line, in order.
    #[arg(long)]
    jsonl: bool,
    /// Reference date (YYYY-MM-DD) for relative dates such as 去年12月.
    #[arg(long, value_name = "YYYY-MM-DD")]
    reference_date: Option<Date>,
    /// A lexicon file (TSV, see lexicons/README.md) merged over the defaults; repeatable.
    #[arg(long, value_name = "PATH")]
    lexicon: Vec<PathBuf>,
    /// Event trigger rules (the format of lexicons/event_triggers.tsv) added to the
    /// defaults; repeatable.
    #[arg(long, value_name = "PATH")]
    event_rules: Vec<PathBuf>,
    /// Indent the JSON output.
    #[arg(long)]
    pretty: bool,
    /// Number of worker threads for --jsonl (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => match run_extract(args) {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::FAILURE,
            Err(e) => {
                eprintln!("xinwen: {e}");
                ExitCode::from(2)
            }
        },
    }
}

/// Runs `extract`; `Ok(false)` when some input failed (and was reported).
fn run_extract(args: ExtractArgs) -> Result<bool, Box<dyn std::error::Error>> {
    let mut builder = Extractor::builder();
    if let Some(d) = args.reference_date {
        builder.reference_date(d);
    }
    for l in &args.lexicon {
        builder.lexicon(l);
    }
    for r in &args.event_rules {
        builder.event_rules(r);
    }
    let extractor = builder.build()?;
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new().num_threads(n).build_global()?;
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let files: Vec<Option<PathBuf>> = if args.files.is_empty() {
        vec![None]
    } else {
        args.files.iter().map(|p| (p.as_os_str() != "-").then(|| p.clone())).collect()
    };
    let mut ok = true;
    for file in &files {
        let name = file.as_ref().map_or("<stdin>".to_string(), |p| p.display().to_string());
        let bytes = match read_input(file.as_ref()) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("xinwen: {name}: {e}");
                ok = false;
                continue;
            }
        };
        if args.jsonl {
            ok &= run_jsonl(&extractor, &name, &bytes, args.pretty, &mut out)?;
            continue;
        }
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                eprintln!(
                    "xinwen: {name}: not UTF-8 (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                );
                ok = false;
                continue;
            }
        };
        let doc = extractor.extract(&text);
        let file_field = (files.len() > 1).then_some(name.as_str());
        write_json(&mut out, &FileDoc { file: file_field, doc: &doc }, args.pretty)?;
    }
    out.flush()?;
    Ok(ok)
}

fn read_input(file: Option<&PathBuf>) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    match file {
        Some(p) => bytes = std::fs::read(p)?,
        None => {
            io::stdin().lock().read_to_end(&mut bytes)?;
        }
    }
    Ok(bytes)
}

#[derive(Serialize)]
struct FileDoc<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    #[serde(flatten)]
    doc: &'a xinwen::Document,
}

#[derive(Serialize)]
struct LineResult<'a> {
    id: &'a Json,
    #[serde(skip_serializing_if = "Option::is_none")]
    entities: Option<&'a [Entity]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    events: Option<&'a [Event]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reference_date: Option<&'a xinwen::ReferenceDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

/// One output line for one input line: the result, or an error line; the error message is
/// returned beside it for stderr.
fn process_line(
    extractor: &Extractor,
    line_no: usize,
    line: &[u8],
    pretty: bool,
) -> (String, Option<String>) {
    let null = Json::Null;
    let fail = |id: &Json, msg: String| {
        let r = LineResult {
            id,
            entities: None,
            events: None,
            reference_date: None,
            error: Some(&msg),
        };
        let out = to_json(&r, false);
        (out, Some(msg))
    };
    let line = match std::str::from_utf8(line) {
        Ok(l) => l,
        Err(e) => {
            return fail(
                &null,
                format!("line {line_no}: not UTF-8 (invalid byte at offset {})", e.valid_up_to()),
            );
        }
    };
    let obj: Json = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => return fail(&null, format!("line {line_no}: not valid JSON: {e}")),
    };
    let Json::Object(map) = &obj else {
        return fail(&null, format!("line {line_no}: not a JSON object"));
    };
    let id = map.get("id").unwrap_or(&null);
    let Some(Json::String(text)) = map.get("text") else {
        return fail(id, format!("line {line_no}: no \"text\" string"));
    };
    let date = match map.get("reference_date") {
        None | Some(Json::Null) => None,
        Some(Json::String(s)) => match s.get(..10).unwrap_or(s).parse::<Date>() {
            Ok(d) => Some(d),
            Err(e) => return fail(id, format!("line {line_no}: reference_date: {e}")),
        },
        Some(_) => return fail(id, format!("line {line_no}: reference_date is not a string")),
    };
    let doc = extractor.extract_with_date(text, date);
    let r = LineResult {
        id,
        entities: Some(&doc.entities),
        events: Some(&doc.events),
        reference_date: doc.reference_date.as_ref(),
        error: None,
    };
    (to_json(&r, pretty), None)
}

fn run_jsonl(
    extractor: &Extractor,
    name: &str,
    bytes: &[u8],
    pretty: bool,
    out: &mut impl Write,
) -> io::Result<bool> {
    let mut lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    if lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    let bar = if io::stderr().is_terminal() {
        let b = ProgressBar::new(lines.len() as u64);
        b.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} lines {per_sec} eta {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        b
    } else {
        ProgressBar::hidden()
    };
    let mut ok = true;
    // Chunks keep memory bounded while every core works; output order is input order.
    for (c, chunk) in lines.chunks(256).enumerate() {
        let results: Vec<(String, Option<String>)> = chunk
            .par_iter()
            .enumerate()
            .map(|(i, l)| {
                let l = l.strip_suffix(b"\r").unwrap_or(l);
                process_line(extractor, c * 256 + i + 1, l, pretty)
            })
            .collect();
        for (s, error) in results {
            if let Some(e) = error {
                eprintln!("xinwen: {name}: {e}");
                ok = false;
            }
            out.write_all(s.as_bytes())?;
            out.write_all(b"\n")?;
        }
        bar.inc(chunk.len() as u64);
    }
    bar.finish_and_clear();
    Ok(ok)
}

fn to_json<T: Serialize>(v: &T, pretty: bool) -> String {
    let r = if pretty { serde_json::to_string_pretty(v) } else { serde_json::to_string(v) };
    r.unwrap_or_else(|e| format!("{{\"error\":\"cannot serialise: {e}\"}}"))
}

fn write_json<T: Serialize>(out: &mut impl Write, v: &T, pretty: bool) -> io::Result<()> {
    out.write_all(to_json(v, pretty).as_bytes())?;
    out.write_all(b"\n")
}
