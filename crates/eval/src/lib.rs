//! Evaluation for marsad, kept out of the libraries it measures.
//!
//! - Extraction: a generator of dev-gold pages from a real corpus ([`generate`]) and a scorer that
//!   compares marsad and two baselines (justext, trafilatura) against them ([`score`]). See
//!   `docs/extract-gold.md` for the gold format.
//! - Stories: the story gold of the clustering and search evaluations — the labels file, the
//!   labelled articles cut out of a TREC corpus, and a fresh store holding exactly those articles
//!   ([`stories`]).
//!
//! The `marsad eval` commands run these and print their reports.

pub mod entities;
pub mod generate;
pub mod gulf;
pub mod score;
pub mod stories;

pub use generate::{GoldArticle, GoldPage, generate};
pub use score::{Report, Scores, evaluate};
