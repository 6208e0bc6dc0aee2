//! Splitting text into tokens as ANERcorp does: punctuation apart, clitics left on their word
//! («وبوتين» stays one token: the model learnt names with their clitics on).

/// The tokens of a text, in order.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for word in text.split_whitespace() {
        let mut start = 0;
        for (i, c) in word.char_indices() {
            if is_split(c) {
                if start < i {
                    out.push(&word[start..i]);
                }
                out.push(&word[i..i + c.len_utf8()]);
                start = i + c.len_utf8();
            }
        }
        if start < word.len() {
            out.push(&word[start..]);
        }
    }
    out
}

/// Punctuation that stands as its own token; a full stop inside a number («2.5») splits too,
/// as in ANERcorp.
fn is_split(c: char) -> bool {
    matches!(
        c,
        '،' | '؛'
            | '؟'
            | '.'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '('
            | ')'
            | '['
            | ']'
            | '«'
            | '»'
            | '"'
            | '“'
            | '”'
            | '\''
            | '/'
            | '-'
            | '–'
            | '—'
            | '…'
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn punctuation_apart_clitics_on() {
        assert_eq!(
            super::tokens("قال «بوتين»: وبموسكو، نعم."),
            ["قال", "«", "بوتين", "»", ":", "وبموسكو", "،", "نعم", "."]
        );
    }
}
