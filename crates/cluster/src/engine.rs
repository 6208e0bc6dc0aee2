//! Online story clustering.
//!
//! Articles arrive in publication-time order. Each is first checked for being a copy of a recent
//! article (MinHash LSH): a copy joins its original's story and copy group. Otherwise it is
//! compared with the open stories that share its most telling terms (an inverted index from terms
//! to stories, so the work per article does not grow with the number of stories) and joins the
//! best one if the similarity clears the threshold; else it opens a new story, which is placed in
//! the best-matching thread or opens a new thread.
//!
//! Similarity of an article to a story combines three TF-IDF cosines — headline stems against the
//! story's headlines, body stems (lead-weighted) against the story's centroid, and name skeletons
//! (spelling variants folded) against the story's names — and decays with the time between the
//! article and the story. IDF is learned from the stream itself. Everything is deterministic: the
//! same articles in the same order give the same stories.

use std::cell::Cell;

use rustc_hash::{FxHashMap, FxHashSet};

use serde::{Deserialize, Serialize};

use crate::features::Features;
use crate::minhash::{LshIndex, Sketch};

/// Tuning. Defaults were tuned on the ANT dev gold (see the README); they are not keyed to it.
/// They sit in the middle of a plateau that scores alike whether the gold articles are clustered
/// alone or inside the whole stream of the month (all sections interleaved, as a live observatory
/// sees them): neighbouring values that are best in one condition alone fall off a cliff in the
/// other, when one running affair's daily developments chain into one story.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Config {
    /// How long a story stays open after its latest article, seconds.
    pub window: i64,
    /// Similarity needed to join a story.
    pub story_threshold: f32,
    /// Similarity needed to join a story when the article or the story carries no real date (time
    /// is then no evidence, so the text must say more).
    pub undated_threshold: f32,
    /// Similarity needed to place a new story in an existing thread.
    pub thread_threshold: f32,
    /// Weights of headline, body, name and character-gram similarity.
    pub weights: (f32, f32, f32, f32),
    /// Hours after which time distance starts to lower similarity, and the decay scale.
    pub time_grace_hours: f32,
    /// Decay scale, hours.
    pub time_decay_hours: f32,
    /// Candidate stories scored per article.
    pub max_candidates: usize,
    /// Query terms per article for candidate retrieval.
    pub query_terms: usize,
    /// Terms kept per story centroid.
    pub centroid_terms: usize,
    /// How long sketches are kept for copy detection, seconds.
    pub copy_horizon: i64,
    /// Power applied to IDF weights: above 1, rare (event-specific) terms count for more than the
    /// subject's common vocabulary, which keeps separate developments of one subject apart.
    pub idf_power: f32,
    /// Articles that define a story's event (its seed).
    pub seed_articles: u32,
    /// Share of the gram similarity taken against the seed rather than the whole story.
    pub seed_weight: f32,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            window: 3 * 24 * 3600,
            story_threshold: 0.23,
            undated_threshold: 0.35,
            thread_threshold: 0.16,
            weights: (0.10, 0.15, 0.25, 0.50),
            time_grace_hours: 36.0,
            time_decay_hours: 24.0,
            max_candidates: 12,
            query_terms: 16,
            centroid_terms: 150,
            copy_horizon: 30 * 24 * 3600,
            idf_power: 1.2,
            seed_articles: 3,
            seed_weight: 0.3,
        }
    }
}

/// An article offered to the engine.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// Store id.
    pub id: i64,
    /// Publication time (Unix seconds); the ingest time when the article has no date.
    pub time: i64,
    /// False when `time` is only the ingest time.
    pub dated: bool,
    /// Outlet id.
    pub outlet: &'a str,
    /// Features.
    pub features: &'a Features,
}

/// Where an article went.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Assignment {
    /// The article.
    pub article: i64,
    /// Its story.
    pub story: u64,
    /// True when the article opened the story.
    pub new_story: bool,
    /// The story's thread.
    pub thread: u64,
    /// True when the story opened the thread.
    pub new_thread: bool,
    /// Similarity to the story it joined (1 for a new story, the Jaccard estimate for a copy).
    pub similarity: f32,
    /// For copies: the original article of the copy group.
    pub copy_of: Option<i64>,
}

type Vector = Vec<(u32, f32)>;

/// ln(1 + n), from a table for the small counts that document frequencies mostly are.
fn ln1p_int(n: u32) -> f32 {
    static TABLE: std::sync::OnceLock<Vec<f32>> = std::sync::OnceLock::new();
    let t = TABLE.get_or_init(|| (0..65_536u32).map(|i| (i as f32 + 1.0).ln()).collect());
    t.get(n as usize).copied().unwrap_or_else(|| (n as f32 + 1.0).ln())
}

/// An article's vectors over the engine's vocabulary.
struct Vectors {
    title: Vector,
    body: Vector,
    names: Vector,
    grams: Vector,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Centroid {
    weights: FxHashMap<u32, f32>,
    /// IDF-weighted norm, refreshed when the centroid changes (IDF drifts slowly; comparing
    /// against a norm computed a few articles ago changes nothing that matters and saves most of
    /// the work per comparison).
    norm: f32,
    /// Documents seen when the norm was computed.
    norm_docs: u32,
}

impl Centroid {
    fn refresh(&mut self, idf: &dyn Fn(u32) -> f32, docs: u32) {
        self.norm = norm(self, idf);
        self.norm_docs = docs;
    }

    /// True when IDF has moved enough since the norm was computed to matter (early in a stream,
    /// when every article changes it).
    fn stale(&self, docs: u32) -> bool {
        docs as f32 > self.norm_docs as f32 * 1.05 + 1.0
    }

    fn add(&mut self, v: &[(u32, f32)]) {
        for (t, w) in v {
            *self.weights.entry(*t).or_default() += w;
        }
    }

    /// Keeps the `keep` terms with most weight × idf.
    fn prune(&mut self, keep: usize, idf: &dyn Fn(u32) -> f32) {
        if self.weights.len() <= keep * 2 {
            return;
        }
        let mut v: Vec<(u32, f32)> = self.weights.iter().map(|(t, w)| (*t, *w)).collect();
        v.sort_by(|a, b| (b.1 * idf(b.0)).total_cmp(&(a.1 * idf(a.0))).then(a.0.cmp(&b.0)));
        v.truncate(keep);
        self.weights = v.into_iter().collect();
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Story {
    first: i64,
    last: i64,
    dated: bool,
    articles: u32,
    outlets: Vec<String>,
    title: Centroid,
    body: Centroid,
    names: Centroid,
    grams: Centroid,
    /// Grams of the story's first articles: the event that defines it. A later development of the
    /// same subject resembles the whole story but not its beginning.
    seed: Centroid,
    thread: u64,
    /// Terms under which the story is in the inverted index.
    posted: FxHashSet<u32>,
    /// Headlines of the latest members: a new development has a new headline even when it
    /// shares the subject's vocabulary.
    titles: Vec<Vector>,
}

/// Member headlines kept per story.
const KEPT_TITLES: usize = 24;
/// Member headlines compared with a new article's (the most recent ones).
const RECENT_TITLES: usize = 8;

fn vec_cosine(a: &[(u32, f32)], b: &[(u32, f32)], idf: &dyn Fn(u32) -> f32) -> f32 {
    let (mut dot, mut na, mut nb) = (0.0, 0.0, 0.0);
    for (t, w) in a {
        let x = w * idf(*t);
        na += x * x;
        if let Some((_, v)) = b.iter().find(|(u, _)| u == t) {
            dot += x * v * idf(*t);
        }
    }
    for (t, w) in b {
        nb += (w * idf(*t)).powi(2);
    }
    if na == 0.0 || nb == 0.0 { 0.0 } else { dot / (na.sqrt() * nb.sqrt()) }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Thread {
    first: i64,
    last: i64,
    stories: u32,
    body: Centroid,
    names: Centroid,
    posted: FxHashSet<u32>,
}

/// The clustering state. Serialise it with [`Engine::snapshot`] to continue after a restart.
#[derive(Debug, Serialize, Deserialize)]
pub struct Engine {
    cfg: Config,
    /// Term → id, one map per namespace (stems, name skeletons, character grams); ids are shared.
    vocab: [FxHashMap<String, u32>; 3],
    df: Vec<u32>,
    /// Per-term IDF cache (see [`Engine::idf_of`]); rebuilt empty after a restore.
    #[serde(skip)]
    idf_cache: Vec<Cell<(f32, u32)>>,
    docs: u32,
    stories: FxHashMap<u64, Story>,
    next_story: u64,
    threads: FxHashMap<u64, Thread>,
    next_thread: u64,
    postings: FxHashMap<u32, Vec<u64>>,
    thread_postings: FxHashMap<u32, Vec<u64>>,
    /// Copy detection: article → (story, original) for articles within the copy horizon.
    recent: FxHashMap<i64, (u64, i64, i64)>,
    #[serde(skip)]
    lsh: LshIndex,
    sketches: Vec<(i64, Vec<u8>, i64)>,
    newest: i64,
    added: u64,
    #[serde(skip)]
    dirty_stories: FxHashSet<u64>,
    #[serde(skip)]
    dirty_threads: FxHashSet<u64>,
    /// Summaries of changed stories evicted before [`Engine::take_changes`] ran.
    #[serde(skip)]
    evicted: Vec<StorySummary>,
}

/// What changed since the last [`Engine::take_changes`]: for persisting story and thread
/// summaries.
#[derive(Debug, Default)]
pub struct Changes {
    /// Stories created or updated.
    pub stories: Vec<StorySummary>,
    /// Threads created or updated.
    pub threads: Vec<ThreadSummary>,
}

/// A story's state as the store keeps it.
#[derive(Debug, Clone, Serialize)]
pub struct StorySummary {
    /// Id.
    pub id: u64,
    /// Thread id.
    pub thread: u64,
    /// Earliest article time.
    pub first: i64,
    /// Latest article time.
    pub last: i64,
    /// Articles.
    pub articles: u32,
    /// Distinct outlets.
    pub outlets: u32,
    /// The story's most telling terms (stems), best first.
    pub top_terms: Vec<String>,
    /// Its most telling name skeletons.
    pub top_names: Vec<String>,
}

/// A thread's state as the store keeps it.
#[derive(Debug, Clone, Serialize)]
pub struct ThreadSummary {
    /// Id.
    pub id: u64,
    /// Earliest story time.
    pub first: i64,
    /// Latest story time.
    pub last: i64,
    /// Stories.
    pub stories: u32,
    /// Most telling terms.
    pub top_terms: Vec<String>,
}

/// Vocabulary namespaces.
const STEMS: usize = 0;
const NAMES: usize = 1;
const GRAMS: usize = 2;

/// An article vector with IDF applied once: (term, weight × idf, idf), and its norm.
struct Weighted {
    terms: Vec<(u32, f32, f32)>,
    norm: f32,
}

impl Weighted {
    fn new(v: &[(u32, f32)], idf: &dyn Fn(u32) -> f32) -> Weighted {
        let terms: Vec<(u32, f32, f32)> = v
            .iter()
            .map(|(t, w)| {
                let i = idf(*t);
                (*t, w * i, i)
            })
            .collect();
        let norm = terms.iter().map(|(_, x, _)| x * x).sum::<f32>().sqrt();
        Weighted { terms, norm }
    }

    /// Cosine against a centroid of raw weights (IDF applied on its side too).
    fn cosine(&self, c: &Centroid) -> f32 {
        if self.norm == 0.0 || c.norm == 0.0 {
            return 0.0;
        }
        let dot: f32 = self.terms.iter().filter_map(|(t, x, i)| c.weights.get(t).map(|cw| x * cw * i)).sum();
        dot / (self.norm * c.norm)
    }
}

fn cosine(a: &[(u32, f32)], c: &Centroid, idf: &dyn Fn(u32) -> f32, c_norm: f32) -> f32 {
    if a.is_empty() || c_norm == 0.0 {
        return 0.0;
    }
    let mut dot = 0.0;
    let mut an = 0.0;
    for (t, w) in a {
        let i = idf(*t);
        an += (w * i) * (w * i);
        if let Some(cw) = c.weights.get(t) {
            dot += w * cw * i * i;
        }
    }
    if an == 0.0 { 0.0 } else { dot / (an.sqrt() * c_norm) }
}

fn norm(c: &Centroid, idf: &dyn Fn(u32) -> f32) -> f32 {
    c.weights.iter().map(|(t, w)| (w * idf(*t)).powi(2)).sum::<f32>().sqrt()
}

impl Engine {
    /// A fresh engine.
    pub fn new(cfg: Config) -> Self {
        Engine {
            cfg,
            vocab: Default::default(),
            df: Vec::new(),
            idf_cache: Vec::new(),
            docs: 0,
            stories: FxHashMap::default(),
            next_story: 1,
            threads: FxHashMap::default(),
            next_thread: 1,
            postings: FxHashMap::default(),
            thread_postings: FxHashMap::default(),
            recent: FxHashMap::default(),
            lsh: LshIndex::default(),
            sketches: Vec::new(),
            newest: i64::MIN,
            added: 0,
            dirty_stories: FxHashSet::default(),
            dirty_threads: FxHashSet::default(),
            evicted: Vec::new(),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.cfg
    }

    /// Changes how long stories stay open (takes effect for the next article).
    pub fn set_window(&mut self, seconds: i64) {
        self.cfg.window = seconds;
    }

    /// Articles processed so far.
    pub fn articles(&self) -> u64 {
        self.added
    }

    fn intern(&mut self, ns: usize, term: &str) -> u32 {
        if let Some(&id) = self.vocab[ns].get(term) {
            return id;
        }
        let id = self.df.len() as u32;
        self.vocab[ns].insert(term.to_string(), id);
        self.df.push(0);
        self.idf_cache.push(Cell::new((0.0, u32::MAX)));
        id
    }

    /// IDF of term `t` raised to `power`. The power costs a `powf`, and one article asks for the
    /// same terms' IDF hundreds of times (every candidate story, every centroid prune), so values
    /// are cached per term, stamped with the document count: documents and document frequencies
    /// change together, only when an article is learnt, so a stamp equal to `docs` is exact.
    fn idf_of(df: &[u32], cache: &[Cell<(f32, u32)>], docs: u32, t: u32, power: f32) -> f32 {
        let compute = || {
            let d = df.get(t as usize).copied().unwrap_or(0);
            let idf = ln1p_int(docs) - ln1p_int(d) + 1.0;
            if power == 1.0 { idf } else { idf.powf(power) }
        };
        if power == 1.0 {
            return compute();
        }
        match cache.get(t as usize) {
            Some(c) if c.get().1 == docs => c.get().0,
            Some(c) => {
                let v = compute();
                c.set((v, docs));
                v
            }
            None => compute(),
        }
    }

    /// Interns a term, reading «بتيلرسون» as «تيلرسون» when only the latter is known: the light
    /// stemmer leaves one-letter proclitics alone (stripping them blindly breaks names such as
    /// «بيونغ»), but the stream's own vocabulary tells which reading is a word.
    fn intern_peeled(&mut self, ns: usize, term: &str, clitics: &[char]) -> u32 {
        let mut chars = term.chars();
        if let Some(first) = chars.next()
            && clitics.contains(&first)
            && term.chars().count() >= 5
        {
            let peeled = chars.as_str();
            let known = |k: &str| self.vocab[ns].get(k).is_some_and(|&id| self.df[id as usize] > 0);
            if !known(term) && known(peeled) {
                return self.intern(ns, peeled);
            }
        }
        self.intern(ns, term)
    }

    fn vectors(&mut self, f: &Features) -> Vectors {
        const STEM_CLITICS: &[char] = &['ب', 'ل', 'ك', 'ف'];
        // The skeleton writes ب as b, ك as g, ف as f.
        const NAME_CLITICS: &[char] = &['b', 'ل', 'g', 'f'];
        Vectors {
            title: f.title.iter().map(|(t, w)| (self.intern_peeled(STEMS, t, STEM_CLITICS), *w)).collect(),
            body: f.body.iter().map(|(t, w)| (self.intern_peeled(STEMS, t, STEM_CLITICS), *w)).collect(),
            names: f.names.iter().map(|(t, w)| (self.intern_peeled(NAMES, t, NAME_CLITICS), *w)).collect(),
            grams: f.grams.iter().map(|(t, w)| (self.intern(GRAMS, t), *w)).collect(),
        }
    }

    /// Counts an article's distinct terms towards document frequencies.
    fn learn_df(&mut self, v: &Vectors) {
        self.docs += 1;
        let mut seen: FxHashSet<u32> = FxHashSet::default();
        for (t, _) in v.body.iter().chain(&v.names).chain(&v.grams) {
            if seen.insert(*t) {
                self.df[*t as usize] += 1;
            }
        }
    }

    /// The article's most telling terms for candidate retrieval: highest tf·idf, not too common.
    fn query_terms(&self, body: &Vector, names: &Vector) -> Vec<u32> {
        let idf = |t: u32| Self::idf_of(&self.df, &self.idf_cache, self.docs, t, self.cfg.idf_power);
        let common = (self.docs as f32 * 0.08).max(20.0);
        let mut v: Vec<(u32, f32)> = body
            .iter()
            .chain(names)
            .filter(|(t, _)| (self.df[*t as usize] as f32) < common)
            .map(|(t, w)| (*t, w * idf(*t)))
            .collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.into_iter().take(self.cfg.query_terms).map(|(t, _)| t).collect()
    }

    /// A story is one event of a day or two: similarity fades with the time since the story
    /// began (not since its latest article, or long-running subjects would chain into one story).
    fn time_factor(&self, t: i64, first: i64, last: i64) -> f32 {
        let dist = if t < first { first - t } else { (t - first).max(0).min((t - last).max(0) + self.cfg.window) };
        let hours = dist as f32 / 3600.0;
        if hours <= self.cfg.time_grace_hours {
            1.0
        } else {
            (-(hours - self.cfg.time_grace_hours) / self.cfg.time_decay_hours).exp()
        }
    }

    fn score_story(&self, s: &Story, v: &Vectors, w: &[Weighted; 4], t: i64) -> f32 {
        let idf = |x: u32| Self::idf_of(&self.df, &self.idf_cache, self.docs, x, self.cfg.idf_power);
        let (wt, wb, wn, wg) = self.cfg.weights;
        let best_title =
            s.titles.iter().rev().take(RECENT_TITLES).map(|m| vec_cosine(&v.title, m, &idf)).fold(0.0f32, f32::max);
        let sim = wt * (0.5 * best_title + 0.5 * w[0].cosine(&s.title))
            + wb * w[1].cosine(&s.body)
            + wn * w[2].cosine(&s.names)
            + wg * ((1.0 - self.cfg.seed_weight) * w[3].cosine(&s.grams) + self.cfg.seed_weight * w[3].cosine(&s.seed));
        sim * self.time_factor(t, s.first, s.last)
    }

    fn post(&mut self, story: u64, terms: &[u32]) {
        let s = self.stories.get_mut(&story).expect("story exists");
        for &t in terms {
            if s.posted.insert(t) {
                self.postings.entry(t).or_default().push(story);
            }
        }
    }

    /// Adds one article; returns where it went.
    pub fn add(&mut self, a: Input<'_>) -> Assignment {
        if self.idf_cache.len() < self.df.len() {
            // Restored from a snapshot, which does not carry the cache.
            self.idf_cache.resize(self.df.len(), Cell::new((0.0, u32::MAX)));
        }
        self.added += 1;
        self.newest = self.newest.max(a.time);
        let v = self.vectors(a.features);
        self.learn_df(&v);
        let query = self.query_terms(&v.body, &v.names);

        // 1. A copy of a recent article is in its original's copy group, and joins its story while
        // that story is open.
        let copy = a
            .features
            .sketch
            .as_ref()
            .and_then(|sk| self.lsh.best_match(sk))
            .and_then(|(other, j)| self.recent.get(&other).map(|(story, original, _)| (*story, *original, j)));
        let copy_of = copy.map(|(_, original, _)| original);
        let open_copy = copy.filter(|(story, _, _)| {
            self.stories
                .get(story)
                .is_some_and(|s| s.last >= a.time - self.cfg.window && s.first <= a.time + self.cfg.window)
        });
        let (story, new_story, similarity) = if let Some((story, _, j)) = open_copy {
            (story, false, j)
        } else {
            // 2. The best open story sharing its telling terms.
            let mut hits: FxHashMap<u64, u32> = FxHashMap::default();
            let horizon = a.time - self.cfg.window;
            for t in &query {
                if let Some(list) = self.postings.get(t) {
                    for s in list.iter().rev().take(400) {
                        *hits.entry(*s).or_default() += 1;
                    }
                }
            }
            let mut cands: Vec<(u64, u32)> = hits
                .into_iter()
                .filter(|(s, _)| {
                    self.stories.get(s).is_some_and(|st| st.last >= horizon && st.first <= a.time + self.cfg.window)
                })
                .collect();
            cands.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
            cands.truncate(self.cfg.max_candidates);
            // Refresh norms that IDF has outdated, then score.
            let (df, cache, docs, power) = (&self.df, &self.idf_cache, self.docs, self.cfg.idf_power);
            let fresh_idf = |x: u32| Self::idf_of(df, cache, docs, x, power);
            for (s, _) in &cands {
                if let Some(st) = self.stories.get_mut(s) {
                    for c in [&mut st.title, &mut st.body, &mut st.names, &mut st.grams, &mut st.seed] {
                        if c.stale(docs) {
                            c.refresh(&fresh_idf, docs);
                        }
                    }
                }
            }
            let mut best: Option<(u64, f32)> = None;
            let idf = |x: u32| Self::idf_of(&self.df, &self.idf_cache, self.docs, x, self.cfg.idf_power);
            let weighted = [
                Weighted::new(&v.title, &idf),
                Weighted::new(&v.body, &idf),
                Weighted::new(&v.names, &idf),
                Weighted::new(&v.grams, &idf),
            ];
            for (s, _) in cands {
                let st = &self.stories[&s];
                let sim = self.score_story(st, &v, &weighted, a.time);
                let needed = if a.dated && st.dated { self.cfg.story_threshold } else { self.cfg.undated_threshold };
                if sim >= needed && best.is_none_or(|(bs, b)| sim > b || (sim == b && s < bs)) {
                    best = Some((s, sim));
                }
            }
            match best {
                Some((s, sim)) => (s, false, sim),
                None => {
                    let id = self.next_story;
                    self.next_story += 1;
                    self.stories.insert(
                        id,
                        Story {
                            first: a.time,
                            last: a.time,
                            dated: a.dated,
                            articles: 0,
                            outlets: Vec::new(),
                            title: Centroid::default(),
                            body: Centroid::default(),
                            names: Centroid::default(),
                            grams: Centroid::default(),
                            seed: Centroid::default(),
                            thread: 0,
                            posted: FxHashSet::default(),
                            titles: Vec::new(),
                        },
                    );
                    (id, true, 1.0)
                }
            }
        };

        // Update the story (borrowing `df` and `stories` as the disjoint fields they are: copying
        // the vocabulary's document frequencies per article cost more than the clustering).
        let (docs, power, keep, seed_articles) =
            (self.docs, self.cfg.idf_power, self.cfg.centroid_terms, self.cfg.seed_articles);
        {
            let (df, cache) = (&self.df, &self.idf_cache);
            let idf = |t: u32| Self::idf_of(df, cache, docs, t, power);
            let st = self.stories.get_mut(&story).expect("story exists");
            st.first = st.first.min(a.time);
            st.last = st.last.max(a.time);
            st.dated |= a.dated;
            st.articles += 1;
            if !st.outlets.iter().any(|o| o == a.outlet) {
                st.outlets.push(a.outlet.to_string());
            }
            st.title.add(&v.title);
            if st.titles.len() == KEPT_TITLES {
                st.titles.remove(0);
            }
            st.titles.push(v.title.clone());
            st.body.add(&v.body);
            st.names.add(&v.names);
            st.grams.add(&v.grams);
            if st.articles <= seed_articles {
                st.seed.add(&v.grams);
            }
            st.title.prune(keep / 3, &idf);
            st.body.prune(keep, &idf);
            st.names.prune(keep, &idf);
            st.grams.prune(keep * 2, &idf);
            for c in [&mut st.title, &mut st.body, &mut st.names, &mut st.grams, &mut st.seed] {
                c.refresh(&idf, docs);
            }
        }
        self.post(story, &query);
        self.dirty_stories.insert(story);

        // Threads: a new story is placed in the best-matching thread; every article feeds it.
        let (thread, new_thread) = if new_story {
            self.place_in_thread(story, &v.body, &v.names, a.time)
        } else {
            (self.stories[&story].thread, false)
        };
        let (df, cache) = (&self.df, &self.idf_cache);
        let idf = |t: u32| Self::idf_of(df, cache, docs, t, power);
        if let Some(th) = self.threads.get_mut(&thread) {
            th.last = th.last.max(a.time);
            th.first = th.first.min(a.time);
            th.body.add(&v.body);
            th.names.add(&v.names);
            th.body.prune(keep / 2, &idf);
            th.names.prune(keep / 2, &idf);
            th.body.refresh(&idf, docs);
            th.names.refresh(&idf, docs);
        }
        let thread_terms: Vec<u32> = v.names.iter().map(|(t, _)| *t).filter(|t| query.contains(t)).collect();
        if let Some(th) = self.threads.get_mut(&thread) {
            for t in thread_terms {
                if th.posted.insert(t) {
                    self.thread_postings.entry(t).or_default().push(thread);
                }
            }
        }
        self.dirty_threads.insert(thread);

        // Copy bookkeeping.
        let original = copy_of.unwrap_or(a.id);
        self.recent.insert(a.id, (story, original, a.time));
        if let Some(sk) = &a.features.sketch {
            self.lsh.insert(a.id, sk.clone(), a.time);
        }
        if self.added.is_multiple_of(5000) {
            self.evict();
        }
        Assignment { article: a.id, story, new_story, thread, new_thread, similarity, copy_of }
    }

    fn place_in_thread(&mut self, story: u64, body: &Vector, names: &Vector, t: i64) -> (u64, bool) {
        let mut hits: FxHashMap<u64, u32> = FxHashMap::default();
        for (term, _) in names {
            if let Some(list) = self.thread_postings.get(term) {
                for th in list.iter().rev().take(400) {
                    *hits.entry(*th).or_default() += 1;
                }
            }
        }
        let mut cands: Vec<(u64, u32)> = hits.into_iter().collect();
        cands.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        cands.truncate(self.cfg.max_candidates);
        let (df, cache, docs, power) = (&self.df, &self.idf_cache, self.docs, self.cfg.idf_power);
        let fresh_idf = |x: u32| Self::idf_of(df, cache, docs, x, power);
        for (th, _) in &cands {
            if let Some(t) = self.threads.get_mut(th) {
                for c in [&mut t.body, &mut t.names] {
                    if c.stale(docs) {
                        c.refresh(&fresh_idf, docs);
                    }
                }
            }
        }
        let idf = |x: u32| Self::idf_of(&self.df, &self.idf_cache, self.docs, x, self.cfg.idf_power);
        let mut best: Option<(u64, f32)> = None;
        for (th, _) in cands {
            let thread = &self.threads[&th];
            let sim = 0.6 * cosine(names, &thread.names, &idf, thread.names.norm)
                + 0.4 * cosine(body, &thread.body, &idf, thread.body.norm);
            if sim >= self.cfg.thread_threshold && best.is_none_or(|(bt, b)| sim > b || (sim == b && th < bt)) {
                best = Some((th, sim));
            }
        }
        let (thread, new) = match best {
            Some((th, _)) => (th, false),
            None => {
                let id = self.next_thread;
                self.next_thread += 1;
                self.threads.insert(
                    id,
                    Thread {
                        first: t,
                        last: t,
                        stories: 0,
                        body: Centroid::default(),
                        names: Centroid::default(),
                        posted: FxHashSet::default(),
                    },
                );
                (id, true)
            }
        };
        self.threads.get_mut(&thread).expect("thread exists").stories += 1;
        self.stories.get_mut(&story).expect("story exists").thread = thread;
        (thread, new)
    }

    /// Drops closed stories and old sketches from memory (they stay in the store).
    fn evict(&mut self) {
        let story_horizon = self.newest - 2 * self.cfg.window;
        let closed: FxHashSet<u64> =
            self.stories.iter().filter(|(_, s)| s.last < story_horizon).map(|(id, _)| *id).collect();
        if !closed.is_empty() {
            // Summaries of changed stories must outlive them: the store has not seen them yet.
            let mut ids: Vec<u64> = self.dirty_stories.iter().filter(|id| closed.contains(id)).copied().collect();
            ids.sort_unstable();
            let summaries = self.story_summaries(&ids);
            self.evicted.extend(summaries);
            self.dirty_stories.retain(|id| !closed.contains(id));
            self.stories.retain(|id, _| !closed.contains(id));
            self.postings.retain(|_, list| {
                list.retain(|s| !closed.contains(s));
                !list.is_empty()
            });
        }
        let copy_horizon = self.newest - self.cfg.copy_horizon;
        self.lsh.evict(copy_horizon);
        self.recent.retain(|_, (_, _, t)| *t >= copy_horizon);
    }

    fn vocab_rev(&self) -> Vec<&str> {
        let mut rev: Vec<&str> = vec![""; self.df.len()];
        for (k, v) in self.vocab.iter().flatten() {
            rev[*v as usize] = k;
        }
        rev
    }

    fn top(&self, c: &Centroid, n: usize, rev: &[&str]) -> Vec<String> {
        let mut v: Vec<(u32, f32)> = c
            .weights
            .iter()
            .map(|(t, w)| (*t, w * Self::idf_of(&self.df, &self.idf_cache, self.docs, *t, self.cfg.idf_power)))
            .collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.into_iter().take(n).map(|(t, _)| rev[t as usize].to_string()).collect()
    }

    fn story_summaries(&self, ids: &[u64]) -> Vec<StorySummary> {
        if ids.is_empty() {
            return Vec::new();
        }
        let rev = self.vocab_rev();
        ids.iter()
            .filter_map(|id| {
                let s = self.stories.get(id)?;
                Some(StorySummary {
                    id: *id,
                    thread: s.thread,
                    first: s.first,
                    last: s.last,
                    articles: s.articles,
                    outlets: s.outlets.len() as u32,
                    top_terms: self.top(&s.body, 12, &rev),
                    top_names: self.top(&s.names, 8, &rev),
                })
            })
            .collect()
    }

    /// Summaries of the stories and threads changed since the last call.
    pub fn take_changes(&mut self) -> Changes {
        let mut ids: Vec<u64> = self.dirty_stories.drain().collect();
        ids.sort_unstable();
        let mut stories = std::mem::take(&mut self.evicted);
        stories.extend(self.story_summaries(&ids));
        let mut ids: Vec<u64> = self.dirty_threads.drain().collect();
        ids.sort_unstable();
        let rev = self.vocab_rev();
        let threads = ids
            .into_iter()
            .filter_map(|id| {
                let t = self.threads.get(&id)?;
                Some(ThreadSummary {
                    id,
                    first: t.first,
                    last: t.last,
                    stories: t.stories,
                    top_terms: self.top(&t.names, 10, &rev),
                })
            })
            .collect();
        Changes { stories, threads }
    }

    /// Serialises the whole state (to continue after a restart).
    pub fn snapshot(&mut self) -> Vec<u8> {
        self.sketches = self.lsh_entries();
        serde_json::to_vec(self).expect("engine state serialises")
    }

    fn lsh_entries(&self) -> Vec<(i64, Vec<u8>, i64)> {
        let mut v: Vec<(i64, Vec<u8>, i64)> = self.lsh_sketches().map(|(id, s, t)| (id, s.to_bytes(), t)).collect();
        v.sort_by_key(|e| e.0);
        v
    }

    fn lsh_sketches(&self) -> impl Iterator<Item = (i64, &Sketch, i64)> {
        self.lsh.iter()
    }

    /// Restores a snapshot taken by [`Engine::snapshot`].
    pub fn restore(bytes: &[u8]) -> Result<Engine, serde_json::Error> {
        let mut e: Engine = serde_json::from_slice(bytes)?;
        for (id, sk, t) in std::mem::take(&mut e.sketches) {
            if let Some(s) = Sketch::from_bytes(&sk) {
                e.lsh.insert(id, s, t);
            }
        }
        Ok(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::features;

    fn add(e: &mut Engine, id: i64, hours: i64, outlet: &str, title: &str, body: &str) -> Assignment {
        let f = features(title, body);
        e.add(Input { id, time: 1_520_000_000 + hours * 3600, dated: true, outlet, features: &f })
    }

    #[test]
    fn same_event_from_two_outlets_is_one_story() {
        let mut e = Engine::new(Config::default());
        let a = add(
            &mut e,
            1,
            0,
            "a",
            "بريطانيا تطرد 23 دبلوماسيا روسيا بسبب تسميم سكريبال",
            "أعلنت رئيسة الوزراء البريطانية تيريزا ماي طرد 23 دبلوماسيا روسيا ردا على تسميم العميل المزدوج سيرغي سكريبال في سالزبري.",
        );
        let b = add(
            &mut e,
            2,
            3,
            "b",
            "لندن تطرد 23 دبلوماسيا روسيا في قضية سكريبال",
            "قررت الحكومة البريطانية طرد 23 دبلوماسيا روسيا بعد تسميم الجاسوس السابق سكريبال وابنته، وفق ما أعلنت ماي أمام البرلمان.",
        );
        let c = add(
            &mut e,
            3,
            4,
            "a",
            "زلزال بقوة 6 درجات يضرب جنوب إيران",
            "ضرب زلزال بقوة ست درجات على مقياس ريختر جنوب إيران فجر اليوم دون أنباء عن إصابات.",
        );
        assert!(a.new_story);
        assert_eq!(b.story, a.story, "{b:?}");
        assert!(c.new_story && c.story != a.story);
    }

    #[test]
    fn copies_join_their_original() {
        let mut e = Engine::new(Config::default());
        let body = "أعلن الكرملين أن الزعيم الكوري الشمالي كيم جونغ أون سيزور روسيا في الأيام المقبلة بدعوة من الرئيس فلاديمير بوتين لبحث التعاون العسكري والاقتصادي بين البلدين. وقال المتحدث باسم الرئاسة الروسية إن موعد الزيارة ومكانها لم يحددا بعد لأسباب أمنية، مشيرا إلى أن الجانبين سيبحثان أيضا الوضع في شبه الجزيرة الكورية.";
        let a = add(&mut e, 1, 0, "a", "كيم يزور روسيا", body);
        let b = add(&mut e, 2, 5, "b", "كيم يزور روسيا قريبا", &body.replace("المقبلة", "القادمة"));
        assert_eq!(b.story, a.story);
        assert_eq!(b.copy_of, Some(1));
    }

    #[test]
    fn far_apart_in_time_is_not_one_story() {
        let mut e = Engine::new(Config::default());
        let a = add(
            &mut e,
            1,
            0,
            "a",
            "قمة بين ترامب وكيم في سنغافورة",
            "التقى الرئيس الأمريكي دونالد ترامب الزعيم الكوري الشمالي كيم جونغ أون في سنغافورة.",
        );
        let b = add(
            &mut e,
            2,
            24 * 200,
            "a",
            "انتهاء قمة ترامب وكيم في هانوي دون اتفاق",
            "غادر الزعيم الكوري الشمالي كيم جونغ أون هانوي بعد أن انتهت قمته الثانية مع الرئيس الأمريكي دونالد ترامب دون التوصل إلى اتفاق.",
        );
        assert_ne!(a.story, b.story);
        assert_eq!(a.thread, b.thread, "one running subject");
    }

    #[test]
    fn snapshot_restores_and_continues_identically() {
        let mut e1 = Engine::new(Config::default());
        let mut e2 = Engine::new(Config::default());
        add(&mut e1, 1, 0, "a", "بريطانيا تطرد دبلوماسيين روسا", "طردت بريطانيا 23 دبلوماسيا روسيا بسبب قضية سكريبال.");
        add(&mut e2, 1, 0, "a", "بريطانيا تطرد دبلوماسيين روسا", "طردت بريطانيا 23 دبلوماسيا روسيا بسبب قضية سكريبال.");
        let mut restored = Engine::restore(&e1.snapshot()).unwrap();
        let x = add(
            &mut restored,
            2,
            2,
            "b",
            "روسيا تتوعد بالرد على طرد دبلوماسييها من بريطانيا",
            "قالت موسكو إنها سترد على طرد 23 دبلوماسيا روسيا من بريطانيا في قضية سكريبال.",
        );
        let y = add(
            &mut e2,
            2,
            2,
            "b",
            "روسيا تتوعد بالرد على طرد دبلوماسييها من بريطانيا",
            "قالت موسكو إنها سترد على طرد 23 دبلوماسيا روسيا من بريطانيا في قضية سكريبال.",
        );
        assert_eq!(x, y);
    }
}
