//! Scoring a tagging against gold, entity by entity (the CoNLL rule: an entity counts when its
//! kind and both its boundaries are exact), micro-averaged and per kind.

use std::collections::BTreeMap;

use crate::{EntityKind, Error, Sentence, Span, Tag, spans};

/// Counts for one kind, or for all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Entities both found and in the gold.
    pub correct: usize,
    /// Entities found.
    pub predicted: usize,
    /// Entities in the gold.
    pub gold: usize,
}

impl Counts {
    /// Precision: correct / predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }

    /// Recall: correct / gold.
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }

    /// F1, the harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }

    fn add(&mut self, other: Counts) {
        self.correct += other.correct;
        self.predicted += other.predicted;
        self.gold += other.gold;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// A tagging's score.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// Over all kinds (micro-averaged).
    pub all: Counts,
    /// Per kind.
    pub by_kind: BTreeMap<EntityKind, Counts>,
    /// Tokens tagged.
    pub tokens: usize,
    /// Tokens whose tag equals the gold's.
    pub tokens_right: usize,
}

impl Report {
    /// Adds one sentence's gold and predicted tags.
    pub fn add(&mut self, gold: &[Tag], predicted: &[Tag]) {
        let g: std::collections::HashSet<Span> = spans(gold).into_iter().collect();
        let p: std::collections::HashSet<Span> = spans(predicted).into_iter().collect();
        for kind in EntityKind::ALL {
            let of = |s: &std::collections::HashSet<Span>| s.iter().filter(|x| x.kind == kind).count();
            let c = Counts {
                correct: g.iter().filter(|x| x.kind == kind && p.contains(x)).count(),
                predicted: of(&p),
                gold: of(&g),
            };
            self.by_kind.entry(kind).or_default().add(c);
            self.all.add(c);
        }
        self.tokens += gold.len();
        self.tokens_right += gold.iter().zip(predicted).filter(|(a, b)| a == b).count();
    }
}

/// Scores predicted sentences against gold ones (same tokens, same order).
pub fn score(gold: &[Sentence], predicted: &[Sentence]) -> Result<Report, Error> {
    if gold.len() != predicted.len() {
        return Err(Error::Mismatch {
            sentence: gold.len().min(predicted.len()) + 1,
            detail: format!("{} gold sentences, {} predicted", gold.len(), predicted.len()),
        });
    }
    let mut r = Report::default();
    for (n, (g, p)) in gold.iter().zip(predicted).enumerate() {
        if g.tokens != p.tokens || g.tags.len() != p.tags.len() {
            return Err(Error::Mismatch { sentence: n + 1, detail: "tokens differ".into() });
        }
        r.add(&g.tags, &p.tags);
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tag::parse_tags as tags;

    #[test]
    fn an_entity_counts_only_with_its_kind_and_both_boundaries() {
        let mut r = Report::default();
        // Gold: PERS(0..2), LOC(3..4). Predicted: PERS(0..1) (boundary wrong), LOC(3..4) right,
        // ORG(5..6) spurious.
        r.add(&tags("B-PERS I-PERS O B-LOC O O"), &tags("B-PERS O O B-LOC O B-ORG"));
        assert_eq!(r.all, Counts { correct: 1, predicted: 3, gold: 2 });
        assert_eq!(r.by_kind[&EntityKind::Location].f1(), 1.0);
        assert_eq!(r.by_kind[&EntityKind::Person].correct, 0);
        assert!((r.all.f1() - 0.4).abs() < 1e-9);
    }
}
