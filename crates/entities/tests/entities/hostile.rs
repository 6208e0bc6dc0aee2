//! Hostile text never panics the annotator: random mixes of Arabic letters with clitics,
//! quotation marks opened and never closed, bidi controls, combining marks, emoji and
//! punctuation, in blocks of every length.

use marsad_entities::Annotator;

/// A small deterministic generator (no seed file, no dependency): xorshift.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() % from.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "قال",
    "وأضاف",
    "إن",
    "أن",
    "بوتين",
    "لبوتين",
    "فلاديمير",
    "كيم",
    "جونغ",
    "أون",
    "الرئيس",
    "الروسي",
    "المتحدث",
    "باسم",
    "الكرملين",
    "«",
    "»",
    "\"",
    "“",
    "”",
    ":",
    "،",
    ".",
    "؟",
    "!",
    "-",
    "(",
    ")",
    "\u{200F}",
    "\u{202E}",
    "\u{0651}",
    "ـــ",
    "😀",
    "و",
    "ل",
    "ب",
    "ال",
    "لل",
    "بال",
    "موضحا",
    "بقوله",
    "  ",
    "\n",
    "a",
    "CNN",
    "2018",
    "…",
];

#[test]
fn random_hostile_blocks_never_panic() {
    let annotator = Annotator::shipped().expect("the shipped model loads");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for round in 0..400 {
        let blocks: Vec<String> = (0..1 + rng.next() % 4)
            .map(|_| {
                (0..rng.next() % 60).map(|_| rng.pick(PIECES)).collect::<Vec<_>>().join(if round % 3 == 0 {
                    ""
                } else {
                    " "
                })
            })
            .collect();
        let a = annotator.annotate(&blocks);
        for m in &a.mentions {
            assert!(blocks[m.block].get(m.range.clone()).is_some(), "mention outside its block: {blocks:?}");
            assert!(m.entity < a.entities.len());
        }
        for q in &a.quotes {
            assert!(blocks[q.block].get(q.range.clone()).is_some(), "quotation outside its block: {blocks:?}");
            assert!(q.speaker.is_none_or(|s| s < a.entities.len()));
        }
    }
}
