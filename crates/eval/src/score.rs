//! Scoring extraction against gold pages, for marsad and for two baselines on the same pages:
//! the `justext` crate (Arabic stoplist) over a dump's lines wrapped as `<p>`, and the plain
//! `trafilatura` crate on HTML.
//!
//! Body precision/recall/F1 are character-level over normalised text: the words of all extracted
//! bodies on a page are aligned with the gold bodies' words (longest common subsequence) and the
//! characters of aligned words count as matched. Micro-averaged over pages.

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;

use marsad_extract::boilerplate::LineStats;
use marsad_extract::page::Label;
use marsad_extract::{Extracted, Options, extract_with};

use crate::generate::GoldPage;

/// Scores of one system on a set of pages.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Scores {
    /// Pages scored.
    pub pages: usize,
    /// Body precision.
    pub body_precision: f64,
    /// Body recall.
    pub body_recall: f64,
    /// Body F1.
    pub body_f1: f64,
    /// Share of pages with exactly the gold number of articles.
    pub article_count_accuracy: Option<f64>,
    /// Share of gold articles whose best-matching extracted article has the gold title.
    pub title_accuracy: Option<f64>,
    /// Share of pages with the gold outlet.
    pub outlet_accuracy: Option<f64>,
    /// Share of dated pages with the gold date.
    pub date_accuracy: Option<f64>,
    /// Pages that print a date.
    pub dated_pages: usize,
    /// Share of dump lines labelled as in the gold.
    pub block_accuracy: Option<f64>,
    /// Average extraction time, milliseconds per page.
    pub ms_per_page: Option<f64>,
    /// Median extraction time of one page, milliseconds (a few long pages weigh on the mean).
    pub ms_p50: Option<f64>,
    #[serde(skip)]
    acc: Acc,
}

#[derive(Debug, Clone, Default)]
struct Acc {
    matched: u64,
    predicted: u64,
    gold: u64,
    count_ok: usize,
    titles_ok: usize,
    titles: usize,
    outlet_ok: usize,
    date_ok: usize,
    lines_ok: usize,
    lines: usize,
    nanos: u128,
    /// Each page's extraction time, for the median.
    page_nanos: Vec<u128>,
    measured: bool,
}

/// The full report of `marsad eval extract`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// marsad on page dumps.
    pub marsad_dump: Scores,
    /// marsad on HTML pages.
    pub marsad_html: Scores,
    /// marsad on all pages.
    pub marsad_all: Scores,
    /// justext (Arabic stoplist) on the dumps.
    pub justext_dump: Scores,
    /// plain trafilatura on the HTML pages.
    pub trafilatura_html: Scores,
    /// Per-page failures worth a look (page, what).
    pub misses: Vec<(String, String)>,
    /// One-time start-up before the first page (loading the recogniser), not counted per page.
    pub start_up_ms: f64,
}

fn words(text: &str) -> Vec<String> {
    marsad_text::words(text).map(|w| marsad_text::normalize(w.text)).filter(|w| !w.is_empty()).collect()
}

/// Characters of `pred` aligned with `gold` by the longest common subsequence of words.
fn aligned_chars(pred: &[String], gold: &[String]) -> u64 {
    if pred.is_empty() || gold.is_empty() {
        return 0;
    }
    let mut prev = vec![0u64; gold.len() + 1];
    let mut cur = vec![0u64; gold.len() + 1];
    for p in pred {
        for (j, g) in gold.iter().enumerate() {
            cur[j + 1] = if p == g { prev[j] + p.chars().count() as u64 } else { prev[j + 1].max(cur[j]) };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[gold.len()]
}

fn chars(ws: &[String]) -> u64 {
    ws.iter().map(|w| w.chars().count() as u64).sum()
}

impl Scores {
    fn add_body(&mut self, pred: &[String], gold: &[String]) {
        self.pages += 1;
        self.acc.matched += aligned_chars(pred, gold);
        self.acc.predicted += chars(pred);
        self.acc.gold += chars(gold);
    }

    fn finish(&mut self) {
        let a = &self.acc;
        self.body_precision = a.matched as f64 / a.predicted.max(1) as f64;
        self.body_recall = a.matched as f64 / a.gold.max(1) as f64;
        let (p, r) = (self.body_precision, self.body_recall);
        self.body_f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        let share = |n: usize, d: usize| (d > 0).then(|| n as f64 / d as f64);
        if self.article_count_accuracy.is_some() {
            self.article_count_accuracy = share(a.count_ok, self.pages);
            self.outlet_accuracy = share(a.outlet_ok, self.pages);
        }
        if self.title_accuracy.is_some() {
            self.title_accuracy = share(a.titles_ok, a.titles);
        }
        if self.date_accuracy.is_some() {
            self.date_accuracy = share(a.date_ok, self.dated_pages);
        }
        self.block_accuracy = share(a.lines_ok, a.lines);
        self.ms_per_page = a.measured.then(|| a.nanos as f64 / 1e6 / self.pages.max(1) as f64);
        self.ms_p50 = a.measured.then(|| {
            let mut t = a.page_nanos.clone();
            t.sort_unstable();
            t.get(t.len() / 2).map_or(0.0, |&n| n as f64 / 1e6)
        });
    }

    /// Records the time one page took.
    fn timed(&mut self, nanos: u128) {
        self.acc.nanos += nanos;
        self.acc.page_nanos.push(nanos);
        self.acc.measured = true;
    }

    fn merge(&mut self, other: &Scores) {
        self.pages += other.pages;
        self.dated_pages += other.dated_pages;
        let (a, b) = (&mut self.acc, &other.acc);
        a.matched += b.matched;
        a.predicted += b.predicted;
        a.gold += b.gold;
        a.count_ok += b.count_ok;
        a.titles_ok += b.titles_ok;
        a.titles += b.titles;
        a.outlet_ok += b.outlet_ok;
        a.date_ok += b.date_ok;
        a.lines_ok += b.lines_ok;
        a.lines += b.lines;
        a.nanos += b.nanos;
        a.page_nanos.extend_from_slice(&b.page_nanos);
        a.measured |= b.measured;
        self.article_count_accuracy = Some(0.0);
        self.title_accuracy = Some(0.0);
        self.date_accuracy = Some(0.0);
    }
}

/// Titles are compared by the extract crate's [`key`](marsad_extract::keys::key), with a
/// final «…» dropped first.
fn key(s: &str) -> String {
    marsad_extract::keys::key(s.trim_end_matches('…'))
}

/// Scores every `*.gold.json` page in `dir` (in name order; marsad keeps per-outlet line history
/// across pages, as ingest does).
pub fn evaluate(dir: &Path) -> std::io::Result<Report> {
    let mut golds: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    golds.sort();
    if golds.is_empty() {
        return Err(std::io::Error::other(format!("no *.gold.json files in {}", dir.display())));
    }
    let mut report = Report::default();
    for s in [&mut report.marsad_dump, &mut report.marsad_html] {
        s.article_count_accuracy = Some(0.0);
        s.title_accuracy = Some(0.0);
        s.date_accuracy = Some(0.0);
    }
    report.trafilatura_html.title_accuracy = Some(0.0);
    report.trafilatura_html.date_accuracy = Some(0.0);
    let stoplist = justext::get_stoplist("Arabic").map_err(|e| std::io::Error::other(e.to_string()))?;
    let mut stats = LineStats::default();
    report.start_up_ms = marsad_extract::warm_up().as_secs_f64() * 1e3;

    for gold_path in golds {
        let gold: GoldPage = serde_json::from_slice(&std::fs::read(&gold_path)?)
            .map_err(|e| std::io::Error::other(format!("{}: {e}", gold_path.display())))?;
        let stem = gold_path.to_string_lossy().trim_end_matches(".gold.json").to_string();
        let page_path = PathBuf::from(format!("{stem}.{}", if gold.format == "html" { "html" } else { "txt" }));
        let bytes = std::fs::read(&page_path)?;
        let name = page_path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let gold_words: Vec<String> =
            gold.articles.iter().flat_map(|a| a.paragraphs.iter()).flat_map(|p| words(p)).collect();

        // marsad
        let started = Instant::now();
        let ex: Extracted = extract_with(&bytes, &Options { line_stats: Some(&stats), ..Default::default() });
        let nanos = started.elapsed().as_nanos();
        let arts: Vec<&marsad_extract::Article> = ex.records.iter().flatten().collect();
        if let Some(o) = arts.first().and_then(|a| a.outlet.as_ref()) {
            stats.observe(&o.id, &ex.page_lines.iter().copied().collect());
        }
        let s = if gold.format == "html" { &mut report.marsad_html } else { &mut report.marsad_dump };
        let pred_words: Vec<String> = arts.iter().flat_map(|a| a.paragraphs.iter()).flat_map(|p| words(p)).collect();
        s.add_body(&pred_words, &gold_words);
        s.timed(nanos);
        if arts.len() == gold.articles.len() {
            s.acc.count_ok += 1;
        } else {
            report.misses.push((name.clone(), format!("{} articles, gold {}", arts.len(), gold.articles.len())));
        }
        for g in &gold.articles {
            s.acc.titles += 1;
            let gw: std::collections::HashSet<String> = g.paragraphs.iter().flat_map(|p| words(p)).collect();
            let best = arts
                .iter()
                .max_by_key(|a| a.paragraphs.iter().flat_map(|p| words(p)).filter(|w| gw.contains(w)).count());
            // A page that prints no headline has an empty gold title: a title marsad marked
            // inferred (made from the lead) is its "no headline".
            let shown = |a: &&marsad_extract::Article| if a.title_inferred { String::new() } else { key(&a.title) };
            if best.is_some_and(|a| shown(a) == key(&g.title)) {
                s.acc.titles_ok += 1;
            } else {
                report
                    .misses
                    .push((name.clone(), format!("title {:?}, gold {:?}", best.map(|a| a.title.as_str()), g.title)));
            }
        }
        if arts.first().and_then(|a| a.outlet.as_ref()).is_some_and(|o| o.id == gold.outlet) {
            s.acc.outlet_ok += 1;
        }
        if let Some(d) = &gold.date {
            s.dated_pages += 1;
            let got = arts.first().and_then(|a| a.published_date).map(|d| d.to_string());
            if got.as_deref() == Some(d.as_str()) {
                s.acc.date_ok += 1;
            } else {
                report.misses.push((name.clone(), format!("date {got:?}, gold {d}")));
            }
        }
        if !gold.lines.is_empty() {
            let labels: Vec<&str> = ex.blocks.iter().map(|b| gold_label(&b.label)).collect();
            s.acc.lines += gold.lines.len().max(labels.len());
            let ok = labels.iter().zip(&gold.lines).filter(|(a, b)| **a == b.as_str()).count();
            s.acc.lines_ok += ok;
            if ok < gold.lines.len() {
                let wrong: Vec<String> = labels
                    .iter()
                    .zip(&gold.lines)
                    .enumerate()
                    .filter(|(_, (a, b))| **a != b.as_str())
                    .map(|(i, (a, b))| format!("line {i}: {a} for {b}"))
                    .take(3)
                    .collect();
                report.misses.push((name.clone(), wrong.join("; ")));
            }
        }

        // Baselines.
        if gold.format == "html" {
            let html = marsad_extract::decode::decode_html(&bytes).text;
            let b = &mut report.trafilatura_html;
            let started = Instant::now();
            let result = trafilatura::extract(&html, &trafilatura::Options::default());
            b.timed(started.elapsed().as_nanos());
            match result {
                Ok(r) => {
                    b.add_body(&words(&r.content_text), &gold_words);
                    b.acc.titles += 1;
                    if key(&r.metadata.title) == key(&gold.articles[0].title) {
                        b.acc.titles_ok += 1;
                    }
                    if let Some(d) = &gold.date {
                        b.dated_pages += 1;
                        if r.metadata.date.map(|x| x.to_string()).as_deref() == Some(d.as_str()) {
                            b.acc.date_ok += 1;
                        }
                    }
                }
                Err(_) => {
                    b.add_body(&[], &gold_words);
                    b.acc.titles += 1;
                    b.dated_pages += usize::from(gold.date.is_some());
                }
            }
        } else {
            let text = String::from_utf8_lossy(&bytes);
            let html: String = text
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| format!("<p>{}</p>\n", l.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")))
                .collect();
            let started = Instant::now();
            let good: String =
                justext::justext(&format!("<html><body>{html}</body></html>"), &stoplist, &justext::Config::default())
                    .into_iter()
                    .filter(|p| !p.is_boilerplate())
                    .map(|p| p.text + "\n")
                    .collect();
            report.justext_dump.timed(started.elapsed().as_nanos());
            report.justext_dump.add_body(&words(&good), &gold_words);
        }
    }
    report.marsad_all.merge(&report.marsad_dump);
    report.marsad_all.merge(&report.marsad_html);
    for s in [
        &mut report.marsad_dump,
        &mut report.marsad_html,
        &mut report.marsad_all,
        &mut report.justext_dump,
        &mut report.trafilatura_html,
    ] {
        s.finish();
    }
    Ok(report)
}

/// The gold file's name for a marsad line label.
fn gold_label(l: &Label) -> &'static str {
    match l {
        Label::Other => "furniture",
        l => l.as_str(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alignment_counts_characters_of_common_words_in_order() {
        let w = |s: &str| words(s);
        assert_eq!(aligned_chars(&w("قال الرئيس اليوم"), &w("قال الرئيس اليوم")), 14);
        assert_eq!(aligned_chars(&w("قال الرئيس"), &w("الرئيس قال")), 6);
        assert_eq!(aligned_chars(&w(""), &w("نص")), 0);
    }
}
