//! Any text through the dump segmenter and article assembly: no panic, no hang, and no page that
//! needs more work than the walk's budget (a budget stop counts as a finding: it is the
//! signature of a loop that stopped advancing).
#![no_main]

use libfuzzer_sys::fuzz_target;
use marsad_extract::model::Cut;

fn over_budget(cuts: &[Cut]) -> bool {
    cuts.iter().any(|c| matches!(c, Cut::WorkBudget { .. }))
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let analysis = marsad_extract::page::analyse(text, &|line| line.len() % 7 == 0);
        assert!(!over_budget(&analysis.cuts), "the page walk spent its budget ({} units)", analysis.work);
        let _ = marsad_extract::page::articles(&analysis, marsad_extract::Format::Dump);
    }
    // And the whole byte-level path: sniffing, decoding, every format.
    for a in marsad_extract::extract_bytes(data).records.iter().flatten() {
        assert!(!over_budget(&a.cuts), "the page walk spent its budget");
    }
});
