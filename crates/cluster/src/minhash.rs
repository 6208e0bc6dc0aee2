//! MinHash sketches over word shingles, and an LSH index that finds near-duplicate texts (copies
//! and republications) in constant time per article.

use std::collections::HashMap;

use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Hashes per sketch.
pub const HASHES: usize = 64;
/// LSH bands; `HASHES / BANDS` rows each. 16 × 4 finds pairs above ~0.5 Jaccard with high
/// probability; candidates are then verified against [`COPY_JACCARD`].
pub const BANDS: usize = 16;
const ROWS: usize = HASHES / BANDS;
/// Words per shingle.
pub const SHINGLE: usize = 3;
/// Estimated Jaccard similarity from which two texts are copies of one another (a republication
/// with a changed intro or a few edited words stays above it; two reports of one event do not).
pub const COPY_JACCARD: f32 = 0.6;
/// Texts shorter than this many words have too few shingles to compare.
pub const MIN_WORDS: usize = 12;

/// Fixed (odd multiplier, offset) pairs, one per hash slot, from a SplitMix64 sequence: the same
/// on every run, so sketches stored yesterday compare with today's.
fn permutations() -> &'static [(u64, u64); HASHES] {
    static P: std::sync::OnceLock<[(u64, u64); HASHES]> = std::sync::OnceLock::new();
    P.get_or_init(|| {
        let mut state: u64 = 0x6d61_7273_6164; // "marsad"
        let mut next = || {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        };
        let mut p = [(0u64, 0u64); HASHES];
        for slot in p.iter_mut() {
            *slot = (next() | 1, next());
        }
        p
    })
}

/// A MinHash sketch of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sketch(pub [u32; HASHES]);

impl Sketch {
    /// Sketches a text: normalised words (letter variants, diacritics and punctuation ignored), in
    /// overlapping shingles of [`SHINGLE`] words. `None` for texts too short to compare.
    pub fn of(text: &str) -> Option<Sketch> {
        let words: Vec<String> = marsad_text::words(text)
            .filter_map(|w| marsad_text::analyze_word(w.text, marsad_text::Analysis::Plain))
            .collect();
        if words.len() < MIN_WORDS {
            return None;
        }
        let mut mins = [u32::MAX; HASHES];
        let mut buf = String::new();
        for window in words.windows(SHINGLE) {
            buf.clear();
            for w in window {
                buf.push_str(w);
                buf.push(' ');
            }
            let base = xxhash_rust::xxh3::xxh3_64(buf.as_bytes());
            for (m, (a, b)) in mins.iter_mut().zip(permutations().iter()) {
                // One base hash, remixed per slot by multiply-shift: cheap and independent enough.
                let h = (a.wrapping_mul(base).wrapping_add(*b) >> 32) as u32;
                if h < *m {
                    *m = h;
                }
            }
        }
        Some(Sketch(mins))
    }

    /// Estimated Jaccard similarity of the two shingle sets.
    pub fn jaccard(&self, other: &Sketch) -> f32 {
        self.0.iter().zip(other.0.iter()).filter(|(a, b)| a == b).count() as f32 / HASHES as f32
    }

    fn band(&self, b: usize) -> u64 {
        let mut bytes = [0u8; ROWS * 4];
        for (i, v) in self.0[b * ROWS..(b + 1) * ROWS].iter().enumerate() {
            bytes[i * 4..i * 4 + 4].copy_from_slice(&v.to_le_bytes());
        }
        xxh3_64_with_seed(&bytes, b as u64)
    }

    /// Serialises to 256 bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// Reads what [`Sketch::to_bytes`] wrote.
    pub fn from_bytes(b: &[u8]) -> Option<Sketch> {
        if b.len() != HASHES * 4 {
            return None;
        }
        let mut s = [0u32; HASHES];
        for (i, c) in b.chunks_exact(4).enumerate() {
            s[i] = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        }
        Some(Sketch(s))
    }
}

/// Finds earlier sketches similar to a new one.
#[derive(Debug, Default)]
pub struct LshIndex {
    buckets: HashMap<(u8, u64), Vec<i64>>,
    sketches: HashMap<i64, (Sketch, i64)>,
}

impl LshIndex {
    /// Adds an article's sketch, with its time (for eviction).
    pub fn insert(&mut self, id: i64, sketch: Sketch, time: i64) {
        for b in 0..BANDS {
            self.buckets.entry((b as u8, sketch.band(b))).or_default().push(id);
        }
        self.sketches.insert(id, (sketch, time));
    }

    /// The most similar earlier article at or above [`COPY_JACCARD`], with its similarity.
    pub fn best_match(&self, sketch: &Sketch) -> Option<(i64, f32)> {
        let mut best: Option<(i64, f32)> = None;
        let mut seen: Vec<i64> = Vec::new();
        for b in 0..BANDS {
            let Some(ids) = self.buckets.get(&(b as u8, sketch.band(b))) else { continue };
            for &id in ids {
                if seen.contains(&id) {
                    continue;
                }
                seen.push(id);
                if let Some((s, _)) = self.sketches.get(&id) {
                    let j = s.jaccard(sketch);
                    // Ties go to the earliest article, the likely original.
                    if j >= COPY_JACCARD && best.is_none_or(|(bid, bj)| j > bj || (j == bj && id < bid)) {
                        best = Some((id, j));
                    }
                }
            }
        }
        best
    }

    /// Forgets sketches older than `before`.
    pub fn evict(&mut self, before: i64) {
        let old: Vec<i64> = self.sketches.iter().filter(|(_, (_, t))| *t < before).map(|(id, _)| *id).collect();
        if old.is_empty() {
            return;
        }
        for id in &old {
            self.sketches.remove(id);
        }
        self.buckets.retain(|_, ids| {
            ids.retain(|id| !old.contains(id));
            !ids.is_empty()
        });
    }

    /// Every sketch held, with its article id and time.
    pub fn iter(&self) -> impl Iterator<Item = (i64, &Sketch, i64)> {
        self.sketches.iter().map(|(id, (s, t))| (*id, s, *t))
    }

    /// Sketches held.
    pub fn len(&self) -> usize {
        self.sketches.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.sketches.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "أعلن الكرملين أن الزعيم الكوري الشمالي كيم جونغ أون سيزور روسيا في الأيام المقبلة \
                        بدعوة من الرئيس فلاديمير بوتين لبحث التعاون العسكري والاقتصادي بين البلدين. وقال المتحدث \
                        باسم الرئاسة الروسية إن موعد الزيارة ومكانها لم يحددا بعد لأسباب أمنية، مشيرا إلى أن \
                        الجانبين سيبحثان أيضا الوضع في شبه الجزيرة الكورية والعلاقات التجارية.";

    #[test]
    fn one_changed_word_is_still_a_copy() {
        let a = Sketch::of(TEXT).unwrap();
        let b = Sketch::of(&TEXT.replace("المقبلة", "القادمة")).unwrap();
        assert!(a.jaccard(&b) >= COPY_JACCARD, "{}", a.jaccard(&b));
        let mut idx = LshIndex::default();
        idx.insert(1, a, 0);
        assert_eq!(idx.best_match(&b).map(|m| m.0), Some(1));
    }

    #[test]
    fn different_texts_are_not_copies() {
        let a = Sketch::of(TEXT).unwrap();
        let c = Sketch::of(
            "قالت وزارة الصحة إن عدد الإصابات بالإنفلونزا تراجع خلال الأسبوع الماضي في معظم المحافظات مع تحسن الطقس",
        )
        .unwrap();
        assert!(a.jaccard(&c) < 0.2);
        let mut idx = LshIndex::default();
        idx.insert(1, a, 0);
        assert!(idx.best_match(&c).is_none());
    }

    #[test]
    fn normalisation_and_punctuation_do_not_matter() {
        let a = Sketch::of(TEXT).unwrap();
        let b = Sketch::of(&TEXT.replace('أ', "ا").replace(' ', "  ")).unwrap();
        assert_eq!(a, b);
        assert_eq!(Sketch::from_bytes(&a.to_bytes()), Some(a));
    }

    #[test]
    fn eviction_forgets_old_sketches() {
        let mut idx = LshIndex::default();
        idx.insert(1, Sketch::of(TEXT).unwrap(), 10);
        idx.evict(20);
        assert!(idx.is_empty());
        assert!(idx.best_match(&Sketch::of(TEXT).unwrap()).is_none());
    }
}
