//! Lines an outlet prints on many of its pages — navigation, footers, standing "latest" and "most
//! read" lists — learned from the outlet's own history rather than from a fixed list of headings.
//!
//! For each outlet: how many pages were seen, and on how many of them each short line appeared
//! (lines are keyed by a hash of their normalised text). The store persists the counts; ingest
//! feeds them; extraction consults them.

use std::collections::{HashMap, HashSet};

/// Lines longer than this many words are text, never boilerplate; they are not counted.
pub const MAX_LINE_WORDS: usize = 15;
/// An outlet needs this many pages seen before its history is trusted.
pub const MIN_PAGES: u32 = 5;
/// A line on at least this many of the outlet's pages …
pub const MIN_LINE_PAGES: u32 = 3;
/// … and on at least this share of them is boilerplate.
pub const MIN_SHARE: f32 = 0.2;

/// Per-outlet line counts.
#[derive(Debug, Clone, Default)]
pub struct LineStats {
    outlets: HashMap<String, OutletLines>,
}

/// One outlet's counts.
#[derive(Debug, Clone, Default)]
pub struct OutletLines {
    /// Pages seen.
    pub pages: u32,
    /// Line hash → pages it appeared on.
    pub lines: HashMap<u64, u32>,
}

/// The hash under which a line is counted: normalised letters and digits only.
pub fn line_hash(line: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(crate::keys::key(line).as_bytes())
}

/// The distinct countable lines of a page: short, non-empty.
pub fn page_lines(text: &str) -> HashSet<u64> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && l.split_whitespace().count() <= MAX_LINE_WORDS)
        .map(line_hash)
        .collect()
}

impl LineStats {
    /// Adds one outlet's stored counts.
    pub fn insert(&mut self, outlet: String, lines: OutletLines) {
        self.outlets.insert(outlet, lines);
    }

    /// Records a page of an outlet.
    pub fn observe(&mut self, outlet: &str, lines: &HashSet<u64>) {
        let o = self.outlets.entry(outlet.to_string()).or_default();
        o.pages += 1;
        for h in lines {
            *o.lines.entry(*h).or_default() += 1;
        }
    }

    /// True when the outlet has enough history and prints this line on many of its pages.
    pub fn is_repeated(&self, outlet: &str, line: &str) -> bool {
        let Some(o) = self.outlets.get(outlet) else { return false };
        if o.pages < MIN_PAGES || line.split_whitespace().count() > MAX_LINE_WORDS {
            return false;
        }
        let n = o.lines.get(&line_hash(line)).copied().unwrap_or(0);
        n >= MIN_LINE_PAGES && n as f32 >= MIN_SHARE * o.pages as f32
    }

    /// True when marsad has history for this outlet.
    pub fn knows(&self, outlet: &str) -> bool {
        self.outlets.get(outlet).is_some_and(|o| o.pages >= MIN_PAGES)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_on_most_pages_are_repeated() {
        let mut s = LineStats::default();
        for i in 0..10 {
            let page = format!("الرئيسية | سياسة | اقتصاد\nخبر رقم {i}\nجميع الحقوق لموقعنا ٢٠١٨\n");
            s.observe("x", &page_lines(&page));
        }
        assert!(s.is_repeated("x", "الرئيسية | سياسة | اقتصاد"));
        assert!(s.is_repeated("x", "جميع الحقوق لموقعنا 2018"));
        assert!(!s.is_repeated("x", "خبر رقم 3"));
        assert!(!s.is_repeated("y", "الرئيسية | سياسة | اقتصاد"));
    }

    #[test]
    fn no_verdict_without_history() {
        let mut s = LineStats::default();
        for _ in 0..3 {
            s.observe("x", &page_lines("سطر متكرر"));
        }
        assert!(!s.is_repeated("x", "سطر متكرر"));
    }
}
