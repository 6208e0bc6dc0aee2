//! The recogniser on composed sentences, training on a composed corpus, and the score on
//! ANERcorp's test split when `../shared` has it. All sentences here are our own.

use marsad_entities::{EntityKind, Recognizer, Span, conll, score, tokenize, train};

mod hostile;
mod linking;
mod quotations;
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

/// Annotates blocks with the names given tagged by hand (every occurrence of each name, as
/// whole tokens), so linking and quotations are tested apart from the model.
fn annotate_named(blocks: &[&str], names: &[(&str, EntityKind)]) -> marsad_entities::Annotations {
    use marsad_entities::Tag;
    let tokens = marsad_entities::annotate::tokens(blocks);
    let mut tags = vec![Tag::Outside; tokens.len()];
    for (name, kind) in names {
        let words: Vec<&str> = tokenize::tokens(name);
        for i in 0..tokens.len() {
            let fits = i + words.len() <= tokens.len() && (0..words.len()).all(|k| tokens[i + k].text == words[k]);
            if fits && tags[i..i + words.len()].iter().all(|t| *t == Tag::Outside) {
                tags[i] = Tag::Begin(*kind);
                for t in &mut tags[i + 1..i + words.len()] {
                    *t = Tag::Inside(*kind);
                }
            }
        }
    }
    marsad_entities::annotate::with_tags(blocks, &tokens, &tags)
}

/// The names of the entity a mention written `surface` belongs to.
fn entity_of<'a>(
    a: &'a marsad_entities::Annotations,
    blocks: &[&str],
    surface: &str,
) -> &'a marsad_entities::LocalEntity {
    let m = a
        .mentions
        .iter()
        .find(|m| &blocks[m.block][m.range.clone()] == surface)
        .unwrap_or_else(|| panic!("no mention written {surface}: {:?}", a.mentions));
    &a.entities[m.entity]
}
