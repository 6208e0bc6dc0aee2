//! Any bytes as a WARC stream — plain, as the output of a gzip member, and as gzip members
//! themselves (mostly corrupt ones): no panic, no hang, and no more items than the bytes allow.
#![no_main]

use std::io::{BufRead, BufReader, Write};

use libfuzzer_sys::fuzz_target;
use marsad_ingest::gz::GzMembers;
use marsad_ingest::warc::WarcReader;

/// Reads every item; returns how many there were.
fn drain(r: impl BufRead) -> usize {
    let mut n = 0;
    for item in WarcReader::new(r) {
        n += 1;
        if item.is_err() {
            break;
        }
    }
    n
}

fuzz_target!(|data: &[u8]| {
    // Each item is a record or a stretch of bytes with its own start offset, and a step ends at
    // most two of them: a runaway loop would show as more.
    let items = drain(data);
    assert!(items <= 2 * data.len() + 2, "{items} items from {} bytes", data.len());

    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(data).expect("writing to memory");
    let packed = gz.finish().expect("writing to memory");
    drain(BufReader::new(GzMembers::new(&packed[..])));

    drain(BufReader::new(GzMembers::new(data)));
});
