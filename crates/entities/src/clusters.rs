//! Word classes learnt from unlabelled news: words that stand in the same company («قال X إن»,
//! «الرئيس X», «في X») fall in one class, so a name the tagged corpus never shows is read like the
//! names it does. Each word's neighbours (two words either side, by position) make a sparse vector
//! weighted by positive pointwise mutual information; spherical k-means groups the vectors in two
//! levels ([`COARSE`] classes, each split into [`FINE`]), the way Brown clusters are read by their
//! prefixes. Built by `marsad ner clusters` (`bash bench/ner-clusters.sh`), shipped in
//! `data/clusters.tsv`, read by [`crate::features`].

use std::io::BufRead;

use rustc_hash::FxHashMap as HashMap;

use marsad_text::normalize;

use crate::features::bare_form;

/// Classes at the coarse level.
pub const COARSE: usize = 64;
/// Classes each coarse class is split into.
pub const FINE: usize = 8;

/// What the building reads and keeps.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// A word seen fewer times has too few neighbours for a class.
    pub min_count: u32,
    /// The most frequent words classed, at most (bounds memory and time).
    pub max_words: usize,
    /// The most frequent tokens that serve as neighbours.
    pub contexts: usize,
    /// k-means rounds per level (each round reassigns every word once).
    pub rounds: usize,
    /// Seeds k-means++: the same text and seed give the same classes.
    pub seed: u64,
}

impl Default for Params {
    fn default() -> Self {
        Self { min_count: 8, max_words: 60_000, contexts: 1_000, rounds: 12, seed: 2018 }
    }
}

/// Neighbour positions a word's vector counts, in order of their block in the vector.
const WINDOW: [isize; 4] = [-2, -1, 1, 2];

/// PMI's context smoothing (Levy, Goldberg and Dagan 2015): raising context counts to 0.75 keeps
/// rare neighbours from dominating a vector.
const CONTEXT_SMOOTHING: f64 = 0.75;

/// A line longer than this many tokens is cut: bounds the work one hostile line can cause.
const MAX_LINE_TOKENS: usize = 5_000;

/// A line longer than this many bytes is cut (the rest, to its newline, skipped): bounds the
/// buffer one line without a newline can take. A news paragraph is a few kilobytes.
const MAX_LINE_BYTES: u64 = 1 << 20;

/// Interns strings to dense ids.
#[derive(Default)]
struct Interner {
    ids: HashMap<String, u32>,
    names: Vec<String>,
}

impl Interner {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.ids.get(s) {
            return i;
        }
        let i = self.names.len() as u32;
        self.ids.insert(s.to_string(), i);
        self.names.push(s.to_string());
        i
    }
}

/// Tokens of unlabelled text, as normalised-form ids, lines apart.
struct Text {
    forms: Interner,
    /// Token ids; [`BREAK`] between lines.
    seq: Vec<u32>,
}

/// Marks a line's end in [`Text::seq`].
const BREAK: u32 = u32::MAX;

/// Reads the text line by line, each line at most [`MAX_LINE_BYTES`]; bytes that are not UTF-8
/// are read as U+FFFD, so one bad line never stops the build.
fn read_text(input: impl BufRead) -> std::io::Result<Text> {
    let mut text = Text { forms: Interner::default(), seq: Vec::new() };
    let mut norm = String::new();
    for_each_line(input, |line| {
        for token in crate::tokenize::tokens(line).into_iter().take(MAX_LINE_TOKENS) {
            norm.clear();
            marsad_text::normalize::normalize_into(token, &mut norm);
            if !norm.is_empty() {
                text.seq.push(text.forms.id(&norm));
            }
        }
        text.seq.push(BREAK);
    })?;
    Ok(text)
}

/// Calls `each` with every line of the input, each cut at [`MAX_LINE_BYTES`] (the rest of a
/// longer line skipped, a bounded chunk at a time); bytes that are not UTF-8 read as U+FFFD.
fn for_each_line(mut input: impl BufRead, mut each: impl FnMut(&str)) -> std::io::Result<()> {
    use std::io::Read as _;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = (&mut input).take(MAX_LINE_BYTES).read_until(b'\n', &mut buf)?;
        if n == 0 {
            return Ok(());
        }
        if buf.last() != Some(&b'\n') && n as u64 == MAX_LINE_BYTES {
            // Cut: skip the rest of the line, a bounded chunk at a time.
            let mut rest = Vec::new();
            while {
                rest.clear();
                let m = (&mut input).take(MAX_LINE_BYTES).read_until(b'\n', &mut rest)?;
                m > 0 && rest.last() != Some(&b'\n')
            } {}
        }
        each(&String::from_utf8_lossy(&buf));
    }
}

/// A word's sparse vector: (dimension, weight), dimensions ascending, unit length.
type Vector = Vec<(u32, f32)>;

/// The learnt classes: bare form → (coarse, fine) class, the fine one within the coarse.
#[derive(Debug, Default)]
pub struct Clusters {
    /// Bare forms with their classes, sorted by form.
    pub words: Vec<(String, u16, u16)>,
}

impl Clusters {
    /// Learns classes from text, one sentence or paragraph per line.
    pub fn build(input: impl BufRead, params: Params) -> std::io::Result<Self> {
        let text = read_text(input)?;
        let (words, vectors) = vectors(&text, params);
        let mut rng = fastrand::Rng::with_seed(params.seed);
        let all: Vec<usize> = (0..vectors.len()).collect();
        let dims = params.contexts * WINDOW.len();
        let coarse = kmeans(&vectors, &all, COARSE, params.rounds, dims, &mut rng);
        let fine = split_each(&vectors, &coarse, COARSE, FINE, params.rounds, dims, &mut rng);
        let mut out: Vec<(String, u16, u16)> =
            words.into_iter().enumerate().map(|(i, w)| (w, coarse[i], fine[i])).collect();
        out.sort();
        Ok(Self { words: out })
    }

    /// The TSV the features read: `bare⇥coarse⇥fine` lines.
    pub fn to_tsv(&self) -> String {
        let mut s = String::new();
        for (w, c, f) in &self.words {
            s.push_str(&format!("{w}\t{c}\t{f}\n"));
        }
        s
    }
}

/// Splits each of `classes` classes (`of`: every vector's class) into at most `k`; returns each
/// vector's class within its own.
fn split_each(
    vectors: &[Vector],
    of: &[u16],
    classes: usize,
    k: usize,
    rounds: usize,
    dims: usize,
    rng: &mut fastrand::Rng,
) -> Vec<u16> {
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); classes];
    for (i, &c) in of.iter().enumerate() {
        members[c as usize].push(i);
    }
    let mut out = vec![0u16; vectors.len()];
    for m in &members {
        for (&i, &f) in m.iter().zip(&kmeans(vectors, m, k, rounds, dims, rng)) {
            out[i] = f;
        }
    }
    out
}

/// The classed words (bare forms, most frequent first, at most `max_words`) and their vectors.
fn vectors(text: &Text, params: Params) -> (Vec<String>, Vec<Vector>) {
    let mut form_count = vec![0u32; text.forms.names.len()];
    for &t in text.seq.iter().filter(|&&t| t != BREAK) {
        form_count[t as usize] += 1;
    }
    // Neighbours: the most frequent forms, punctuation included («:» after a speaker's name).
    let mut by_freq: Vec<u32> = (0..form_count.len() as u32).collect();
    by_freq.sort_by_key(|&i| (std::cmp::Reverse(form_count[i as usize]), i));
    let mut context_of = vec![u32::MAX; form_count.len()];
    for (k, &i) in by_freq.iter().take(params.contexts).enumerate() {
        context_of[i as usize] = k as u32;
    }
    // Words: bare forms of Arabic words.
    let mut bares = Interner::default();
    let mut bare_of = vec![u32::MAX; form_count.len()];
    for (i, form) in text.forms.names.iter().enumerate() {
        if form.chars().all(marsad_text::is_arabic_letter) && form.chars().count() >= 2 {
            bare_of[i] = bares.id(&bare_form(form));
        }
    }
    let mut bare_count = vec![0u32; bares.names.len()];
    for (i, &b) in bare_of.iter().enumerate() {
        if b != u32::MAX {
            bare_count[b as usize] += form_count[i];
        }
    }
    let mut kept: Vec<u32> =
        (0..bare_count.len() as u32).filter(|&b| bare_count[b as usize] >= params.min_count).collect();
    kept.sort_by_key(|&b| (std::cmp::Reverse(bare_count[b as usize]), b));
    kept.truncate(params.max_words);
    let mut row_of = vec![u32::MAX; bares.names.len()];
    for (r, &b) in kept.iter().enumerate() {
        row_of[b as usize] = r as u32;
    }
    let rows = cooccurrences(text, &bare_of, &row_of, &context_of, kept.len(), params.contexts);
    let words = kept.iter().map(|&b| bares.names[b as usize].clone()).collect();
    (words, ppmi(rows, params.contexts * WINDOW.len()))
}

/// Each classed word's neighbour counts, by dimension (`block × contexts + context`).
fn cooccurrences(
    text: &Text,
    bare_of: &[u32],
    row_of: &[u32],
    context_of: &[u32],
    rows: usize,
    contexts: usize,
) -> Vec<HashMap<u32, u32>> {
    let mut out: Vec<HashMap<u32, u32>> = vec![HashMap::default(); rows];
    for line in text.seq.split(|&t| t == BREAK) {
        for (i, &t) in line.iter().enumerate() {
            let b = bare_of[t as usize];
            if b == u32::MAX || row_of[b as usize] == u32::MAX {
                continue;
            }
            let row = &mut out[row_of[b as usize] as usize];
            for (block, d) in WINDOW.iter().enumerate() {
                let Some(&n) = i.checked_add_signed(*d).and_then(|j| line.get(j)) else { continue };
                let c = context_of[n as usize];
                if c != u32::MAX {
                    *row.entry((block * contexts) as u32 + c).or_default() += 1;
                }
            }
        }
    }
    out
}

/// Positive PMI weights, each row scaled to unit length.
fn ppmi(rows: Vec<HashMap<u32, u32>>, dims: usize) -> Vec<Vector> {
    let mut col = vec![0f64; dims];
    let mut total = 0f64;
    for r in &rows {
        for (&d, &n) in r {
            col[d as usize] += n as f64;
            total += n as f64;
        }
    }
    let smoothed: Vec<f64> = col.iter().map(|c| c.powf(CONTEXT_SMOOTHING)).collect();
    let smoothed_total: f64 = smoothed.iter().sum();
    rows.into_iter()
        .map(|r| {
            let row_total: f64 = r.values().map(|&n| n as f64).sum();
            let mut v: Vector = r
                .into_iter()
                .filter_map(|(d, n)| {
                    let p_wc = n as f64 / total;
                    let p_w = row_total / total;
                    let p_c = smoothed[d as usize] / smoothed_total;
                    let pmi = (p_wc / (p_w * p_c)).ln();
                    (pmi > 0.0).then_some((d, pmi as f32))
                })
                .collect();
            v.sort_by_key(|&(d, _)| d);
            let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                v.iter_mut().for_each(|(_, w)| *w /= norm);
            }
            v
        })
        .collect()
}

/// Spherical k-means of the `members` vectors into at most `k` classes (k-means++ seeding);
/// returns each member's class, in `members`' order.
fn kmeans(
    vectors: &[Vector],
    members: &[usize],
    k: usize,
    rounds: usize,
    dims: usize,
    rng: &mut fastrand::Rng,
) -> Vec<u16> {
    let k = k.min(members.len());
    if k <= 1 {
        return vec![0; members.len()];
    }
    let centres = seed_centres(vectors, members, k, rng);
    // Centroids dimension-major (`d × k + class`): a sparse vector's scores are then contiguous.
    let mut centroids = vec![0f32; dims * k];
    for (c, &m) in centres.iter().enumerate() {
        for &(d, w) in &vectors[m] {
            centroids[d as usize * k + c] = w;
        }
    }
    let mut assign = vec![0u16; members.len()];
    let mut scores = vec![0f32; k];
    for _ in 0..rounds {
        let mut changed = 0;
        for (slot, &m) in members.iter().enumerate() {
            scores.iter_mut().for_each(|s| *s = 0.0);
            for &(d, w) in &vectors[m] {
                let row = &centroids[d as usize * k..(d as usize + 1) * k];
                scores.iter_mut().zip(row).for_each(|(s, c)| *s += w * c);
            }
            let best = argmax(&scores) as u16;
            changed += usize::from(best != assign[slot]);
            assign[slot] = best;
        }
        centroids.iter_mut().for_each(|c| *c = 0.0);
        for (slot, &m) in members.iter().enumerate() {
            let c = assign[slot] as usize;
            for &(d, w) in &vectors[m] {
                centroids[d as usize * k + c] += w;
            }
        }
        let mut norms = vec![0f32; k];
        for (i, c) in centroids.iter().enumerate() {
            norms[i % k] += c * c;
        }
        for (i, c) in centroids.iter_mut().enumerate() {
            let n = norms[i % k].sqrt();
            if n > 0.0 {
                *c /= n;
            }
        }
        if changed == 0 {
            break;
        }
    }
    assign
}

/// k-means++ seeding in cosine distance: each next centre drawn with probability proportional to
/// its distance from the nearest centre chosen.
fn seed_centres(vectors: &[Vector], members: &[usize], k: usize, rng: &mut fastrand::Rng) -> Vec<usize> {
    let mut centres = vec![members[rng.usize(..members.len())]];
    let mut nearest: Vec<f32> = members.iter().map(|&m| 1.0 - dot(&vectors[m], &vectors[centres[0]])).collect();
    while centres.len() < k {
        let total: f64 = nearest.iter().map(|&d| d.max(0.0) as f64).sum();
        if total <= 0.0 {
            break;
        }
        let mut target = rng.f64() * total;
        let mut pick = members.len() - 1;
        for (i, &d) in nearest.iter().enumerate() {
            target -= d.max(0.0) as f64;
            if target <= 0.0 {
                pick = i;
                break;
            }
        }
        let c = members[pick];
        centres.push(c);
        for (i, &m) in members.iter().enumerate() {
            nearest[i] = nearest[i].min(1.0 - dot(&vectors[m], &vectors[c]));
        }
    }
    centres
}

fn dot(a: &Vector, b: &Vector) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0f32);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

fn argmax(v: &[f32]) -> usize {
    let mut best = 0;
    for (i, &x) in v.iter().enumerate() {
        if x > v[best] {
            best = i;
        }
    }
    best
}

/// A word's classes: coarse, and fine within it.
pub(crate) type Classes = (u16, u16);

/// The shipped classes (`data/clusters.tsv`), read once: bare form → its classes.
pub(crate) fn shipped() -> &'static HashMap<&'static str, Classes> {
    static TSV: &str = include_str!("../data/clusters.tsv");
    static S: std::sync::OnceLock<HashMap<&'static str, Classes>> = std::sync::OnceLock::new();
    S.get_or_init(|| {
        TSV.lines()
            .filter_map(|l| {
                let mut f = l.split('\t');
                let w = f.next()?;
                let mut n = || f.next()?.parse::<u16>().ok();
                Some((w, (n()?, n()?)))
            })
            .collect()
    })
}

/// Normalises then takes the bare form: what [`shipped`] is keyed by.
pub fn key(word: &str) -> String {
    bare_form(&normalize(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_the_same_company_share_a_class() {
        // Two kinds of word in distinct frames: names after «قال الرئيس», places after «في مدينة».
        let mut text = String::new();
        for i in 0..40 {
            for name in ["بوتين", "ترامب", "ماكرون"] {
                text.push_str(&format!("قال الرئيس {name} إن البلاد بخير {i}\n"));
            }
            for place in ["موسكو", "باريس", "لندن"] {
                text.push_str(&format!("وصل الوفد في مدينة {place} صباح اليوم {i}\n"));
            }
        }
        let params = Params { min_count: 5, contexts: 50, ..Params::default() };
        let c = Clusters::build(text.as_bytes(), params).unwrap();
        let class = |w: &str| c.words.iter().find(|(x, ..)| *x == key(w)).map(|&(_, a, ..)| a).unwrap();
        assert_eq!(class("بوتين"), class("ترامب"));
        assert_eq!(class("بوتين"), class("ماكرون"));
        assert_eq!(class("موسكو"), class("لندن"));
        assert_ne!(class("بوتين"), class("موسكو"));
    }

    #[test]
    fn the_same_text_and_seed_give_the_same_classes() {
        let text = "قال الرئيس بوتين إن\nقال الرئيس ترامب إن\nفي مدينة موسكو اليوم\n".repeat(20);
        let params = Params { min_count: 2, contexts: 20, ..Params::default() };
        let a = Clusters::build(text.as_bytes(), params).unwrap().to_tsv();
        let b = Clusters::build(text.as_bytes(), params).unwrap().to_tsv();
        assert_eq!(a, b);
    }

    #[test]
    fn a_hostile_line_is_bounded() {
        let line = "كلمة ".repeat(50_000);
        let c = Clusters::build(line.as_bytes(), Params { min_count: 1, ..Params::default() }).unwrap();
        assert!(c.words.len() <= 1);
    }

    #[test]
    fn a_line_too_long_is_cut_and_bytes_not_utf8_do_not_stop_the_build() {
        let mut text = Vec::new();
        text.extend_from_slice(&vec![b'x'; MAX_LINE_BYTES as usize * 2 + 7]);
        text.extend_from_slice("\nضيف\n".as_bytes());
        text.extend_from_slice(&[0xff, b' ']);
        text.extend_from_slice("ضيف ضيف\n".as_bytes());
        let c = Clusters::build(text.as_slice(), Params { min_count: 1, ..Params::default() }).unwrap();
        let words: Vec<&str> = c.words.iter().map(|(w, ..)| w.as_str()).collect();
        assert_eq!(words, vec!["ضيف"], "the long line's letters are Latin, the rest is read");
    }

    #[test]
    fn shipped_classes_know_news_names() {
        assert!(shipped().contains_key(key("بوتين").as_str()));
    }
}
