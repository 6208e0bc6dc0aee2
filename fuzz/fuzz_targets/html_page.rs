//! Any bytes as an HTML page: charset detection, trafilatura, the Arabic page pass. No panic, no
//! hang, no walk over its work budget.
#![no_main]

use libfuzzer_sys::fuzz_target;
use marsad_extract::model::Cut;

fuzz_target!(|data: &[u8]| {
    let out = marsad_extract::html::parse(data, &marsad_extract::Options::default());
    for a in out.records.iter().flatten() {
        assert!(!a.cuts.iter().any(|c| matches!(c, Cut::WorkBudget { .. })), "the page walk spent its budget");
    }
});
