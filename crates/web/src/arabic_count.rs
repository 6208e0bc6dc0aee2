//! Counted nouns in Arabic: «مقال واحد», «مقالان», «3 مقالات», «11 مقالًا», «100 مقال».
//!
//! Arabic chooses the noun's form by the number, and every count the reader shows goes through
//! [`count`] so that none is left as «1 مصادر» or «31 مقالات». The forms follow the grammar of
//! numerals as the CLDR plural categories for Arabic encode it, by the last two digits:
//!
//! | n (by `n % 100`) | form | example |
//! | --- | --- | --- |
//! | 0 (only zero itself) | «لا» + plural | «لا مقالات» |
//! | 1 (only one itself) | singular + «واحد/واحدة», no digit | «مقال واحد» |
//! | 2 (only two itself) | dual, no digit | «مقالان» |
//! | 3–10 | plural (genitive) | «3 مقالات», «103 مقالات» |
//! | 11–99 | singular accusative (tamyiz) | «11 مقالًا», «99 مقالًا», «111 مقالًا» |
//! | 00, 01, 02 past 100 | singular genitive | «100 مقال», «101 مقال», «102 مقال» |
//!
//! Numbers are written in Western digits (as the outlets print them) inside a left-to-right
//! isolate, so that a grouped «1,234» keeps its order inside right-to-left text.

use std::fmt;

/// The forms of one noun that counting needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Noun {
    /// One: the singular with «واحد»/«واحدة» agreeing with it, written whole: «مقال واحد».
    pub one: &'static str,
    /// Two: the dual, which carries the number itself: «مقالان».
    pub two: &'static str,
    /// 3–10 (and n % 100 in 3..=10): the plural: «مقالات».
    pub few: &'static str,
    /// 11–99 (and n % 100 in 11..=99): the singular accusative: «مقالًا».
    pub many: &'static str,
    /// 100, 101, 102, 1000…: the singular genitive: «مقال».
    pub other: &'static str,
}

/// «مقال».
pub const ARTICLES: Noun = Noun {
    one: "مقال واحد", two: "مقالان", few: "مقالات", many: "مقالًا", other: "مقال"
};
/// «مصدر» (an outlet).
pub const OUTLETS: Noun =
    Noun { one: "مصدر واحد", two: "مصدران", few: "مصادر", many: "مصدرًا", other: "مصدر" };
/// «قصة».
pub const STORIES: Noun =
    Noun { one: "قصة واحدة", two: "قصتان", few: "قصص", many: "قصة", other: "قصة" };
/// «نتيجة» (a search hit).
pub const RESULTS: Noun = Noun {
    one: "نتيجة واحدة", two: "نتيجتان", few: "نتائج", many: "نتيجة", other: "نتيجة"
};
/// «إشارة» (a mention of a name).
pub const MENTIONS: Noun = Noun {
    one: "إشارة واحدة", two: "إشارتان", few: "إشارات", many: "إشارةً", other: "إشارة"
};
/// «تصريح» (a quotation).
pub const QUOTES: Noun = Noun {
    one: "تصريح واحد", two: "تصريحان", few: "تصريحات", many: "تصريحًا", other: "تصريح"
};
/// «ساعة».
pub const HOURS: Noun =
    Noun { one: "ساعة واحدة", two: "ساعتان", few: "ساعات", many: "ساعة", other: "ساعة" };
/// «ملّي ثانية».
pub const MILLISECONDS: Noun =
    Noun {
        one: "ملّي ثانية واحدة", two: "ملّي ثانيتان", few: "ملّي ثوانٍ", many: "ملّي ثانية", other: "ملّي ثانية"
    };

/// The grammatical category a number puts its noun in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// Zero.
    Zero,
    /// Exactly one.
    One,
    /// Exactly two.
    Two,
    /// n % 100 in 3..=10.
    Few,
    /// n % 100 in 11..=99.
    Many,
    /// Everything else: 100, 101, 102, 200, 1000…
    Other,
}

/// The category of `n`.
pub fn category(n: u64) -> Category {
    match (n, n % 100) {
        (0, _) => Category::Zero,
        (1, _) => Category::One,
        (2, _) => Category::Two,
        (_, 3..=10) => Category::Few,
        (_, 11..=99) => Category::Many,
        _ => Category::Other,
    }
}

/// A number of things, ready to show: [`fmt::Display`] writes HTML (the digits in a `<bdi
/// dir="ltr">`), [`Count::plain`] text for places that take no markup (a page title).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    n: u64,
    noun: &'static Noun,
}

/// `n` things named by `noun`.
pub fn count(n: u64, noun: &'static Noun) -> Count {
    Count { n, noun }
}

impl Count {
    /// The digits (grouped) and the noun form; no digits for zero, one and two, whose words say
    /// the number.
    fn parts(&self) -> (Option<String>, &'static str, bool) {
        let noun = self.noun;
        match category(self.n) {
            Category::Zero => (None, noun.few, true),
            Category::One => (None, noun.one, false),
            Category::Two => (None, noun.two, false),
            Category::Few => (Some(grouped(self.n)), noun.few, false),
            Category::Many => (Some(grouped(self.n)), noun.many, false),
            Category::Other => (Some(grouped(self.n)), noun.other, false),
        }
    }

    /// As text without markup, the digits between Unicode LEFT-TO-RIGHT ISOLATE and POP
    /// DIRECTIONAL ISOLATE (the plain-text form of `<bdi dir="ltr">`).
    pub fn plain(&self) -> String {
        match self.parts() {
            (_, noun, true) => format!("لا {noun}"),
            (Some(d), noun, _) => format!("\u{2066}{d}\u{2069} {noun}"),
            (None, noun, _) => noun.to_string(),
        }
    }
}

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.parts() {
            (_, noun, true) => write!(f, "لا {noun}"),
            (Some(d), noun, _) => write!(f, "<bdi dir=\"ltr\">{d}</bdi> {noun}"),
            (None, noun, _) => f.write_str(noun),
        }
    }
}

/// Only digits, commas and the fixed nouns above are written: nothing to escape.
impl askama::filters::HtmlSafe for Count {}

/// `1234567` as `1,234,567`.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(n: u64, noun: &'static Noun) -> String {
        count(n, noun).plain().replace(['\u{2066}', '\u{2069}'], "")
    }

    #[test]
    fn one_outlet_one_article_is_not_1_masadir_1_maqalat() {
        assert_eq!(text(1, &OUTLETS), "مصدر واحد");
        assert_eq!(text(1, &ARTICLES), "مقال واحد");
        assert_eq!(text(1, &STORIES), "قصة واحدة");
    }

    #[test]
    fn thirty_one_articles_is_accusative_singular_not_plural() {
        assert_eq!(text(31, &ARTICLES), "31 مقالًا");
    }

    #[test]
    fn every_category_of_the_grammar() {
        let cases = [
            (0, "لا مقالات"),
            (1, "مقال واحد"),
            (2, "مقالان"),
            (3, "3 مقالات"),
            (10, "10 مقالات"),
            (11, "11 مقالًا"),
            (99, "99 مقالًا"),
            (100, "100 مقال"),
            (101, "101 مقال"),
            (102, "102 مقال"),
            (103, "103 مقالات"),
            (110, "110 مقالات"),
            (111, "111 مقالًا"),
            (200, "200 مقال"),
            (1000, "1,000 مقال"),
            (1002, "1,002 مقال"),
            (1011, "1,011 مقالًا"),
            (2_000_005, "2,000,005 مقالات"),
        ];
        for (n, want) in cases {
            assert_eq!(text(n, &ARTICLES), want, "{n}");
        }
        assert_eq!(text(2, &OUTLETS), "مصدران");
        assert_eq!(text(5, &OUTLETS), "5 مصادر");
        assert_eq!(text(12, &OUTLETS), "12 مصدرًا");
        assert_eq!(text(48, &HOURS), "48 ساعة");
        assert_eq!(text(2, &RESULTS), "نتيجتان");
        assert_eq!(text(7, &RESULTS), "7 نتائج");
    }

    #[test]
    fn digits_are_in_a_left_to_right_isolate() {
        assert_eq!(count(1234, &ARTICLES).to_string(), "<bdi dir=\"ltr\">1,234</bdi> مقالًا");
        assert_eq!(count(1, &ARTICLES).to_string(), "مقال واحد");
        assert_eq!(count(7, &STORIES).plain(), "\u{2066}7\u{2069} قصص");
    }
}
