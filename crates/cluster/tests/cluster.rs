//! Integration tests of the story engine: determinism, restarts, copies, threads.

use marsad_cluster::{Assignment, Config, Engine, Input, features};

/// (hours, outlet, title, body)
const STREAM: &[(i64, &str, &str, &str)] = &[
    (
        0,
        "a",
        "بريطانيا تمهل روسيا حتى منتصف الليل لتفسير تسميم سكريبال",
        "أمهلت رئيسة الوزراء البريطانية تيريزا ماي روسيا حتى منتصف الليل لتقديم تفسير لتسميم العميل المزدوج سيرغي سكريبال بغاز أعصاب في سالزبري.",
    ),
    (
        2,
        "b",
        "لندن تطالب موسكو بتفسير تسميم الجاسوس سكريبال قبل انتهاء المهلة",
        "طالبت الحكومة البريطانية موسكو بتقديم تفسير لتسميم الجاسوس السابق سكريبال قبل انتهاء المهلة التي حددتها ماي عند منتصف الليل.",
    ),
    (
        3,
        "c",
        "ريال مدريد يفوز على برشلونة في الكلاسيكو",
        "فاز ريال مدريد على برشلونة بثلاثة أهداف مقابل هدفين في مباراة الكلاسيكو التي أقيمت مساء السبت على ملعب سانتياغو برنابيو.",
    ),
    (
        4,
        "c",
        "سيول تستضيف محادثات بين الكوريتين الأسبوع المقبل",
        "أعلنت سيول أنها ستستضيف محادثات رفيعة المستوى مع بيونغ يانغ الأسبوع المقبل لبحث خفض التوتر في شبه الجزيرة الكورية.",
    ),
    (
        60,
        "a",
        "بريطانيا تطرد 23 دبلوماسيا روسيا بسبب تسميم سكريبال",
        "أعلنت تيريزا ماي طرد 23 دبلوماسيا روسيا بعد أن رفضت موسكو تقديم تفسير لتسميم سكريبال، في أكبر عملية طرد منذ الحرب الباردة.",
    ),
];

fn run(engine: &mut Engine, items: &[(i64, &str, &str, &str)], first_id: i64) -> Vec<Assignment> {
    items
        .iter()
        .enumerate()
        .map(|(i, (h, outlet, title, body))| {
            let f = features(title, body);
            engine.add(Input {
                id: first_id + i as i64,
                time: 1_520_900_000 + h * 3600,
                dated: true,
                outlet,
                features: &f,
            })
        })
        .collect()
}

mod determinism {
    use super::*;

    #[test]
    fn same_input_same_order_same_stories() {
        let a = run(&mut Engine::new(Config::default()), STREAM, 1);
        let b = run(&mut Engine::new(Config::default()), STREAM, 1);
        assert_eq!(a, b);
    }

    #[test]
    fn restart_from_a_snapshot_continues_identically() {
        let whole = run(&mut Engine::new(Config::default()), STREAM, 1);
        let mut first = Engine::new(Config::default());
        let mut head = run(&mut first, &STREAM[..3], 1);
        let mut restarted = Engine::restore(&first.snapshot()).unwrap();
        head.extend(run(&mut restarted, &STREAM[3..], 4));
        assert_eq!(head, whole);
    }
}

mod stories {
    use super::*;

    #[test]
    fn one_event_two_outlets_one_story_and_unrelated_news_apart() {
        let out = run(&mut Engine::new(Config::default()), STREAM, 1);
        assert_eq!(out[0].story, out[1].story, "the ultimatum, two outlets");
        assert_ne!(out[2].story, out[0].story);
        assert_ne!(out[3].story, out[0].story);
        assert_ne!(out[3].story, out[2].story);
    }

    #[test]
    fn a_later_development_is_a_new_story_of_the_same_thread() {
        let out = run(&mut Engine::new(Config::default()), STREAM, 1);
        assert_ne!(out[4].story, out[0].story, "the expulsions, days later, are a new development");
        assert_eq!(out[4].thread, out[0].thread, "of the same affair");
        assert_ne!(out[2].thread, out[0].thread);
    }
}

mod copies {
    use super::*;

    #[test]
    fn a_republication_with_one_word_changed_is_a_copy() {
        let body = "أعلنت وزارة الصحة اليوم تسجيل انخفاض كبير في عدد الإصابات بالإنفلونزا الموسمية خلال الأسبوع الماضي، \
                    وقالت في بيان إن حملة التطعيم التي بدأت الشهر الماضي شملت أكثر من مليون شخص في مختلف المحافظات، \
                    وإن المستشفيات لم تعد تعاني من ضغط كبير على أقسام الطوارئ كما كانت في بداية الموسم.";
        let mut e = Engine::new(Config::default());
        let f1 = features("انخفاض الإصابات بالإنفلونزا", body);
        let f2 = features("انخفاض الإصابات بالإنفلونزا", &body.replace("كبير في", "ملحوظ في"));
        let a = e.add(Input { id: 1, time: 0, dated: true, outlet: "a", features: &f1 });
        let b = e.add(Input { id: 2, time: 7200, dated: true, outlet: "b", features: &f2 });
        assert_eq!(b.copy_of, Some(1));
        assert_eq!(b.story, a.story);
    }
}

mod scoring {
    use marsad_cluster::score;

    #[test]
    fn bcubed_matches_a_worked_example() {
        // Gold {1,2,3} {4,5}; predicted {1,2} {3,4,5}.
        let s = score(&[(1, "x"), (1, "x"), (2, "x"), (2, "y"), (2, "y")]);
        // Precision: items 1,2 → 1; 3 → 1/3; 4,5 → 2/3. Mean = (1+1+1/3+2/3+2/3)/5.
        assert!((s.bcubed_precision - (1.0 + 1.0 + 1.0 / 3.0 + 2.0 / 3.0 + 2.0 / 3.0) / 5.0).abs() < 1e-9);
        // Recall: 1,2 → 2/3; 3 → 1/3; 4,5 → 1.
        assert!((s.bcubed_recall - (2.0 / 3.0 + 2.0 / 3.0 + 1.0 / 3.0 + 1.0 + 1.0) / 5.0).abs() < 1e-9);
    }
}
