//! Inputs composed the way an attacker (or a broken exporter) would: huge lines, stray NUL bytes,
//! lying lengths, FIFOs and symlinks. Each must cost only itself — never the run, never the good
//! records beside it.

use std::io::{Read, Write};

use marsad_store::Store;

use super::run;

/// `left` bytes of `byte`, produced on demand (never allocated).
struct Lazy {
    byte: u8,
    left: u64,
}

impl Read for Lazy {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = out.len().min(self.left.min(usize::MAX as u64) as usize);
        out[..n].fill(self.byte);
        self.left -= n as u64;
        Ok(n)
    }
}

const TEXT: &str = "أعلنت وزارة الزراعة اليوم خطة لزيادة إنتاج القمح خلال الموسم المقبل بنسبة كبيرة.";

fn jsonl_line(title: &str) -> String {
    serde_json::json!({ "title": title, "text": TEXT }).to_string()
}

#[test]
fn jsonl_gz_overlong_line_is_rejected_and_later_lines_are_stored() {
    let inputs = tempfile::tempdir().unwrap();
    let path = inputs.path().join("export.jsonl.gz");
    {
        // 80 MB without a newline, over the 64 MB document limit, compressed as it streams.
        let mut gz = flate2::write::GzEncoder::new(std::fs::File::create(&path).unwrap(), flate2::Compression::fast());
        gz.write_all(format!("{}\n", jsonl_line("خبر أول عن القمح")).as_bytes()).unwrap();
        std::io::copy(&mut Lazy { byte: b'a', left: 80 << 20 }, &mut gz).unwrap();
        gz.write_all(format!("\n{}\n", jsonl_line("خبر ثالث عن القمح")).as_bytes()).unwrap();
        gz.finish().unwrap();
    }
    let data = tempfile::tempdir().unwrap();
    let store = Store::open(data.path()).unwrap();
    let (s, rejected) = run(&store, &[path]);
    assert_eq!(rejected.len(), 1, "{rejected:?}");
    assert!(rejected[0].contains("export.jsonl.gz:2") && rejected[0].contains("too-large"), "{rejected:?}");
    assert_eq!(s.new, 2, "the lines before and after the huge one are stored");
}

#[test]
fn jsonl_nul_byte_costs_only_its_line() {
    let inputs = tempfile::tempdir().unwrap();
    let mut bytes = format!("{}\n", jsonl_line("خبر أول عن القمح")).into_bytes();
    bytes.extend_from_slice(b"{\"title\":\"\xd8\xae\xd8\xa8\xd8\xb1\x00\",\"text\":\"x\"}\n");
    bytes.extend_from_slice(format!("{}\n", jsonl_line("خبر ثالث عن القمح")).as_bytes());
    // Latin-1 bytes in a UTF-8 file: the line is refused, not stored as replacement characters.
    bytes.extend_from_slice(b"{\"title\":\"caf\xe9\",\"text\":\"na\xefve\"}\n");
    bytes.extend_from_slice(format!("{}\n", jsonl_line("خبر خامس عن القمح")).as_bytes());
    let path = super::write(inputs.path(), "export.jsonl", &bytes);
    let data = tempfile::tempdir().unwrap();
    let store = Store::open(data.path()).unwrap();
    let (s, rejected) = run(&store, &[path]);
    assert_eq!(rejected.len(), 2, "{rejected:#?}");
    assert!(rejected[0].contains("export.jsonl:2 => binary: line 2") && rejected[0].contains("NUL"), "{rejected:#?}");
    assert!(rejected[1].contains("export.jsonl:4 => invalid-encoding: line 4"), "{rejected:#?}");
    assert_eq!(s.new, 3, "the good lines around them are stored");
}
