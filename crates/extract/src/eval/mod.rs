//! Evaluation of extraction: a generator of dev-gold pages from a real corpus, and a scorer that
//! compares marsad and two baselines against them. See `docs/extract-gold.md` for the gold format.

pub mod generate;
pub mod gulf;
pub mod score;

pub use generate::{GoldArticle, GoldPage, generate};
pub use score::{Report, Scores, evaluate};
