//! Any bytes as an HTML page: charset detection, trafilatura, the Arabic page pass.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = marsad_extract::html::parse(data, &marsad_extract::Options::default());
});
