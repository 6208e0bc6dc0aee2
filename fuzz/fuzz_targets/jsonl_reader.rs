//! Any bytes as JSON Lines through the bounded line reader and the per-line parser: no panic,
//! every line within the limit, the buffer never over it, and one line per byte at most.
#![no_main]

use libfuzzer_sys::fuzz_target;
use marsad_ingest::{Line, LineReader};

fuzz_target!(|data: &[u8]| {
    // The first byte picks the limit, so that overlong lines are met as often as long ones.
    let limit = 1 + usize::from(data.first().copied().unwrap_or(0)) * 16;
    let mut lines = LineReader::new(data, limit);
    let mut n = 0usize;
    while let Ok(Some(line)) = lines.next_line() {
        n += 1;
        if let Line::Line(bytes) = line {
            assert!(bytes.len() <= limit);
            let _ = marsad_extract::jsonl::parse_line_bytes(bytes, n);
        }
        assert!(lines.capacity() <= limit, "held {} bytes over a limit of {limit}", lines.capacity());
    }
    assert!(n <= data.len(), "{n} lines from {} bytes", data.len());
    let _ = marsad_extract::jsonl::parse_bytes(data);
});
