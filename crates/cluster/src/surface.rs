//! Surface forms: the words people wrote behind a story's internal keys.
//!
//! Clustering compares stems («قمه», «سنغافور») and name skeletons (`gنg` for جونغ/جونج); they are
//! keys, not words, and must never reach a reader. For display, each key is replaced by the most
//! frequent word of the story's articles (headline and lead, the text the features were computed
//! from) whose key it is, with the conjunction and article stripped as a tag is written
//! («والقمة» → «قمة»). Name skeletons that stand side by side in the text become one name
//! («كيم جونغ أون»), so a three-word name is not shown as three tags; such a name keeps the
//! article its words agree on («العاهل الأردني»). Every form returned occurs
//! verbatim in one of the texts; a key with no such word is dropped, never shown raw.

use std::collections::{HashMap, HashSet};

use marsad_text::{Analysis, analyze_word, normalize, words};

/// One article as shown to the surface finder: its headline and the start of its body.
#[derive(Debug, Clone, Copy)]
pub struct ArticleText<'a> {
    /// Headline.
    pub title: &'a str,
    /// Body (only the first [`crate::features::BODY_WORDS`]-ish words are read).
    pub body: &'a str,
}

/// Words of a body read for surface forms: the features read [`crate::features::BODY_WORDS`]
/// analysed tokens, which skip stop words, so a little more running text is read here.
const BODY_SCAN_WORDS: usize = 2 * crate::features::BODY_WORDS;

/// The word without the conjunction and article that the analysers strip («والقمة» → «قمة»):
/// the longest suffix of the original word whose normalised form is the stripped one, so the
/// result is a verbatim piece of the text (diacritics and letter shapes as written).
fn strip_display_prefix(word: &str) -> &str {
    let norm = normalize(word);
    let chars: Vec<char> = norm.chars().collect();
    let stripped: String = marsad_text::stem::strip_prefixes(&chars).iter().collect();
    if stripped.len() == norm.len() {
        return word;
    }
    word.char_indices().map(|(i, _)| &word[i..]).find(|rest| normalize(rest) == stripped).unwrap_or(word)
}

/// The word without a conjunction «و» that the analysers strip («والملك» → «الملك», «وكيم» →
/// «كيم»; «وزير» keeps its root «و»). A name of several words keeps its article, which its other
/// words agree with («العاهل الأردني», not «عاهل الأردني»).
fn strip_conjunction(word: &str) -> &str {
    let norm = normalize(word);
    let chars: Vec<char> = norm.chars().collect();
    let conjunction = chars.first() == Some(&'و') && marsad_text::stem::strip_prefixes(&chars).len() < chars.len();
    match word.strip_prefix('و') {
        Some(rest) if conjunction => rest.trim_start_matches(|c: char| !c.is_alphanumeric()),
        _ => word,
    }
}

/// Counts of surface forms per key, remembering first appearance for stable ties.
#[derive(Default)]
struct Tally {
    counts: HashMap<String, HashMap<String, (u32, usize)>>,
    seen: usize,
}

impl Tally {
    fn add(&mut self, key: &str, surface: &str) {
        let next = self.seen;
        let entry = self.counts.entry(key.to_string()).or_default().entry(surface.to_string()).or_insert((0, next));
        entry.0 += 1;
        self.seen += 1;
    }

    /// The most frequent form of `key` (first seen on ties) and its count.
    fn best(&self, key: &str) -> Option<(&str, u32)> {
        self.counts
            .get(key)?
            .iter()
            .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)))
            .map(|(s, (n, _))| (s.as_str(), *n))
    }
}

fn scanned<'a>(a: &ArticleText<'a>) -> impl Iterator<Item = (&'a str, marsad_text::Word<'a>)> {
    let title = words(a.title).map(move |w| (a.title, w));
    let body = words(a.body).take(BODY_SCAN_WORDS).map(move |w| (a.body, w));
    title.chain(body)
}

/// The display forms of stem keys (in the order given), each the most frequent surface word of
/// `texts` that stems to it. Keys no word of the texts stems to are left out.
pub fn display_terms(texts: &[ArticleText<'_>], keys: &[String]) -> Vec<String> {
    let wanted: HashSet<&str> = keys.iter().map(String::as_str).collect();
    let mut tally = Tally::default();
    for a in texts {
        for (_, w) in scanned(a) {
            if let Some(k) = analyze_word(w.text, Analysis::Main).filter(|k| wanted.contains(k.as_str())) {
                tally.add(&k, strip_display_prefix(w.text));
            }
        }
    }
    let mut out: Vec<String> = Vec::new();
    for k in keys {
        if let Some((s, _)) = tally.best(k)
            && !out.iter().any(|o| o == s)
        {
            out.push(s.to_string());
        }
    }
    out
}

/// Words separated by exactly this may stand together as one name («كيم جونغ أون», «بيونغ-يانغ»).
fn joins_a_name(sep: &str) -> bool {
    sep == " " || sep == "-"
}

/// Two adjacent name words are one name when the rarer of them stands next to the other at least
/// this share of the times it occurs: «جونغ» is nearly always followed by «أون», while «ترامب»
/// only sometimes stands beside «كيم».
const NAME_COHESION: f32 = 0.75;

/// Two words are one name only when seen side by side at least this often.
const MIN_TOGETHER: u32 = 2;

/// A word of a text whose skeleton is one of the wanted keys.
struct NameWord {
    start: usize,
    end: usize,
    key: String,
    /// The word may continue a name begun by the keyed word just before it (only a space or a
    /// hyphen between, and no conjunction «و» opening it).
    follows: bool,
}

/// The name words of one text, in order; `None` marks a word that breaks names.
fn name_words<'t>(
    text: &'t str,
    words_of: impl Iterator<Item = marsad_text::Word<'t>>,
    wanted: &HashSet<&str>,
) -> Vec<Option<NameWord>> {
    let mut out: Vec<Option<NameWord>> = Vec::new();
    for w in words_of {
        let key = analyze_word(w.text, Analysis::Skeleton).filter(|k| wanted.contains(k.as_str()));
        let follows = match out.last() {
            Some(Some(prev)) => {
                joins_a_name(&text[prev.end..w.start])
                    && !marsad_text::stem::starts_with_conjunction(&normalize(w.text))
            }
            _ => false,
        };
        out.push(key.map(|key| NameWord { start: w.start, end: w.end, key, follows }));
    }
    out
}

/// The display forms of name-skeleton keys: adjacent words whose skeletons are among `keys` and
/// that stand together often enough ([`NAME_COHESION`]) are counted as one name, and each key is
/// shown by the name containing it that is most frequent times longest (a three-word name seen
/// five times beats its first word seen six times alone). Keys with no word in the texts are
/// left out.
pub fn display_names(texts: &[ArticleText<'_>], keys: &[String]) -> Vec<String> {
    let wanted: HashSet<&str> = keys.iter().map(String::as_str).collect();
    let segments: Vec<(&str, Vec<Option<NameWord>>)> = texts
        .iter()
        .flat_map(|a| {
            [
                (a.title, name_words(a.title, words(a.title), &wanted)),
                (a.body, name_words(a.body, words(a.body).take(BODY_SCAN_WORDS), &wanted)),
            ]
        })
        .collect();
    let mut occurs: HashMap<&str, u32> = HashMap::new();
    let mut together: HashMap<(&str, &str), u32> = HashMap::new();
    for (_, ws) in &segments {
        for (i, w) in ws.iter().enumerate() {
            let Some(w) = w else { continue };
            *occurs.entry(&w.key).or_default() += 1;
            if let (true, Some(Some(prev))) = (w.follows, i.checked_sub(1).map(|j| &ws[j])) {
                *together.entry((&prev.key, &w.key)).or_default() += 1;
            }
        }
    }
    let joined = |a: &str, b: &str| {
        let rarer = occurs.get(a).copied().unwrap_or(0).min(occurs.get(b).copied().unwrap_or(0)).max(1);
        let n = together.get(&(a, b)).copied().unwrap_or(0);
        // Once is a coincidence of word order («مرتقبة لزعيم»); a name recurs.
        n >= MIN_TOGETHER && n as f32 >= NAME_COHESION * rarer as f32
    };
    // Key sequence (joined by '\u{1}') → surface forms of the names with that sequence.
    let mut names = Tally::default();
    for (text, ws) in &segments {
        let mut run: Vec<&NameWord> = Vec::new();
        let mut flush = |run: &mut Vec<&NameWord>| {
            if let (Some(first), Some(last)) = (run.first(), run.last()) {
                let seq: Vec<&str> = run.iter().map(|w| w.key.as_str()).collect();
                let word = &text[first.start..first.end];
                let kept = if run.len() == 1 { strip_display_prefix(word) } else { strip_conjunction(word) };
                let start = first.end - kept.len();
                names.add(&seq.join("\u{1}"), &text[start..last.end]);
            }
            run.clear();
        };
        for w in ws {
            match w {
                Some(w) if w.follows && run.last().is_some_and(|p| joined(&p.key, &w.key)) => run.push(w),
                Some(w) => {
                    flush(&mut run);
                    run.push(w);
                }
                None => flush(&mut run),
            }
        }
        flush(&mut run);
    }
    choose_names(&names, keys)
}

/// Picks, for each key in order, the name that shows it; a name that takes in names already
/// chosen replaces them at the first one's place.
fn choose_names(names: &Tally, keys: &[String]) -> Vec<String> {
    let mut sequences: Vec<&String> = names.counts.keys().collect();
    sequences.sort();
    let mut chosen: Vec<(String, Vec<String>)> = Vec::new();
    let mut covered: HashSet<String> = HashSet::new();
    for k in keys {
        if covered.contains(k) {
            continue;
        }
        let mut best: Option<(u32, Vec<&str>, &str)> = None;
        for seq in &sequences {
            let parts: Vec<&str> = seq.split('\u{1}').collect();
            if !parts.contains(&k.as_str()) {
                continue;
            }
            let Some((surface, n)) = names.best(seq) else { continue };
            let score = n * parts.len() as u32;
            // Highest score; on ties the longer name, then the first sequence in sorted order.
            if best.as_ref().is_none_or(|b| (score, parts.len()) > (b.0, b.1.len())) {
                best = Some((score, parts, surface));
            }
        }
        let Some((_, parts, surface)) = best else { continue };
        let parts: Vec<String> = parts.into_iter().map(String::from).collect();
        let subsumed: Vec<usize> = chosen
            .iter()
            .enumerate()
            .filter(|(_, (_, ks))| ks.iter().all(|x| parts.contains(x)))
            .map(|(i, _)| i)
            .collect();
        let at = subsumed.first().copied().unwrap_or(chosen.len());
        for i in subsumed.iter().rev() {
            chosen.remove(*i);
        }
        if !chosen.iter().any(|(s, _)| s == surface) {
            chosen.insert(at.min(chosen.len()), (surface.to_string(), parts.clone()));
        }
        covered.extend(parts);
    }
    chosen.into_iter().map(|(s, _)| s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(pairs: &'a [(&'a str, &'a str)]) -> Vec<ArticleText<'a>> {
        pairs.iter().map(|(title, body)| ArticleText { title, body }).collect()
    }

    #[test]
    fn the_article_goes_but_the_word_stays_as_written() {
        assert_eq!(strip_display_prefix("والقمة"), "قمة");
        assert_eq!(strip_display_prefix("القمة"), "قمة");
        assert_eq!(strip_display_prefix("قمة"), "قمة");
        assert_eq!(strip_display_prefix("وزير"), "وزير");
        assert_eq!(strip_display_prefix("بالإجماع"), "إجماع");
        assert_eq!(strip_conjunction("والملك"), "الملك");
        assert_eq!(strip_conjunction("وكيم"), "كيم");
        assert_eq!(strip_conjunction("وزير"), "وزير");
    }

    #[test]
    fn stems_are_shown_as_the_most_frequent_word() {
        let pairs = [
            ("قمة سنغافورة بين ترامب وكيم", "انتهت القمة في سنغافورة"),
            ("ترامب: القمة كانت ناجحة", "قال ترامب إن قمة سنغافورة ناجحة"),
        ];
        let keys = |ws: &[&str]| -> Vec<String> {
            ws.iter().map(|w| analyze_word(w, Analysis::Main).unwrap()).collect::<Vec<_>>()
        };
        let shown = display_terms(&texts(&pairs), &keys(&["قمة", "سنغافورة"]));
        assert_eq!(shown, ["قمة", "سنغافورة"]);
        assert!(display_terms(&texts(&pairs), &["لاوجود".to_string()]).is_empty());
    }

    #[test]
    fn a_name_of_several_words_is_one_name() {
        let pairs = [
            ("كيم جونغ أون يصل إلى سنغافورة", "وصل الزعيم الكوري كيم جونغ أون"),
            ("لقاء ترامب وكيم جونغ أون", "التقى ترامب كيم جونغ أون في سنغافورة"),
            ("العاهل الأردني يستقبل ترامب", "استقبل العاهل الأردني ترامب، وقال العاهل الأردني"),
        ];
        let keys: Vec<String> = ["كيم", "جونغ", "أون", "ترامب", "العاهل", "الأردني"]
            .iter()
            .map(|w| analyze_word(w, Analysis::Skeleton).unwrap())
            .collect();
        let shown = display_names(&texts(&pairs), &keys);
        // A name of several words keeps the article its words agree on.
        assert_eq!(shown, ["كيم جونغ أون", "ترامب", "العاهل الأردني"]);
    }

    #[test]
    fn words_side_by_side_once_are_not_a_name() {
        // Regression (issue 10): «مرتقبة لزعيم كوريا» was shown as one name.
        let pairs = [("", "أعلن الكرملين زيارة مرتقبة لزعيم كوريا الشمالية كيم جونغ أون، وقال إن كيم جونغ أون سيصل")];
        let keys: Vec<String> = ["مرتقبة", "لزعيم", "كوريا", "كيم", "جونغ", "أون"]
            .iter()
            .map(|w| analyze_word(w, Analysis::Skeleton).unwrap())
            .collect();
        let shown = display_names(&texts(&pairs), &keys);
        assert_eq!(shown, ["مرتقبة", "لزعيم", "كوريا", "كيم جونغ أون"]);
    }
}
