//! The page walk: from classified lines to labels and article drafts.
//!
//! Two guarantees hold for any input, however hostile:
//!
//! - **Every step advances.** Each loop of the walk adds a [`Taken`] to its position, and a
//!   `Taken` is never zero lines: a step that recognises nothing still consumes the line it stood
//!   on (labelled as what it plainly is). A loop body that could hand back its own position — the
//!   shape of the hang in issue 9, where a long «…»-ended paragraph after a dateline made the list
//!   reader return its input index forever — cannot be written against this type.
//! - **The work is bounded.** Every loop iteration and every topical comparison is charged to a
//!   [`Budget`] linear in the number of lines. A walk that spends it stops where it is and keeps
//!   what it has labelled: a best-effort result with the line it stopped at, never a hang.

use std::collections::HashSet;
use std::num::NonZeroUsize;

use super::byline;
use super::classify::{Kind, Line, is_caption, word_count};
use super::cues::PARAGRAPH_WORDS;
use super::topic;
use super::{Draft, Label};
use crate::model::{Headline, HeadlineList, Role};
use crate::sections;

mod body;
mod columns;
mod preamble;

/// Lines one step of the walk consumed: at least one, so a walk loop always moves on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Taken(NonZeroUsize);

impl Taken {
    /// The line the step stood on.
    const ONE: Taken = Taken(NonZeroUsize::MIN);

    /// The lines from `from` up to `to` (exclusive); `None` when that is no line at all.
    fn span(from: usize, to: usize) -> Option<Taken> {
        NonZeroUsize::new(to.saturating_sub(from)).map(Taken)
    }

    /// The lines from `from` up to `to`, and never less than the line at `from`: for steps that
    /// have labelled that line themselves before reading on.
    fn through(from: usize, to: usize) -> Taken {
        Taken::span(from, to).unwrap_or(Taken::ONE)
    }

    fn get(self) -> usize {
        self.0.get()
    }
}

/// Work units a walk may spend per line of the page. A unit is one line looked at by a loop of
/// the walk (a step or a look-ahead) or one topical comparison of two lines. The walk looks ahead
/// at most six lines from a step and compares a line with a few neighbours, so real pages spend
/// about 3 units a line (the seeds, generated ANT pages) and the mutation test in
/// `tests/extract/hostile.rs` never saw more than 6; 64 leaves an order of magnitude of room
/// while keeping the worst case linear.
pub const WORK_PER_LINE: usize = 64;
/// Work every page may spend whatever its length, so that tiny pages are never cut short.
pub const WORK_FLOOR: usize = 1024;

/// Words of a writer's name line under an embedded article's headline, at most.
const MAX_WRITER_WORDS: usize = 3;

/// A writer's name marsad cannot type (a short line) or a photo's caption: what may stand between
/// an embedded article's headline and its text.
fn writer_or_caption(l: &Line<'_>) -> bool {
    l.kind == Kind::Short && word_count(l.text) <= MAX_WRITER_WORDS || l.kind == Kind::Furniture && is_caption(l.text)
}

/// Clause commas a headline holds at most: headlines are one clause, or two set side by side.
const MAX_HEADLINE_COMMAS: usize = 1;

/// Words with at least one letter: «1 -» has none.
fn letter_words(line: &str) -> usize {
    line.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).count()
}

/// False for a short line that cannot be a headline by its punctuation: it ends with a comma
/// (the sentence goes on in the next line) or strings several clauses together.
fn headline_shaped(line: &str) -> bool {
    let t = line.trim_end();
    let commas = t.matches(['،', ',']).count();
    !t.ends_with(['،', ',']) && commas <= MAX_HEADLINE_COMMAS
}

/// The walk spent its [`Budget`].
#[derive(Debug, Clone, Copy)]
struct Exhausted;

/// The work a walk may still do.
#[derive(Debug)]
struct Budget {
    limit: usize,
    spent: usize,
}

impl Budget {
    fn for_lines(n: usize) -> Self {
        Self { limit: WORK_FLOOR.saturating_add(WORK_PER_LINE.saturating_mul(n)), spent: 0 }
    }

    fn charge(&mut self, units: usize) -> Result<(), Exhausted> {
        self.spent = self.spent.saturating_add(units);
        if self.spent > self.limit { Err(Exhausted) } else { Ok(()) }
    }
}

/// What the walk found on a page.
#[derive(Debug, Default)]
pub(super) struct Walked {
    /// One label per line.
    pub labels: Vec<Label>,
    /// The article each line belongs to.
    pub owner: Vec<Option<usize>>,
    /// Article drafts, the page's own first.
    pub articles: Vec<Draft>,
    /// Headline lists with their headings.
    pub lists: Vec<HeadlineList>,
    /// The breadcrumb's last crumb and the canonical section it names.
    pub section_label: Option<String>,
    /// The canonical section of the breadcrumb.
    pub section: Option<&'static str>,
    /// The page's date line.
    pub date_line: Option<String>,
    /// Work units spent.
    pub work: usize,
    /// The line (index into the classified lines) where the budget ran out, if it did.
    pub stopped_at: Option<usize>,
}

/// How the page's own article starts, as the preamble found it.
struct Start {
    title: Option<usize>,
    dateline: Option<usize>,
    byline: Option<String>,
    body: usize,
}

struct Walker<'a, 'b> {
    lines: &'b [Line<'a>],
    found: Walked,
    budget: Budget,
    /// Where the walk stands (for the report when the budget runs out).
    at: usize,
    /// The page's article is a column of short lines: short lines in its body are its text.
    column: bool,
}

/// Labels every line and drafts the page's articles.
pub(super) fn walk(lines: &[Line<'_>]) -> Walked {
    walk_within(lines, Budget::for_lines(lines.len()))
}

fn walk_within(lines: &[Line<'_>], budget: Budget) -> Walked {
    let n = lines.len();
    let mut w = Walker {
        lines,
        found: Walked { labels: vec![Label::Other; n], owner: vec![None; n], ..Default::default() },
        budget,
        at: 0,
        column: false,
    };
    if w.run().is_err() {
        w.found.stopped_at = Some(w.at);
    }
    w.found.work = w.budget.spent;
    w.found
}

impl Walker<'_, '_> {
    fn run(&mut self) -> Result<(), Exhausted> {
        let Some(start) = self.preamble()? else { return Ok(()) };
        let main = self.new_article(Role::Main, start.title);
        if let Some(d) = start.dateline {
            self.found.owner[d] = Some(main);
            self.found.articles[main].dateline = Some(self.lines[d].text.to_string());
        }
        self.found.articles[main].byline = start.byline;
        let end = self.take_body(main, start.body)?;
        let mut i = self.take_attribution(Some(main), end)?;
        // After the main article: attributions, headline lists, embedded articles, furniture.
        let mut last = main;
        while i < self.lines.len() {
            i += self.step_after_main(i, &mut last)?.get();
        }
        Ok(())
    }

    /// Charges `units` of work done at line `i`.
    fn charge(&mut self, i: usize, units: usize) -> Result<(), Exhausted> {
        self.at = i;
        self.budget.charge(units)
    }

    fn label(&mut self, i: usize, label: Label) {
        self.found.labels[i] = label;
    }

    fn next_is(&self, i: usize, pred: impl Fn(&Kind) -> bool) -> bool {
        self.lines.get(i).is_some_and(|l| pred(&l.kind))
    }

    /// [`topic::is_restated`], charged.
    fn restated(&mut self, title: &str, lead: &str) -> Result<bool, Exhausted> {
        self.budget.charge(2)?;
        Ok(topic::is_restated(title, lead))
    }

    /// [`topic::keys`], charged.
    fn keys(&mut self, text: &str) -> Result<Vec<String>, Exhausted> {
        self.budget.charge(1)?;
        Ok(topic::keys(text))
    }

    /// Content keys of the run of paragraphs from `start`, at most `n` of them.
    fn text_keys(&mut self, start: usize, n: usize) -> Result<Vec<String>, Exhausted> {
        let mut keys = Vec::new();
        let mut p = start;
        while p < start + n && self.next_is(p, |k| *k == Kind::Paragraph) {
            keys.extend(self.keys(self.lines[p].text)?);
            p += 1;
        }
        Ok(keys)
    }

    /// Content words line `t` shares with the lead's `lead_keys`.
    fn shared_with_lead(&mut self, t: usize, lead_keys: &HashSet<String>) -> Result<usize, Exhausted> {
        Ok(topic::restatement(&self.keys(self.lines[t].text)?, lead_keys).0)
    }

    /// The content keys of paragraph `lead`.
    fn key_set_of(&mut self, lead: usize) -> Result<HashSet<String>, Exhausted> {
        Ok(self.keys(self.lines[lead].text)?.into_iter().collect())
    }

    /// True when line `t` shares content words with the lead `lead`, as a headline does.
    fn announces(&mut self, t: usize, lead: Option<usize>) -> Result<bool, Exhausted> {
        let Some(lead) = lead else { return Ok(false) };
        let lead_keys = self.key_set_of(lead)?;
        Ok(self.shared_with_lead(t, &lead_keys)? > 0)
    }

    /// True when headline candidate `above` announces the lead (shares content words with the
    /// first paragraph) and the later candidate `below` shares none: evidence, not position.
    fn announces_better(&mut self, above: usize, below: usize, lead: Option<usize>) -> Result<bool, Exhausted> {
        let Some(lead) = lead else { return Ok(false) };
        let lead_keys = self.key_set_of(lead)?;
        Ok(self.shared_with_lead(above, &lead_keys)? > 0 && self.shared_with_lead(below, &lead_keys)? == 0)
    }

    /// True when the lead restates headline candidate `above` and not the later candidate
    /// `below` (a photo's caption «الشمري مترئساً الاجتماع», a subtitle under the date): both may
    /// share a word with the lead, but only the headline is the lead said short.
    fn restated_better(&mut self, above: usize, below: usize, lead: Option<usize>) -> Result<bool, Exhausted> {
        let Some(lead) = lead else { return Ok(false) };
        let lead = self.lines[lead].text;
        Ok(self.restated(self.lines[above].text, lead)? && !self.restated(self.lines[below].text, lead)?)
    }

    /// True when the later candidate `below` only repeats words of the headline candidate
    /// `above` («أخضر السلة» under «أخضر السلة يتصدر الترتيب …»): a kicker or the text's own
    /// first line, not a headline replacing it.
    fn restates_above(&mut self, above: usize, below: usize) -> Result<bool, Exhausted> {
        let a: HashSet<String> = self.keys(self.lines[above].text)?.into_iter().collect();
        let b = self.keys(self.lines[below].text)?;
        Ok(!b.is_empty() && b.len() < a.len() && b.iter().all(|k| a.contains(k)))
    }

    /// One step after the main article, at line `i`; `last` is the article that attributions
    /// belong to.
    fn step_after_main(&mut self, i: usize, last: &mut usize) -> Result<Taken, Exhausted> {
        self.charge(i, 1)?;
        let lines = self.lines;
        let l = &lines[i];
        // Where the text under line `i` would start, past a reporter's lines.
        let body = self.after_bylines(i + 1);
        Ok(match &l.kind {
            Kind::Attribution(_) => Taken::through(i, self.take_attribution(Some(*last), i)?),
            Kind::Heading { read_also } => {
                // «للمزيد:» over a whole article: its headline, maybe its reporter's line (or a
                // writer's name marsad cannot type: a short line right over the text), text. With
                // a writer's line under the headline, the text starts under it whatever its first
                // line looks like.
                let signed = self.signed_article_at(i);
                let text = if signed {
                    i + 3
                } else {
                    let mut text = self.after_bylines(i + 2);
                    let writer =
                        |l: &Line<'_>| writer_or_caption(l) && (l.kind != Kind::Short || headline_shaped(l.text));
                    if text == i + 2
                        && lines.get(text).is_some_and(writer)
                        && self.next_is(text + 1, |k| *k == Kind::Paragraph)
                    {
                        text += 1;
                    }
                    text
                };
                let embedded = signed
                    || *read_also
                        && self.next_is(i + 1, |k| *k == Kind::Short)
                        && self.next_is(text, |k| *k == Kind::Paragraph)
                        && (self.restated(lines[i + 1].text, lines[text].text)?
                        || self.next_is(text + 1, |k| *k == Kind::Paragraph)
                        // more text after an intertitle
                        || self.next_is(text + 1, |k| *k == Kind::Short) && self.next_is(text + 2, |k| *k == Kind::Paragraph));
                if embedded {
                    self.label(i, Label::Heading);
                    *last = self.new_article(Role::Embedded, Some(i + 1));
                    self.take_bylines(*last, i + 2, text);
                    let end = self.take_body(*last, text)?;
                    Taken::through(i, self.take_attribution(Some(*last), end)?)
                } else {
                    self.take_headed_list(i, lines.len())?
                }
            }
            Kind::Short
                if self.next_is(body, |k| *k == Kind::Paragraph)
                    && (self.restated(l.text, lines[body].text)?
                        || self.next_is(body + 1, |k| *k == Kind::Paragraph)) =>
            {
                *last = self.new_article(Role::Embedded, Some(i));
                self.take_bylines(*last, i + 1, body);
                let end = self.take_body(*last, body)?;
                Taken::through(i, self.take_attribution(Some(*last), end)?)
            }
            Kind::Short | Kind::Repeated if self.next_is(i + 1, |k| matches!(k, Kind::Short | Kind::Repeated)) => {
                self.take_items(i, lines.len())?.unwrap_or_else(|| self.one(i, Label::Furniture))
            }
            // A cut headline or a bulleted line: a list item, unless it is too long for one — then
            // it is a stray paragraph (the hang of issue 9 was here).
            Kind::Paragraph if l.truncated || l.bullet => {
                self.take_items(i, lines.len())?.unwrap_or_else(|| self.one(i, Label::Other))
            }
            Kind::Breadcrumb(..) | Kind::Furniture | Kind::Repeated | Kind::OutletHeader | Kind::Short => {
                self.one(i, Label::Furniture)
            }
            Kind::DateLine => self.one(i, Label::Date),
            Kind::Byline(_) => self.one(i, Label::Byline),
            Kind::Dateline | Kind::Paragraph => self.one(i, Label::Other),
        })
    }

    /// The first line at or after `i` that is not a reporter's line (at most
    /// [`MAX_BYLINE_LINES`] of them: «كتب - NAME:», «CITY - NAME», a bare name, a date).
    fn after_bylines(&self, i: usize) -> usize {
        /// Lines a byline runs to under a headline («أبها» over «عبدالله الهاجري:», and a date).
        const MAX_BYLINE_LINES: usize = 3;
        let mut j = i;
        while j < i + MAX_BYLINE_LINES
            && self.lines.get(j).is_some_and(|l| match l.kind {
                Kind::Byline(_) | Kind::Dateline | Kind::DateLine => true,
                Kind::Short => byline::read(l.text).is_some() || byline::is_place(l.text),
                _ => false,
            })
        {
            j += 1;
        }
        j
    }

    /// Labels the reporter's lines `from..to` of article `art` and keeps the first as its byline.
    fn take_bylines(&mut self, art: usize, from: usize, to: usize) {
        for j in from..to {
            let l = &self.lines[j];
            let label = match &l.kind {
                Kind::DateLine => Label::Date,
                Kind::Dateline => Label::Dateline,
                _ => Label::Byline,
            };
            // A dateline may name the reporter too («الرياض - NAME:»).
            let names = label != Label::Date;
            self.attach(j, art, label);
            if names && self.found.articles[art].byline.is_none() {
                let name = match &l.kind {
                    Kind::Byline(name) => Some(name.clone()),
                    Kind::Dateline => byline::read(l.text).and_then(|b| b.person),
                    _ => byline::read(l.text).map(|b| b.person.unwrap_or(b.text)),
                };
                self.found.articles[art].byline = name;
            }
        }
    }

    /// Labels line `i` alone.
    fn one(&mut self, i: usize, label: Label) -> Taken {
        self.label(i, label);
        Taken::ONE
    }

    /// True when line `i` can be an item of a headline list.
    fn is_item(&mut self, i: usize) -> Result<bool, Exhausted> {
        let l = &self.lines[i];
        let item = match l.kind {
            Kind::Short | Kind::Repeated => true,
            Kind::Paragraph => l.bullet || (l.truncated && word_count(l.text) < PARAGRAPH_WORDS),
            _ => false,
        };
        if !item || l.kind != Kind::Short {
            return Ok(item);
        }
        // A short line followed by paragraphs that restate it is an article's title, not an item —
        // also when its byline, date and dateline lines stand between.
        let lines = self.lines;
        let next = (i + 1..lines.len().min(i + 6))
            .find(|&j| !matches!(lines[j].kind, Kind::Byline(_) | Kind::DateLine | Kind::Dateline));
        self.charge(i, 5)?;
        Ok(match next {
            Some(next) if lines[next].kind == Kind::Paragraph => !self.restated(l.text, lines[next].text)?,
            _ => true,
        })
    }

    /// Reads the items of a headline list from line `first`, before line `limit`; returns them and
    /// the index after.
    fn read_items(&mut self, first: usize, limit: usize) -> Result<(Vec<Headline>, usize), Exhausted> {
        let mut items = Vec::new();
        let mut i = first;
        while i < limit.min(self.lines.len()) {
            self.charge(i, 1)?;
            if !self.is_item(i)? {
                break;
            }
            let l = &self.lines[i];
            self.label(i, Label::Headline);
            items.push(Headline { text: l.text.to_string(), truncated: l.truncated });
            i += 1;
        }
        Ok((items, i))
    }

    fn push_list(&mut self, heading: String, items: Vec<Headline>) {
        self.found.lists.push(HeadlineList {
            section_hint: sections::canonical(&heading).map(String::from),
            heading,
            items,
        });
    }

    /// A heading at `h` and the headline list under it (possibly empty), ending before `limit`.
    fn take_headed_list(&mut self, h: usize, limit: usize) -> Result<Taken, Exhausted> {
        self.label(h, Label::Heading);
        let (items, end) = self.read_items(h + 1, limit)?;
        let heading = self.lines[h].text.trim_end_matches([':', '：']).trim().to_string();
        self.push_list(heading, items);
        Ok(Taken::through(h, end))
    }

    /// A headline list without a heading from line `first`, ending before `limit`; `None` when
    /// that line is no item.
    fn take_items(&mut self, first: usize, limit: usize) -> Result<Option<Taken>, Exhausted> {
        let (items, end) = self.read_items(first, limit)?;
        if items.is_empty() {
            return Ok(None);
        }
        self.push_list(String::new(), items);
        Ok(Taken::span(first, end))
    }

    /// Adds paragraph `i` to article `art` with `label`.
    fn attach(&mut self, i: usize, art: usize, label: Label) {
        self.label(i, label);
        self.found.owner[i] = Some(art);
    }

    /// Takes «المصدر: …» lines at `i` for article `art`; returns the index after them.
    fn take_attribution(&mut self, art: Option<usize>, mut i: usize) -> Result<usize, Exhausted> {
        let lines = self.lines;
        while let Some(Line { kind: Kind::Attribution(src), .. }) = lines.get(i) {
            self.charge(i, 1)?;
            self.label(i, Label::Attribution);
            if let Some(a) = art {
                self.found.owner[i] = Some(a);
                self.found.articles[a].attribution.push(src.clone());
            }
            i += 1;
        }
        Ok(i)
    }

    fn new_article(&mut self, role: Role, title: Option<usize>) -> usize {
        let idx = self.found.articles.len();
        let mut d = Draft { role, ..Default::default() };
        if let Some(t) = title {
            self.attach(t, idx, Label::Title);
            d.title = Some(self.lines[t].text.to_string());
        }
        self.found.articles.push(d);
        idx
    }
}

#[cfg(test)]
mod tests;
