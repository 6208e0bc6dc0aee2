//! Training the recogniser: a CRF with L-BFGS and elastic-net regularisation, fixed parameters
//! and a fixed feature set, so the same corpus gives the same model.

use std::path::Path;

use crfs::Trainer;

use crate::{Error, Sentence, features};

/// Training parameters. The defaults are the shipped model's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// L1 weight: keeps the model sparse (and small enough to ship).
    pub c1: f64,
    /// L2 weight.
    pub c2: f64,
    /// L-BFGS iterations at most.
    pub max_iterations: usize,
}

impl Default for Params {
    /// Chosen on a held-out tenth of ANERcorp's training split (see the README), never on its
    /// test split.
    fn default() -> Self {
        Self { c1: 0.2, c2: 0.01, max_iterations: 120 }
    }
}

/// Trains a model on tagged sentences and writes it to `out`.
pub fn train(sentences: &[Sentence], params: Params, out: &Path) -> Result<(), Error> {
    let err = |e: std::io::Error| Error::Training(e.to_string());
    let mut trainer = Trainer::lbfgs()
        .with_c1(params.c1)
        .and_then(|t| t.with_c2(params.c2))
        .and_then(|t| t.with_max_iterations(params.max_iterations))
        .map_err(err)?;
    let mut any = false;
    for s in sentences.iter().filter(|s| !s.tokens.is_empty() && s.tags.len() == s.tokens.len()) {
        let xseq = features::sentence_features(&s.tokens);
        let yseq: Vec<String> = s.tags.iter().map(ToString::to_string).collect();
        trainer.append(&xseq, &yseq).map_err(err)?;
        any = true;
    }
    if !any {
        return Err(Error::NoTrainingData);
    }
    trainer.train(out).map_err(err)
}
