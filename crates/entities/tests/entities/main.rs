//! The recogniser on composed sentences, training on a composed corpus, and the score on
//! ANERcorp's test split when `../shared` has it. All sentences here are our own.

use marsad_entities::{EntityKind, Recognizer, Span, conll, score, tokenize, train};

mod recognition;
mod training;

fn recognizer() -> Recognizer {
    Recognizer::shipped().expect("the shipped model loads")
}

/// The entities of a sentence, as (kind, text) pairs.
fn entities(text: &str) -> Vec<(EntityKind, String)> {
    let tokens = tokenize::tokens(text);
    recognizer()
        .entities(&tokens)
        .into_iter()
        .map(|Span { start, end, kind }| (kind, tokens[start..end].join(" ")))
        .collect()
}

fn shared(sub: &str) -> Option<std::path::PathBuf> {
    let p = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared").join(sub);
    p.exists().then_some(p)
}
