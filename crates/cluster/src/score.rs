//! Clustering quality: BCubed precision/recall/F1 (Bagga & Baldwin 1998; Amigó et al. 2009) and
//! pairwise F1, over items labelled with a predicted and a gold cluster.

use std::collections::HashMap;
use std::hash::Hash;

use serde::Serialize;

/// Scores of one clustering against gold.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct ClusterScores {
    /// Items scored.
    pub items: usize,
    /// BCubed precision.
    pub bcubed_precision: f64,
    /// BCubed recall.
    pub bcubed_recall: f64,
    /// BCubed F1.
    pub bcubed_f1: f64,
    /// Pairwise precision.
    pub pairwise_precision: f64,
    /// Pairwise recall.
    pub pairwise_recall: f64,
    /// Pairwise F1.
    pub pairwise_f1: f64,
    /// Predicted clusters.
    pub clusters: usize,
    /// Gold clusters.
    pub gold_clusters: usize,
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
}

/// Scores `(predicted, gold)` labels, one pair per item.
pub fn score<P: Eq + Hash + Clone, G: Eq + Hash + Clone>(items: &[(P, G)]) -> ClusterScores {
    let n = items.len();
    if n == 0 {
        return ClusterScores::default();
    }
    let mut pred_size: HashMap<&P, usize> = HashMap::new();
    let mut gold_size: HashMap<&G, usize> = HashMap::new();
    let mut both: HashMap<(&P, &G), usize> = HashMap::new();
    for (p, g) in items {
        *pred_size.entry(p).or_default() += 1;
        *gold_size.entry(g).or_default() += 1;
        *both.entry((p, g)).or_default() += 1;
    }
    let (mut bp, mut br) = (0.0, 0.0);
    for (p, g) in items {
        let common = both[&(p, g)] as f64;
        bp += common / pred_size[p] as f64;
        br += common / gold_size[g] as f64;
    }
    let (bp, br) = (bp / n as f64, br / n as f64);
    let pairs = |k: usize| (k * k.saturating_sub(1) / 2) as f64;
    let tp: f64 = both.values().map(|&k| pairs(k)).sum();
    let pred_pairs: f64 = pred_size.values().map(|&k| pairs(k)).sum();
    let gold_pairs: f64 = gold_size.values().map(|&k| pairs(k)).sum();
    let pp = if pred_pairs == 0.0 { 1.0 } else { tp / pred_pairs };
    let pr = if gold_pairs == 0.0 { 1.0 } else { tp / gold_pairs };
    ClusterScores {
        items: n,
        bcubed_precision: bp,
        bcubed_recall: br,
        bcubed_f1: f1(bp, br),
        pairwise_precision: pp,
        pairwise_recall: pr,
        pairwise_f1: f1(pp, pr),
        clusters: pred_size.len(),
        gold_clusters: gold_size.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_and_degenerate_clusterings() {
        let perfect = score(&[(1, "a"), (1, "a"), (2, "b")]);
        assert_eq!(perfect.bcubed_f1, 1.0);
        assert_eq!(perfect.pairwise_f1, 1.0);
        let one_cluster = score(&[(1, "a"), (1, "a"), (1, "b"), (1, "b")]);
        assert_eq!(one_cluster.bcubed_recall, 1.0);
        assert_eq!(one_cluster.bcubed_precision, 0.5);
        let singletons = score(&[(1, "a"), (2, "a"), (3, "b"), (4, "b")]);
        assert_eq!(singletons.bcubed_precision, 1.0);
        assert_eq!(singletons.bcubed_recall, 0.5);
    }
}
