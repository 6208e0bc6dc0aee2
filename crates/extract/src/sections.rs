//! The fixed section set, and the mapping from outlets' own labels (breadcrumbs, URL paths,
//! corpus categories, headings) onto it.

use crate::keys::label_key;

/// The canonical sections, as stored.
pub const SECTIONS: &[&str] = &[
    "world",
    "middle-east",
    "politics",
    "economy",
    "sport",
    "culture",
    "celebrities",
    "health",
    "technology",
    "science",
    "society",
    "opinion",
];

#[rustfmt::skip]
const LABELS: &[(&str, &[&str])] = &[
    ("world", &["العالم", "دولي", "دولية", "عالمي", "عالمية", "أخبار العالم", "أخبار عالمية", "أخبار دولية", "دوليات", "عرب وعالم", "عربي ودولي", "عربي وعالمي", "عربية ودولية", "العرب والعالم", "international", "internationalnews", "world", "world news", "global"]),
    ("middle-east", &["الشرق الأوسط", "عربي", "عربية", "أخبار عربية", "العالم العربي", "الوطن العربي", "middleeast", "middle east", "middle-east", "arab", "arab world"]),
    ("politics", &["سياسة", "سياسي", "سياسية", "أخبار سياسية", "politics", "political"]),
    ("economy", &["اقتصاد", "اقتصادي", "اقتصادية", "مال وأعمال", "مال و أعمال", "أعمال", "أسواق", "بورصة", "economy", "business", "markets", "finance"]),
    ("sport", &["رياضة", "رياضي", "رياضية", "الرياضة", "كرة القدم", "sport", "sports", "football"]),
    ("culture", &["ثقافة", "ثقافي", "فن", "فنون", "فن وموسيقى", "فن و موسيقى", "ثقافة وفن", "فن وثقافة", "culture", "arts", "art", "culture-and-art", "culture and art"]),
    ("celebrities", &["أخبار النجوم", "نجوم", "مشاهير", "المشاهير", "celebrities", "celebrity", "stars"]),
    ("health", &["صحة", "صحة وتغذية", "صحة و تغذية", "طب", "health", "medicine"]),
    ("technology", &["تكنولوجيا", "تقنية", "علوم وتكنولوجيا", "علوم وتقنية", "تكنولوجيا وعلوم", "technology", "tech", "science-and-technology"]),
    ("science", &["علوم", "علم", "science"]),
    ("society", &["مجتمع", "منوعات", "حوادث", "society", "variety", "lifestyle"]),
    ("opinion", &["رأي", "آراء", "مقالات", "مقالات الرأي", "opinion", "opinions", "editorials"]),
];

/// Maps an outlet's own label to a canonical section, if it is one marsad knows.
pub fn canonical(label: &str) -> Option<&'static str> {
    let k = label_key(label);
    if k.is_empty() {
        return None;
    }
    LABELS.iter().find(|(_, labels)| labels.iter().any(|l| label_key(l) == k)).map(|(s, _)| *s)
}

/// Maps the path of a URL to a section using its segments (`/ar/culture-and-art/2018/…`).
pub fn from_url_path(url: &str) -> Option<(&'static str, String)> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = rest.split_once('/').map_or("", |(_, p)| p);
    path.split(['/', '?', '#']).filter(|s| !s.is_empty() && !s.chars().all(|c| c.is_ascii_digit())).take(4).find_map(
        |seg| canonical(&seg.replace(['-', '_'], " ")).or_else(|| canonical(seg)).map(|s| (s, seg.to_string())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_and_latin_labels_map() {
        assert_eq!(canonical("رياضة"), Some("sport"));
        assert_eq!(canonical("الرياضة"), Some("sport"));
        assert_eq!(canonical("فن وموسيقى"), Some("culture"));
        assert_eq!(canonical("صحة وتغذية"), Some("health"));
        assert_eq!(canonical("أخبار النجوم"), Some("celebrities"));
        assert_eq!(canonical("internationalNews"), Some("world"));
        assert_eq!(canonical("middleEast"), Some("middle-east"));
        assert_eq!(canonical("حدث"), None);
    }

    #[test]
    fn url_paths_map() {
        assert_eq!(
            from_url_path("https://www.alarabiya.net/ar/culture-and-art/2018/07/15/x.html").unwrap().0,
            "culture"
        );
        assert_eq!(from_url_path("https://x.com/sport/123").unwrap().0, "sport");
        assert!(from_url_path("https://x.com/2018/01/a.html").is_none());
    }
}
