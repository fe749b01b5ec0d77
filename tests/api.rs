//! The public API: builder, per-call dates, user lexicons, errors, bad input.

use xinwen::{Date, EntityKind, Extractor};

use crate::common::check_invariants;

#[test]
fn extractor_is_send_sync_and_clone() {
    fn check<T: Send + Sync + Clone>() {}
    check::<Extractor>();
    let ex = xinwen::default_extractor().clone();
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| ex.extract("OpenAI发布了GPT-4o。"));
        }
    });
}

#[test]
fn bad_input_never_panics() {
    let ex = xinwen::default_extractor();
    let long_nines = format!("{}亿美元", "9".repeat(1000));
    let inputs = [
        "",
        " ",
        "\n\n\n",
        "。。。！！？？",
        "\u{0}\u{1}\u{7f}",
        "𠀀𠀁😀👍🏽",
        long_nines.as_str(),
        "１２３４５６７８９０亿美元ＡＢＣ",
        "·····•••",
        "(((（（（",
        "2023年13月45日",
    ];
    for t in inputs {
        let doc = ex.extract(t);
        check_invariants(t, &doc);
    }
}

#[test]
fn user_lexicon_is_merged_and_errors_name_the_line() {
    let dir = std::env::temp_dir().join(format!("xinwen-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("mine.tsv");
    std::fs::write(&good, "# mine\norg\t星河跃迁科技\t星河跃迁\ttype=company\n").unwrap();
    let ex = Extractor::builder().lexicon(&good).build().unwrap();
    let doc = ex.extract("星河跃迁今天宣布完成融资。");
    let org = doc.entities.iter().find(|e| e.kind == EntityKind::Org).expect("org found");
    assert_eq!(org.text, "星河跃迁");
    assert_eq!(org.canonical.as_deref(), Some("星河跃迁科技"));

    let bad = dir.join("bad.tsv");
    std::fs::write(&bad, "org\tA公司\ncompany\tB公司\n").unwrap();
    let err = Extractor::builder().lexicon(&bad).build().unwrap_err();
    let (file, line) = err.location().expect("error names a location");
    assert!(file.ends_with("bad.tsv"));
    assert_eq!(line, 2);
    assert!(err.to_string().contains("line 2"), "{err}");

    let missing = Extractor::builder().lexicon(dir.join("nope.tsv")).build().unwrap_err();
    assert!(missing.to_string().contains("nope.tsv"), "{missing}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn reference_date_per_call() {
    let ex = Extractor::builder().reference_date("2025-07-20".parse().unwrap()).build().unwrap();
    let d = ex.extract("2023年11月，董事会开会。");
    let date = d.entities.iter().find(|e| e.kind == EntityKind::Date).unwrap();
    assert_eq!(date.text, "2023年11月");
    let other: Date = "2020-01-01".parse().unwrap();
    let d2 = ex.extract_with_date("2023年11月，董事会开会。", Some(other));
    assert_eq!(d2.reference_date.unwrap().date, other);
    assert_eq!(d.reference_date.unwrap().date.to_string(), "2025-07-20");
}

#[test]
fn json_shape_follows_spec() {
    let text = "ＯｐｅｎＡＩ获得1亿美元。";
    let doc = xinwen::extract_with_date(text, "2025-07-20".parse().unwrap());
    let v: serde_json::Value = serde_json::from_str(&doc.to_json()).unwrap();
    let money = v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "money")
        .expect("money entity");
    assert_eq!(money["text"], "1亿美元");
    assert_eq!(money["value"]["amount"], 100000000);
    assert_eq!(money["value"]["currency"], "USD");
    for k in ["id", "start", "end", "char_start", "char_end"] {
        assert!(money.get(k).is_some(), "{k}");
    }
    assert!(v["events"].is_array());
    check_invariants(text, &doc);
}

#[test]
fn embedded_lexicons_are_broad() {
    use std::collections::HashMap;
    let lex = xinwen::default_extractor().lexicon();
    let mut counts: HashMap<xinwen::LexKind, usize> = HashMap::new();
    for e in lex.entries() {
        *counts.entry(e.kind).or_default() += 1;
    }
    let min = [
        (xinwen::LexKind::Org, 1500),
        (xinwen::LexKind::Person, 500),
        (xinwen::LexKind::Product, 300),
        (xinwen::LexKind::Title, 150),
        (xinwen::LexKind::Location, 300),
        (xinwen::LexKind::Surname, 400),
    ];
    for (kind, n) in min {
        let got = counts.get(&kind).copied().unwrap_or(0);
        assert!(got >= n, "{kind:?}: {got} entries, expected at least {n}");
    }
}

/// Random strings over the characters the rules care about (numerals, units, dots,
/// brackets, quotes, Latin, surnames, title words): extraction never panics and its
/// output always obeys SPEC's invariants.
#[test]
fn random_input_never_panics_and_keeps_invariants() {
    const PIECES: &[&str] = &[
        "0",
        "1",
        "9",
        ".",
        ",",
        "，",
        "%",
        "％",
        "一",
        "十",
        "百",
        "千",
        "万",
        "亿",
        "两",
        "数",
        "几",
        "多",
        "余",
        "年",
        "月",
        "日",
        "号",
        "周",
        "季度",
        "上半年",
        "去年",
        "今年",
        "前",
        "后",
        "至",
        "-",
        "~",
        "美元",
        "元",
        "人民币",
        "港元",
        "$",
        "¥",
        "个",
        "名",
        "人",
        "次",
        "倍",
        "岁",
        "·",
        "•",
        "（",
        "）",
        "(",
        ")",
        "《",
        "》",
        "“",
        "”",
        "、",
        "和",
        "。",
        "！",
        "\n",
        " ",
        "　",
        "A",
        "x",
        "AI",
        "GPT-4o",
        "H800",
        "王",
        "李",
        "欧阳",
        "奥特曼",
        "吉米",
        "CEO",
        "首席",
        "科学家",
        "负责人",
        "公司",
        "科技",
        "集团",
        "大学",
        "谷歌",
        "OpenAI",
        "苹果",
        "挖角",
        "加入",
        "离职",
        "融资",
        "领投",
        "发布",
        "推迟",
        "上市",
        "收购",
        "合并",
        "裁员",
        "毕业于",
        "担任",
        "创立",
        "农历",
        "腊月",
        "初一",
        "廿",
        "第",
        "\u{0}",
        "😀",
        "𠀀",
        "ｅ",
    ];
    let ex = xinwen::default_extractor();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..1500 {
        let len = (next() % 60) as usize;
        let text: String =
            (0..len).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect();
        let date = if next() % 2 == 0 { Some("2025-07-20".parse().unwrap()) } else { None };
        let doc = ex.extract_with_date(&text, date);
        check_invariants(&text, &doc);
    }
}

#[test]
fn user_event_rules_add_triggers_and_errors_name_the_line() {
    let text = "腾讯宣布收编了一家游戏工作室。";
    let before = xinwen::default_extractor().extract(text);
    assert!(!before.events.iter().any(|e| e.trigger.text == "收编"));
    let ex = Extractor::builder()
        .event_rules_reader("mine.tsv", "acquisition\t收编\n".as_bytes())
        .unwrap()
        .build()
        .unwrap();
    let doc = ex.extract(text);
    assert!(doc.events.iter().any(|e| e.trigger.text == "收编"), "{}", doc.to_json());

    let err = Extractor::builder()
        .event_rules_reader("bad.tsv", "# rules\nhire\t入职\nnot_a_kind\t来了\n".as_bytes())
        .unwrap()
        .build()
        .unwrap_err();
    assert_eq!(err.location(), Some(("bad.tsv", 3)), "{err}");
}
