//! Entity kinds and the BIO tags a sequence model puts on tokens (ANERcorp's tag set).

use std::fmt;
use std::str::FromStr;

use crate::Error;

/// What an entity is: ANERcorp's four kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    /// A person: «فلاديمير بوتين».
    Person,
    /// A place: a country, a city, a region, a river.
    Location,
    /// An organisation: a party, a ministry, an agency, a company, a team.
    Organization,
    /// Another named thing: an event, a nationality used as a name, a product.
    Misc,
}

impl EntityKind {
    /// Every kind, in a fixed order (for reports).
    pub const ALL: [EntityKind; 4] = [Self::Person, Self::Location, Self::Organization, Self::Misc];

    /// The kind's code in ANERcorp's tags (`PERS`, `LOC`, `ORG`, `MISC`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Person => "PERS",
            Self::Location => "LOC",
            Self::Organization => "ORG",
            Self::Misc => "MISC",
        }
    }

    /// The kind of a code (`PERS`, `LOC`, `ORG`, `MISC`; `PER` too).
    pub fn from_code(code: &str) -> Option<Self> {
        Some(match code {
            "PERS" | "PER" => Self::Person,
            "LOC" => Self::Location,
            "ORG" => Self::Organization,
            "MISC" => Self::Misc,
            _ => return None,
        })
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A token's tag: outside any entity, or the beginning or inside of one (the BIO scheme).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    /// Not part of an entity (`O`).
    Outside,
    /// The first token of an entity (`B-PERS` …).
    Begin(EntityKind),
    /// A later token of an entity (`I-PERS` …).
    Inside(EntityKind),
}

impl Tag {
    /// The entity kind this tag is part of, if any.
    pub fn kind(self) -> Option<EntityKind> {
        match self {
            Self::Outside => None,
            Self::Begin(k) | Self::Inside(k) => Some(k),
        }
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Outside => f.write_str("O"),
            Self::Begin(k) => write!(f, "B-{k}"),
            Self::Inside(k) => write!(f, "I-{k}"),
        }
    }
}

impl FromStr for Tag {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s == "O" {
            return Ok(Self::Outside);
        }
        let bad = || Error::BadTag(s.to_string());
        let (bi, code) = s.split_once('-').ok_or_else(bad)?;
        let kind = EntityKind::from_code(code).ok_or_else(bad)?;
        match bi {
            "B" => Ok(Self::Begin(kind)),
            "I" => Ok(Self::Inside(kind)),
            _ => Err(bad()),
        }
    }
}

/// An entity found in a sequence of tokens: its kind and the token range `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// What it is.
    pub kind: EntityKind,
}

/// The entities a tag sequence marks, by the CoNLL rule: an entity starts at `B-X`, or at an
/// `I-X` that does not continue an entity of kind X, and runs over the `I-X` after it.
pub fn spans(tags: &[Tag]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityKind)> = None;
    for (i, t) in tags.iter().enumerate() {
        let continues = matches!((open, t), (Some((_, k)), Tag::Inside(j)) if k == *j);
        if continues {
            continue;
        }
        if let Some((start, kind)) = open.take() {
            out.push(Span { start, end: i, kind });
        }
        open = t.kind().map(|k| (i, k));
    }
    if let Some((start, kind)) = open {
        out.push(Span { start, end: tags.len(), kind });
    }
    out
}

/// Tags written as ANERcorp writes them, space-separated (for tests).
#[cfg(test)]
pub(crate) fn parse_tags(s: &str) -> Vec<Tag> {
    s.split_whitespace().map(|t| t.parse().expect("tag")).collect()
}

#[cfg(test)]
mod tests {
    use super::parse_tags as tags;
    use super::*;

    #[test]
    fn tags_read_and_print_as_anercorp_writes_them() {
        for t in ["O", "B-PERS", "I-LOC", "B-ORG", "I-MISC"] {
            assert_eq!(t.parse::<Tag>().expect("tag").to_string(), t);
        }
        assert!("B-PLACE".parse::<Tag>().is_err());
        assert!("X-PERS".parse::<Tag>().is_err());
    }

    #[test]
    fn spans_follow_the_conll_rule() {
        let s = spans(&tags("B-PERS I-PERS O B-LOC B-LOC I-ORG I-ORG O I-PERS"));
        let got: Vec<(usize, usize, &str)> = s.iter().map(|s| (s.start, s.end, s.kind.code())).collect();
        assert_eq!(got, [(0, 2, "PERS"), (3, 4, "LOC"), (4, 5, "LOC"), (5, 7, "ORG"), (8, 9, "PERS")]);
    }
}
