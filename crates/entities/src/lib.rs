//! Who is in the news: named-entity recognition for marsad.
//!
//! A linear-chain CRF (the `crfs` crate, a pure-Rust port of CRFsuite) tags tokens with ANERcorp's
//! BIO tags — persons, locations, organisations, other names — from features that fit Arabic
//! ([`features`]): normalised, clitic-stripped and stemmed forms, affixes, neighbours and trigger
//! words. The model trained on ANERcorp's training split ships in `model/` and is loaded once
//! ([`Recognizer::shipped`]); [`train`] retrains it reproducibly and [`score`] measures a tagging
//! against gold by the CoNLL rule.

pub mod annotate;
mod bodies;
pub mod clusters;
pub mod conll;
pub mod features;
pub mod gazetteer;
pub mod link;
pub mod names;
pub mod quotes;
mod recognize;
pub mod registry;
mod roles;
pub mod score;
mod tag;
pub mod tokenize;
pub mod train;
mod weights;

pub use annotate::{Annotations, Annotator, Mention};
pub use conll::Sentence;
pub use link::LocalEntity;
pub use names::NameKey;
pub use quotes::{Attribution, Quote, QuoteForm};
pub use recognize::Recognizer;
pub use roles::is_title;
pub use tag::{EntityKind, Span, Tag, spans};

/// What can go wrong reading tagged files, loading a model or training one.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A tag that is not one of ANERcorp's (`O`, `B-PERS`, `I-LOC` …).
    #[error("unknown tag {0:?}: expected O, or B-/I- followed by PERS, LOC, ORG or MISC")]
    BadTag(String),
    /// A tagged file's line with an unknown tag.
    #[error("line {line}: unknown tag {tag:?}: expected O, or B-/I- followed by PERS, LOC, ORG or MISC")]
    BadTagAt {
        /// 1-based line number.
        line: usize,
        /// The tag as written.
        tag: String,
    },
    /// A tagged file's line with a token and no tag.
    #[error("line {line}: a token without its tag: a tagged file has `token TAG` on every line")]
    MissingTag {
        /// 1-based line number.
        line: usize,
    },
    /// The model file could not be read as a CRFsuite model.
    #[error("not a CRF model ({0}); retrain one with `marsad ner train`")]
    BadModel(String),
    /// The model tags with labels this crate does not know.
    #[error("the model uses an unknown tag {0:?}; retrain it with `marsad ner train`")]
    ModelTag(String),
    /// Training found nothing to learn from.
    #[error("no tagged sentences to train on")]
    NoTrainingData,
    /// Training failed in the CRF library, or writing the model failed.
    #[error("training failed: {0}")]
    Training(String),
    /// Gold and predicted files do not line up.
    #[error("sentence {sentence}: {detail}")]
    Mismatch {
        /// 1-based sentence number.
        sentence: usize,
        /// What differs.
        detail: String,
    },
}
