//! What clustering looks at in an article, computed once (in parallel, during extraction):
//! weighted terms of the headline, of the lead-heavy body, the name skeletons (under which
//! كيم جونغ أون and كيم جونج أون meet), and a MinHash sketch for copies.

use std::collections::HashMap;

use marsad_text::{Analysis, analyze};
use serde::{Deserialize, Serialize};

use crate::minhash::Sketch;

/// Words of the body that count (the lead carries the event; long articles drift).
pub const BODY_WORDS: usize = 60;

/// Features of one article.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Features {
    /// Headline stems with counts.
    pub title: Vec<(String, f32)>,
    /// Headline and body stems, dampened counts (1 + ln tf), headline counted twice.
    pub body: Vec<(String, f32)>,
    /// Name skeletons of headline and body, dampened counts.
    pub names: Vec<(String, f32)>,
    /// Character 4-grams of the headline and lead words: where Arabic morphology gives one root
    /// many surface forms («أقال، إقالة، يقيل»), their grams still overlap.
    pub grams: Vec<(String, f32)>,
    /// MinHash sketch of the full text, when long enough.
    #[serde(skip)]
    pub sketch: Option<Sketch>,
}

fn counts(text: &str, analysis: Analysis, limit: usize, into: &mut HashMap<String, f32>, weight: f32) {
    for t in analyze(text, analysis).into_iter().take(limit) {
        // One-letter leftovers and single digits say nothing about the event (numbers do: «23»).
        if t.term.chars().count() < 2 {
            continue;
        }
        *into.entry(t.term).or_default() += weight;
    }
}

fn dampened(m: HashMap<String, f32>) -> Vec<(String, f32)> {
    let mut v: Vec<(String, f32)> = m.into_iter().map(|(k, tf)| (k, 1.0 + tf.ln())).collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

/// Words of the body whose character grams count.
pub const GRAM_WORDS: usize = 50;

fn grams(text: &str, limit: usize, into: &mut HashMap<String, f32>, weight: f32) {
    for w in marsad_text::words(text).take(limit) {
        let Some(n) = marsad_text::analyze_word(w.text, Analysis::Plain) else { continue };
        if marsad_text::is_stop_word(&n) {
            continue;
        }
        let chars: Vec<char> = marsad_text::stem::strip_prefixes(&n.chars().collect::<Vec<_>>()).to_vec();
        if chars.len() < 3 {
            continue;
        }
        let padded: Vec<char> = std::iter::once('_').chain(chars).chain(std::iter::once('_')).collect();
        for win in padded.windows(4) {
            *into.entry(win.iter().collect()).or_default() += weight;
        }
    }
}

/// Computes the features of an article.
pub fn features(title: &str, body: &str) -> Features {
    let mut t = HashMap::new();
    counts(title, Analysis::Main, 64, &mut t, 1.0);
    let mut b: HashMap<String, f32> = t.iter().map(|(k, v)| (k.clone(), v * 2.0)).collect();
    counts(body, Analysis::Main, BODY_WORDS, &mut b, 1.0);
    let mut n = HashMap::new();
    counts(title, Analysis::Skeleton, 64, &mut n, 2.0);
    counts(body, Analysis::Skeleton, BODY_WORDS, &mut n, 1.0);
    let mut g = HashMap::new();
    grams(title, 64, &mut g, 2.0);
    grams(body, GRAM_WORDS, &mut g, 1.0);
    let mut title_terms: Vec<(String, f32)> = t.into_iter().collect();
    title_terms.sort_by(|a, b| a.0.cmp(&b.0));
    Features {
        title: title_terms,
        body: dampened(b),
        names: dampened(n),
        grams: dampened(g),
        sketch: Sketch::of(&format!("{title}\n{body}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_spellings_share_name_keys() {
        let a = features("كيم جونغ أون يزور روسيا", "أعلن الكرملين زيارة كيم جونغ أون");
        let b = features("كيم جونج أون في موسكو", "وصل كيم جونج أون إلى موسكو");
        let keys = |f: &Features| f.names.iter().map(|(k, _)| k.clone()).collect::<std::collections::HashSet<_>>();
        assert!(keys(&a).intersection(&keys(&b)).count() >= 2);
    }

    #[test]
    fn title_terms_weigh_more_in_the_body_vector() {
        let f = features("زلزال قوي", "ضرب زلزال المنطقة");
        let w = |k: &str| f.body.iter().find(|(t, _)| t == k).map(|x| x.1).unwrap();
        assert!(w("زلزال") > w("منطق"));
    }
}
