//! Integration tests of the analyzer as search uses it: whole sentences in, terms out.

use marsad_text::{Analysis, analyze};

fn terms(text: &str, a: Analysis) -> Vec<String> {
    analyze(text, a).into_iter().map(|t| t.term).collect()
}

fn meet(a: &str, b: &str, analysis: Analysis) -> bool {
    terms(a, analysis) == terms(b, analysis)
}

mod variants {
    use super::*;

    #[test]
    fn foreign_name_spellings_meet_in_the_skeleton() {
        let sk = Analysis::Skeleton;
        assert!(meet("كيم جونج أون", "كيم جونغ أون", sk));
        assert!(meet("كيم جونغ أون", "كيم يونغ-أون", sk));
        assert!(meet("بيونغ يانغ", "بيونج يانج", sk));
        assert!(meet("وبيونغ يانغ", "بيونج يانج", sk));
        assert!(meet("فلاديمير بوتين", "فلاديمير بوتن", sk));
        assert!(meet("ديمتري بيسكوف", "دميتري بيسكوف", sk));
    }

    #[test]
    fn variant_spellings_stay_apart_in_the_main_field() {
        let main = Analysis::Main;
        assert!(!meet("جونج", "جونغ", main));
        assert!(!meet("غرب", "جرب", main));
        assert!(!meet("قتل", "كتل", main));
        assert!(!meet("صيف", "سيف", main));
    }

    #[test]
    fn different_names_stay_apart_even_in_the_skeleton() {
        let sk = Analysis::Skeleton;
        assert!(!meet("كيم جونغ أون", "مون جاي إن", sk));
        assert!(!meet("بوتين", "ترامب", sk));
        assert!(!meet("الرئيس الروسي", "الروسية والرؤساء", sk));
    }
}

mod orthography {
    use super::*;

    #[test]
    fn spelling_noise_does_not_change_terms() {
        let main = Analysis::Main;
        assert!(meet("الزعيم الكوري الشمالي", "الزعيم الكورى الشمالى", main));
        assert!(meet("إعلان الرئاسة", "اعلان الرئاسه", main));
        assert!(meet("خطاباً مُهماً", "خطابا مهما", main));
        assert!(meet("الـــقمة ٢٠١٩", "القمة 2019", main));
        assert!(meet("\u{200f}سول\u{200e}", "سول", main));
    }

    #[test]
    fn inflections_share_a_stem() {
        let main = Analysis::Main;
        assert!(meet("الروسية", "الروسي", main));
        assert!(meet("والرئيس", "للرئيس", main));
        assert!(meet("جلسات", "جلسة", main));
    }

    #[test]
    fn stop_words_vanish_but_leave_position_gaps() {
        let toks = analyze("زار الرئيس في موسكو", Analysis::Main);
        assert_eq!(toks.iter().map(|t| t.position).collect::<Vec<_>>(), [0, 1, 3]);
    }
}
