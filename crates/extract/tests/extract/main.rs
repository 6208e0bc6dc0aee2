//! Integration tests for extraction: every input format from fixtures we composed, the seed pages
//! (when `../shared` is present), and hostile input.

use std::path::PathBuf;

use marsad_extract::{Article, Format, RejectReason, extract_bytes};

fn fixture(name: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn only_article(bytes: &[u8]) -> Article {
    let ex = extract_bytes(bytes);
    assert_eq!(ex.records.len(), 1, "{:?}", ex.records);
    ex.records.into_iter().next().unwrap().expect("an article")
}

mod bad_input;
mod formats;
mod hostile;
mod newspapers;
mod seeds;
