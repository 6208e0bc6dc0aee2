//! Opinion columns and poems: a run of short lines under a headline (or carrying on a body) that
//! is the text itself, not a list of other articles' headlines, and the writer's lines over it.

use std::collections::HashSet;

use super::super::Label;
use super::super::byline;
use super::super::classify::{Kind, word_count};
use super::super::cues::OFF_TOPIC;
use super::super::topic::similarity;
use super::{Exhausted, Walker, letter_words};

/// Short lines under a headline at least for them to be a column's or a poem's body: more than
/// the few lines a byline, date and caption take, fewer than any column prints.
pub(super) const MIN_COLUMN_LINES: usize = 6;

/// Words a column's line has at most: a verse, a question or its answer, a maxim — the length of
/// a headline, well under a paragraph of news text.
pub(super) const MAX_COLUMN_LINE_WORDS: usize = 12;

/// Share of a run of short lines' content words the body already used, at least, for the run to
/// carry on the body as a column's lines: half the off-topic bar, since short lines each bring
/// new words while a list of other headlines shares almost none.
pub(super) const COLUMN_ON_TOPIC: f32 = OFF_TOPIC / 2.0;

impl Walker<'_, '_> {
    /// True when the lines strictly between `t` and `i` are all a writer's or a photo's credits,
    /// dates, or furniture — and there is at least one (a headline directly over a column's
    /// first line is read by [`Self::column_after`]).
    pub(super) fn only_credits_between(&self, t: usize, i: usize) -> bool {
        i > t + 1
            && (t + 1..i).all(|j| {
                let l = &self.lines[j];
                matches!(l.kind, Kind::Byline(_) | Kind::Dateline | Kind::DateLine | Kind::Furniture)
                    // A writer's line the preamble has read as one already.
                    || self.found.labels[j] == Label::Byline
                    || l.kind == Kind::Short
                        && (byline::read(l.text).is_some() || byline::is_place(l.text) || letter_words(l.text) == 0)
            })
    }

    /// Labels the lines `from..to` between a column's headline and its text: the writer's name,
    /// the date, the place.
    pub(super) fn take_writer_lines(
        &mut self,
        from: usize,
        to: usize,
        byline: &mut Option<String>,
        dateline: &mut Option<usize>,
    ) {
        let lines = self.lines;
        for (j, l) in lines.iter().enumerate().take(to).skip(from) {
            match &l.kind {
                Kind::DateLine => {
                    self.label(j, Label::Date);
                    self.found.date_line.get_or_insert_with(|| l.text.to_string());
                }
                Kind::Dateline => {
                    self.label(j, Label::Dateline);
                    dateline.get_or_insert(j);
                }
                kind => {
                    self.label(j, Label::Byline);
                    if byline.is_none() {
                        *byline = match kind {
                            Kind::Byline(name) => Some(name.clone()),
                            _ => byline::read(l.text).map(|b| b.person.unwrap_or(b.text)),
                        };
                    }
                }
            }
        }
    }

    /// An opinion column or a poem under headline candidate `title`: after the writer's lines, a
    /// run of lines, at least [`MIN_COLUMN_LINES`] and two thirds of them short, that ends in furniture, a
    /// heading or the page's end — not in running text, as a list of links over an article does.
    /// Returns the run's first line.
    pub(super) fn column_after(&mut self, title: usize) -> Result<Option<usize>, Exhausted> {
        let start = self.after_bylines(title + 1);
        Ok(self.column_run(start)?.map(|_| start))
    }

    /// The lines of a column's run of short lines starting at `start` (see [`Self::column_after`]),
    /// when there is one.
    pub(super) fn column_run(&mut self, start: usize) -> Result<Option<std::ops::Range<usize>>, Exhausted> {
        let lines = self.lines;
        let run = lines[start..].iter().take_while(|l| matches!(l.kind, Kind::Short | Kind::Paragraph)).count();
        self.charge(start, run)?;
        // A column's lines are short whether or not they end a sentence: a question and its
        // one-line answer, a verse, a maxim. A line cut short with «…» is a linked headline's
        // mark, though a column may end a line or two so: it counts against the run.
        let shorts = lines[start..start + run]
            .iter()
            .filter(|l| !l.truncated && (l.kind == Kind::Short || word_count(l.text) <= MAX_COLUMN_LINE_WORDS))
            .count();
        let ends_in_text = lines.get(start + run).is_some_and(|l| l.kind == Kind::Paragraph);
        let column = shorts >= MIN_COLUMN_LINES && shorts * 3 >= run * 2 && !ends_in_text;
        Ok(column.then_some(start..start + run))
    }

    /// A column whose short lines start after a paragraph or two of running text: the run must
    /// also speak of what the text so far does (a list of other articles' headlines does not).
    pub(super) fn column_continues(&mut self, i: usize, topic: &HashSet<String>) -> Result<bool, Exhausted> {
        // Cheap first look: a column opens with short lines, not with a cut headline.
        let opens =
            self.lines[i..].iter().take(MIN_COLUMN_LINES).all(|l| l.kind == Kind::Short && !l.bullet && !l.truncated);
        if !opens {
            return Ok(false);
        }
        let Some(run) = self.column_run(i)? else { return Ok(false) };
        let text: Vec<&str> = self.lines[run].iter().map(|l| l.text).collect();
        let keys = self.keys(&text.join(" "))?;
        Ok(similarity(&keys, topic) >= COLUMN_ON_TOPIC)
    }
}
