//! Who said what: direct quotations («…», "…", “…”) and reported speech («قال … إن …»), each with
//! its speaker resolved to one of the article's entities — named after the verb («وقال بوتين»),
//! named by a role the article gave someone («قال المتحدث باسم الكرملين» → Peskov, when the
//! article named him so), or carried over from the previous quotation («وأضاف: …»).

use std::ops::Range;

use marsad_text::normalize;

use crate::EntityKind;
use crate::annotate::{Mention, Token};
use crate::link::LocalEntity;
use crate::roles;

/// How a quotation is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuoteForm {
    /// The speaker's words between quotation marks.
    Direct,
    /// The speaker's words reported after «إن/أن».
    Reported,
}

impl QuoteForm {
    /// The form's name as stored (`direct`, `reported`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Direct => "direct",
            Self::Reported => "reported",
        }
    }

    /// The form from its stored name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "direct" => Some(Self::Direct),
            "reported" => Some(Self::Reported),
            _ => None,
        }
    }
}

/// How the speaker of a quotation was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Attribution {
    /// Named next to the speech verb or the quotation.
    Named,
    /// Named by a title or role the article gave a named entity.
    Role,
    /// No subject written: the previous quotation's speaker goes on.
    CarriedOver,
}

/// One quotation in an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// Direct or reported.
    pub form: QuoteForm,
    /// The block it is in: 0 the title, 1.. the paragraphs.
    pub block: usize,
    /// Byte range of the quoted words within the block (quotation marks excluded).
    pub range: Range<usize>,
    /// Its sentence, counted across the article.
    pub sentence: usize,
    /// The speaker: an index into the article's entities, if the article names one.
    pub speaker: Option<usize>,
    /// How the speaker was found.
    pub attribution: Option<Attribution>,
}

/// Fewest words a quotation has: fewer is a term in quotation marks («"داعش"»), not speech.
const MIN_QUOTE_WORDS: usize = 3;

/// How far after a speech verb its subject is looked for, in tokens: the verb, a title chain of
/// up to six words and a name of up to three fit.
const SUBJECT_WINDOW: usize = 9;

/// How far after a speech verb «إن/أن» is looked for, in tokens (the subject and its titles lie
/// between).
const REPORTED_WINDOW: usize = 16;

/// How far before a direct quotation its speech verb is looked for, in tokens.
const CUE_BEFORE: usize = 18;

/// How far after a direct quotation a speech verb naming its speaker is looked for («…»، قال
/// فلان), in tokens.
const CUE_AFTER: usize = 4;

/// The words that open reported speech (normalised).
fn opens_report(word: &str) -> bool {
    matches!(
        normalize(word).as_str(),
        "ان" | "بان" | "انه" | "انها" | "انهم" | "انهما" | "انني" | "اننا" | "بانه" | "بانها" | "بانهم"
    )
}

fn is_full_stop(word: &str) -> bool {
    matches!(word, "." | "؟" | "?" | "!")
}

/// The quotation marks' pairs.
const MARKS: [(char, char); 3] = [('«', '»'), ('“', '”'), ('"', '"')];

/// The direct quotations of one block, as byte ranges of their words. An unclosed quotation
/// runs to the end of the block (news opens quotes that close in a later paragraph).
fn direct_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let opening = text[pos..].char_indices().find_map(|(j, c)| {
            MARKS.iter().find(|(open, _)| *open == c).map(|&(_, close)| (pos + j + c.len_utf8(), close))
        });
        let Some((start, close)) = opening else { break };
        let end = text[start..].find(close).map_or(text.len(), |e| start + e);
        if text[start..end].split_whitespace().count() >= MIN_QUOTE_WORDS {
            let inner = trim_range(text, start..end);
            if !inner.is_empty() {
                out.push(inner);
            }
        }
        // On after the closing mark: `start` is past the opening mark, so every turn advances.
        pos = (end + close.len_utf8()).min(text.len()).max(start);
    }
    out
}

/// The range without spaces and punctuation at its ends.
fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start_matches(|c: char| c.is_whitespace()).len();
    let trimmed = s.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '،' | ','));
    r.start + lead..r.start + trimmed.len().max(lead)
}

/// What introduces a quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// A speech verb at this token: its subject is the speaker.
    Verb(usize),
    /// A participle at this token («موضحًا بقوله»): the person its sentence opened with, else the
    /// last speaker, goes on.
    Participle(usize),
    /// A name and a colon opening the block («بوتين: …», the headline's way): that mention's entity.
    Headline(usize),
    /// Nothing found.
    None,
}

struct Finder<'a> {
    tokens: &'a [Token<'a>],
    mentions: &'a [Mention],
    entities: &'a [LocalEntity],
}

impl Finder<'_> {
    /// The token indices of a byte range of a block.
    fn token_span(&self, block: usize, r: &Range<usize>) -> Option<Range<usize>> {
        let inside = |t: &Token<'_>| t.block == block && t.range.start >= r.start && t.range.end <= r.end;
        let first = self.tokens.iter().position(inside)?;
        let last = self.tokens.iter().rposition(inside)?;
        Some(first..last + 1)
    }

    /// The mention starting at a token.
    fn mention_at(&self, token: usize) -> Option<&Mention> {
        self.mentions.iter().find(|m| m.tokens.start == token)
    }

    /// The mention ending just before a token (skipping «قد» and «كان»: «وكان بوتين قد قال»).
    fn mention_before(&self, token: usize) -> Option<&Mention> {
        let mut end = token;
        while end > 0 && matches!(roles::without_conjunction(self.tokens[end - 1].text).as_str(), "قد" | "كان" | "كانت")
        {
            end -= 1;
        }
        self.mentions
            .iter()
            .find(|m| m.tokens.end == end && self.tokens[m.tokens.start].block == self.tokens[token].block)
    }

    /// The speaker of a speech verb at token `v`.
    fn subject(&self, v: usize) -> (Option<usize>, Option<Attribution>) {
        let block = self.tokens[v].block;
        let mut k = v + 1;
        let stop = |t: &Token<'_>| {
            t.block != block || opens_report(t.text) || is_full_stop(t.text) || matches!(t.text, ":" | "«" | "\"" | "“")
        };
        // «وكان بوتن قد أكد …، أن»: the subject stands before «قد» and the verb.
        if v > 0
            && roles::without_conjunction(self.tokens[v - 1].text) == "قد"
            && let Some(m) = self.mention_before(v).filter(|m| m.kind == EntityKind::Person)
        {
            return (Some(m.entity), Some(Attribution::Named));
        }
        let mut window = Vec::new();
        while k < self.tokens.len() && k - v <= SUBJECT_WINDOW && !stop(&self.tokens[k]) {
            window.push(k);
            k += 1;
        }
        // «قال المتحدث باسم الكرملين ديمتري بيسكوف»: a name after the role is the speaker; the
        // organisation inside the role is not.
        let role = roles::role_at(self.tokens, v + 1);
        let after_role = v + 1 + role.as_ref().map_or(0, Vec::len);
        for &k in &window {
            let Some(m) = self.mention_at(k) else { continue };
            let in_role = k < after_role;
            return match m.kind {
                EntityKind::Person => (Some(m.entity), Some(Attribution::Named)),
                EntityKind::Organization if !in_role => (Some(m.entity), Some(Attribution::Named)),
                // A country or a thing «said» it: no one to attribute the words to.
                _ if !in_role => (None, None),
                _ => continue,
            };
        }
        if let Some(role) = role {
            return match self.by_role(&role, v) {
                Some(e) => (Some(e), Some(Attribution::Role)),
                None => (None, None),
            };
        }
        if let Some(m) = self.mention_before(v).filter(|m| m.kind == EntityKind::Person) {
            return (Some(m.entity), Some(Attribution::Named));
        }
        // Nothing but function words between the verb and what was said: the speaker goes on
        // («وأضاف أن», «وأشار إلى أن»).
        let bare = window.iter().all(|&k| {
            let t = self.tokens[k].text;
            !t.chars().any(char::is_alphabetic) || marsad_text::is_stop_word(&normalize(t))
        });
        if bare {
            return (None, Some(Attribution::CarriedOver));
        }
        (None, None)
    }

    /// The person a sentence opens with, named before token `at` in its sentence: the subject of
    /// an Arabic sentence comes right after its verb, before its objects.
    fn sentence_subject(&self, at: usize) -> Option<usize> {
        let sentence = self.tokens[at].sentence;
        self.mentions
            .iter()
            .filter(|m| m.kind == EntityKind::Person && m.tokens.end <= at)
            .find(|m| self.tokens[m.tokens.start].sentence == sentence)
            .map(|m| m.entity)
    }

    /// The person named nearest before a token, in its block or the one before: whom a
    /// pronoun subject («عندما قال «…»») most likely means when no one has been quoted yet.
    fn person_before(&self, at: usize) -> Option<usize> {
        let block = self.tokens[at].block;
        self.mentions
            .iter()
            .filter(|m| m.kind == EntityKind::Person && m.tokens.end <= at && m.block + 1 >= block)
            .max_by_key(|m| m.tokens.start)
            .map(|m| m.entity)
    }

    /// The named entity the article gave this role, the one named nearest before `at`.
    fn by_role(&self, role: &[String], at: usize) -> Option<usize> {
        let fits = |d: &str| {
            let words: Vec<String> = d.split_whitespace().map(roles::role_word).collect();
            words.first() == role.first() && role.iter().all(|w| words.contains(w))
        };
        // Nearest before the verb first, else nearest after it.
        let distance = |p: usize| if p < at { (0, at - p) } else { (1, p - at) };
        self.mentions
            .iter()
            .filter(|m| {
                m.kind == EntityKind::Person && self.entities[m.entity].descriptors.iter().any(|(d, _)| fits(d))
            })
            .min_by_key(|m| distance(m.tokens.start))
            .map(|m| m.entity)
    }

    /// What introduces a direct quotation spanning `span` tokens.
    fn cue_of_direct(&self, span: &Range<usize>) -> Cue {
        let block = self.tokens[span.start].block;
        let before = (span.start.saturating_sub(CUE_BEFORE)..span.start)
            .rev()
            .take_while(|&k| self.tokens[k].block == block && !is_full_stop(self.tokens[k].text))
            .find(|&k| self.tokens[k].role.speech || self.tokens[k].role.participle);
        let after = || {
            (span.end..(span.end + CUE_AFTER).min(self.tokens.len()))
                .take_while(|&k| self.tokens[k].block == block)
                .find(|&k| self.tokens[k].role.speech)
        };
        match before.or_else(after) {
            Some(k) if self.tokens[k].role.participle => Cue::Participle(k),
            Some(k) => Cue::Verb(k),
            None => Cue::None,
        }
    }

    /// «بوتين: قمة آستانا تروج …»: a person or organisation, a colon, and what they said, opening
    /// a block (headlines and bulleted summaries quote so).
    fn headline_quote(&self, block: usize, text: &str) -> Option<(Range<usize>, Range<usize>, usize)> {
        let first = self.tokens.iter().position(|t| t.block == block && t.text.chars().any(char::is_alphabetic))?;
        let m = self.mention_at(first).filter(|m| matches!(m.kind, EntityKind::Person | EntityKind::Organization))?;
        let colon = self.tokens.get(m.tokens.end).filter(|t| t.block == block && t.text == ":")?;
        let r = trim_range(text, colon.range.end..text.len());
        let span = self.token_span(block, &r)?;
        let no_marks = !text[r.clone()].contains(['«', '"', '“']);
        (no_marks && span.len() >= MIN_QUOTE_WORDS).then_some((r, span, m.entity))
    }
}

/// The quotations of an article, in reading order, with their speakers.
pub fn find<S: AsRef<str>>(
    blocks: &[S],
    tokens: &[Token<'_>],
    mentions: &[Mention],
    entities: &[LocalEntity],
) -> Vec<Quote> {
    let f = Finder { tokens, mentions, entities };
    let mut found: Vec<Found> = Vec::new();
    for (block, text) in blocks.iter().enumerate() {
        let text = text.as_ref();
        if let Some((range, span, speaker)) = f.headline_quote(block, text) {
            found.push(Found { block, range, form: QuoteForm::Direct, cue: Cue::Headline(speaker), span });
            continue;
        }
        for range in direct_ranges(text) {
            if let Some(span) = f.token_span(block, &range) {
                found.push(Found { block, range, form: QuoteForm::Direct, cue: f.cue_of_direct(&span), span });
            }
        }
    }
    let reported = reported(blocks, tokens, &found);
    found.extend(reported);
    found.sort_by_key(|q| q.span.start);
    attribute(&f, found)
}

/// A quotation found, before its speaker is resolved.
struct Found {
    block: usize,
    range: Range<usize>,
    form: QuoteForm,
    cue: Cue,
    span: Range<usize>,
}

/// Reported speech: a speech verb (or a participle), «إن/أن» within [`REPORTED_WINDOW`] tokens,
/// and the clause after it to the end of the sentence or the first direct quotation in it.
fn reported<S: AsRef<str>>(blocks: &[S], tokens: &[Token<'_>], direct: &[Found]) -> Vec<Found> {
    let inside_direct = |k: usize| direct.iter().any(|q| q.span.contains(&k));
    let opens_direct = |k: usize| direct.iter().any(|q| q.span.start == k || q.span.start == k + 1);
    let mut out = Vec::new();
    for v in 0..tokens.len() {
        let participle = tokens[v].role.participle;
        if !(participle || tokens[v].role.speech) || inside_direct(v) {
            continue;
        }
        let block = tokens[v].block;
        let Some(open) = (v + 1..(v + REPORTED_WINDOW).min(tokens.len()))
            .take_while(|&k| tokens[k].block == block && !is_full_stop(tokens[k].text) && tokens[k].text != ":")
            .find(|&k| opens_report(tokens[k].text))
        else {
            continue;
        };
        let end = (open + 1..tokens.len())
            .find(|&k| {
                tokens[k].block != block
                    || is_full_stop(tokens[k].text)
                    || inside_direct(k)
                    || opens_direct(k)
                    || (k > open + 1 && tokens[k].role.participle)
            })
            .unwrap_or(tokens.len());
        let span = open + 1..end;
        // Words, not tokens: «بأنها "مؤامرة"» is one word in quotation marks.
        if span.clone().filter(|&k| tokens[k].text.chars().any(char::is_alphabetic)).count() < MIN_QUOTE_WORDS {
            continue;
        }
        let r = tokens[span.start].range.start..tokens[end - 1].range.end;
        let range = trim_range(blocks[block].as_ref(), r);
        let cue = if participle { Cue::Participle(v) } else { Cue::Verb(v) };
        out.push(Found { block, range, form: QuoteForm::Reported, cue, span });
    }
    out
}

/// Resolves each quotation's speaker, in reading order (a speaker carries over to the next).
fn attribute(f: &Finder<'_>, found: Vec<Found>) -> Vec<Quote> {
    let mut out: Vec<Quote> = Vec::with_capacity(found.len());
    let mut last_speaker: Option<usize> = None;
    for q in found {
        let sentence = f.tokens[q.span.start].sentence;
        let (mut speaker, mut attribution) = match q.cue {
            Cue::Verb(v) => f.subject(v),
            Cue::Headline(e) => (Some(e), Some(Attribution::Named)),
            Cue::Participle(p) => match f.sentence_subject(p) {
                // «وانبرى السفير روبرت وود … إلى تفنيد تصريحات لافروف بقوله إن …»: the
                // sentence's own subject, not whoever was quoted before it.
                Some(e) => (Some(e), Some(Attribution::Named)),
                None => (None, Some(Attribution::CarriedOver)),
            },
            Cue::None => {
                // A quotation inside a sentence that already quoted someone is theirs; so is a
                // paragraph that is only a quotation.
                let same_sentence = out.last().is_some_and(|p| p.sentence == sentence && p.speaker.is_some());
                let whole_paragraph = q.span.start > 0 && f.tokens[q.span.start - 1].block != q.block;
                let carried = same_sentence || whole_paragraph;
                (None, carried.then_some(Attribution::CarriedOver))
            }
        };
        if attribution == Some(Attribution::CarriedOver) {
            speaker = last_speaker.or_else(|| f.person_before(q.span.start));
            attribution = speaker.map(|_| Attribution::CarriedOver);
        }
        if speaker.is_some() {
            last_speaker = speaker;
        }
        out.push(Quote { form: q.form, block: q.block, range: q.range, sentence, speaker, attribution });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direct_quotes_need_three_words_and_may_run_to_the_end() {
        let t = "وصف «داعش» بأنه «تنظيم إرهابي خطير» وقال \"نحن هنا باقون";
        let r = direct_ranges(t);
        assert_eq!(r.len(), 2);
        assert_eq!(&t[r[0].clone()], "تنظيم إرهابي خطير");
        assert_eq!(&t[r[1].clone()], "نحن هنا باقون");
    }
}
