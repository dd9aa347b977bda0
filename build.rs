//! Embeds every file under `themes/` into the binary, so built-in themes work from a
//! single executable with no files beside it.

use std::fmt::Write as _;
use std::path::Path;

/// The package's folder, read when the script runs (not `env!`, fixed when it is
/// compiled: cargo may reuse one compiled script for a copy of the package elsewhere,
/// as `cargo publish --dry-run` makes, and the themes must come from this one).
fn manifest_dir() -> std::path::PathBuf {
    std::path::PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    )
}

fn main() {
    let root = manifest_dir().join("themes");
    println!("cargo:rerun-if-changed=themes");
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    // Only what a theme needs at run time; screenshots and READMEs stay out of the binary.
    files.retain(|f| {
        let rel = f.split_once('/').map_or("", |(_, r)| r);
        rel == "theme.yaml"
            || rel.starts_with("templates/")
            || rel.starts_with("static/")
            || rel.starts_with("i18n/")
    });
    files.sort();
    let mut out = String::from("/// (theme-relative path `NAME/templates/x.html`, contents)\n");
    out.push_str("pub static FILES: &[(&str, &[u8])] = &[\n");
    for rel in &files {
        let abs = root.join(rel);
        println!("cargo:rerun-if-changed={}", abs.display());
        writeln!(
            out,
            "    ({rel:?}, include_bytes!({:?})),",
            abs.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("builtin_themes.rs");
    std::fs::write(dest, out).unwrap();
    commit();
}

/// The commit folio is built from, as `FOLIO_COMMIT` (empty outside a git checkout,
/// as for a crates.io install): `folio init` pins the Pages workflow to it.
fn commit() {
    let root = &manifest_dir();
    // Only files that exist: cargo reruns the script on every build for a missing one.
    let watch = |path: std::path::PathBuf| {
        if path.exists() {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    };
    // Asked of git, so a worktree (whose `.git` is a file) is watched too.
    let git_path = |what: &str| {
        std::process::Command::new("git")
            .args(["rev-parse", "--path-format=absolute", what])
            .current_dir(root)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| std::path::PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()))
    };
    if let (Some(git), Some(common)) = (git_path("--git-dir"), git_path("--git-common-dir")) {
        watch(git.join("HEAD"));
        if let Ok(head) = std::fs::read_to_string(git.join("HEAD"))
            && let Some(reference) = head.trim().strip_prefix("ref: ")
        {
            watch(common.join(reference));
            watch(common.join("packed-refs"));
            watch(common.join("refs"));
        }
    }
    let commit = std::process::Command::new("git")
        .args(["rev-parse", "--verify", "HEAD"])
        .current_dir(root)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|c| c.len() == 40 && c.bytes().all(|b| b.is_ascii_hexdigit()))
        .unwrap_or_default();
    println!("cargo:rustc-env=FOLIO_COMMIT={commit}");
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, files);
        } else {
            let rel = path.strip_prefix(root).unwrap();
            let rel: Vec<_> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            files.push(rel.join("/"));
        }
    }
}
