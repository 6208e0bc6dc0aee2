//! Dates: machine fields (feeds, metadata, corpora), dates as Arabic pages print them — Gregorian
//! months in the three regional name sets (يناير… / كانون الثاني… / جانفي…), Hijri months
//! (converted with icu_calendar, Umm al-Qura), Arabic-Indic digits, day names — and relative
//! expressions («اليوم السبت», «أمس») resolved against a reference date when, and only when, one is
//! known. A resolved relative date is marked inferred; nothing is ever invented.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday};

/// Parses a machine date keeping its UTC offset: RFC 2822, RFC 3339 / ISO 8601 with or without
/// zone or time, `YYYY/MM/DD`, and Unix timestamps (seconds or milliseconds). Arabic-Indic digits
/// are accepted; times without a zone are taken as UTC. Falls back to [`parse_display_date`].
pub fn parse_machine(raw: &str) -> Option<DateTime<FixedOffset>> {
    parse_machine_zoned(raw).map(|(t, _)| t)
}

/// Whether a machine date stated where it stands in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// An offset, a zone name or an instant (epoch seconds).
    Stated,
    /// A wall-clock time without a zone (read as UTC by [`parse_machine`]).
    Missing,
    /// A day without a time of day: no zone to speak of.
    DayOnly,
}

/// [`parse_machine`], saying whether the date stated its zone.
pub fn parse_machine_zoned(raw: &str) -> Option<(DateTime<FixedOffset>, Zone)> {
    let s = marsad_text::ascii_digits(raw.trim());
    let s = s.trim();
    if s.is_empty() || s.len() > 120 {
        return None;
    }
    let utc = FixedOffset::east_opt(0).expect("zero offset");
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some((d, Zone::Stated));
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some((d, Zone::Stated));
    }
    for fmt in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z", "%Y-%m-%dT%H:%M%z", "%Y-%m-%d %H:%M:%S %z"] {
        if let Ok(d) = DateTime::parse_from_str(s, fmt) {
            return Some((d, Zone::Stated));
        }
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
    ] {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, fmt) {
            return utc.from_local_datetime(&d).single().map(|t| (t, Zone::Missing));
        }
    }
    for fmt in ["%Y-%m-%d", "%Y/%m/%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
            return utc.from_local_datetime(&d.and_time(NaiveTime::MIN)).single().map(|t| (t, Zone::DayOnly));
        }
    }
    if (9..=13).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
        let n: i64 = s.parse().ok()?;
        let secs = if s.len() == 13 { n / 1000 } else { n };
        return DateTime::from_timestamp(secs, 0).map(|d| (d.with_timezone(&utc), Zone::Stated));
    }
    let (d, t) = parse_display_date(s)?;
    let zone = if t.is_some() { Zone::Missing } else { Zone::DayOnly };
    utc.from_local_datetime(&d.and_time(t.unwrap_or(NaiveTime::MIN))).single().map(|x| (x, zone))
}

/// Parses a machine date as a UTC instant.
pub fn parse_machine_date(raw: &str) -> Option<DateTime<Utc>> {
    parse_machine(raw).map(|d| d.with_timezone(&Utc))
}

/// The day a URL's path gives, when it holds one: `/2015/08/11/`, `/2015/8/11/`, `/20150811/`
/// or `/2015-08-11/` as path segments (years 1990–2099, a real calendar day). Only the path is
/// read, so a query string's numbers are never taken for a date.
pub fn date_in_url(url: &str) -> Option<NaiveDate> {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme.split(['?', '#']).next().unwrap_or("");
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let num = |s: &str, len: std::ops::RangeInclusive<usize>| {
        (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok()).flatten()
    };
    let year_ok = |y: u32| (1990..=2099).contains(&y);
    for (i, seg) in segments.iter().enumerate() {
        // /2015/08/11/
        if let (Some(y), Some(m), Some(d)) = (
            num(seg, 4..=4),
            segments.get(i + 1).and_then(|s| num(s, 1..=2)),
            segments.get(i + 2).and_then(|s| num(s, 1..=2)),
        ) && year_ok(y)
            && let Some(day) = NaiveDate::from_ymd_opt(y as i32, m, d)
        {
            return Some(day);
        }
        // /20150811/ or /2015-08-11/ (a segment of its own, or leading a slug: 2015-08-11-title)
        let compact = seg.get(..10).filter(|p| p.as_bytes().get(4) == Some(&b'-')).map(|p| p.replace('-', ""));
        let digits = compact.as_deref().unwrap_or(seg);
        if digits.len() == 8
            && (compact.is_some() || seg.len() == 8)
            && let Ok(day) = NaiveDate::parse_from_str(digits, "%Y%m%d")
            && year_ok(day.year_ce().1)
        {
            return Some(day);
        }
    }
    None
}

/// Parses a user-given day (`2018-06-11`) or full timestamp, for `--since`/`--until`.
pub fn parse_day(raw: &str) -> Option<DateTime<Utc>> {
    parse_machine_date(raw)
}

/// Which calendar a month name belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cal {
    Gregorian,
    Hijri,
}

/// Month names as pages write them. Gregorian: Egyptian/Gulf (يناير), Levantine/Iraqi
/// (كانون الثاني) and Maghrebi (جانفي; Moroccan يوليوز، غشت، شتنبر…) sets; Hijri months.
#[rustfmt::skip]
const MONTHS: &[(Cal, u8, &[&str])] = &[
    (Cal::Gregorian, 1, &["يناير", "كانون الثاني", "جانفي", "جانفييه", "january", "janvier", "jan"]),
    (Cal::Gregorian, 2, &["فبراير", "شباط", "فيفري", "فبرير", "february", "février", "feb"]),
    (Cal::Gregorian, 3, &["مارس", "آذار", "march", "mars", "mar"]),
    (Cal::Gregorian, 4, &["أبريل", "ابريل", "إبريل", "نيسان", "أفريل", "افريل", "april", "avril", "apr"]),
    (Cal::Gregorian, 5, &["مايو", "أيار", "ماي", "may", "mai"]),
    (Cal::Gregorian, 6, &["يونيو", "يونيه", "حزيران", "جوان", "june", "juin", "jun"]),
    (Cal::Gregorian, 7, &["يوليو", "يوليه", "تموز", "جويلية", "يوليوز", "july", "juillet", "jul"]),
    (Cal::Gregorian, 8, &["أغسطس", "اغسطس", "آب", "أوت", "اوت", "غشت", "august", "août", "aug"]),
    (Cal::Gregorian, 9, &["سبتمبر", "أيلول", "شتنبر", "september", "septembre", "sep", "sept"]),
    (Cal::Gregorian, 10, &["أكتوبر", "تشرين الأول", "اكتوبر", "october", "octobre", "oct"]),
    (Cal::Gregorian, 11, &["نوفمبر", "تشرين الثاني", "نونبر", "november", "novembre", "nov"]),
    (Cal::Gregorian, 12, &["ديسمبر", "كانون الأول", "دجنبر", "december", "décembre", "dec"]),
    (Cal::Hijri, 1, &["محرم", "المحرم"]),
    (Cal::Hijri, 2, &["صفر"]),
    (Cal::Hijri, 3, &["ربيع الأول", "ربيع أول"]),
    (Cal::Hijri, 4, &["ربيع الثاني", "ربيع الآخر", "ربيع ثاني"]),
    (Cal::Hijri, 5, &["جمادى الأولى", "جمادى الأول", "جمادي الأولى"]),
    (Cal::Hijri, 6, &["جمادى الآخرة", "جمادى الثانية", "جمادى الآخر", "جمادي الآخرة"]),
    (Cal::Hijri, 7, &["رجب"]),
    (Cal::Hijri, 8, &["شعبان"]),
    (Cal::Hijri, 9, &["رمضان"]),
    (Cal::Hijri, 10, &["شوال"]),
    (Cal::Hijri, 11, &["ذو القعدة", "ذي القعدة"]),
    (Cal::Hijri, 12, &["ذو الحجة", "ذي الحجة"]),
];

#[rustfmt::skip]
const DAYS: &[(Weekday, &[&str])] = &[
    (Weekday::Sun, &["الأحد", "الاحد"]),
    (Weekday::Mon, &["الاثنين", "الإثنين"]),
    (Weekday::Tue, &["الثلاثاء"]),
    (Weekday::Wed, &["الأربعاء", "الاربعاء"]),
    (Weekday::Thu, &["الخميس"]),
    (Weekday::Fri, &["الجمعة"]),
    (Weekday::Sat, &["السبت"]),
];

/// Normalised one- and two-word month names → (calendar, month).
fn month_index() -> &'static HashMap<String, (Cal, u8)> {
    static I: OnceLock<HashMap<String, (Cal, u8)>> = OnceLock::new();
    I.get_or_init(|| {
        let mut m = HashMap::new();
        for (cal, month, names) in MONTHS {
            for n in *names {
                m.insert(norm_words(n).join(" "), (*cal, *month));
            }
        }
        m
    })
}

fn weekday_of(word: &str) -> Option<Weekday> {
    static I: OnceLock<HashMap<String, Weekday>> = OnceLock::new();
    I.get_or_init(|| DAYS.iter().flat_map(|(d, names)| names.iter().map(|n| (norm_words(n).remove(0), *d))).collect())
        .get(word)
        .copied()
}

/// Every single word that is part of a month name (for recognising date lines).
fn month_words() -> &'static std::collections::HashSet<String> {
    static I: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
    I.get_or_init(|| month_index().keys().flat_map(|k| k.split(' ').map(String::from)).collect())
}

/// Normalised words; digits become ASCII; «الـ12» becomes «12».
fn norm_words(s: &str) -> Vec<String> {
    marsad_text::words(s)
        .map(|w| {
            let n = marsad_text::normalize(w.text);
            let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            match n.strip_prefix("ال") {
                Some(rest) if digits(rest) => rest.to_string(),
                // «1436هـ», «2015م»: the era letter glued to the year.
                _ => match n.strip_suffix(['ه', 'م']) {
                    Some(year) if digits(year) && year.len() == 4 => year.to_string(),
                    _ => n,
                },
            }
        })
        .collect()
}

/// A date found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextDate {
    /// The Gregorian calendar date.
    pub date: NaiveDate,
    /// Time of day, when printed with it.
    pub time: Option<NaiveTime>,
    /// True when resolved from a relative expression or a missing year.
    pub inferred: bool,
    /// True for «اليوم السبت» — the day the text was written, so a publication date.
    pub today: bool,
    /// Index of the first word of the expression.
    pub word: usize,
}

/// A Gregorian day written in the Hijri calendar (Umm al-Qura), as Arabic outlets print it beside
/// the Gregorian date: «1 رمضان 1439 هـ».
pub fn hijri_label(date: NaiveDate) -> Option<String> {
    use chrono::Datelike;
    use icu_calendar::Date;
    use icu_calendar::cal::Hijri;
    let iso = Date::try_new_iso(date.year(), u8::try_from(date.month()).ok()?, u8::try_from(date.day()).ok()?).ok()?;
    let h = iso.to_calendar(Hijri::new_umm_al_qura());
    let month = usize::from(h.month().ordinal);
    let name = MONTHS
        .iter()
        .filter(|(cal, m, _)| *cal == Cal::Hijri && usize::from(*m) == month)
        .map(|(_, _, n)| n[0])
        .next()?;
    Some(format!("{} {name} {} هـ", h.day_of_month().0, h.year().extended_year()))
}

fn hijri_to_gregorian(year: i32, month: u8, day: u8) -> Option<NaiveDate> {
    use icu_calendar::Date;
    use icu_calendar::cal::Hijri;
    let h = Date::try_new_hijri_with_calendar(year, month, day, Hijri::new_umm_al_qura()).ok()?;
    let iso = h.to_calendar(icu_calendar::Iso);
    NaiveDate::from_ymd_opt(iso.year().extended_year(), u32::from(iso.month().ordinal), u32::from(iso.day_of_month().0))
}

fn number(w: &str) -> Option<u32> {
    (w.len() <= 4 && !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit())).then(|| w.parse().ok()).flatten()
}

/// Reads «12:09 م», «الساعة 9:30 صباحا» starting at word `i` (words split «12:09» into 12, 09).
fn time_at(words: &[String], mut i: usize) -> Option<NaiveTime> {
    if words.get(i).is_some_and(|w| w == "الساعه") {
        i += 1;
    }
    let h = number(words.get(i)?)?;
    let m = number(words.get(i + 1)?)?;
    if words.get(i + 1)?.len() != 2 || h > 23 || m > 59 {
        return None;
    }
    let pm = matches!(words.get(i + 2).map(String::as_str), Some("م" | "مساء" | "مساءا" | "pm"));
    let am = matches!(words.get(i + 2).map(String::as_str), Some("ص" | "صباحا" | "صباح" | "am"));
    let h = match (pm, am, h) {
        (true, _, h) if h < 12 => h + 12,
        (_, true, 12) => 0,
        (_, _, h) => h,
    };
    NaiveTime::from_hms_opt(h, m, 0)
}

/// Finds the dates written in `text`: «07 أكتوبر 2020 - 12:09 م», «13 آذار/مارس 2018»,
/// «25 جمادى الآخرة 1439 هـ», «١/١٢/٢٠٢٠», and, when `reference` is given, «في الـ12 من أبريل» (year
/// from the reference), «اليوم السبت», «يوم الاثنين», «أمس» — those marked inferred.
pub fn find_dates(text: &str, reference: Option<NaiveDate>) -> Vec<TextDate> {
    // Slashes and dots separate numeric dates; keep them as separate words.
    let words = norm_words(text);
    let months = month_index();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        // Numeric: D/M/YYYY, YYYY/M/D (the tokenizer splits on / - .).
        if let (Some(a), Some(b), Some(c)) =
            (number(w), words.get(i + 1).and_then(|x| number(x)), words.get(i + 2).and_then(|x| number(x)))
        {
            let ymd = if w.len() == 4 { (a as i32, b, c) } else { (c as i32, b, a) };
            if (words[i + 2].len() == 4 || w.len() == 4)
                && let Some(d) = NaiveDate::from_ymd_opt(ymd.0, ymd.1, ymd.2).filter(|d| plausible(*d))
            {
                out.push(TextDate { date: d, time: time_at(&words, i + 3), inferred: false, today: false, word: i });
                i += 3;
                continue;
            }
        }
        // D [من] MONTH [/ MONTH] [YYYY] [هـ]
        if let Some(day) = number(w).filter(|d| (1..=31).contains(d)) {
            let mut j = i + 1;
            if words.get(j).is_some_and(|x| x == "من") {
                j += 1;
            }
            let month_at = |j: usize| -> Option<((Cal, u8), usize)> {
                let two = words.get(j..j + 2).map(|p| p.join(" "));
                if let Some(m) = two.and_then(|t| months.get(&t).copied()) {
                    return Some((m, 2));
                }
                words.get(j).and_then(|t| months.get(t).copied()).map(|m| (m, 1))
            };
            if let Some(((cal, month), len)) = month_at(j) {
                j += len;
                // «مارس/آذار», «آذار (مارس)»: a second name of the same month.
                if let Some((_, len2)) = month_at(j).filter(|(m, _)| m.0 == cal && m.1 == month) {
                    j += len2;
                }
                let year = words.get(j).and_then(|y| number(y)).filter(|y| *y >= 1000);
                let date = match (cal, year) {
                    (Cal::Gregorian, Some(y)) => {
                        NaiveDate::from_ymd_opt(y as i32, u32::from(month), day).map(|d| (d, false))
                    }
                    (Cal::Hijri, Some(y)) if (1300..1600).contains(&y) => {
                        hijri_to_gregorian(y as i32, month, day as u8).map(|d| (d, false))
                    }
                    (Cal::Gregorian, None) => reference
                        .and_then(|r| NaiveDate::from_ymd_opt(r.year(), u32::from(month), day))
                        .map(|d| (d, true)),
                    _ => None,
                };
                if let Some((d, inferred)) = date.filter(|(d, _)| plausible(*d)) {
                    let mut k = j + usize::from(year.is_some());
                    if words.get(k).is_some_and(|x| x == "ه" || x == "هـ" || x == "م") {
                        k += 1;
                    }
                    out.push(TextDate { date: d, time: time_at(&words, k), inferred, today: false, word: i });
                    i = k;
                    continue;
                }
            }
        }
        // Relative days need a reference date.
        if let Some(r) = reference {
            let rel = match w.as_str() {
                "اليوم" | "يوم" | "صباح" | "مساء" | "ظهر" | "فجر" => {
                    words.get(i + 1).and_then(|d| weekday_of(d)).map(|wd| {
                        // «اليوم السبت» is the day itself, near the reference; «يوم الاثنين» is the
                        // latest such day up to the reference.
                        let back = (r.weekday().num_days_from_monday() as i64 - wd.num_days_from_monday() as i64)
                            .rem_euclid(7);
                        if w == "اليوم" && back > 3 {
                            r + chrono::Duration::days(7 - back)
                        } else {
                            r - chrono::Duration::days(back)
                        }
                    })
                }
                "امس" => Some(r - chrono::Duration::days(1)),
                _ => None,
            };
            if let Some(d) = rel {
                out.push(TextDate { date: d, time: None, inferred: true, today: w == "اليوم", word: i });
            }
        }
        i += 1;
    }
    out
}

fn plausible(d: NaiveDate) -> bool {
    (1990..=2100).contains(&d.year())
}

/// Parses a date as pages print it in metadata or a date line: «الأربعاء، 07 أكتوبر 2020 - 12:09 م»,
/// «١ / ١٢ / ٢٠٢٠». Only explicit dates (no relative ones).
pub fn parse_display_date(s: &str) -> Option<(NaiveDate, Option<NaiveTime>)> {
    find_dates(s, None).into_iter().find(|d| !d.inferred).map(|d| (d.date, d.time))
}

/// True when a line is essentially a date (a date line of a page), not text that mentions one.
pub fn is_date_line(line: &str) -> bool {
    if line.split_whitespace().count() > 12 {
        return false;
    }
    let words = norm_words(line);
    if words.is_empty() || words.len() > 12 {
        return false;
    }
    let dates = find_dates(line, None);
    let Some(d) = dates.first() else { return false };
    // Only day names, «نشر», «بتاريخ», «آخر تحديث», times and the date itself around it.
    const FILLER: &[&str] = &[
        "نشر",
        "نشر في",
        "بتاريخ",
        "اخر",
        "تحديث",
        "في",
        "تاريخ",
        "النشر",
        "الساعه",
        "م",
        "ص",
        "ه",
        "gmt",
        "utc",
        // «… 15 جانفي 2025 الموافق لـ 15 رجب 1446 هـ»: both calendars on one line.
        "الموافق",
        "موافق",
        "ل",
        "هجري",
        "هجريه",
        "ميلادي",
        "ميلاديه",
        // «… 4 أغسطس 2015 | العدد 16008»: newspapers print the issue number beside the date.
        "العدد",
    ];
    let _ = d;
    words.iter().all(|w| {
        number(w).is_some()
            // The issue number: «العدد 17120».
            || (w.len() <= 6 && w.bytes().all(|b| b.is_ascii_digit()))
            || weekday_of(w).is_some()
            || month_words().contains(w)
            || FILLER.contains(&w.as_str())
            || w.chars().all(|c| !marsad_text::normalize::is_alnum(c))
    })
}

/// Resolves a local date and time (as printed, zone unknown) to a timestamp; UTC is assumed and
/// the printed calendar date is kept separately by callers.
pub fn local_to_fixed(date: NaiveDate, time: Option<NaiveTime>) -> DateTime<FixedOffset> {
    let utc = FixedOffset::east_opt(0).expect("zero offset");
    utc.from_utc_datetime(&date.and_time(time.unwrap_or(NaiveTime::MIN)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn days_in_url_paths_in_the_shapes_outlets_use() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(date_in_url("http://www.aleqt.com/2015/07/20/article_974922.html"), d(2015, 7, 20));
        assert_eq!(date_in_url("https://example.com/news/2015/8/4/title"), d(2015, 8, 4));
        assert_eq!(date_in_url("https://example.com/a/20150811/123.html"), d(2015, 8, 11));
        assert_eq!(date_in_url("https://example.com/2015-08-11-some-title"), d(2015, 8, 11));
        // Not dates: an impossible day, an id, numbers in the query string, the host.
        assert_eq!(date_in_url("https://example.com/2015/13/40/x"), None);
        assert_eq!(date_in_url("https://example.com/article/12345678"), None);
        assert_eq!(date_in_url("https://example.com/a?d=20150811"), None);
        assert_eq!(date_in_url("https://2015.example.com/x"), None);
    }

    use super::*;

    #[test]
    fn a_date_line_in_both_calendars() {
        let line = "الأربعاء 15 جانفي 2025 الموافق لـ 15 رجب 1446";
        assert!(is_date_line(line));
        assert_eq!(parse_display_date(line).map(|(d, _)| d), NaiveDate::from_ymd_opt(2025, 1, 15));
    }

    #[test]
    fn hijri_labels_round_trip() {
        // Ramadan 1439 began on 16 May 2018 by the Umm al-Qura tables (17 May by sighting).
        let d = NaiveDate::from_ymd_opt(2018, 5, 17).unwrap();
        assert_eq!(hijri_label(d).as_deref(), Some("2 رمضان 1439 هـ"));
        // Every day of a year maps to a Hijri day that maps back to it.
        let mut day = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
        while day.year() == 2023 {
            let label = hijri_label(day).unwrap();
            let mut parts = label.split(' ');
            let d: u8 = parts.next().unwrap().parse().unwrap();
            let year: i32 = label.split(' ').rev().nth(1).unwrap().parse().unwrap();
            let name = label
                .split(' ')
                .skip(1)
                .take_while(|w| !w.chars().all(|c| c.is_ascii_digit()))
                .collect::<Vec<_>>()
                .join(" ");
            let m = MONTHS.iter().find(|(cal, _, n)| *cal == Cal::Hijri && n[0] == name).unwrap().1;
            assert_eq!(hijri_to_gregorian(year, m, d), Some(day), "{label}");
            day = day.succ_opt().unwrap();
        }
    }

    fn iso(d: Option<DateTime<Utc>>) -> String {
        d.map(|d| d.format("%Y-%m-%dT%H:%M:%S").to_string()).unwrap_or_default()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn rfc2822_with_zone_converts_to_utc_but_keeps_local_date() {
        assert_eq!(iso(parse_machine_date("Sun, 15 Jul 2018 21:56:56 +0400")), "2018-07-15T17:56:56");
        assert_eq!(iso(parse_machine_date("Mon, 26 Feb 2018 02:20:10 GMT")), "2018-02-26T02:20:10");
        // 00:30 in Cairo is still the 7th there, though the 6th in UTC.
        let d = parse_machine("2020-10-07T00:30:00+03:00").unwrap();
        assert_eq!(d.date_naive(), day(2020, 10, 7));
        assert_eq!(iso(Some(d.with_timezone(&Utc))), "2020-10-06T21:30:00");
    }

    #[test]
    fn iso_forms_and_timestamps() {
        assert_eq!(iso(parse_machine_date("2020-10-07 12:09")), "2020-10-07T12:09:00");
        assert_eq!(iso(parse_machine_date("2020-10-07")), "2020-10-07T00:00:00");
        assert_eq!(iso(parse_machine_date("٢٠٢٠-١٠-٠٧")), "2020-10-07T00:00:00");
        assert_eq!(iso(parse_machine_date("1531691816")), "2018-07-15T21:56:56");
        assert_eq!(iso(parse_machine_date("1531691816000")), "2018-07-15T21:56:56");
        assert!(parse_machine_date("yesterday").is_none());
    }

    #[test]
    fn arabic_display_dates_in_meta() {
        assert_eq!(iso(parse_machine_date("الأربعاء، 07 أكتوبر 2020 - 12:09 م")), "2020-10-07T12:09:00");
        assert_eq!(iso(parse_machine_date("١ / ١٢ / ٢٠٢٠")), "2020-12-01T00:00:00");
    }

    #[test]
    fn three_regional_month_sets() {
        for s in ["13 مارس 2018", "13 آذار 2018", "13 مارس/آذار 2018", "13 آذار (مارس) 2018"] {
            assert_eq!(parse_display_date(s).unwrap().0, day(2018, 3, 13), "{s}");
        }
        assert_eq!(parse_display_date("5 كانون الثاني 2019").unwrap().0, day(2019, 1, 5));
        assert_eq!(parse_display_date("5 جانفي 2019").unwrap().0, day(2019, 1, 5));
        assert_eq!(parse_display_date("20 فيفري 2019").unwrap().0, day(2019, 2, 20));
        assert_eq!(parse_display_date("3 جوان 2019").unwrap().0, day(2019, 6, 3));
        assert_eq!(parse_display_date("14 جويلية 2019").unwrap().0, day(2019, 7, 14));
        assert_eq!(parse_display_date("1 تشرين الأول 2019").unwrap().0, day(2019, 10, 1));
        assert_eq!(parse_display_date("12 غشت 2019").unwrap().0, day(2019, 8, 12));
    }

    #[test]
    fn hijri_dates_convert() {
        // 1 Ramadan 1439 AH is 16 May 2018 in the Umm al-Qura tables (observed from the 17th).
        assert_eq!(parse_display_date("1 رمضان 1439 هـ").unwrap().0, day(2018, 5, 16));
        assert_eq!(parse_display_date("٢٦ جمادى الآخرة ١٤٣٩").unwrap().0, day(2018, 3, 14));
        // «صفر» without a day and a year is just zero.
        assert!(parse_display_date("سجل صفر نقاط").is_none());
    }

    #[test]
    fn times() {
        assert_eq!(parse_display_date("07 أكتوبر 2020 - 12:09 م").unwrap().1, NaiveTime::from_hms_opt(12, 9, 0));
        assert_eq!(
            parse_display_date("07 أكتوبر 2020 الساعة 9:30 مساء").unwrap().1,
            NaiveTime::from_hms_opt(21, 30, 0)
        );
    }

    #[test]
    fn relative_dates_need_a_reference_and_are_marked_inferred() {
        let text = "وأفادت وكالة أنباء يونهاب، اليوم السبت، بأن كيم سيزور روسيا في الـ12 من أبريل";
        assert!(find_dates(text, None).is_empty(), "nothing invented without a reference");
        let found = find_dates(text, Some(day(2019, 4, 14)));
        assert_eq!(found[0].date, day(2019, 4, 13));
        assert!(found.iter().all(|d| d.inferred));
        assert_eq!(found[1].date, day(2019, 4, 12));
        let mon = find_dates("قال يوم الاثنين إن", Some(day(2023, 9, 13)));
        assert_eq!(mon[0].date, day(2023, 9, 11));
        assert_eq!(find_dates("وكان قد صرح أمس", Some(day(2023, 9, 13)))[0].date, day(2023, 9, 12));
    }

    #[test]
    fn date_lines() {
        assert!(is_date_line("الثلاثاء 13 مارس 2018 - 10:15 ص"));
        assert!(is_date_line("نشر في: 13/03/2018"));
        // Gulf newspapers: the era letter glued to the year, the issue number beside the date.
        assert!(is_date_line("الأحد 7 صفر 1447هـ - 3 أغسطس 2025م"));
        assert!(is_date_line("الخميس 14 مارس 2024 | العدد 17120"));
        assert!(!is_date_line("وقع الانفجار في 13 مارس 2018 قرب السفارة"));
    }
}
