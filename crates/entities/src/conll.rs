//! Token-per-line files as ANERcorp lays them out: one token per line, optionally followed by its
//! tag (`token TAG`), a blank line between sentences.

use crate::{Error, Tag};

/// Tokens a sentence may have; a longer run without a blank line is cut into sentences of this
/// size, so one file without blank lines cannot make a single unbounded sequence (ANERcorp's
/// longest sentence has a few hundred tokens).
pub const MAX_SENTENCE_TOKENS: usize = 1000;

/// A sentence: its tokens and, in a labelled file, their tags.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    /// The tokens, as written.
    pub tokens: Vec<String>,
    /// One tag per token, when the file gives them.
    pub tags: Vec<Tag>,
}

/// Reads a token-per-line text. With `tagged`, every non-blank line must end with a tag (`token
/// TAG`); without, the first field of each line is the token and the rest is ignored. Errors name
/// the line.
pub fn read(text: &str, tagged: bool) -> Result<Vec<Sentence>, Error> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (no, line) in text.lines().enumerate() {
        let mut fields = line.split_whitespace();
        let Some(token) = fields.next() else {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        };
        if tagged {
            let tag = fields.last().ok_or(Error::MissingTag { line: no + 1 })?;
            let tag = tag.parse::<Tag>().map_err(|_| Error::BadTagAt { line: no + 1, tag: tag.to_string() })?;
            cur.tags.push(tag);
        }
        cur.tokens.push(token.to_string());
        if cur.tokens.len() == MAX_SENTENCE_TOKENS {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_at_blank_lines() {
        let s = read("كيم B-PERS\nيزور O\n\nموسكو B-LOC\n", true).expect("read");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].tokens, ["كيم", "يزور"]);
        assert_eq!(s[1].tags, [Tag::Begin(crate::EntityKind::Location)]);
    }

    #[test]
    fn a_missing_or_unknown_tag_names_its_line() {
        assert!(matches!(read("كيم B-PERS\nيزور\n", true), Err(Error::MissingTag { line: 2 })));
        assert!(matches!(read("كيم B-PERSON\n", true), Err(Error::BadTagAt { line: 1, .. })));
        // Untagged reading ignores what follows the token.
        assert_eq!(read("كيم B-PERSON\n", false).expect("read")[0].tokens, ["كيم"]);
    }

    #[test]
    fn a_file_without_blank_lines_is_cut_into_bounded_sentences() {
        let text = "كلمة O\n".repeat(MAX_SENTENCE_TOKENS * 2 + 3);
        let s = read(&text, true).expect("read");
        assert_eq!(s.iter().map(|s| s.tokens.len()).collect::<Vec<_>>(), [MAX_SENTENCE_TOKENS, MAX_SENTENCE_TOKENS, 3]);
    }
}
