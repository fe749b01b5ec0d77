//! Every fixture's output, checked against SPEC's invariants, then snapshotted.

use crate::common::*;

#[test]
fn fixture_snapshots() {
    insta::glob!("../fixtures", "**/*.txt", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let gold = gold_for(path);
        let doc = extractor().extract_with_date(&text, reference_date(gold.as_ref()));
        check_invariants(&text, &doc);
        let again = extractor().extract_with_date(&text, reference_date(gold.as_ref()));
        assert_eq!(doc.to_json(), again.to_json(), "byte-identical across runs");
        insta::assert_json_snapshot!(doc);
    });
}
