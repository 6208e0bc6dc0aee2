//! Bodies that speak: a government, a ministry, an agency named by a head word and the adjective
//! of its country right after a speech verb («وأكدت الحكومة اليمنية أن», «ذكرت وكالة الأنباء
//! السورية أن», «قالت وزارة الخارجية الروسية إن»). The tagger rarely marks these (ANERcorp seldom
//! tags such phrases), so their words had no speaker. Such a phrase after a speech verb is an
//! organisation's name: the verb says someone spoke, the head says it is a body, the adjective
//! says whose — without the adjective («قالت الحكومة») it names no one in particular and is left.

use std::ops::Range;
use std::sync::OnceLock;

use marsad_text::normalize;

use crate::annotate::{Mention, Token};
use crate::roles::{WordList, Written};

/// Bodies written definite, named by the adjective after them («الحكومة اليمنية»), normalised.
#[rustfmt::skip]
const DEFINITE_HEADS: &[&str] = &[
    "الحكومة", "الرئاسة", "الخارجية", "الداخلية", "الشرطة", "الجيش", "السلطات", "الوزارة", "الشركة", "الوكالة",
    "اللجنة", "الهيئة", "المنظمة", "الحركة", "الجماعة", "البعثة", "السفارة", "المفوضية", "القيادة", "المحكمة",
    "النيابة", "البرلمان", "المجلس", "الحزب", "القوات", "الأمانة", "الإدارة", "المعارضة",
];

/// Bodies written before what they belong to («وزارة الخارجية الروسية», «وكالة الأنباء
/// السورية»), normalised.
#[rustfmt::skip]
const CONSTRUCT_HEADS: &[&str] = &[
    "وزارة", "وكالة", "شركة", "هيئة", "منظمة", "لجنة", "مجلس", "حركة", "جماعة", "قوات", "سفارة", "رئاسة",
    "قيادة", "مكتب", "مفوضية", "إدارة", "بعثة", "محكمة", "حكومة", "جيش", "شرطة", "نقابة", "اتحاد",
];

/// Words a speaking body's name has at most: head, what it belongs to, adjectives.
const MAX_BODY_WORDS: usize = 5;

/// Letters a definite adjective of relation has at least («الروسي»).
const MIN_NISBA_LETTERS: usize = 5;

struct Heads {
    definite: WordList,
    construct: WordList,
}

fn heads() -> &'static Heads {
    static S: OnceLock<Heads> = OnceLock::new();
    S.get_or_init(|| Heads { definite: WordList::new(DEFINITE_HEADS), construct: WordList::new(CONSTRUCT_HEADS) })
}

/// True when a word is a definite adjective of relation, masculine or feminine («الروسي»,
/// «اليمنية»).
pub(crate) fn is_definite_nisba(word: &str) -> bool {
    let norm = normalize(word);
    let stem = norm.strip_suffix('ه').unwrap_or(&norm);
    norm.starts_with("ال") && stem.ends_with('ي') && stem.chars().count() >= MIN_NISBA_LETTERS
}

/// True when a word is written definite («الأنباء»).
fn is_definite(word: &str) -> bool {
    normalize(word).starts_with("ال")
}

/// The tokens of a speaking body's name opening at token `k`, if one does: a definite head and
/// its adjectives, or a construct head, what it belongs to and its adjectives; in one block, the
/// last word an adjective of relation.
fn body_at(tokens: &[Token<'_>], k: usize) -> Option<Range<usize>> {
    let h = heads();
    let word = tokens.get(k)?.text;
    // «وكالة», «وزارة» begin with «و» of their own: the word whole first, then without a
    // conjunction («والحكومة»).
    let w = Written::of(word);
    let construct = h.construct.has(&w);
    if !construct && !h.definite.has(&w) {
        return None;
    }
    let block = tokens[k].block;
    let mut end = k + 1;
    // Each round takes one more token, up to MAX_BODY_WORDS.
    while end < tokens.len() && end - k < MAX_BODY_WORDS && tokens[end].block == block {
        let t = tokens[end].text;
        let fits = if construct && end == k + 1 { is_definite(t) } else { is_definite_nisba(t) };
        if !fits {
            break;
        }
        end += 1;
    }
    let least = if construct { 3 } else { 2 };
    (end - k >= least && is_definite_nisba(tokens[end - 1].text)).then_some(k..end)
}

/// Adds an organisation's mention for every speaking body named right after a speech verb where
/// the tagger marked nothing; `mention` makes a mention of a token range.
pub(crate) fn add_speaking_bodies(
    tokens: &[Token<'_>],
    mentions: &mut Vec<Mention>,
    mention: impl Fn(Range<usize>) -> Option<Mention>,
) {
    let mut added = Vec::new();
    for v in 0..tokens.len().saturating_sub(1) {
        if !tokens[v].role.speech || tokens[v + 1].block != tokens[v].block {
            continue;
        }
        let Some(body) = body_at(tokens, v + 1) else { continue };
        if mentions.iter().any(|m| m.tokens.start < body.end && body.start < m.tokens.end) {
            continue;
        }
        added.extend(mention(body));
    }
    if !added.is_empty() {
        mentions.extend(added);
        mentions.sort_by_key(|m| m.tokens.start);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> Option<String> {
        let blocks = [text];
        let t = crate::annotate::tokens(&blocks);
        body_at(&t, 1).map(|r| t[r].iter().map(|t| t.text).collect::<Vec<_>>().join(" "))
    }

    #[test]
    fn a_body_is_a_head_and_whose_it_is() {
        assert_eq!(body("وأكدت الحكومة اليمنية أن").as_deref(), Some("الحكومة اليمنية"));
        assert_eq!(body("ذكرت وكالة الأنباء السورية أن").as_deref(), Some("وكالة الأنباء السورية"));
        assert_eq!(body("قالت وزارة الخارجية الروسية في بيان").as_deref(), Some("وزارة الخارجية الروسية"));
    }

    #[test]
    fn a_body_of_no_one_in_particular_is_no_name() {
        assert_eq!(body("وقالت الحكومة إن"), None);
        assert_eq!(body("وقالت وزارة الخارجية إن"), None);
        assert_eq!(body("وقال الرئيس اليمني إن"), None);
    }
}
