//! The recogniser's gazetteer of places, written from Unicode CLDR's Arabic data as the icu crates
//! carry it: the names of territories (CLDR's region display names, long and short) and of the
//! cities that name time zones (CLDR's exemplar cities). `marsad ner places` writes them in
//! the layout `marsad_entities::gazetteer` reads; the file ships as
//! `crates/entities/data/places.tsv` and a test checks that it is what this module writes.

use std::collections::BTreeMap;

use icu_datetime::NoCalendarFormatter;
use icu_datetime::fieldsets::zone::ExemplarCity;
use icu_experimental::displaynames::{DisplayNamesOptions, Style, multi::RegionDisplayNames};
use icu_locale_core::{locale, subtags::Region};
use icu_time::zone::IanaParser;

/// Region codes that name no place: groupings (the European Union, the eurozone, the United
/// Nations, outlying Oceania), pseudo-regions and the unknown region. A union or a body of
/// nations is an organisation in the news, not a place.
const NOT_PLACES: &[&str] = &["EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"];

/// What a name names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum PlaceKind {
    Country,
    City,
}

impl PlaceKind {
    fn code(self) -> &'static str {
        match self {
            PlaceKind::Country => "country",
            PlaceKind::City => "city",
        }
    }
}

/// Every Arabic place name CLDR gives, each once (a name that is both a country and a city, as
/// «الكويت», is kept as a country).
fn names() -> anyhow::Result<BTreeMap<String, PlaceKind>> {
    let mut out = BTreeMap::new();
    let mut add = |name: &str, kind: PlaceKind| {
        let name = name.trim();
        // CLDR writes a few names with a qualifier in parentheses or after a comma (a city's
        // state); the bare name is what the news writes.
        let name = name.split(['(', '（', ',', '،']).next().unwrap_or("").trim();
        if !name.is_empty() {
            let e = out.entry(name.to_string()).or_insert(kind);
            *e = (*e).min(kind);
        }
    };
    for style in [None, Some(Style::Short)] {
        let mut options = DisplayNamesOptions::default();
        options.style = style;
        let regions = RegionDisplayNames::try_new(locale!("ar").into(), options)?;
        for a in b'A'..=b'Z' {
            for b in b'A'..=b'Z' {
                let code = [a, b];
                let code = std::str::from_utf8(&code)?;
                if NOT_PLACES.contains(&code) {
                    continue;
                }
                let region: Region = code.parse()?;
                if let Some(name) = regions.of(region) {
                    add(name, PlaceKind::Country);
                }
            }
        }
    }
    let cities = NoCalendarFormatter::try_new(locale!("ar").into(), ExemplarCity)?;
    for zone in IanaParser::new().iter() {
        // The unknown zone's "city" is a phrase («مدينة غير معروفة»), not a place.
        if zone.as_str() == "unk" {
            continue;
        }
        add(&cities.format(&zone.with_offset(None)).to_string(), PlaceKind::City);
    }
    Ok(out)
}

/// The gazetteer file's text.
pub fn tsv() -> anyhow::Result<String> {
    let mut s = String::from(
        "# Places in Arabic from Unicode CLDR (territories; cities that name time zones), written by\n\
         # `marsad ner places`. © Unicode, Inc., under the Unicode License v3.\n",
    );
    for (name, kind) in names()? {
        s.push_str(&name);
        s.push('\t');
        s.push_str(kind.code());
        s.push('\n');
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_shipped_gazetteer_is_what_cldr_gives() {
        let shipped = include_str!("../../entities/data/places.tsv");
        assert!(
            super::tsv().unwrap() == shipped,
            "crates/entities/data/places.tsv is stale: rewrite it with `marsad ner places --out …`"
        );
    }

    #[test]
    fn cldr_names_the_places_of_the_news() {
        let names = super::names().unwrap();
        for place in ["كوريا الشمالية", "روسيا", "بيونغ يانغ", "سول", "موسكو"] {
            assert!(names.contains_key(place), "{place}");
        }
        assert!(!names.contains_key("الاتحاد الأوروبي") && !names.contains_key("الأمم المتحدة"));
    }
}
