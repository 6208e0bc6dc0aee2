//! Topical comparison of lines: content keys, restatement (a headline restated by its lead),
//! similarity of a paragraph to an article, headlines glued to their leads.

use std::collections::HashSet;

use super::cues::{CONTINUATION_OPENERS, GENERIC_NEWS_WORDS, LEAD_VERBS, RESTATED};

/// Content keys of a text for overlap measures: stems of non-stop-words, with one-letter proclitics
/// (ب ل ك ف) peeled so «لإرسال» meets «إرسال».
pub(crate) fn keys(text: &str) -> Vec<String> {
    // The head of a paragraph says what it is about; a pathological 50 MB "paragraph" must not
    // cost 50 MB of analysis.
    let mut end = text.len().min(4096);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    marsad_text::analyze(&text[..end], marsad_text::Analysis::Main)
        .into_iter()
        .map(|t| {
            let t = t.term;
            let mut chars = t.chars();
            match chars.next() {
                Some('ب' | 'ل' | 'ك' | 'ف') if t.chars().count() >= 5 => chars.collect(),
                _ => t,
            }
        })
        .filter(|k| k.chars().count() >= 3 && !GENERIC_NEWS_WORDS.contains(&k.as_str()))
        .collect()
}

/// Share of `title`'s content keys found in `lead`: a headline is restated by its own lead.
pub(crate) fn restatement(title: &[String], lead: &HashSet<String>) -> (usize, f32) {
    let found = title.iter().filter(|k| lead.contains(*k)).count();
    (found, if title.is_empty() { 0.0 } else { found as f32 / title.len() as f32 })
}

/// Share of a paragraph's content keys that the article already uses.
pub(crate) fn similarity(paragraph: &[String], article: &HashSet<String>) -> f32 {
    if paragraph.is_empty() {
        return 1.0;
    }
    paragraph.iter().filter(|k| article.contains(*k)).count() as f32 / paragraph.len() as f32
}

pub(crate) fn is_restated(title: &str, lead: &str) -> bool {
    let t = keys(title);
    let lead_keys: HashSet<String> =
        keys(&lead.split_whitespace().take(60).collect::<Vec<_>>().join(" ")).into_iter().collect();
    let (found, share) = restatement(&t, &lead_keys);
    found >= 3 && share >= RESTATED
}

/// Splits a paragraph that is a headline glued to its lead («تقرير: بوتين يخطط … الشمالية عقب
/// زيارته …») at the point where the most headline words are restated by the rest.
pub(crate) fn glued_headline(paragraph: &str) -> Option<(String, String)> {
    let words: Vec<&str> = paragraph.split_whitespace().collect();
    // Headlines never open with «و» (and …) or a connective; body paragraphs very often do.
    if words.len() < 14 || !opens_article(paragraph) {
        return None;
    }
    let mut best: Option<(f32, usize)> = None;
    for k in 4..=words.len().min(22) {
        if k + 8 > words.len() {
            break;
        }
        let head = words[..k].join(" ");
        // A headline holds no sentence end («..» is a headline's own separator); stop once one is
        // crossed.
        if ends_clause(words[k - 1]) {
            if k > 4 && !words[k - 1].ends_with(['،', ',']) {
                break;
            }
            continue;
        }
        let head_keys = keys(&head);
        let rest: HashSet<String> = keys(&words[k..words.len().min(k + 60)].join(" ")).into_iter().collect();
        let (found, _) = restatement(&head_keys, &rest);
        let missed = head_keys.len() - found;
        let score = found as f32 - 1.2 * missed as f32;
        if found >= 4 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, k));
        }
    }
    if let Some((score, k)) = best {
        let head = words[..k].join(" ");
        let head_keys = keys(&head);
        let rest: HashSet<String> = keys(&words[k..words.len().min(k + 60)].join(" ")).into_iter().collect();
        let (found, share) = restatement(&head_keys, &rest);
        if score > 1.0 && found >= 4 && share >= 0.6 {
            return Some((head, words[k..].join(" ")));
        }
    }
    // A weaker restatement will do when the lead visibly starts a new sentence: Arabic news leads
    // open with a reporting or event verb («قالت وسائل إعلام…», «أثار غضب…»).
    let k = (4..words.len().min(20)).find(|&k| is_lead_verb(words[k]))?;
    if words[..k].iter().any(|w| ends_clause(w)) {
        return None;
    }
    let head_keys = keys(&words[..k].join(" "));
    let rest: HashSet<String> = keys(&words[k..words.len().min(k + 60)].join(" ")).into_iter().collect();
    let (found, _) = restatement(&head_keys, &rest);
    (found >= 1).then(|| (words[..k].join(" "), words[k..].join(" ")))
}

/// False for paragraphs that open with a conjunction or connective («وقال…», «كما…»): they carry
/// on a text, they never start an article.
pub(crate) fn opens_article(paragraph: &str) -> bool {
    opens_article_unless(paragraph, |_| false)
}

/// Connectives that do open leads («فيما حجز تسعة سعوديين…», «بينما تستعد…»): 41 of ANT's 31,500
/// articles and 31 of SaudiNewsNet's 13,500 open with one, against about ten times as many inner
/// paragraphs. Under a «read also» headline whose text leaves the subject, that is enough.
const LEAD_CONNECTIVES: &[&str] = &["فيما", "بينما"];

/// [`opens_article`] where the page has already said an article starts (a «read also» cue over
/// a headline): a lead may then open with a connective of [`LEAD_CONNECTIVES`].
pub(crate) fn opens_announced_article(paragraph: &str) -> bool {
    opens_article_unless(paragraph, |w| LEAD_CONNECTIVES.contains(&w))
}

/// The normalised [`CONTINUATION_OPENERS`], each with the space that ends it as a word.
fn continuation_openers() -> &'static [String] {
    static S: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    S.get_or_init(|| CONTINUATION_OPENERS.iter().map(|p| marsad_text::normalize(p) + " ").collect())
}

/// True when the paragraph opens with one of [`CONTINUATION_OPENERS`] («من جهته، …»).
fn opens_with_continuation(paragraph: &str) -> bool {
    // The head of the paragraph, normalised, with its punctuation read as spaces.
    let head: String = paragraph.trim_start_matches(['"', '«', '(', ' ']).chars().take(32).collect();
    let head: String =
        marsad_text::normalize(&head).chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    continuation_openers().iter().any(|p| head.starts_with(p.as_str()))
}

fn opens_article_unless(paragraph: &str, allowed: impl Fn(&str) -> bool) -> bool {
    if opens_with_continuation(paragraph) {
        return false;
    }
    paragraph.split_whitespace().next().is_some_and(|w| {
        // «واس-»: the agency's name with its dash is no «و» before «اس».
        let w = marsad_text::normalize(
            w.trim_start_matches(['"', '«', '(']).trim_end_matches(|c: char| !c.is_alphanumeric()),
        );
        allowed(&w) || !marsad_text::stem::starts_with_conjunction(&w)
    })
}

/// True when a word ends a sentence or clause; «..» between a headline's halves does not.
fn ends_clause(word: &str) -> bool {
    word.ends_with(['.', '؟', '?', '!', '،', ',']) && !word.ends_with("..")
}

fn is_lead_verb(word: &str) -> bool {
    let n = marsad_text::normalize(word);
    LEAD_VERBS.contains(&n.as_str())
}
