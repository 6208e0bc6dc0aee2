//! Dates and times as the reader shows them: in one display time zone (`marsad serve --tz`,
//! UTC by default), labelled with it, each inside a left-to-right isolate so that `2018-09-11`
//! never turns into `11-09-2018` inside right-to-left text, and ranges read «من … إلى …» in
//! reading order whatever their length.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Offset, Utc};
use chrono_tz::Tz;

/// The time zone the reader shows times in: an IANA name such as `Asia/Riyadh`, or `UTC`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DisplayZone(Tz);

impl Default for DisplayZone {
    fn default() -> Self {
        DisplayZone(Tz::UTC)
    }
}

/// Why a `--tz` was refused.
#[derive(Debug, thiserror::Error)]
#[error("unknown time zone {0:?}: give an IANA name such as Asia/Riyadh, Africa/Cairo or UTC")]
pub struct ZoneError(String);

impl FromStr for DisplayZone {
    type Err = ZoneError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let given = s.trim();
        Tz::from_str(given).map(DisplayZone).map_err(|_| ZoneError(given.to_string()))
    }
}

impl fmt::Display for DisplayZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.name())
    }
}

/// The label of a zone's offset at one instant: «غرينتش» at offset zero, else `UTC+3` or
/// `UTC-4:30` in its own left-to-right isolate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct OffsetLabel(i32);

impl fmt::Display for OffsetLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.0;
        if secs == 0 {
            return f.write_str("غرينتش");
        }
        let sign = if secs < 0 { '-' } else { '+' };
        let (h, m) = (secs.abs() / 3600, secs.abs() % 3600 / 60);
        if m == 0 {
            write!(f, "<bdi dir=\"ltr\">UTC{sign}{h}</bdi>")
        } else {
            write!(f, "<bdi dir=\"ltr\">UTC{sign}{h}:{m:02}</bdi>")
        }
    }
}

impl DisplayZone {
    fn offset_at(&self, t: DateTime<Utc>) -> i32 {
        t.with_timezone(&self.0).offset().fix().local_minus_utc()
    }

    /// The calendar day of `t` in this zone (for the Hijri date, and to tell same-day ranges).
    pub(crate) fn date(&self, t: DateTime<Utc>) -> NaiveDate {
        t.with_timezone(&self.0).date_naive()
    }

    /// One instant, or «بلا تاريخ» when there is none.
    pub(crate) fn when(&self, t: Option<DateTime<Utc>>) -> When {
        When(t.map(|t| Shown::Moment(Moment { t, zone: *self, part: Part::DateTime, labelled: true })))
    }

    /// The instant when it is known, else the day the page stated (no time, so no zone), else
    /// «بلا تاريخ».
    pub(crate) fn when_known(&self, t: Option<DateTime<Utc>>, day: Option<NaiveDate>) -> When {
        match (t, day) {
            (None, Some(d)) => When(Some(Shown::Day(d))),
            (t, _) => self.when(t),
        }
    }

    /// A range from `first` to `last`, in reading order.
    pub(crate) fn span(&self, first: Option<DateTime<Utc>>, last: Option<DateTime<Utc>>) -> Span {
        Span { first, last, zone: *self }
    }

    /// The note every page carries: which zone its times are in.
    pub(crate) fn note(&self) -> ZoneNote {
        ZoneNote(*self)
    }
}

/// Which part of an instant a [`Moment`] shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    DateTime,
    Date,
    Time,
}

/// One instant: `<bdi dir="ltr"><time datetime=…>2018-09-11 14:05</time></bdi>`, then the zone's
/// label when `labelled`.
#[derive(Debug, Clone, Copy)]
struct Moment {
    t: DateTime<Utc>,
    zone: DisplayZone,
    part: Part,
    labelled: bool,
}

impl fmt::Display for Moment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let local = self.t.with_timezone(&self.zone.0);
        let shown = match self.part {
            Part::DateTime => local.format("%Y-%m-%d %H:%M"),
            Part::Date => local.format("%Y-%m-%d"),
            Part::Time => local.format("%H:%M"),
        };
        write!(f, "<bdi dir=\"ltr\"><time datetime=\"{}\">{shown}</time></bdi>", local.to_rfc3339())?;
        if self.labelled {
            write!(f, " <span class=\"tz\">({})</span>", OffsetLabel(self.zone.offset_at(self.t)))?;
        }
        Ok(())
    }
}

/// An instant, a stated day, or none: «بلا تاريخ» (an article whose page gave no date is never
/// shown with the time it was stored).
#[derive(Debug, Clone, Copy)]
pub(crate) struct When(Option<Shown>);

/// What a [`When`] shows.
#[derive(Debug, Clone, Copy)]
enum Shown {
    Moment(Moment),
    /// A day stated without a time.
    Day(NaiveDate),
}

/// Shown for an article or story without a date.
pub(crate) const UNDATED: &str = "<span class=\"undated\">بلا تاريخ</span>";

impl fmt::Display for When {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Some(Shown::Moment(m)) => m.fmt(f),
            Some(Shown::Day(d)) => write!(f, "<bdi dir=\"ltr\"><time datetime=\"{d}\">{d}</time></bdi>"),
            None => f.write_str(UNDATED),
        }
    }
}

/// From `first` to `last`: «من 2018-09-11 08:00 إلى 2018-09-12 09:00 (غرينتش)», or on one day
/// «2018-09-11، من 08:00 إلى 14:05 (غرينتش)»; one instant alone when both are the same.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Span {
    first: Option<DateTime<Utc>>,
    last: Option<DateTime<Utc>>,
    zone: DisplayZone,
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let z = self.zone;
        let m = |t, part, labelled| Moment { t, zone: z, part, labelled };
        match (self.first, self.last) {
            (Some(a), Some(b)) if a == b => m(a, Part::DateTime, true).fmt(f),
            (Some(a), Some(b)) => {
                let (a, b) = if a <= b { (a, b) } else { (b, a) };
                // Label each end only when the zone's offset changed between them (a DST switch).
                let both = z.offset_at(a) != z.offset_at(b);
                if z.date(a) == z.date(b) {
                    write!(
                        f,
                        "{}، من {} إلى {}",
                        m(a, Part::Date, false),
                        m(a, Part::Time, both),
                        m(b, Part::Time, true)
                    )
                } else {
                    write!(f, "من {} إلى {}", m(a, Part::DateTime, both), m(b, Part::DateTime, true))
                }
            }
            (Some(a), None) | (None, Some(a)) => m(a, Part::DateTime, true).fmt(f),
            (None, None) => f.write_str(UNDATED),
        }
    }
}

/// The page-wide note on the display zone: «الأوقات بتوقيت غرينتش» or «الأوقات بتوقيت Asia/Riyadh
/// (UTC+3)».
#[derive(Debug, Clone, Copy)]
pub(crate) struct ZoneNote(DisplayZone);

impl fmt::Display for ZoneNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let z = self.0;
        let offset = OffsetLabel(z.offset_at(Utc::now()));
        if z.0 == Tz::UTC {
            write!(f, "الأوقات بتوقيت {offset}")
        } else {
            // IANA names are ASCII letters, digits, `/`, `_`, `-` and `+`: nothing to escape.
            write!(f, "الأوقات بتوقيت <bdi dir=\"ltr\">{}</bdi> ({offset})", z.0.name())
        }
    }
}

// Each writes fixed words, digits, ASCII zone names and the formatted date: nothing scraped.
impl askama::filters::HtmlSafe for When {}
impl askama::filters::HtmlSafe for Span {}
impl askama::filters::HtmlSafe for ZoneNote {}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn t(d: u32, h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2018, 9, d, h, m, 0).unwrap()
    }

    #[test]
    fn dates_are_iso_inside_a_left_to_right_isolate_with_the_zone() {
        let s = DisplayZone::default().when(Some(t(11, 14, 5))).to_string();
        assert_eq!(
            s,
            "<bdi dir=\"ltr\"><time datetime=\"2018-09-11T14:05:00+00:00\">2018-09-11 14:05</time></bdi> <span class=\"tz\">(غرينتش)</span>"
        );
    }

    #[test]
    fn riyadh_times_are_shifted_and_labelled_utc_plus_3() {
        let z: DisplayZone = "Asia/Riyadh".parse().unwrap();
        let s = z.when(Some(t(11, 22, 30))).to_string();
        assert!(s.contains(">2018-09-12 01:30</time>"), "{s}");
        assert!(s.contains("<bdi dir=\"ltr\">UTC+3</bdi>"), "{s}");
        assert!(z.note().to_string().contains("Asia/Riyadh"));
        let tehran: DisplayZone = "Asia/Tehran".parse().unwrap();
        assert!(tehran.when(Some(Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap())).to_string().contains("UTC+3:30"));
    }

    #[test]
    fn unknown_zone_is_refused_naming_the_fix() {
        let e = "Mars/Olympus".parse::<DisplayZone>().unwrap_err().to_string();
        assert!(e.contains("Mars/Olympus") && e.contains("IANA"), "{e}");
    }

    /// The bug: same-day ranges were written «from – to-time» and multi-day ones «from → to», both
    /// in one left-to-right run, so in the right-to-left page they read backwards.
    #[test]
    fn same_day_and_multi_day_ranges_both_read_from_then_to() {
        let z = DisplayZone::default();
        let same = z.span(Some(t(11, 8, 0)), Some(t(11, 14, 5))).to_string();
        let multi = z.span(Some(t(11, 8, 0)), Some(t(12, 9, 0))).to_string();
        for s in [&same, &multi] {
            let (from, to) = (s.find("من ").unwrap(), s.find(" إلى ").unwrap());
            assert!(from < to, "{s}");
            assert!(!s.contains('→') && !s.contains('–'), "{s}");
        }
        assert!(same.find(">08:00<").unwrap() < same.find(">14:05<").unwrap(), "{same}");
        assert!(multi.find(">2018-09-11 08:00<").unwrap() < multi.find(">2018-09-12 09:00<").unwrap(), "{multi}");
        // Given backwards, still shown from the earlier.
        let back = z.span(Some(t(12, 9, 0)), Some(t(11, 8, 0))).to_string();
        assert_eq!(back, multi);
        assert_eq!(z.span(None, None).to_string(), UNDATED);
        assert_eq!(z.when(None).to_string(), UNDATED);
    }
}
