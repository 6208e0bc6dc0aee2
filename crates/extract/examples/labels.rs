//! Prints the labelled blocks and extracted articles of the files given on the command line.
fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("read");
        if let Ok(text) = std::str::from_utf8(&bytes) {
            for b in marsad_extract::dump::segment(text) {
                println!(
                    "{:>3} {:<20} {}",
                    b.line,
                    format!("{:?}", b.label)
                        .chars()
                        .take(20)
                        .collect::<String>(),
                    b.text.chars().take(70).collect::<String>()
                );
            }
        }
        let ex = marsad_extract::extract_bytes(&bytes);
        for r in ex.records {
            match r {
                Ok(a) => println!(
                    "TITLE {:?}\nOUTLET {:?} SECTION {:?}/{:?} LANG {:?}\nPARAS {}\nFIRST {}\nLAST {}",
                    a.title,
                    a.outlet.map(|o| o.id),
                    a.section,
                    a.section_label,
                    a.language,
                    a.paragraphs.len(),
                    a.paragraphs
                        .first()
                        .unwrap()
                        .chars()
                        .take(40)
                        .collect::<String>(),
                    a.paragraphs
                        .last()
                        .unwrap()
                        .chars()
                        .rev()
                        .take(30)
                        .collect::<String>()
                        .chars()
                        .rev()
                        .collect::<String>()
                ),
                Err(e) => println!("REJECT {e}"),
            }
        }
    }
}
