//! Normalised comparison keys: the one place where names, headings, labels and lines are reduced
//! to what two spellings of them have in common, so that «أخبار ذات صلة» and «اخبار ذات صلة:» meet.
//!
//! [`key`] is the key almost everything compares by. Outlet names and section labels need keys
//! that differ from it on purpose; they are named variants here ([`name_key`], [`label_key`]) so
//! that every normalisation of the crate is in one file and no module borrows another's.

use marsad_text::normalize;

/// The general key: [`marsad_text::normalize`]d, every character that is not a letter or a digit
/// turned into a space, runs of spaces squashed. Used for page lines (headings, furniture,
/// crumbs), line statistics, source and agency names.
pub fn key(s: &str) -> String {
    let n = normalize(s);
    let cleaned: String = n.chars().map(|c| if marsad_text::normalize::is_alnum(c) { c } else { ' ' }).collect();
    marsad_text::squash_whitespace(&cleaned)
}

/// The key of an outlet name, id, alias or host: normalised, with only `.`, `-` and `_` turned
/// into spaces (so `arabic.rt.com`, `rt-arabic` and «ار تي» are compared by their words). Other
/// punctuation is kept, unlike [`key`]: a registry name is matched as a whole, and a line that
/// wraps a name in quotes or brackets is not that name's header.
pub fn name_key(s: &str) -> String {
    marsad_text::squash_whitespace(&normalize(s).replace(['.', '-', '_'], " "))
}

/// The key of a section label: normalised and trimmed, a trailing `:`, `.`, `»` or `>` dropped,
/// and the article «ال» peeled when at least three letters remain («الرياضة» and «رياضة» are one
/// label). Unlike [`key`], inner punctuation is kept (`culture-and-art`).
pub fn label_key(label: &str) -> String {
    let n = normalize(label.trim());
    let n = n.trim_end_matches([':', '：', '.', '»', '>']).trim();
    let n = n.strip_prefix("ال").filter(|r| r.chars().count() >= 3).unwrap_or(n);
    marsad_text::squash_whitespace(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_keys_differ_where_they_should() {
        assert_eq!(key("«أخبار ذات صلة»:"), key("اخبار ذات صلة"));
        assert_eq!(name_key("arabic.rt.com"), name_key("arabic rt com"));
        assert_ne!(name_key("«سام برس»"), name_key("سام برس"));
        assert_eq!(label_key("الرياضة:"), label_key("رياضة"));
        assert_eq!(label_key("culture-and-art"), "culture-and-art");
    }
}
