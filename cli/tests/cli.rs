//! The `xinwen` command end to end: files, stdin, JSON Lines, bad input.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn xinwen(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_xinwen"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("xinwen runs");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn tmp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xinwen-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("every output line is JSON"))
        .collect()
}

#[test]
fn jsonl_one_line_per_input_line_in_order() {
    let input = concat!(
        "{\"id\": 1, \"text\": \"2023年，OpenAI融资100亿美元。\", \"reference_date\": \"2025-07-20\"}\n",
        "not json\n",
        "{\"id\": \"b\"}\n",
        "\n",
        "{\"text\": \"去年12月发布。\", \"reference_date\": \"2025-13-01\"}\n",
        "{\"id\": \"c\", \"text\": \"\"}\n",
        "[1,2]\n",
        "{\"id\": 7, \"text\": \"百度发布了文心一言。\"}"
    );
    let out = xinwen(&["extract", "--jsonl"], input.as_bytes());
    let got = lines(&out);
    assert_eq!(got.len(), 8, "one output line per input line");
    assert_eq!(got[0]["id"], 1);
    assert!(got[0]["entities"].as_array().unwrap().iter().any(|e| e["kind"] == "money"));
    assert!(got[0]["events"].is_array());
    assert!(got[1]["error"].as_str().unwrap().contains("line 2"), "{}", got[1]);
    assert_eq!(got[1]["id"], serde_json::Value::Null);
    assert_eq!(got[2]["id"], "b");
    assert!(got[2]["error"].as_str().unwrap().contains("text"));
    assert!(got[3]["error"].is_string(), "an empty line is reported, not dropped");
    assert!(got[4]["error"].as_str().unwrap().contains("reference_date"));
    assert_eq!(got[5]["id"], "c");
    assert_eq!(got[5]["entities"], serde_json::json!([]));
    assert!(got[6]["error"].is_string());
    assert_eq!(got[7]["id"], 7);
    assert!(!out.status.success(), "bad lines make the exit code say so");
}

#[test]
fn jsonl_good_input_succeeds_and_is_deterministic() {
    let input =
        "{\"id\": \"x\", \"text\": \"2023年11月，首席科学家伊尔亚·苏茨克维离开OpenAI。\"}\n"
            .repeat(50);
    let a = xinwen(&["extract", "--jsonl"], input.as_bytes());
    let b = xinwen(&["extract", "--jsonl", "--threads", "1"], input.as_bytes());
    assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
    assert_eq!(a.stdout, b.stdout, "byte-identical across runs and thread counts");
    assert_eq!(lines(&a).len(), 50);
}

#[test]
fn files_bad_utf8_is_reported_and_others_processed() {
    let good = tmp("good.txt", "微软投资了OpenAI。".as_bytes());
    let mut bad_bytes = "前面".as_bytes().to_vec();
    bad_bytes.extend_from_slice(&[0xff, 0xfe]);
    let bad = tmp("bad.txt", &bad_bytes);
    let missing = good.with_file_name("missing.txt");
    let out = xinwen(
        &["extract", good.to_str().unwrap(), bad.to_str().unwrap(), missing.to_str().unwrap()],
        b"",
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.txt") && err.contains("offset 6"), "{err}");
    assert!(err.contains("missing.txt"), "{err}");
    let docs = lines(&out);
    assert_eq!(docs.len(), 1, "the good file is still processed");
    assert!(docs[0]["file"].as_str().unwrap().ends_with("good.txt"));
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn stdin_and_flags() {
    let out =
        xinwen(&["extract", "--reference-date", "2025-07-20", "--pretty"], "去年12月".as_bytes());
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["reference_date"]["date"], "2025-07-20");
    assert!(String::from_utf8_lossy(&out.stdout).contains("\n  "), "pretty output is indented");

    let bad_date = xinwen(&["extract", "--reference-date", "20250720"], b"");
    assert!(!bad_date.status.success());

    let lex = tmp("lex.tsv", "org\t星河跃迁科技\t星河跃迁\n".as_bytes());
    let out =
        xinwen(&["extract", "--lexicon", lex.to_str().unwrap()], "星河跃迁宣布融资。".as_bytes());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(doc["entities"].as_array().unwrap().iter().any(|e| e["canonical"] == "星河跃迁科技"));

    let bad_lex = tmp("badlex.tsv", "org\tA\nnope\tB\n".as_bytes());
    let out = xinwen(&["extract", "--lexicon", bad_lex.to_str().unwrap()], b"x");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("badlex.tsv") && err.contains("line 2"), "{err}");
    assert_eq!(out.status.code(), Some(2));
}
