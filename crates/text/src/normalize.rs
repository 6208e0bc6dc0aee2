//! Character-level normalisation of Arabic (and Latin) text.
//!
//! The rules follow what Arabic IR systems have converged on (Larkey et al.'s Light10 normaliser,
//! Lucene's `ArabicNormalizer`), extended with the noise real pages carry: presentation forms,
//! Persian/Urdu letter shapes, Arabic-Indic digits and invisible bidi controls.

use unicode_normalization::char::decompose_compatible;

/// Outcome of normalising a single character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folded {
    /// The character is dropped (diacritic, tatweel, invisible control).
    Drop,
    /// The character is replaced by this one.
    Char(char),
    /// The character needs full-string treatment (Latin upper case with multi-char lower case,
    /// compatibility presentation forms).
    Complex,
}

/// True for characters that carry no letter of their own and vanish under normalisation:
/// harakat, tanween, shadda, sukun, Quranic annotation marks, tatweel, zero-width and bidi controls.
#[inline]
pub fn is_ignorable(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}'   // Quranic honorifics
        | '\u{064B}'..='\u{065F}' // tanween, harakat, shadda, sukun, maddah/hamza marks
        | '\u{0670}'              // superscript alef
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{0640}'              // tatweel
        | '\u{00AD}'              // soft hyphen
        | '\u{061C}'              // Arabic letter mark
        | '\u{200B}'..='\u{200F}' // zero-width space/joiners, LRM, RLM
        | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' // bidi isolates
        | '\u{FEFF}'              // BOM / zero-width no-break space
    )
}

/// Normalises one character. Fast path for the common case; callers fall back to
/// [`normalize_into`] when [`Folded::Complex`] is returned.
#[inline]
pub fn fold_char(c: char) -> Folded {
    if c.is_ascii() {
        return Folded::Char(c.to_ascii_lowercase());
    }
    if is_ignorable(c) {
        return Folded::Drop;
    }
    // Plain Arabic letters are by far the most common input: answer without Unicode tables.
    if matches!(c, 'ء'..='ي') && !matches!(c, 'أ' | 'إ' | 'آ' | 'ى' | 'ة' | 'ـ') {
        return Folded::Char(c);
    }
    let mapped = match c {
        // Alef with hamza above/below, madda, wasla, wavy hamza forms → bare alef.
        'أ' | 'إ' | 'آ' | 'ٱ' | '\u{0672}' | '\u{0673}' => 'ا',
        // Alef maqsura and Persian/Urdu yeh shapes → yeh.
        'ى' | 'ی' | 'ے' | '\u{06D0}' => 'ي',
        // Persian keheh and swash kaf → kaf.
        'ک' | 'ڪ' => 'ك',
        // Teh marbuta and the heh shapes of Persian/Urdu/Kurdish → heh.
        'ة' | 'ۀ' | 'ہ' | 'ھ' | 'ە' => 'ه',
        // Arabic-Indic and Extended (Persian) digits → ASCII digits.
        '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
        '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
        // Arabic presentation forms (legacy encodings, PDFs) and full-width Latin need
        // compatibility decomposition.
        '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}' | '\u{FF01}'..='\u{FF5E}' => {
            return Folded::Complex;
        }
        c if c.is_uppercase() => return Folded::Complex,
        c => c,
    };
    Folded::Char(mapped)
}

/// Appends the normalised form of `text` to `out`.
pub fn normalize_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match fold_char(c) {
            Folded::Drop => {}
            Folded::Char(m) => out.push(m),
            Folded::Complex => complex_fold(c, out),
        }
    }
}

fn complex_fold(c: char, out: &mut String) {
    if c.is_uppercase() && !is_presentation_form(c) {
        for l in c.to_lowercase() {
            out.push(l);
        }
        return;
    }
    let mut buf = String::new();
    decompose_compatible(c, |d| buf.push(d));
    // The decomposition is plain letters and marks; run it through the simple rules again.
    for d in buf.chars() {
        match fold_char(d) {
            Folded::Drop => {}
            Folded::Char(m) => out.push(m),
            Folded::Complex => {
                for l in d.to_lowercase() {
                    out.push(l)
                }
            }
        }
    }
}

fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}' | '\u{FF01}'..='\u{FF5E}')
}

/// Returns the normalised form of `text`: alef variants → ا, ى → ي, ة → ه, diacritics and
/// tatweel removed, Arabic-Indic/Persian digits → ASCII, Persian/Urdu letters → Arabic,
/// invisible controls removed, Latin lower-cased. Punctuation and spacing are kept.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, &mut out);
    out
}

/// Converts Arabic-Indic and Persian digits to ASCII and leaves everything else alone; for
/// parsing dates and numbers out of display text.
pub fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
            '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
            c => c,
        })
        .collect()
}

/// `char::is_alphanumeric`, answered without Unicode tables for ASCII and the Arabic block (the
/// table lookup dominated tokenizing Arabic text).
#[inline]
pub fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    match c {
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0660}'..='\u{0669}' | '\u{066E}'..='\u{066F}' => true,
        '\u{0671}'..='\u{06D3}' | '\u{06D5}' | '\u{06EE}'..='\u{06FC}' | '\u{06FF}' => true,
        '\u{0600}'..='\u{06FF}' => false,
        c => c.is_alphanumeric(),
    }
}

/// True for letters of the Arabic script blocks.
#[inline]
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06FA}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alef_variants_fold_to_bare_alef() {
        assert_eq!(normalize("أإآٱا"), "ااااا");
        assert_eq!(normalize("أحمد إبراهيم آمال"), "احمد ابراهيم امال");
    }

    #[test]
    fn alef_maqsura_becomes_yeh() {
        assert_eq!(normalize("مصطفى على"), "مصطفي علي");
    }

    #[test]
    fn teh_marbuta_becomes_heh() {
        assert_eq!(normalize("مدرسة"), "مدرسه");
    }

    #[test]
    fn tatweel_removed() {
        assert_eq!(normalize("الـــرئيس"), "الرئيس");
    }

    #[test]
    fn harakat_tanween_shadda_sukun_removed() {
        // fatha, damma, kasra, sukun, shadda, tanween (fath, damm, kasr), superscript alef.
        assert_eq!(normalize("كَتَبَ"), "كتب");
        assert_eq!(normalize("مُحَمَّدٌ"), "محمد");
        assert_eq!(normalize("خطابًا شكرٍ"), "خطابا شكر");
        assert_eq!(normalize("قُبيل المُقرر"), "قبيل المقرر");
        assert_eq!(normalize("هٰذا"), "هذا");
        assert_eq!(normalize("مَسْجِد"), "مسجد");
    }

    #[test]
    fn arabic_indic_and_persian_digits_become_ascii() {
        assert_eq!(normalize("٢٠١٩/١٢/٠١"), "2019/12/01");
        assert_eq!(normalize("۱۴۰۲"), "1402");
        assert_eq!(ascii_digits("في ١٢ أبريل"), "في 12 أبريل");
    }

    #[test]
    fn persian_and_urdu_letters_become_arabic() {
        assert_eq!(normalize("کتاب"), "كتاب");
        assert_eq!(normalize("ایران"), "ايران");
        assert_eq!(normalize("ے"), "ي");
        assert_eq!(normalize("ۀ"), "ه");
    }

    #[test]
    fn zero_width_and_bidi_controls_removed() {
        assert_eq!(normalize("بو\u{200C}تين"), "بوتين");
        assert_eq!(normalize("\u{200F}سول\u{200E}"), "سول");
        assert_eq!(normalize("\u{202B}نص\u{202C}"), "نص");
        assert_eq!(normalize("\u{2067}x\u{2069}\u{FEFF}"), "x");
    }

    #[test]
    fn latin_lowercased() {
        assert_eq!(normalize("View on Almaghribtoday.NET"), "view on almaghribtoday.net");
        assert_eq!(normalize("ÉCOLE"), "école");
    }

    #[test]
    fn presentation_forms_decompose() {
        // U+FEDF U+FEE0... isolated/initial forms of lam and alef ligature.
        assert_eq!(normalize("\u{FEFB}"), "لا");
        assert_eq!(normalize("\u{FE8D}\u{FEDF}"), "ال");
    }
}
