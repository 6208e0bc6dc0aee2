//! Recognition on sentences of our own: titles before names, clitics, places and organisations.

use super::*;

#[test]
fn a_titled_person_and_a_capital_are_found() {
    let e = entities("قال الرئيس الروسي فلاديمير بوتين في موسكو إن المحادثات كانت مثمرة .");
    assert!(e.contains(&(EntityKind::Person, "فلاديمير بوتين".into())), "{e:?}");
    assert!(e.contains(&(EntityKind::Location, "موسكو".into())), "{e:?}");
}

#[test]
fn a_country_with_a_preposition_on_it_is_a_place() {
    let e = entities("وصل الوفد إلى القاهرة أمس قادما من لبنان .");
    assert!(e.iter().any(|(k, t)| *k == EntityKind::Location && t == "القاهرة"), "{e:?}");
    assert!(e.iter().any(|(k, t)| *k == EntityKind::Location && t == "لبنان"), "{e:?}");
}

#[test]
fn an_organisation_opening_with_its_kind_word_is_found() {
    // «حزب العمال» (never in ANERcorp's training split) is missed since the word classes came in
    // («العمال» keeps the company of common nouns): a known miss, see the README.
    let e = entities("أعلن حزب المحافظين البريطاني أمس أنه سيصوت ضد القانون .");
    assert!(e.iter().any(|(k, t)| *k == EntityKind::Organization && t.starts_with("حزب المحافظين")), "{e:?}");
}

#[test]
fn tagging_keeps_one_tag_per_token_whatever_the_input() {
    let r = recognizer();
    assert!(r.tag::<&str>(&[]).is_empty());
    let odd = ["", "،", "CNN", "2018", "ـــــ", "\u{202e}"];
    assert_eq!(r.tag(&odd).len(), odd.len());
}
