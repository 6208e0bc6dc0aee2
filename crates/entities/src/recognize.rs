//! The recogniser: a trained CRF model and the tagging of token sequences with it.

use crate::gazetteer::Mark;
use crate::{Error, Sentence, Span, Tag, features, spans};

/// The model trained on ANERcorp's training split (`marsad ner train`), shipped with marsad.
static SHIPPED_MODEL: &[u8] = include_bytes!("../model/anercorp.crfsuite");

/// A named-entity recogniser: a CRF model, read once, that tags token sequences.
pub struct Recognizer {
    model: crfs::Model<'static>,
    weights: crate::weights::Weights,
}

impl std::fmt::Debug for Recognizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recognizer").field("labels", &self.model.num_labels()).finish()
    }
}

impl Recognizer {
    /// The model shipped with marsad (trained on ANERcorp).
    pub fn shipped() -> Result<Self, Error> {
        Self::from_static(SHIPPED_MODEL)
    }

    /// A model read from a file written by [`crate::train::train`]. The bytes live as long as the
    /// program: a recogniser is loaded once.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Self, Error> {
        Self::from_static(Box::leak(bytes.into_boxed_slice()))
    }

    fn from_static(bytes: &'static [u8]) -> Result<Self, Error> {
        let model = crfs::Model::new(bytes).map_err(|e| Error::BadModel(e.to_string()))?;
        // Every label must be one of ours, so tagging never meets a label it cannot read.
        for id in 0..model.num_labels() {
            let label = model.to_label(id).unwrap_or_default();
            label.parse::<Tag>().map_err(|_| Error::ModelTag(label.to_string()))?;
        }
        let weights = crate::weights::Weights::from_model(&model)?;
        Ok(Self { model, weights })
    }

    /// The tag of every token (one per token, in order).
    pub fn tag<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<Tag> {
        if tokens.is_empty() {
            return Vec::new();
        }
        self.weights.tag(tokens, false).0
    }

    /// The tag of every token, and where the tokens spell a known place
    /// ([`crate::gazetteer::Gazetteer::marks`]), found in one pass.
    pub fn tag_marked<S: AsRef<str>>(&self, tokens: &[S]) -> (Vec<Tag>, Vec<Option<Mark>>) {
        if tokens.is_empty() {
            return (Vec::new(), Vec::new());
        }
        self.weights.tag(tokens, true)
    }

    /// The tags `crfs`'s own tagger gives (the reference the faster [`Recognizer::tag`] is
    /// tested against).
    pub fn tag_with_crfs<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<Tag> {
        if tokens.is_empty() {
            return Vec::new();
        }
        let xseq = features::sentence_features(tokens);
        let Ok(tagger) = self.model.tagger() else { return vec![Tag::Outside; tokens.len()] };
        match tagger.tag(&xseq) {
            // Labels were checked when the model was loaded.
            Ok(labels) => labels.iter().map(|l| l.parse().unwrap_or(Tag::Outside)).collect(),
            Err(_) => vec![Tag::Outside; tokens.len()],
        }
    }

    /// The same sentences tagged by this recogniser (their own tags, if any, replaced).
    pub fn tag_sentences(&self, sentences: &[Sentence]) -> Vec<Sentence> {
        sentences.iter().map(|s| Sentence { tokens: s.tokens.clone(), tags: self.tag(&s.tokens) }).collect()
    }

    /// The entities of a token sequence.
    pub fn entities<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<Span> {
        spans(&self.tag(tokens))
    }
}
