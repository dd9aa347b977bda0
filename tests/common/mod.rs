//! Test harness: copies a fixture portfolio into a temp folder and runs the real
//! `folio` binary on it. See tests/README.md.

#![allow(dead_code)]

pub mod browser;
pub mod files;
pub mod server;
pub mod skipped;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The verifier crate's corpora (`conformance`, `interop`): they moved with it, and
/// folio's tests run them through the binary as well.
pub fn verifier_fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/openbadges-verify/tests/fixtures")
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    #[track_caller]
    pub fn success(&self) -> &Self {
        assert_eq!(
            self.code, 0,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn failure(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stderr_has(&self, text: &str) -> &Self {
        assert!(
            self.stderr.contains(text),
            "stderr lacks {text:?}:\n{}",
            self.stderr
        );
        self
    }
}

/// A portfolio in a temporary folder.
pub struct Portfolio {
    pub tmp: tempfile::TempDir,
    pub root: PathBuf,
}

impl Portfolio {
    /// A copy of `tests/fixtures/NAME`.
    pub fn fixture(name: &str) -> Portfolio {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        copy_dir(&fixtures().join(name), &root);
        Portfolio { tmp, root }
    }

    /// A copy of the example portfolio shipped with folio.
    pub fn example() -> Portfolio {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("example-portfolio"),
            &root,
        );
        let _ = fs::remove_dir_all(root.join("public"));
        Portfolio { tmp, root }
    }

    /// The example's `folio.yaml` without its trust list: every issuer unknown, as
    /// for every learner who has not written one.
    pub fn without_trust_list(&self) -> &Self {
        let config = self.read("folio.yaml");
        let start = config
            .find("  trust:\n")
            .expect("the example trusts its issuer");
        let end = config[start..]
            .find("\npathways:")
            .map_or(config.len(), |e| start + e + 1);
        let untrusted = format!("{}{}", &config[..start], &config[end..]);
        assert!(!untrusted.contains("trust:"), "{untrusted}");
        self.write("folio.yaml", untrusted)
    }

    /// Copies every file of `dir` over this portfolio.
    pub fn overlay(&self, dir: &Path) -> &Self {
        copy_dir(dir, &self.root);
        self
    }

    /// Writes a file the way editors save: into a temporary file, then renamed over
    /// the target, so `folio serve` never sees it half-written.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> &Self {
        let path = self.root.join(rel);
        let dir = path.parent().unwrap();
        fs::create_dir_all(dir).unwrap();
        let tmp = dir.join(format!(
            ".{}.tmp",
            path.file_name().unwrap().to_string_lossy()
        ));
        fs::write(&tmp, contents).unwrap();
        fs::rename(&tmp, &path).unwrap();
        self
    }

    pub fn read(&self, rel: &str) -> String {
        let path = self.root.join(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    pub fn remove(&self, rel: &str) -> &Self {
        fs::remove_file(self.root.join(rel)).unwrap();
        self
    }

    /// Runs `folio ARGS` with the portfolio as the current folder.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(&self.root, args)
    }

    /// Every file under `rel`, with its bytes.
    pub fn tree(&self, rel: &str) -> BTreeMap<String, Vec<u8>> {
        tree(&self.root.join(rel))
    }
}

pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    run_env(dir, args, &[])
}

/// Runs folio with extra environment variables (folio's network switches, say).
pub fn run_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_LOG")
        .env_remove(folio::net::ALLOW_PRIVATE_ENV)
        .env_remove(folio::net::LOOPBACK_HTTP_ENV)
        .envs(env.iter().copied())
        .output()
        .expect("run folio");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut map = BTreeMap::new();
    if !dir.exists() {
        return map;
    }
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap();
            map.insert(
                rel.to_string_lossy().replace('\\', "/"),
                fs::read(entry.path()).unwrap(),
            );
        }
    }
    map
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// The inside of the first `<main …>…</main>` of an HTML page.
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("page has <main>");
    let end = html.find("</main>").expect("page has </main>");
    &html[start..end + "</main>".len()]
}

/// Compares `actual` with `tests/snapshots/NAME`; `SNAPSHOTS=overwrite` rewrites it.
#[track_caller]
pub fn snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var("SNAPSHOTS").as_deref() == Ok("overwrite") || !path.exists() {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, actual).unwrap();
        if std::env::var("CI").is_ok() {
            panic!("snapshot {name} was missing; commit it");
        }
        return;
    }
    let expected = fs::read_to_string(&path).unwrap();
    assert_eq!(
        expected, actual,
        "snapshot {name} differs; run with SNAPSHOTS=overwrite to accept"
    );
}

/// A BitstringStatusListCredential with the given bits set, signed by `issuer`.
pub fn status_list(
    issuer: &folio::badge::sign::Issuer,
    url: &str,
    purpose: &str,
    set: &[usize],
) -> serde_json::Value {
    folio::badge::sign::status_list(issuer, url, purpose, set).unwrap()
}

/// The verdicts `folio verify --format json` printed, one per line.
pub fn verdicts(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// (outcome, detail) of the check `name` in a JSON verdict.
pub fn check<'a>(v: &'a serde_json::Value, name: &str) -> (&'a str, &'a str) {
    let c = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no {name} check in {v}"));
    (
        c["outcome"].as_str().unwrap(),
        c["detail"].as_str().unwrap(),
    )
}

/// Runs git in `dir` (as a fixed author); panics on failure.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args([
            "-c",
            "user.email=careers@example.edu",
            "-c",
            "user.name=Careers",
        ])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "tag.gpgSign=false",
            "-c",
            "commit.gpgSign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}
