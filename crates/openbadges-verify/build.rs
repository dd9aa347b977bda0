//! Embeds the JSON-LD contexts listed in `src/contexts/INDEX.tsv` into the library.

use std::fmt::Write as _;
use std::path::Path;

/// Embeds the JSON-LD contexts listed in `src/contexts/INDEX.tsv`: verification
/// never fetches a context, so every published variant folio knows is compiled in.
fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/contexts");
    let index = dir.join("INDEX.tsv");
    println!("cargo:rerun-if-changed={}", index.display());
    let text = std::fs::read_to_string(&index).unwrap();
    let mut out = String::from(
        "/// (url, priority, variant, date, file, contents), in INDEX.tsv order\n\
         pub static CONTEXTS: &[(&str, u32, &str, &str, &str, &[u8])] = &[\n",
    );
    for line in text.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (url, priority, variant, file, date) = (cols[0], cols[1], cols[2], cols[3], cols[7]);
        let abs = dir.join(file);
        println!("cargo:rerun-if-changed={}", abs.display());
        writeln!(
            out,
            "    ({url:?}, {priority}, {variant:?}, {date:?}, {file:?}, include_bytes!({:?})),",
            abs.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("contexts.rs");
    std::fs::write(dest, out).unwrap();
}
