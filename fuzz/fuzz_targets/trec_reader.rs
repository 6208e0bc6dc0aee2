//! Any text as TREC `<DOC>` records, and any text through the entity decoder: no panic, no hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = marsad_extract::trec::parse(text);
        let _ = marsad_extract::trec::unescape(text);
    }
});
