//! Reading an article's body: its paragraphs, bulleted sentences on its subject, and what
//! interrupts it — intertitles, teasers (another article's headline and lead), furniture, a short
//! list, a «read also» block — told apart from the start of another article by topic.

use std::collections::HashSet;

use super::super::Label;
use super::super::byline;
use super::super::classify::{Kind, ends_article};
use super::super::cues::{MAX_INTERRUPTION, OFF_TOPIC};
use super::super::topic::{glued_headline, opens_announced_article, opens_article, similarity};
use super::columns::COLUMN_ON_TOPIC;
use super::{Exhausted, Taken, Walker, writer_or_caption};
use crate::model::Teaser;

/// Paragraphs read after a «read also» headline to tell whether the text leaves the subject:
/// enough to share words with one side.
pub(super) const TEXT_AFTER_TEASER: usize = 3;

impl Walker<'_, '_> {
    /// Reads an article body from `start` (a paragraph). Interruptions — furniture, a short list
    /// under a heading, an inline «اقرأ أيضا» — are stepped over when the text after them carries on
    /// the same subject. Returns the index after the body.
    pub(super) fn take_body(&mut self, art: usize, start: usize) -> Result<usize, Exhausted> {
        let lines = self.lines;
        let mut topic: HashSet<String> = HashSet::new();
        let mut i = start;
        // The end of a bulleted list of sentences that belongs to the text.
        let mut text_list_end = start;
        while let Some(l) = lines.get(i) {
            self.charge(i, 1)?;
            if l.bullet && l.sentence && i >= text_list_end {
                // A body that opens with bulleted sentences is made of them (the preamble starts
                // a body there only when the page has no plain paragraph).
                text_list_end =
                    if i == start { self.bullet_run_end(i)? } else { self.text_list(i, &topic)?.unwrap_or(i) };
            }
            let step = match &l.kind {
                _ if i < text_list_end => self.body_paragraph(art, i, &mut topic)?,
                Kind::Paragraph if !l.bullet => self.body_paragraph(art, i, &mut topic)?,
                Kind::Short if art == 0 && (self.column || self.column_continues(i, &topic)?) => {
                    self.column = true;
                    self.attach(i, art, Label::Body);
                    self.found.articles[art].paragraphs.push(l.text.to_string());
                    Taken::ONE
                }
                Kind::Short if self.next_is(i + 1, |k| *k == Kind::Paragraph) => {
                    match self.short_before_paragraph(art, i, &topic)? {
                        Some(step) => step,
                        None => return Ok(i),
                    }
                }
                Kind::Heading { .. } | Kind::Furniture | Kind::Repeated | Kind::Short | Kind::Paragraph => {
                    match self.interruption(i, &topic)? {
                        Some(step) => step,
                        None => return Ok(i),
                    }
                }
                Kind::DateLine => self.one(i, Label::Date),
                _ => return Ok(i),
            };
            i += step.get();
        }
        Ok(i)
    }

    /// The end of a bulleted list of sentences at `i` that belongs to the text («- لماذا …؟», «- أين
    /// …؟» under a column's question): its items are full sentences, and together they speak of
    /// what the text so far does. A list of other articles' headlines does not.
    pub(super) fn text_list(&mut self, i: usize, topic: &HashSet<String>) -> Result<Option<usize>, Exhausted> {
        let end = self.bullet_run_end(i)?;
        let text: Vec<&str> = self.lines[i..end].iter().map(|l| l.text).collect();
        let keys = self.keys(&text.join(" "))?;
        Ok((!topic.is_empty() && similarity(&keys, topic) >= COLUMN_ON_TOPIC).then_some(end))
    }

    /// The end of the run of bulleted sentences at `i`.
    fn bullet_run_end(&mut self, i: usize) -> Result<usize, Exhausted> {
        let run = self.lines[i..].iter().take_while(|l| l.bullet && l.sentence).count();
        self.charge(i, run)?;
        Ok(i + run)
    }

    /// A paragraph of running text inside a body: the body's, or a teaser glued to its lead.
    pub(super) fn body_paragraph(
        &mut self,
        art: usize,
        i: usize,
        topic: &mut HashSet<String>,
    ) -> Result<Taken, Exhausted> {
        let text = self.lines[i].text;
        let k = self.keys(text)?;
        // After the first paragraphs, an off-topic paragraph with a restated headline glued to it
        // is a teaser.
        if !topic.is_empty() && similarity(&k, topic) < OFF_TOPIC {
            self.charge(i, 4)?;
            if let Some((title, lead)) = glued_headline(text) {
                self.attach(i, art, Label::Teaser);
                self.found.articles[art].teasers.push(Teaser { title, lead });
                return Ok(Taken::ONE);
            }
        }
        topic.extend(k);
        self.attach(i, art, Label::Body);
        self.found.articles[art].paragraphs.push(text.to_string());
        Ok(Taken::ONE)
    }

    /// A short line followed by a paragraph, inside a body: an intertitle, a teaser (headline and
    /// lead of something else), or — `None` — the start of another article, which ends this body.
    pub(super) fn short_before_paragraph(
        &mut self,
        art: usize,
        i: usize,
        topic: &HashSet<String>,
    ) -> Result<Option<Taken>, Exhausted> {
        let (title, lead) = (self.lines[i].text, self.lines[i + 1].text);
        let lead_keys = self.keys(lead)?;
        let title_keys = self.keys(title)?;
        // An intertitle speaks of its article, or introduces what follows («الرأي:», «أولاً :»);
        // a headline and lead that do not belong to another.
        let introduces = title.trim_end().ends_with([':', '：']);
        let off_topic = !introduces
            && !topic.is_empty()
            && opens_article(lead)
            && similarity(&lead_keys, topic) < OFF_TOPIC
            && similarity(&title_keys, topic) < OFF_TOPIC;
        if !off_topic {
            self.attach(i, art, Label::Body);
            self.found.articles[art].paragraphs.push(title.to_string());
            return Ok(Some(Taken::ONE));
        }
        // A teaser if our article carries on after it; otherwise a new article starts here (or,
        // at the end of the text, it was a teaser all the same).
        let after = i + 2;
        let teaser: HashSet<String> = title_keys.into_iter().chain(lead_keys).collect();
        let more_text = self.next_is(after, |k| *k == Kind::Paragraph);
        let continues = more_text && {
            let next = self.keys(self.lines[after].text)?;
            similarity(&next, topic) >= similarity(&next, &teaser)
        };
        if !continues && (more_text || self.restated(title, lead)?) {
            return Ok(None);
        }
        self.attach(i, art, Label::Teaser);
        self.attach(i + 1, art, Label::Teaser);
        self.found.articles[art].teasers.push(Teaser { title: title.to_string(), lead: lead.to_string() });
        Ok(Taken::span(i, after))
    }

    /// An interruption of a body at `i` (furniture, a heading and its list, short lines). Looks
    /// past it: when the same article carries on, labels the interruption and steps over it;
    /// `None` when the body ends here.
    pub(super) fn interruption(&mut self, i: usize, topic: &HashSet<String>) -> Result<Option<Taken>, Exhausted> {
        let lines = self.lines;
        let mut j = i;
        let mut headings = 0;
        while let Some(x) = lines.get(j) {
            self.charge(j, 1)?;
            // The article's tags, short link or comments: its text has ended.
            if x.kind == Kind::Furniture && ends_article(x.text) {
                return Ok(None);
            }
            match x.kind {
                Kind::Heading { .. } => headings += 1,
                Kind::Furniture | Kind::Repeated | Kind::Short | Kind::Byline(_) | Kind::Dateline => {}
                Kind::Paragraph if x.bullet => {}
                _ => break,
            }
            j += 1;
            if j - i > MAX_INTERRUPTION {
                return Ok(None);
            }
        }
        // A "read also" heading over a headline and its writer's name: an article, whatever its
        // first line looks like (a link list names no writers).
        if self.signed_article_at(i) {
            return Ok(None);
        }
        // Text after an interruption continues the article unless it starts another one: a
        // headline its first paragraph restates, or a "read also" heading over a single headline
        // and text about something else.
        let next_para = self.next_is(j, |k| *k == Kind::Paragraph) && !lines[j].bullet;
        if headings > 1 || !next_para {
            return Ok(None);
        }
        let Some(span) = Taken::span(i, j) else { return Ok(None) };
        // The headline over the text, above the reporter's lines if it has any.
        let mut h = j - 1;
        while h > i && self.after_bylines(h) == j && h + 3 > j {
            h -= 1;
        }
        // A writer's name marsad cannot type, or a photo's caption, between a "read also"
        // headline and its text.
        let writer_line = |h: usize| {
            writer_or_caption(&lines[h])
                && lines[h - 1].kind == Kind::Short
                && lines[h - 2].kind == (Kind::Heading { read_also: true })
        };
        if h == j - 1 && h >= i + 2 && writer_line(h) {
            h -= 1;
        }
        // A "read also" heading over a single headline (furniture may come before the heading).
        let read_also = h > i && lines[h - 1].kind == (Kind::Heading { read_also: true });
        // Under a "read also" headline, a reporter's line says an article starts (a link has
        // none); else the text must leave the subject — judged on a few paragraphs, since one
        // paragraph of the article's own may share few words with what came before.
        let signed = h + 1 < j && self.after_bylines(h + 1) == j;
        // A headline its text restates starts an article, unless the text opens with «و» or
        // «كما» and no cue announced an article: then it is an intertitle the paragraph goes on
        // from.
        let starts_article = lines[h].kind == Kind::Short
            && ((read_also || opens_article(lines[j].text)) && self.restated(lines[h].text, lines[j].text)?
                || (read_also
                    && opens_announced_article(lines[j].text)
                    && (signed || similarity(&self.text_keys(j, TEXT_AFTER_TEASER)?, topic) < OFF_TOPIC)));
        if starts_article {
            return Ok(None);
        }
        // Lists inside the interruption end with it: the text after it is the body's (reading on
        // would also read the same lines again for every interruption, quadratic on long pages).
        let mut k = i;
        while k < j {
            self.charge(k, 1)?;
            k += match lines[k].kind {
                Kind::Heading { .. } => self.take_headed_list(k, j)?,
                Kind::Short | Kind::Paragraph => {
                    self.take_items(k, j)?.unwrap_or_else(|| self.one(k, Label::Furniture))
                }
                _ => self.one(k, Label::Furniture),
            }
            .get();
        }
        Ok(Some(span))
    }

    /// True when line `i` is a "read also" heading over a headline, a writer's line, and text
    /// (a paragraph, or a short first line and then paragraphs).
    pub(super) fn signed_article_at(&self, i: usize) -> bool {
        let lines = self.lines;
        let read_also = lines[i].kind == (Kind::Heading { read_also: true });
        let headline = self.next_is(i + 1, |k| *k == Kind::Short);
        let writer = lines.get(i + 2).is_some_and(|l| match &l.kind {
            Kind::Byline(_) => true,
            Kind::Short => byline::read(l.text).is_some(),
            _ => false,
        });
        let text = self.next_is(i + 3, |k| *k == Kind::Paragraph)
            || self.next_is(i + 3, |k| *k == Kind::Short) && self.next_is(i + 4, |k| *k == Kind::Paragraph);
        read_also && headline && writer && text
    }
}
