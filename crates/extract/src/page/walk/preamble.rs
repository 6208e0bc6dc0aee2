//! The preamble: everything before the first paragraph of running text — the headline (chosen by
//! evidence, not position), the date line, the dateline, the reporter's lines, the breadcrumb and
//! the masthead — and where the body starts.

use super::super::Label;
use super::super::byline;
use super::super::classify::{Kind, bare_byline, ends_sentence, word_count};
use super::super::cues::LEAD_WORDS;
use super::{Exhausted, Start, Taken, Walker, headline_shaped, letter_words};

/// What the preamble has found so far.
struct Head {
    title: Option<usize>,
    dateline: Option<usize>,
    byline: Option<String>,
    /// The first paragraph of running text, when there is one.
    first_para: Option<usize>,
    /// Where the preamble ends: the first paragraph, or the page's end.
    end: usize,
}

/// One step of the preamble: move on, or the body starts at this line.
enum Step {
    Next(Taken),
    Body(usize),
}

/// Words of a writer's name with no title, list or byline shape to go by: two or three.
const MIN_WRITER_WORDS: usize = 2;
/// See [`MIN_WRITER_WORDS`].
const MAX_UNSIGNED_WRITER_WORDS: usize = 3;
/// Lines between a writer's name and the text at most: a date, a place, a photo's caption.
const MAX_LINES_UNDER_WRITER: usize = 3;

/// Words a line must have for its repetition at the head of the lead to say it is a label.
const MIN_LABEL_WORDS: usize = 2;

/// True when the lead opens with `line` (without its closing colon), word for word.
fn opens_the_lead(line: &str, lead: &str) -> bool {
    let label = line.trim().trim_end_matches([':', '：']).trim_end();
    word_count(label) >= MIN_LABEL_WORDS && lead.trim_start().starts_with(label)
}

impl Walker<'_, '_> {
    /// The preamble: everything before the first paragraph of running text. Finds the headline,
    /// date, dateline, byline and breadcrumb; `None` when the page has no running text at all.
    pub(super) fn preamble(&mut self) -> Result<Option<Start>, Exhausted> {
        // An article printed as bulleted paragraphs of running text (an interview's sayings, a
        // column's points), with no plain paragraph at all, starts at its first bullet.
        let first_para = self.lines.iter().position(|l| l.kind == Kind::Paragraph && !l.bullet).or_else(|| {
            self.lines.iter().position(|l| l.kind == Kind::Paragraph && l.bullet && l.sentence && !l.truncated)
        });
        let end = first_para.unwrap_or(self.lines.len());
        let mut head = Head { title: None, dateline: None, byline: None, first_para, end };
        let mut lead: Option<usize> = None;
        let mut i = 0;
        while i < end {
            self.charge(i, 1)?;
            match self.preamble_step(&mut head, i)? {
                // A headline list may run into the body; the body is read from its first
                // paragraph all the same. `i < end`, so this still advances.
                Step::Next(step) => i = (i + step.get()).min(end),
                Step::Body(at) => {
                    lead = Some(at);
                    break;
                }
            }
        }
        let Head { title, dateline, byline, .. } = head;
        Ok(lead.or(first_para).map(|body| Start { title, dateline, byline, body }))
    }

    fn preamble_step(&mut self, head: &mut Head, i: usize) -> Result<Step, Exhausted> {
        let l = &self.lines[i];
        Ok(Step::Next(match &l.kind {
            Kind::Breadcrumb(c, section) => {
                // A breadcrumb comes over the headline: a candidate above it was navigation.
                if let Some(t) = head.title.take() {
                    self.label(t, Label::Furniture);
                }
                self.label(i, Label::Breadcrumb);
                if self.found.section_label.is_none() {
                    self.found.section_label = Some(c.clone());
                    self.found.section = *section;
                }
                Taken::ONE
            }
            Kind::OutletHeader => {
                self.masthead_or_credit(head, i)?;
                Taken::ONE
            }
            Kind::Byline(name) => {
                self.label(i, Label::Byline);
                head.byline.get_or_insert_with(|| name.clone());
                Taken::ONE
            }
            Kind::DateLine => {
                self.label(i, Label::Date);
                self.found.date_line.get_or_insert_with(|| l.text.to_string());
                Taken::ONE
            }
            Kind::Dateline => {
                self.label(i, Label::Dateline);
                head.dateline = Some(i);
                Taken::ONE
            }
            Kind::Heading { .. } => self.take_headed_list(i, self.lines.len())?,
            Kind::Short => return self.short_in_preamble(head, i),
            Kind::Furniture | Kind::Repeated => {
                self.label(i, Label::Furniture);
                Taken::ONE
            }
            Kind::Attribution(_) => {
                self.label(i, Label::Attribution);
                Taken::ONE
            }
            Kind::Paragraph => Taken::ONE,
        }))
    }

    /// An outlet's name on its own line. The masthead right under a candidate: the candidate was
    /// navigation — unless it announces the text (then the name under it credits an agency or an
    /// outlet: «واس», «سكاي نيوز»). (Under a reporter's line, an outlet's name is part of the
    /// byline: «اليوم» / «الخبر».)
    fn masthead_or_credit(&mut self, head: &mut Head, i: usize) -> Result<(), Exhausted> {
        match head.title.filter(|&t| t + 1 == i || self.only_credits_between(t, i)) {
            Some(t) if self.announces(t, head.first_para)? => {
                // A credit, not the page's masthead: it names no outlet of the page.
                self.label(i, Label::Byline);
                head.byline.get_or_insert_with(|| self.lines[i].text.to_string());
            }
            Some(t) if t + 1 == i => {
                self.label(t, Label::Furniture);
                head.title = None;
                self.label(i, Label::Outlet);
            }
            _ => self.label(i, Label::Outlet),
        }
        Ok(())
    }

    /// A short line before the text: a reporter's line, a dateline, an enumerator, the text's
    /// first line, or a headline candidate.
    fn short_in_preamble(&mut self, head: &mut Head, i: usize) -> Result<Step, Exhausted> {
        let text = self.lines[i].text;
        // «كتب محمد السيد» without a colon (Egyptian outlets) under the headline is its byline:
        // only here, where no sentence would stand alone, is the bare verb safe to read so.
        if head.title.is_some()
            && let Some(name) = bare_byline(text)
        {
            self.label(i, Label::Byline);
            head.byline.get_or_insert(name);
            return Ok(Step::Next(Taken::ONE));
        }
        // The reporter-and-place line under a headline («أبها - NAME», «NAME من CITY»),
        // recognised by its shape; a bare name only under a headline already found, or right
        // over the text (past its place, a caption): a writer on a page that prints no headline
        // (a headline is hardly ever a name alone).
        if let Some(b) = byline::read(text).filter(|b| {
            b.strength == byline::Strength::Shape
                || head.title.is_some()
                || self.after_bylines(i + 1) == head.end
                || self.only_credits_between(i, head.end)
        }) {
            self.label(i, Label::Byline);
            if b.place && head.dateline.is_none() {
                head.dateline = Some(i);
            }
            head.byline.get_or_insert(b.person.unwrap_or(b.text));
            return Ok(Step::Next(Taken::ONE));
        }
        // The label the lead opens with, printed over it too («"سبق" تقول للمسؤول:» over «"سبق"
        // تقول للمسؤول: الواقع …»): a headline is never the first words of its own lead.
        if let Some(p) = head.first_para
            && opens_the_lead(text, self.lines[p].text)
        {
            self.label(i, Label::Byline);
            return Ok(Step::Next(Taken::ONE));
        }
        // A bulleted sentence before any headline («- هاه، بشّر؟!»): a column's dialogue starts
        // here; a headline never opens with a dash.
        if head.title.is_none() && self.lines[i].bullet && ends_sentence(text) {
            return Ok(Step::Body(i));
        }
        // A place alone on its line is the dateline, a number or a label alone is an enumerator
        // («1 -», «أولاً :»): neither is a headline.
        if byline::is_place(text) {
            self.label(i, Label::Dateline);
            head.dateline.get_or_insert(i);
            return Ok(Step::Next(Taken::ONE));
        }
        if letter_words(text) < 2 || text.trim_end().ends_with([':', '：']) && letter_words(text) <= 2 {
            self.label(i, Label::Furniture);
            return Ok(Step::Next(Taken::ONE));
        }
        if word_count(text) < 2 {
            self.label(i, Label::Furniture);
            return Ok(Step::Next(Taken::ONE));
        }
        // A line that goes on into the next one (it ends with a comma, or runs through several
        // clauses) is the text's first line, not a headline — nor a headline replacing the one
        // found above it: a column or a poem starts here.
        if !headline_shaped(text) {
            if self.column_run(i)?.is_some() {
                self.column = true;
            }
            return Ok(Step::Body(i));
        }
        self.headline_candidate(head, i)
    }

    /// A headline-like line before the text. The headline is the last such line before the body;
    /// earlier ones were navigation. A long unpunctuated line after a headline is the lead. But a
    /// short line under a headline that announces the lead (shares its content words) while this
    /// one shares none is a caption or a credit, not the headline.
    fn headline_candidate(&mut self, head: &mut Head, i: usize) -> Result<Step, Exhausted> {
        let text = self.lines[i].text;
        match head.title {
            Some(t) if word_count(text) >= LEAD_WORDS && word_count(self.lines[t].text) < LEAD_WORDS => {
                return Ok(Step::Body(i));
            }
            Some(t)
                if self.announces_better(t, i, head.first_para)?
                    || self.restates_above(t, i)?
                    || self.restated_better(t, i, head.first_para)? =>
            {
                self.label(i, Label::Furniture);
                return Ok(Step::Next(Taken::ONE));
            }
            // Two or three words of no function word right under a longer headline and right over
            // the text: the writer's name (or pen name), which no list may hold. A headline
            // replacing the one above it is a full one; a kicker stands above, not below.
            Some(t) if t + 1 == i && self.writer_under(t, i, head.end)? => {
                self.label(i, Label::Byline);
                head.byline.get_or_insert_with(|| text.trim().to_string());
                return Ok(Step::Next(Taken::ONE));
            }
            // A line under the headline and nothing but its date, writer's lines or a caption: the
            // text's first line — a column's when a run of short lines starts here. Navigation
            // links carry no date or writer between them and the headline; the headline does.
            Some(t) if self.only_credits_between(t, i) => {
                if self.column_run(i)?.is_some() {
                    self.column = true;
                }
                return Ok(Step::Body(i));
            }
            Some(t) => self.label(t, Label::Furniture),
            None => {}
        }
        head.title = Some(i);
        if let Some(start) = self.column_after(i)? {
            // The writer's lines: name, date, place.
            self.take_writer_lines(i + 1, start, &mut head.byline, &mut head.dateline);
            self.column = true;
            return Ok(Step::Body(start));
        }
        Ok(Step::Next(Taken::ONE))
    }

    /// True when line `i`, right under headline candidate `t`, reads as a writer's name: two or
    /// three words with letters only and no function word, shorter than the headline, with the
    /// text right under it (past a date, a place or a photo's caption): its first paragraph, or a
    /// column's or a poem's short lines.
    fn writer_under(&mut self, t: usize, i: usize, body: usize) -> Result<bool, Exhausted> {
        let text = self.lines[i].text.trim();
        let words = word_count(text);
        let name_like = (MIN_WRITER_WORDS..=MAX_UNSIGNED_WRITER_WORDS).contains(&words)
            && !ends_sentence(text)
            && text
                .split_whitespace()
                .all(|w| w.chars().all(char::is_alphabetic) && !marsad_text::is_stop_word(&marsad_text::normalize(w)));
        if !name_like || word_count(self.lines[t].text) <= words {
            return Ok(false);
        }
        // Past the date, the place, a photo's caption or credit («عدسة: NAME»).
        let mut start = i + 1;
        while start < i + 1 + MAX_LINES_UNDER_WRITER
            && self.lines.get(start).is_some_and(|l| match l.kind {
                Kind::Byline(_) | Kind::Dateline | Kind::DateLine | Kind::Furniture => true,
                Kind::Short => byline::is_place(l.text),
                _ => false,
            })
        {
            start += 1;
        }
        Ok(start == body || start < self.lines.len() && self.column_run(start)?.is_some())
    }
}
