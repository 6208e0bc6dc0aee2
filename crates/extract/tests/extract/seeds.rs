//! The two seed pages (when `../shared` is present).

use super::*;
use marsad_extract::model::Role;

fn seed(prefix: &str) -> Option<Vec<u8>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let entry = std::fs::read_dir(dir).ok()?.flatten().find(|e| e.file_name().to_string_lossy().starts_with(prefix))?;
    std::fs::read(entry.path()).ok()
}

#[test]
fn almaghribtoday_page() {
    let Some(bytes) = seed("000_") else { return eprintln!("../shared/seeds not present; skipped") };
    let a = only_article(&bytes);
    assert_eq!(a.title, "زعيم كوريا الشمالية كيم جونج أون");
    assert_eq!(a.paragraphs.len(), 4);
    assert!(a.body().starts_with("أرسل الزعيم الكورى الشمالى"));
    assert!(a.body().ends_with("لدواعي أمنية."));
    for absent in ["اخر الاخبار", "محمد صلاح", "View on"] {
        assert!(!a.body().contains(absent), "{absent}");
    }
    assert_eq!(a.outlet.as_ref().unwrap().id, "almaghribtoday");
    assert_eq!(a.section_label.as_deref(), Some("حدث"));
    let dl = a.dateline.as_ref().unwrap();
    assert_eq!(dl.place_en.as_deref(), Some("Seoul"));
    assert_eq!(dl.source_id.as_deref(), Some("almaghribtoday"));
    assert_eq!(a.agencies, ["Yonhap"]);
    let headings: Vec<&str> = a.related.iter().map(|l| l.heading.as_str()).collect();
    assert_eq!(
        headings,
        [
            "قد يهمك ايضا",
            "أخبار ذات صلة",
            "اخر الاخبار",
            "فن وموسيقى",
            "أخبار النجوم",
            "رياضة",
            "صحة وتغذية",
            "الأخبار الأكثر قراءة"
        ]
    );
    assert_eq!(a.related[0].items.len(), 2);
    assert_eq!(a.related[5].section_hint.as_deref(), Some("sport"));
    assert!(a.related[2].items[0].truncated);
    assert!(!a.related[2].items[3].truncated);
    assert!(a.related.iter().all(|l| l.items.len() >= 2));
}

#[test]
fn sampress_page() {
    let Some(bytes) = seed("002_") else { return eprintln!("../shared/seeds not present; skipped") };
    let ex = extract_bytes(&bytes);
    let arts: Vec<Article> = ex.records.into_iter().map(Result::unwrap).collect();
    assert_eq!(arts.len(), 2, "main article and the one embedded after «إقرأ أيضاً»");

    let a = &arts[0];
    assert_eq!(a.role, Role::Main);
    assert_eq!(a.outlet.as_ref().unwrap().id, "sampress");
    assert_eq!(a.paragraphs.len(), 4);
    assert!(a.body().starts_with("أعلنت الرئاسة الروسية"));
    assert!(a.body().ends_with("بين موسكو وبيونغ يانغ."));
    assert!(a.title_inferred);
    let chain: Vec<Option<&str>> = a.attribution.iter().map(|s| s.id.as_deref()).collect();
    assert_eq!(chain, [Some("sputnik-arabic"), Some("sampress")], "Sputnik, republished by Sam Press");
    assert_eq!(a.related.len(), 1);
    assert_eq!(a.related[0].heading, "مقالات مشابهة");
    assert_eq!(a.related[0].items.len(), 10);

    let b = &arts[1];
    assert_eq!(b.role, Role::Embedded);
    assert_eq!(b.title, "بوتين: قمة آستانا تروج إلى نظام عالمي متعدد الأقطاب");
    assert_eq!(b.paragraphs.len(), 7);
    assert!(b.body().starts_with("قال الرئيس الروسي، فلاديمير بوتين"));
    assert!(b.body().ends_with("إضافة إلى إيران التي انضمت إليها العام الماضي."));
    assert!(b.paragraphs[3].starts_with("وضاعف بوتين"));
    assert!(!b.body().contains("تقرير: بوتين يخطط"));
    assert_eq!(b.teasers.len(), 1);
    assert_eq!(b.teasers[0].title, "تقرير: بوتين يخطط لإرسال أطفال روس إلى مخيم صيفي في كوريا الشمالية");
    assert!(b.teasers[0].lead.starts_with("عقب زيارته"));
    assert_eq!(marsad_extract::sources::cited_agencies(&b.teasers[0].lead), ["The Telegraph"]);
}
