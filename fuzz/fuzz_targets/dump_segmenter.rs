//! Any text through the dump segmenter and article assembly: no panic, no hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let analysis = marsad_extract::dump::analyse(text, &|line| line.len() % 7 == 0);
        let _ = marsad_extract::dump::articles(&analysis, marsad_extract::Format::Dump);
    }
    // And the whole byte-level path: sniffing, decoding, every format.
    let _ = marsad_extract::extract_bytes(data);
});
