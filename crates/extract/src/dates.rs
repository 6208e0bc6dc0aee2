//! Dates as sources write them in machine-readable fields (feeds, metadata, corpora).

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// Parses a machine date: RFC 2822 (`Mon, 26 Feb 2018 02:20:10 GMT`), RFC 3339 / ISO 8601 with or
/// without zone or time, `YYYY/MM/DD`, and Unix timestamps in seconds or milliseconds. Arabic-Indic
/// digits are accepted. Times without a zone are taken as UTC.
pub fn parse_machine_date(raw: &str) -> Option<DateTime<Utc>> {
    let s = marsad_text::ascii_digits(raw.trim());
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.with_timezone(&Utc));
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S %z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(s, fmt) {
            return Some(d.with_timezone(&Utc));
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
            return Some(Utc.from_utc_datetime(&d));
        }
    }
    for fmt in ["%Y-%m-%d", "%Y/%m/%d", "%d/%m/%Y", "%d-%m-%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
            return d.and_hms_opt(0, 0, 0).map(|d| Utc.from_utc_datetime(&d));
        }
    }
    if s.len() >= 9 && s.len() <= 13 && s.bytes().all(|b| b.is_ascii_digit()) {
        let n: i64 = s.parse().ok()?;
        let secs = if s.len() == 13 { n / 1000 } else { n };
        return DateTime::from_timestamp(secs, 0);
    }
    None
}

/// Parses a user-given day (`2018-06-11`) or full timestamp, for `--since`/`--until`.
pub fn parse_day(raw: &str) -> Option<DateTime<Utc>> {
    parse_machine_date(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(d: Option<DateTime<Utc>>) -> String {
        d.map(|d| d.format("%Y-%m-%dT%H:%M:%S").to_string())
            .unwrap_or_default()
    }

    #[test]
    fn rfc2822_with_zone_converts_to_utc() {
        assert_eq!(
            iso(parse_machine_date("Sun, 15 Jul 2018 21:56:56 +0400")),
            "2018-07-15T17:56:56"
        );
        assert_eq!(
            iso(parse_machine_date("Mon, 26 Feb 2018 02:20:10 GMT")),
            "2018-02-26T02:20:10"
        );
    }

    #[test]
    fn iso_forms() {
        assert_eq!(
            iso(parse_machine_date("2020-10-07T12:09:00+03:00")),
            "2020-10-07T09:09:00"
        );
        assert_eq!(
            iso(parse_machine_date("2020-10-07 12:09")),
            "2020-10-07T12:09:00"
        );
        assert_eq!(iso(parse_machine_date("2020-10-07")), "2020-10-07T00:00:00");
        assert_eq!(iso(parse_machine_date("٢٠٢٠-١٠-٠٧")), "2020-10-07T00:00:00");
    }

    #[test]
    fn timestamps() {
        assert_eq!(iso(parse_machine_date("1531691816")), "2018-07-15T21:56:56");
        assert_eq!(
            iso(parse_machine_date("1531691816000")),
            "2018-07-15T21:56:56"
        );
    }

    #[test]
    fn garbage_is_none() {
        assert!(parse_machine_date("yesterday").is_none());
        assert!(parse_machine_date("").is_none());
    }
}
