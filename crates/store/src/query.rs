//! From what the user typed to a ranked tantivy query.
//!
//! Ranking degrades gracefully with the query's length: up to [`SHORT_QUERY_WORDS`] words, every
//! word is required (a journalist typing two names wants both); longer queries — a headline
//! pasted in, a sentence — are a ranked disjunction that needs only [`min_should_match`] of the
//! words, so the articles sharing most of the telling words come first (BM25), with headlines
//! weighted over bodies and words near each other as in the query adding to the score.
//!
//! Each word matches, in falling order of weight: its own form (conjunction dropped, article made
//! uniform, no suffix stripped: «الرياض» before «الرياضة» and «رياض»), its light stem, its forms with or without a
//! one-letter proclitic («بمقر», «لمقر» for «مقر»), and — for long words — its name skeleton
//! (transliteration variants). Quotes mean the exact form.

use marsad_text::{Analysis, analyze};
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use crate::index::Fields;

/// Queries of up to this many searchable words require all of them.
pub const SHORT_QUERY_WORDS: usize = 2;
/// Share of a longer query's words an article must contain (rounded up, at least two): low, as
/// two reports of one event share names and a verb or two of a headline, not its wording.
pub const MIN_SHOULD_MATCH_SHARE: f32 = 0.25;
/// A match on the word's own form counts this much more than one through its stem only, so a
/// name that the stemmer folds onto a common word (الرياض / الرياضة) finds its own form first.
pub const EXACT_BOOST: f32 = 3.0;
/// Weight of headline matches against body matches. A headline word is counted in both fields
/// already; weighting the headline more (2, 3, 4) lost on both dev windows (MRR 0.558 → 0.538 on
/// 13–15 March, 0.427 → 0.401 on 16–18 July at 2 → 4), as reports of one event share their
/// bodies' words more than their headlines' wording.
pub const TITLE_BOOST: f32 = 1.0;
/// Weight of a match through a one-letter proclitic form (بمقر for مقر). The index has already
/// vouched that the form is the word with a preposition, and weighting it as the word itself
/// scored best on both dev windows (0, 0.4, 0.7, 1, 1.5 tried).
pub const PROCLITIC_WEIGHT: f32 = 1.0;
/// Weight of a skeleton (variant spelling) match against a word's own forms.
pub const SKELETON_WEIGHT: f32 = 0.5;
/// Weight of two query words found next to each other (one word between allowed): a small
/// bonus; 2 and 4 let a shared stock phrase («كأس العالم») outrank the event's names.
pub const PROXIMITY_BOOST: f32 = 0.5;
/// Share of [`EXACT_BOOST`] for the other of a word's two exact forms (bare «رياض», with its
/// article «الرياض»). In a short query the typed form is the one meant and the other gets this
/// share; in a long one (a pasted headline) the bare form leads and the article form adds this
/// share — 0.5 and 1 there lost 0.01–0.04 MRR on both dev windows, 0.1 let the name «رياض» into
/// the top ten for «الرياض».
pub const ARTICLE_WEIGHT: f32 = 0.25;
/// Words shorter than this (in letters) are not searched by skeleton: short skeletons collide
/// with ordinary words (غرب / جرب).
pub const MIN_SKELETON_WORD: usize = 5;
/// One-letter proclitics the light stemmer keeps (stripping them always would fold بيان onto
/// يان and كبير onto بير); whether a word carries one is decided by the index (see
/// [`QueryWord::resolve_proclitics`]).
const PROCLITICS: [char; 3] = ['ب', 'ل', 'ك'];
/// Letters a stem must keep after a proclitic is taken off.
const MIN_PROCLITIC_STEM: usize = 3;

/// One query word, analysed every way the index is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueryWord {
    /// Position in the query (counting stop words).
    pub position: usize,
    /// Main-field term (light stem).
    pub stem: String,
    /// Exact-field term (the word as written, its article made uniform).
    pub surface: String,
    /// The exact-field term of the word with its article, when the query word has one
    /// («الرياض»): the city before the name «رياض».
    pub surface_article: Option<String>,
    /// Skeleton term, for words long enough to search by it.
    pub skeleton: Option<String>,
    /// Main-field terms of the same word with a one-letter proclitic added or taken off, where
    /// the index shows the word is used that way (filled by [`ParsedQuery::resolve`]).
    pub proclitic_forms: Vec<String>,
}

impl QueryWord {
    /// The exact-field term a quoted word must match: its article form if it has an article
    /// («"الرياض"» is the city, not the name «رياض»), else its bare form.
    pub fn exact_term(&self) -> &str {
        self.surface_article.as_deref().unwrap_or(&self.surface)
    }

    fn new(word: &str, position: usize) -> Option<Self> {
        let stem = marsad_text::analyze_word(word, Analysis::Main)?;
        let surface = marsad_text::analyze_word(word, Analysis::Surface)?;
        let letters = marsad_text::analyze_word(word, Analysis::Plain)
            .map(|n| marsad_text::stem::strip_prefixes(&n.chars().collect::<Vec<_>>()).len())
            .unwrap_or(0);
        let skeleton =
            (letters >= MIN_SKELETON_WORD).then(|| marsad_text::analyze_word(word, Analysis::Skeleton)).flatten();
        let surface_article =
            marsad_text::analyze_word(word, Analysis::Plain).and_then(|n| marsad_text::stem::surface_forms(&n).1);
        Some(QueryWord { position, stem, surface, surface_article, skeleton, proclitic_forms: Vec::new() })
    }

    /// Adds the proclitic forms the index vouches for: `ب+stem` (and ل, ك) when the bare stem is
    /// more common than that form — then the form is mostly the word with a preposition — and
    /// the stem without a leading proclitic when the bare form is more common (بمقر → مقر; not
    /// بيان → يان). Evidence from the collection itself, so it holds for words and
    /// outlets never seen in development.
    fn resolve_proclitics(&mut self, df: &dyn Fn(&str) -> u64) {
        let stem_df = df(&self.stem);
        let chars: Vec<char> = self.stem.chars().collect();
        if chars.len() < MIN_PROCLITIC_STEM || !chars.iter().any(|&c| marsad_text::is_arabic_letter(c)) {
            return;
        }
        for p in PROCLITICS {
            let with: String = std::iter::once(p).chain(chars.iter().copied()).collect();
            let n = df(&with);
            if n > 0 && n < stem_df {
                self.proclitic_forms.push(with);
            }
        }
        if PROCLITICS.contains(&chars[0]) && chars.len() > MIN_PROCLITIC_STEM {
            let bare: String = chars[1..].iter().collect();
            if df(&bare) > stem_df {
                self.proclitic_forms.push(bare);
            }
        }
    }
}

/// A query as the user typed it, analysed: plain words, quoted words and phrases, excluded words.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedQuery {
    /// Unquoted words.
    pub words: Vec<QueryWord>,
    /// Quoted single words: their exact form is required.
    pub exact: Vec<QueryWord>,
    /// Quoted phrases: exact forms, in order.
    pub phrases: Vec<Vec<QueryWord>>,
    /// Main-analyzer terms of `-excluded` words.
    pub excluded: Vec<String>,
    /// Skeleton terms of the whole positive query, with positions (the variant-spelling phrase).
    pub skeleton: Vec<(usize, String)>,
    /// Letters in the longest positive word (decides single-word skeleton search).
    pub longest_word: usize,
}

fn query_words(text: &str) -> Vec<QueryWord> {
    marsad_text::words(text).enumerate().filter_map(|(i, w)| QueryWord::new(w.text, i)).collect()
}

impl ParsedQuery {
    /// Parses `"a phrase" word -excluded`.
    pub fn parse(q: &str) -> Self {
        let mut p = ParsedQuery::default();
        let (mut plain, mut positive) = (String::new(), String::new());
        // Odd-numbered pieces between double quotes are quoted.
        for (i, part) in q.split('"').enumerate() {
            if i % 2 == 1 {
                let ws = query_words(part);
                match ws.len() {
                    0 => {}
                    1 => p.exact.extend(ws),
                    _ => p.phrases.push(ws),
                }
                positive.push_str(part);
                positive.push(' ');
                continue;
            }
            for word in part.split_whitespace() {
                match word.strip_prefix('-').filter(|w| !w.is_empty()) {
                    Some(neg) => p.excluded.extend(analyze(neg, Analysis::Main).into_iter().map(|t| t.term)),
                    None => {
                        for s in [&mut plain, &mut positive] {
                            s.push_str(word);
                            s.push(' ');
                        }
                    }
                }
            }
        }
        p.words = query_words(&plain);
        p.skeleton = analyze(&positive, Analysis::Skeleton).into_iter().map(|t| (t.position, t.term)).collect();
        p.longest_word = marsad_text::words(&positive)
            .filter_map(|w| marsad_text::analyze_word(w.text, Analysis::Plain))
            .map(|n| marsad_text::stem::strip_prefixes(&n.chars().collect::<Vec<_>>()).len())
            .max()
            .unwrap_or(0);
        p
    }

    /// True when nothing searchable is left (only stop words or punctuation).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.exact.is_empty() && self.phrases.is_empty()
    }

    /// Looks up, in the index, which one-letter proclitic forms of each plain word to search.
    pub fn resolve(&mut self, searcher: &Searcher, f: &Fields) {
        let df = |t: &str| searcher.doc_freq(&Term::from_field_text(f.body, t)).unwrap_or(0);
        for w in &mut self.words {
            w.resolve_proclitics(&df);
        }
    }

    /// Main-analyzer terms to mark in a text (plain words, with their proclitic forms).
    pub fn main_terms(&self) -> Vec<String> {
        self.words
            .iter()
            .flat_map(|w| std::iter::once(w.stem.clone()).chain(w.proclitic_forms.iter().cloned()))
            .collect()
    }

    /// Exact forms to mark in a text (quoted words and phrases).
    pub fn exact_terms(&self) -> Vec<String> {
        self.exact.iter().chain(self.phrases.iter().flatten()).map(|w| w.exact_term().to_string()).collect()
    }

    /// Whether the whole query is also searched as a skeleton phrase (multi-word queries, or one
    /// long word): how «كيم جونج أون» finds «كيم جونغ أون».
    pub fn uses_skeleton(&self) -> bool {
        self.skeleton.len() >= 2 || (self.skeleton.len() == 1 && self.longest_word >= MIN_SKELETON_WORD)
    }

    /// Searchable words in all (plain, quoted and in phrases).
    fn word_count(&self) -> usize {
        self.words.len() + self.exact.len() + self.phrases.iter().map(Vec::len).sum::<usize>()
    }
}

/// How many of `n` optional words a document must contain.
pub fn min_should_match(n: usize) -> usize {
    ((n as f32 * MIN_SHOULD_MATCH_SHARE).ceil() as usize).clamp(2.min(n), n)
}

fn term_q(field: Field, t: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(Term::from_field_text(field, t), IndexRecordOption::WithFreqs))
}

fn boosted(q: Box<dyn Query>, by: f32) -> Box<dyn Query> {
    if by == 1.0 { q } else { Box::new(BoostQuery::new(q, by)) }
}

fn any(clauses: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(clauses.into_iter().map(|q| (Occur::Should, q)).collect()))
}

/// Title or body, title weighted higher.
fn either_field(title: Box<dyn Query>, body: Box<dyn Query>) -> Box<dyn Query> {
    any(vec![boosted(title, TITLE_BOOST), body])
}

fn phrase_q(field: Field, toks: &[(usize, String)], slop: u32) -> Box<dyn Query> {
    let base = toks[0].0;
    let terms = toks.iter().map(|(p, t)| (p - base, Term::from_field_text(field, t))).collect();
    Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop))
}

/// Every way one plain word can match, weighted. `short`: the word is one of a short query's
/// (see [`build_query`]). `by_skeleton`: also through its skeleton (for queries that do not
/// search the whole query's skeleton phrase).
fn word_clause(f: &Fields, w: &QueryWord, short: bool, by_skeleton: bool) -> Box<dyn Query> {
    let exact = |t: &str, by: f32| boosted(either_field(term_q(f.title_ex, t), term_q(f.body_ex, t)), by);
    let mut ways = vec![either_field(term_q(f.title, &w.stem), term_q(f.body, &w.stem))];
    match &w.surface_article {
        // A word typed with its article in a short query is the form meant: «الرياض» the city
        // first, «رياض» the name after.
        Some(with_article) if short => {
            ways.push(exact(with_article, EXACT_BOOST));
            ways.push(exact(&w.surface, EXACT_BOOST * ARTICLE_WEIGHT));
        }
        // In a pasted sentence the article comes and goes with the phrasing.
        Some(with_article) => {
            ways.push(exact(&w.surface, EXACT_BOOST));
            ways.push(exact(with_article, EXACT_BOOST * ARTICLE_WEIGHT));
        }
        None => ways.push(exact(&w.surface, EXACT_BOOST)),
    }
    for form in &w.proclitic_forms {
        ways.push(boosted(either_field(term_q(f.title, form), term_q(f.body, form)), PROCLITIC_WEIGHT));
    }
    if let Some(sk) = w.skeleton.as_ref().filter(|_| by_skeleton) {
        ways.push(boosted(either_field(term_q(f.title_sk, sk), term_q(f.body_sk, sk)), SKELETON_WEIGHT));
    }
    any(ways)
}

/// A quoted word: its exact form only.
fn exact_clause(f: &Fields, w: &QueryWord) -> Box<dyn Query> {
    either_field(term_q(f.title_ex, w.exact_term()), term_q(f.body_ex, w.exact_term()))
}

fn exact_phrase(f: &Fields, ws: &[QueryWord]) -> Box<dyn Query> {
    let toks: Vec<(usize, String)> = ws.iter().map(|w| (w.position, w.exact_term().to_string())).collect();
    either_field(phrase_q(f.title_ex, &toks, 0), phrase_q(f.body_ex, &toks, 0))
}

/// Builds the tantivy query (see the module documentation). With `any_term`, documents need only
/// one of the words (for "more like this"). `filters` restrict.
pub fn build_query(f: &Fields, q: &ParsedQuery, filters: Vec<Box<dyn Query>>, any_term: bool) -> Box<dyn Query> {
    let mut required: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    required.extend(q.exact.iter().map(|w| (Occur::Must, exact_clause(f, w))));
    required.extend(q.phrases.iter().map(|ph| (Occur::Must, exact_phrase(f, ph))));
    let all_required = !any_term && q.word_count() <= SHORT_QUERY_WORDS;
    // A short query reaches variant spellings through its skeleton phrase (below).
    let by_skeleton = !(all_required && q.uses_skeleton());
    let words: Vec<Box<dyn Query>> = q.words.iter().map(|w| word_clause(f, w, all_required, by_skeleton)).collect();
    if all_required {
        required.extend(words.into_iter().map(|w| (Occur::Must, w)));
    } else if !words.is_empty() {
        let need = if any_term { 1 } else { min_should_match(words.len()) };
        let optional = words.into_iter().map(|w| (Occur::Should, w)).collect();
        required.push((Occur::Must, Box::new(BooleanQuery::with_minimum_required_clauses(optional, need))));
    }
    let matched: Box<dyn Query> = Box::new(BooleanQuery::new(required));
    // A short query written in another spelling («كيم جونج أون») matches through the skeleton
    // phrase alone; longer ones reach variants word by word (each word's skeleton).
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = if all_required && q.uses_skeleton() {
        let sk = if q.skeleton.len() >= 2 {
            either_field(phrase_q(f.title_sk, &q.skeleton, 0), phrase_q(f.body_sk, &q.skeleton, 0))
        } else {
            either_field(term_q(f.title_sk, &q.skeleton[0].1), term_q(f.body_sk, &q.skeleton[0].1))
        };
        vec![(Occur::Must, any(vec![matched, boosted(sk, SKELETON_WEIGHT)]))]
    } else {
        vec![(Occur::Must, matched)]
    };
    for pair in q.words.windows(2) {
        let toks: Vec<(usize, String)> = pair.iter().map(|w| (w.position, w.stem.clone())).collect();
        clauses.push((
            Occur::Should,
            boosted(either_field(phrase_q(f.title, &toks, 1), phrase_q(f.body, &toks, 1)), PROXIMITY_BOOST),
        ));
    }
    for t in &q.excluded {
        clauses.push((Occur::MustNot, term_q(f.title, t)));
        clauses.push((Occur::MustNot, term_q(f.body, t)));
    }
    clauses.extend(filters.into_iter().map(|q| (Occur::Must, q)));
    Box::new(BooleanQuery::new(clauses))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_words_quoted_words_phrases_and_exclusions() {
        let q = ParsedQuery::parse("كيم \"بيونغ يانغ\" \"الرياض\" -ترامب");
        assert_eq!(q.words.iter().map(|w| w.stem.as_str()).collect::<Vec<_>>(), ["كيم"]);
        assert_eq!(q.phrases.len(), 1);
        assert_eq!(q.exact[0].surface, "رياض");
        assert_eq!(q.exact[0].exact_term(), "الرياض");
        assert_eq!(q.excluded, ["ترامب"]);
        assert_eq!(q.skeleton.len(), 4);
    }

    #[test]
    fn stop_word_only_query_is_empty() {
        assert!(ParsedQuery::parse("في من على").is_empty());
    }

    #[test]
    fn skeleton_only_for_multiword_or_long_words() {
        assert!(ParsedQuery::parse("كيم جونغ").uses_skeleton());
        assert!(!ParsedQuery::parse("غرب").uses_skeleton());
        assert!(ParsedQuery::parse("بوتين").uses_skeleton());
        let q = ParsedQuery::parse("غرب بوتين");
        assert_eq!(q.words[0].skeleton, None);
        assert!(q.words[1].skeleton.is_some());
    }

    #[test]
    fn min_should_match_grows_with_the_query_and_never_exceeds_it() {
        assert_eq!(min_should_match(1), 1);
        assert_eq!(min_should_match(3), 2);
        assert_eq!(min_should_match(8), 2);
        assert_eq!(min_should_match(12), 3);
        for n in 1..40 {
            assert!(min_should_match(n) <= n);
        }
    }

    #[test]
    fn proclitic_forms_follow_the_collections_evidence() {
        // مقر is common bare and بمقر is its prepositional form; بيان is its own word, يان is not.
        let df = |t: &str| match t {
            "مقر" => 1700,
            "بمقر" => 94,
            "لمقر" => 20,
            "بيان" => 900,
            "يان" => 3,
            _ => 0,
        };
        let mut w = QueryWord::new("مقر", 0).unwrap();
        w.resolve_proclitics(&df);
        assert_eq!(w.proclitic_forms, ["بمقر", "لمقر"]);
        let mut w = QueryWord::new("بمقر", 0).unwrap();
        w.resolve_proclitics(&df);
        assert_eq!(w.proclitic_forms, ["مقر"]);
        let mut w = QueryWord::new("بيان", 0).unwrap();
        w.resolve_proclitics(&df);
        assert!(w.proclitic_forms.is_empty(), "{:?}", w.proclitic_forms);
    }
}
