//! Places the recogniser knows by name before it reads a word of the news: the countries and
//! territories, and the cities that name the world's time zones, as Unicode CLDR writes them in
//! Arabic (`marsad ner places` writes them from the icu crates' data into `data/places.tsv`).
//!
//! A run of tokens that spells one of them is marked ([`Gazetteer::marks`]); after tagging, a run
//! of two words or more is read as that place (`annotate::known_places`). A name of several words
//! is matched by its words' name frames (the skeletons linking uses, «ع» read as «غ»), so
//! «بيونج يانج» is found by CLDR's «بيونغ يانغ»; a name of one word only by its own letters
//! without clitics («وبموسكو» → «موسكو»): one word's skeleton is too coarse, and one word is left
//! to the tagger anyway. The marks were tried as CRF features too, and not kept: chosen on the
//! held-out tenth of ANERcorp's training split they gave 0.727 against 0.728 without (the test
//! split 0.691 against 0.696) — ANERcorp's places are mostly the common ones the model knows.

use rustc_hash::FxHashMap as HashMap;

use crate::features::bare_form;
use crate::names::frame as name_frame;
use marsad_text::normalize;

/// The shipped list: one name per line, a tab, and what it names (`country` or `city`).
static PLACES: &str = include_str!("../data/places.tsv");

/// The longest name matched, in words (CLDR's longest Arabic place names have six).
const MAX_WORDS: usize = 8;

/// Where a token stands in a run that spells a known place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// The run's first word.
    Begin,
    /// A later word of the run.
    Inside,
}

impl Mark {
    /// The mark as a feature value.
    pub fn code(self) -> &'static str {
        match self {
            Mark::Begin => "B",
            Mark::Inside => "I",
        }
    }
}

/// The keys a token is looked up by: its bare form (one-word names) and its name frame (a word of
/// a longer name).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TokenKeys {
    /// Normalised, clitics off.
    pub bare: String,
    /// The name frame of the normalised form.
    pub frame: String,
}

impl TokenKeys {
    /// The keys of a normalised token.
    pub fn of(norm: &str) -> Self {
        Self { bare: bare_form(norm), frame: name_frame(norm) }
    }
}

/// The known places, indexed for matching runs of tokens.
#[derive(Debug, Default)]
pub struct Gazetteer {
    /// One-word names by bare form.
    single: rustc_hash::FxHashSet<String>,
    /// Longer names by their first word's frame: the frames of every word, longest name first.
    multi: HashMap<String, Vec<Vec<String>>>,
}

impl Gazetteer {
    /// A gazetteer of the names in `text` (the layout of `data/places.tsv`; blank lines and
    /// lines starting with `#` are skipped).
    pub fn parse(text: &str) -> Self {
        let mut g = Gazetteer::default();
        for line in text.lines() {
            let name = line.split('\t').next().unwrap_or("").trim();
            if name.is_empty() || name.starts_with('#') {
                continue;
            }
            g.add(name);
        }
        for names in g.multi.values_mut() {
            names.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
            names.dedup();
        }
        g
    }

    fn add(&mut self, name: &str) {
        let words: Vec<String> = name
            .split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty())
            .map(normalize)
            .filter(|w| !w.is_empty())
            .collect();
        match words.as_slice() {
            [] => {}
            [one] => {
                self.single.insert(bare_form(one));
            }
            many if many.len() <= MAX_WORDS => {
                let frames: Vec<String> = many.iter().map(|w| name_frame(w)).collect();
                self.multi.entry(frames[0].clone()).or_default().push(frames);
            }
            _ => {}
        }
    }

    /// The shipped gazetteer, read once.
    pub fn shipped() -> &'static Gazetteer {
        static G: std::sync::OnceLock<Gazetteer> = std::sync::OnceLock::new();
        G.get_or_init(|| Gazetteer::parse(PLACES))
    }

    /// How many names it holds.
    pub fn len(&self) -> usize {
        self.single.len() + self.multi.values().map(Vec::len).sum::<usize>()
    }

    /// True when it holds no name.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The mark of every token: the longest known name starting at a token wins, and a run,
    /// once matched, is not matched again from inside.
    pub fn marks<K: std::borrow::Borrow<TokenKeys>>(&self, tokens: &[K]) -> Vec<Option<Mark>> {
        let mut out = vec![None; tokens.len()];
        let mut i = 0;
        while i < tokens.len() {
            let len = self.match_at(tokens, i);
            if len > 0 {
                out[i] = Some(Mark::Begin);
                for m in &mut out[i + 1..i + len] {
                    *m = Some(Mark::Inside);
                }
            }
            // Advances by at least one token every round.
            i += len.max(1);
        }
        out
    }

    /// The length in tokens of the longest name starting at token `i`, or 0.
    fn match_at<K: std::borrow::Borrow<TokenKeys>>(&self, tokens: &[K], i: usize) -> usize {
        let first = tokens[i].borrow();
        if let Some(names) = self.multi.get(&first.frame) {
            let fits = |name: &Vec<String>| {
                i + name.len() <= tokens.len()
                    && name.iter().zip(&tokens[i..]).skip(1).all(|(f, t)| *f == t.borrow().frame)
            };
            if let Some(name) = names.iter().find(|n| fits(n)) {
                return name.len();
            }
        }
        usize::from(self.single.contains(&first.bare))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(g: &Gazetteer, text: &str) -> Vec<Option<&'static str>> {
        let keys: Vec<TokenKeys> = text.split(' ').map(|t| TokenKeys::of(&normalize(t))).collect();
        g.marks(&keys).into_iter().map(|m| m.map(Mark::code)).collect()
    }

    #[test]
    fn a_name_of_several_words_is_found_in_another_spelling_and_with_clitics() {
        let g = Gazetteer::parse("بيونغ يانغ\tcity\nموسكو\tcity\n");
        assert_eq!(marks(&g, "بين موسكو وبيونج يانج يقع"), [None, Some("B"), Some("B"), Some("I"), None]);
        assert_eq!(marks(&g, "إلى بيونغ يانع ،"), [None, Some("B"), Some("I"), None]);
    }

    #[test]
    fn a_name_of_one_word_is_matched_by_its_letters_not_its_skeleton() {
        let g = Gazetteer::parse("موسكو\tcity\nحلب\tcity\n");
        assert_eq!(marks(&g, "وبموسكو"), [Some("B")]);
        // «حلب» and «جلب» share a skeleton; only the city's letters are the city.
        assert_eq!(marks(&g, "جلب حلب"), [None, Some("B")]);
    }

    #[test]
    fn the_longest_name_wins() {
        let g = Gazetteer::parse("كوريا\tcountry\nكوريا الشمالية\tcountry\n");
        assert_eq!(marks(&g, "في كوريا الشمالية اليوم"), [None, Some("B"), Some("I"), None]);
        assert_eq!(marks(&g, "في كوريا اليوم"), [None, Some("B"), None]);
    }

    #[test]
    fn the_shipped_list_holds_countries_and_cities() {
        let g = Gazetteer::shipped();
        assert!(g.len() > 500, "{}", g.len());
        assert_eq!(marks(g, "كوريا الشمالية"), [Some("B"), Some("I")]);
        assert_eq!(marks(g, "سول"), [Some("B")]);
    }
}
