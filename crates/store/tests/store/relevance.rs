//! Ranking: a name before its stem's relatives, prepositions both ways, long queries ranked by
//! how much they share, quotes for the exact form. Composed articles; the figures
//! on real data come from `marsad eval search` (README).

use super::*;

fn store_of(articles: &[(&str, &str)]) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let batch: Vec<NewArticle> = articles
        .iter()
        .enumerate()
        .map(|(i, (title, body))| {
            let url = format!("https://example.org/{i}");
            article(title, &format!("{body}\n{i} {PAD}"), "a", Some(&url), 1 + (i as u32 % 28))
        })
        .collect();
    store.insert_batch(&batch).unwrap();
    store.commit().unwrap();
    (dir, store)
}

#[test]
fn riyadh_finds_the_city_before_sport_and_the_name_riyad() {
    let mut articles = vec![
        ("الهلال يفوز في بطولة الرياضة", "الرياضة السعودية تحتفل والاتحاد الرياضي يهنئ بالفوز الرياضي الكبير"),
        ("وزارة الرياضة تطلق برنامجا", "برنامج رياضي جديد للرياضة المدرسية ورياضية للشباب"),
        ("الفنانة عايدة رياض تعود", "عادت الفنانة رياض إلى المسرح بعد غياب، وقالت رياض إنها سعيدة"),
        ("اجتماع وزاري في الرياض", "عقد الوزراء اجتماعهم في الرياض أمس"),
        ("صاروخ يعترض فوق العاصمة", "اعترضت الدفاعات صاروخا فوق الرياض وقالت السلطات في بالرياض إن الوضع هادئ"),
    ];
    articles.push(("معرض الكتاب", "يفتتح معرض الكتاب في الرياض الأسبوع المقبل"));
    let (_dir, store) = store_of(&articles);
    let hits = search(&store, "الرياض");
    assert!(hits.len() >= 3, "{hits:?}");
    let city = ["اجتماع وزاري في الرياض", "صاروخ يعترض فوق العاصمة", "معرض الكتاب"];
    for (rank, title) in hits.iter().take(3).enumerate() {
        assert!(city.contains(&title.as_str()), "rank {rank}: {title} in {hits:?}");
    }
    // Quotes mean the exact form: the city only.
    let quoted = search(&store, "\"الرياض\"");
    assert_eq!(quoted.len(), 3, "{quoted:?}");
    // «الرياضة» (sport) still finds its relatives «الرياضي», «رياضية».
    let sport = search(&store, "الرياضة");
    assert!(sport.contains(&"وزارة الرياضة تطلق برنامجا".to_string()), "{sport:?}");
    assert!(sport.contains(&"الهلال يفوز في بطولة الرياضة".to_string()), "{sport:?}");
}

#[test]
fn a_word_after_the_preposition_bi_is_found_both_ways() {
    // «بمقر» (at the headquarters) is «مقر» with a preposition the light stemmer keeps; the index
    // shows «مقر» is the commoner form, so each finds the other.
    let (_dir, store) = store_of(&[
        ("اجتماع بمقر الأمم المتحدة", "اجتمع المندوبون بمقر المنظمة في نيويورك"),
        ("نقل مقر السفارة", "قررت الحكومة نقل مقر السفارة إلى مبنى جديد"),
        ("مقر جديد للبرلمان", "افتتح المقر الجديد للبرلمان"),
        ("زيارة المقر الرئيسي", "زار الوفد المقر الرئيسي للشركة"),
    ]);
    let hits = search(&store, "مقر");
    assert!(hits.contains(&"اجتماع بمقر الأمم المتحدة".to_string()), "{hits:?}");
    let hits = search(&store, "بمقر");
    assert_eq!(hits.len(), 4, "{hits:?}");
    assert_eq!(hits[0], "اجتماع بمقر الأمم المتحدة");
}

#[test]
fn bayan_is_not_taken_for_bi_plus_a_rarer_word() {
    // «بيان» (statement) is far commoner than «يان»: the index does not vouch for a proclitic.
    let (_dir, store) = store_of(&[
        ("بيان رسمي", "أصدرت الوزارة بيانا رسميا"),
        ("بيان ثان", "صدر بيان ثان عن الحكومة"),
        ("الممثل يان يصل", "وصل الممثل يان إلى المهرجان"),
    ]);
    let hits = search(&store, "بيان");
    assert_eq!(hits.len(), 2, "{hits:?}");
    assert!(!hits.contains(&"الممثل يان يصل".to_string()), "{hits:?}");
}

#[test]
fn headline_query_finds_reports_that_share_only_some_of_its_words() {
    // Before: every word was required, so a pasted headline found only its own article.
    let (_dir, store) = store_of(&[
        ("البرلمان الأوروبي يصوت على اتفاق التجارة مع كندا", "صوت البرلمان الأوروبي على اتفاق التجارة"),
        ("نواب أوروبا يقرون اتفاق التجارة الحرة", "أقر البرلمان الأوروبي اتفاق التجارة مع كندا بأغلبية"),
        ("كندا ترحب بتصويت البرلمان", "رحبت كندا بقرار البرلمان الأوروبي"),
        ("أسعار النفط ترتفع", "ارتفعت أسعار النفط في الأسواق"),
    ]);
    let hits = search(&store, "البرلمان الأوروبي يصوت على اتفاق التجارة مع كندا");
    assert_eq!(hits[0], "البرلمان الأوروبي يصوت على اتفاق التجارة مع كندا");
    assert!(hits.len() == 3, "the other two reports, not the oil story: {hits:?}");
    // Two words stay a conjunction.
    assert_eq!(search(&store, "أسعار كندا"), Vec::<String>::new());
}
