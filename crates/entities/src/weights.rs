//! Tagging without rebuilding every feature name for every token: the model's weights read once
//! into tables, and each word's share of the state scores — its own features, and what it gives
//! the tokens up to two places either side — computed once per word form and cached per thread.
//! A token's scores are then a few sums and two word-pair lookups; the Viterbi pass is the
//! CRF's own (max-sum, first best kept on ties). Same features ([`crate::features`]), same
//! model, same tags as `crfs`'s tagger — several times faster on news, where words repeat.

use std::cell::RefCell;
use std::rc::Rc;

use rustc_hash::FxHashMap as HashMap;

use crate::features::{self, NEIGHBOURS};
use crate::gazetteer::{Gazetteer, Mark, TokenKeys};
use crate::{Error, Tag};

/// Word forms whose scores a thread keeps; past this the cache starts again (a bound on memory).
const WORD_CACHE: usize = 200_000;

/// The model's weights as tables.
pub(crate) struct Weights {
    labels: Vec<Tag>,
    /// `trans[i * L + j]`: the weight of label `i` followed by label `j`.
    trans: Vec<f64>,
    /// Each attribute's weight per label, dense.
    state: HashMap<String, Box<[f64]>>,
    /// Scores given to every token at a sentence edge, per missing neighbour offset.
    edges: [Box<[f64]>; 4],
}

/// What one word form contributes to state scores.
struct WordScores {
    /// Its normalised form (what the word-pair features are made of).
    norm: Box<str>,
    /// What the gazetteer looks it up by.
    keys: TokenKeys,
    /// To its own token.
    own: Box<[f64]>,
    /// To the token at each offset of [`NEIGHBOURS`] from which this word is that neighbour.
    as_neighbour: [Box<[f64]>; 4],
}

impl Weights {
    /// Reads the weights out of a model (through its text dump, the one public view of them).
    pub(crate) fn from_model(model: &crfs::Model<'_>) -> Result<Self, Error> {
        let mut dump = Vec::new();
        model.dump(&mut dump).map_err(|e| Error::BadModel(e.to_string()))?;
        let text = String::from_utf8_lossy(&dump);
        let labels: Vec<Tag> = (0..model.num_labels())
            .map(|i| model.to_label(i).unwrap_or_default().parse::<Tag>())
            .collect::<Result<_, _>>()
            .map_err(|_| Error::BadModel("unknown label".into()))?;
        let index: HashMap<String, usize> = (0..labels.len()).map(|i| (labels[i].to_string(), i)).collect();
        // Feature names are our own strings, never an attacker's keys: a fast hash is safe here.
        let l = labels.len();
        let mut trans = vec![0.0; l * l];
        let mut state: HashMap<String, Box<[f64]>> = HashMap::default();
        let mut section = "";
        for line in text.lines() {
            if line.ends_with("= {") {
                section = line.split_whitespace().next().unwrap_or("");
                continue;
            }
            let Some(body) = line.trim_start().strip_prefix('(').and_then(|r| r.split_once(") ")).map(|(_, b)| b)
            else {
                continue;
            };
            let Some((source, rest)) = body.rsplit_once(" --> ") else { continue };
            let Some((target, weight)) = rest.rsplit_once(": ") else { continue };
            let (Some(&j), Ok(w)) = (index.get(target), weight.parse::<f64>()) else { continue };
            match section {
                "TRANSITIONS" => {
                    if let Some(&i) = index.get(source) {
                        trans[i * l + j] = w;
                    }
                }
                "STATE_FEATURES" => {
                    state.entry(source.to_string()).or_insert_with(|| vec![0.0; l].into_boxed_slice())[j] = w;
                }
                _ => {}
            }
        }
        let mut me = Self { labels, trans, state, edges: Default::default() };
        me.edges = NEIGHBOURS.map(|d| me.sum([features::edge_attr(d)]));
        Ok(me)
    }

    fn zeros(&self) -> Box<[f64]> {
        vec![0.0; self.labels.len()].into_boxed_slice()
    }

    fn add(&self, into: &mut [f64], attr: &str) {
        if let Some(w) = self.state.get(attr) {
            into.iter_mut().zip(w.iter()).for_each(|(a, b)| *a += b);
        }
    }

    fn sum(&self, attrs: impl IntoIterator<Item = String>) -> Box<[f64]> {
        let mut out = self.zeros();
        for a in attrs {
            self.add(&mut out, &a);
        }
        out
    }

    fn word_scores(&self, token: &str, a: &features::Analysed) -> WordScores {
        let mut own = self.zeros();
        features::word_attrs(token, a, &mut |name| self.add(&mut own, &name));
        // The word seen from the token `d` places away sits at offset `-d` from it.
        let as_neighbour = NEIGHBOURS.map(|d| {
            let mut v = self.zeros();
            features::neighbour_attrs(token, a, -d, &mut |name| self.add(&mut v, &name));
            v
        });
        WordScores { norm: a.norm.as_str().into(), keys: TokenKeys::of(&a.norm), own, as_neighbour }
    }

    /// The tags of a sentence, and — when `places` is set — where it spells known places
    /// ([`crate::gazetteer`]), read off the cached words; empty otherwise, so tagging alone
    /// (extraction's bylines, `marsad ner tag`) does no gazetteer work.
    pub(crate) fn tag<S: AsRef<str>>(&self, tokens: &[S], places: bool) -> (Vec<Tag>, Vec<Option<Mark>>) {
        thread_local! {
            static CACHE: RefCell<HashMap<String, Rc<WordScores>>> = RefCell::new(HashMap::default());
        }
        let n = tokens.len();
        let l = self.labels.len();
        if n == 0 || l == 0 {
            return (vec![Tag::Outside; n], if places { vec![None; n] } else { Vec::new() });
        }
        let words: Vec<Rc<WordScores>> = CACHE.with(|c| {
            let mut c = c.borrow_mut();
            if c.len() > WORD_CACHE {
                c.clear();
            }
            tokens
                .iter()
                .map(|t| {
                    let t = t.as_ref();
                    match c.get(t) {
                        Some(w) => w.clone(),
                        None => {
                            // Analysed only once per word form: the cache holds what tagging needs.
                            let w = Rc::new(self.word_scores(t, &features::analyse(t)));
                            c.insert(t.to_string(), w.clone());
                            w
                        }
                    }
                })
                .collect()
        });
        let mut pair = String::new();
        let mut state = vec![0.0; n * l];
        let marks = if places {
            let keys: Vec<&TokenKeys> = words.iter().map(|w| &w.keys).collect();
            Gazetteer::shipped().marks(&keys)
        } else {
            Vec::new()
        };
        for i in 0..n {
            let s = &mut state[i * l..(i + 1) * l];
            s.iter_mut().zip(words[i].own.iter()).for_each(|(a, b)| *a += b);
            for (k, d) in NEIGHBOURS.iter().enumerate() {
                let from = match i.checked_add_signed(*d).filter(|&j| j < n) {
                    // Word j is at offset d from token i: it gives what a word at offset d gives,
                    // stored under the offset of i from j, which is -d; NEIGHBOURS is symmetric.
                    Some(j) => &words[j].as_neighbour[NEIGHBOURS.len() - 1 - k],
                    None => &self.edges[k],
                };
                s.iter_mut().zip(from.iter()).for_each(|(a, b)| *a += b);
            }
            if i > 0 {
                features::pair_attr_into(&mut pair, &words[i - 1].norm, &words[i].norm, false);
                self.add(s, &pair);
            }
            if i + 1 < n {
                features::pair_attr_into(&mut pair, &words[i].norm, &words[i + 1].norm, true);
                self.add(s, &pair);
            }
        }
        (self.viterbi(&state, n).into_iter().map(|k| self.labels[k]).collect(), marks)
    }

    /// The best label sequence (max-sum; on a tie the lower label, as CRFsuite keeps it).
    fn viterbi(&self, state: &[f64], n: usize) -> Vec<usize> {
        let l = self.labels.len();
        let mut score = state[..l].to_vec();
        let mut back = vec![0usize; n * l];
        let mut next = vec![0.0; l];
        for t in 1..n {
            for j in 0..l {
                let mut best = f64::MIN;
                let mut arg = 0;
                for (i, prev) in score.iter().enumerate() {
                    let s = prev + self.trans[i * l + j];
                    if best < s {
                        best = s;
                        arg = i;
                    }
                }
                back[t * l + j] = arg;
                next[j] = best + state[t * l + j];
            }
            std::mem::swap(&mut score, &mut next);
        }
        let mut best = f64::MIN;
        let mut last = 0;
        for (j, &s) in score.iter().enumerate() {
            if best < s {
                best = s;
                last = j;
            }
        }
        let mut out = vec![0; n];
        out[n - 1] = last;
        for t in (1..n).rev() {
            out[t - 1] = back[t * l + out[t]];
        }
        out
    }
}
