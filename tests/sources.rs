//! Shared themes and pathways from a git repository or an archive, pinned in
//! folio.lock, with no internet: the repository is made by the test in a temp folder
//! (a `file://` URL) and archives are served on 127.0.0.1.

mod common;

use std::path::{Path, PathBuf};

use common::{Portfolio, Run, copy_dir, git, run_env};

/// A career service's theme repository: the default theme renamed, a footer that
/// says which release it is, and a pathway file; tagged `v1.0.0`.
fn theme_repo(dir: &Path) {
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default"),
        dir,
    );
    std::fs::remove_file(dir.join("screenshot.png")).ok();
    release(dir, "1.0.0");
    std::fs::create_dir_all(dir.join("pathways")).unwrap();
    std::fs::write(
        dir.join("pathways/analyst.yaml"),
        "pathway: 1\nid: https://careers.example/analyst\nname: Careers Analyst\nissuers:\n  uni: [https://uni.example/issuer]\nrequires:\n  all:\n    - { achievement: https://uni.example/a/sql, issuer: uni }\n",
    )
    .unwrap();
    git(dir, &["init", "-q"]);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-qm", "career centre theme"]);
    git(dir, &["tag", "v1.0.0"]);
}

/// Sets the theme's version and the release its footer names.
fn release(dir: &Path, version: &str) {
    let manifest = std::fs::read_to_string(dir.join("theme.yaml")).unwrap();
    let manifest: String = manifest
        .lines()
        .map(|l| {
            if l.starts_with("name:") {
                "name: career-centre".to_string()
            } else if l.starts_with("version:") {
                format!("version: {version}")
            } else if l.starts_with("screenshot:") {
                String::new()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(dir.join("theme.yaml"), manifest + "\n").unwrap();
    let base = std::fs::read_to_string(dir.join("templates/base.html")).unwrap();
    let base = match base.find("<!-- release") {
        Some(i) => base[..i].to_string(),
        None => base,
    };
    std::fs::write(
        dir.join("templates/base.html"),
        format!("{base}<!-- release {version} -->\n"),
    )
    .unwrap();
}

struct Setup {
    _tmp: tempfile::TempDir,
    repo: PathBuf,
    cache: PathBuf,
    p: Portfolio,
}

impl Setup {
    fn new() -> Setup {
        let tmp = tempfile::tempdir().unwrap();
        let repo = tmp.path().join("career-centre");
        theme_repo(&repo);
        let p = Portfolio::fixture("basic");
        let url = format!("file://{}", repo.display());
        let config = p.read("folio.yaml").replace("theme: default\n", "");
        p.write(
            "folio.yaml",
            format!(
                "{config}theme:\n  git: {url}\n  tag: v1.0.0\npathways:\n  - {{ git: {url}, tag: v1.0.0, path: pathways/analyst.yaml }}\n"
            ),
        );
        Setup {
            cache: tmp.path().join("cache"),
            repo,
            _tmp: tmp,
            p,
        }
    }

    fn run(&self, args: &[&str]) -> Run {
        self.run_with_cache(args, &self.cache)
    }

    fn run_with_cache(&self, args: &[&str], cache: &Path) -> Run {
        run_env(
            &self.p.root,
            args,
            &[("FOLIO_CACHE_DIR", cache.to_str().unwrap())],
        )
    }

    fn lock(&self) -> serde_yaml::Value {
        serde_yaml::from_str(&self.p.read("folio.lock")).unwrap()
    }
}

#[test]
fn git_sources_are_locked_cached_checked_and_vendored() {
    let s = Setup::new();
    assert!(!s.p.root.join("folio.lock").exists());
    // First build: resolves the tag, fetches the commit, writes the lock.
    let run = s.run(&["build"]);
    run.success();
    assert!(
        run.stdout
            .contains("pathway Careers Analyst: 0 of 1 requirement met"),
        "{}",
        run.stdout
    );
    assert!(
        s.p.read("public/index.html")
            .contains("<!-- release 1.0.0 -->")
    );
    let lock = s.lock();
    let commit = git(&s.repo, &["rev-parse", "v1.0.0"]);
    let entries = lock["sources"].as_sequence().unwrap();
    assert_eq!(
        entries.len(),
        1,
        "theme and pathway share one source: {lock:?}"
    );
    let entry = &entries[0];
    assert_eq!(
        entry["source"],
        format!("git+file://{}", s.repo.display()).as_str()
    );
    assert_eq!(entry["requested"], "tag=v1.0.0");
    assert_eq!(entry["commit"], commit.as_str());
    let hash = entry["hash"].as_str().unwrap().to_string();
    assert!(hash.starts_with("h1:"), "{hash}");
    let lock_text = s.p.read("folio.lock");

    // Second build: from the cache, with the repository gone. The lock does not move.
    let away = s.repo.with_extension("away");
    std::fs::rename(&s.repo, &away).unwrap();
    s.run(&["build"]).success();
    assert_eq!(s.p.read("folio.lock"), lock_text);

    // --offline with a cold cache: one clear error naming the source and the way out.
    let cold = s._tmp.path().join("cold-cache");
    s.run_with_cache(&["build", "--offline"], &cold)
        .failure(2)
        .stderr_has("is not in the cache")
        .stderr_has("--offline forbids fetching it")
        .stderr_has("folio vendor");

    // A tampered cache is refused.
    let cached = s.cache.join("sources");
    let tree = std::fs::read_dir(&cached)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.join("theme.yaml").is_file())
        .expect("the cached tree");
    let base = tree.join("templates/base.html");
    let original = std::fs::read_to_string(&base).unwrap();
    std::fs::write(
        &base,
        original.replace("<body>", "<body><script>steal()</script>"),
    )
    .unwrap();
    s.run(&["build"])
        .failure(2)
        .stderr_has("the cached copy of")
        .stderr_has("does not match folio.lock");
    std::fs::write(&base, &original).unwrap();
    s.run(&["build"]).success();

    // vendor, then build with no cache and no repository.
    let run = s.run(&["vendor"]);
    run.success();
    assert!(run.stdout.contains("vendored"), "{}", run.stdout);
    std::fs::remove_dir_all(&s.cache).unwrap();
    s.run(&["build", "--offline"]).success();
    assert!(
        s.p.read("public/index.html")
            .contains("<!-- release 1.0.0 -->")
    );
    std::fs::rename(&away, &s.repo).unwrap();

    // --locked refuses a source the lock lacks (folio.yaml asks for a new tag).
    let config = s.p.read("folio.yaml");
    s.p.write(
        "folio.yaml",
        config.replace("tag: v1.0.0\npathways", "tag: v9.9.9\npathways"),
    );
    s.run(&["build", "--locked"])
        .failure(1)
        .stderr_has("folio.lock has no entry for")
        .stderr_has("--locked forbids adding one");
    s.p.write("folio.yaml", config);
    assert_eq!(hash, s.lock()["sources"][0]["hash"].as_str().unwrap());
}

#[test]
fn theme_update_reports_retagged_releases_and_moves_to_new_tags() {
    let s = Setup::new();
    s.run(&["build"]).success();
    let old = git(&s.repo, &["rev-parse", "v1.0.0"]);
    // The publisher moves the v1.0.0 tag to a new commit.
    release(&s.repo, "1.0.1");
    git(&s.repo, &["commit", "-qam", "retagged"]);
    git(&s.repo, &["tag", "-f", "v1.0.0"]);
    let new = git(&s.repo, &["rev-parse", "v1.0.0"]);
    // A build keeps to the locked commit.
    s.run(&["build"]).success();
    assert!(
        s.p.read("public/index.html")
            .contains("<!-- release 1.0.0 -->")
    );
    // `theme update` says loudly that the tag moved, shows old → new, and relocks.
    let run = s.run(&["theme", "update"]);
    run.success().stderr_has(&format!(
        "THE TAG `v1.0.0` NOW POINTS TO {new}, BUT folio.lock SAYS {old}"
    ));
    assert!(
        run.stdout.contains(&format!(
            "theme `career-centre`: 1.0.0 ({}) → 1.0.1 ({})",
            &old[..12],
            &new[..12]
        )),
        "{}",
        run.stdout
    );
    s.run(&["build"]).success();
    assert!(
        s.p.read("public/index.html")
            .contains("<!-- release 1.0.1 -->")
    );

    // A new release, tagged v2.0.0: `theme update` alone says it exists and how to
    // move; `--to` rewrites folio.yaml's tag and the lock.
    release(&s.repo, "2.0.0");
    git(&s.repo, &["commit", "-qam", "v2"]);
    git(&s.repo, &["tag", "v2.0.0"]);
    git(&s.repo, &["tag", "v2.1.0-beta.1"]);
    let run = s.run(&["theme", "update"]);
    run.success();
    assert!(
        run.stdout
            .contains("newer releases: v2.0.0; move to one with `folio theme update --to v2.0.0`"),
        "{}",
        run.stdout
    );
    let run = s.run(&["theme", "update", "--to", "v2.0.0"]);
    run.success();
    assert!(run.stdout.contains("→ 2.0.0"), "{}", run.stdout);
    assert!(s.p.read("folio.yaml").contains("  tag: v2.0.0\n"));
    assert!(s.p.read("folio.lock").contains("requested: tag=v2.0.0"));
    s.run(&["build", "--locked"]).success();
    assert!(
        s.p.read("public/index.html")
            .contains("<!-- release 2.0.0 -->")
    );

    // A release that fails `folio theme check` is not locked.
    std::fs::remove_file(s.repo.join("templates/skills.html")).unwrap();
    git(&s.repo, &["commit", "-qam", "broken"]);
    git(&s.repo, &["tag", "v3.0.0"]);
    let lock = s.p.read("folio.lock");
    s.run(&["theme", "update", "--to", "v3.0.0"])
        .failure(1)
        .stderr_has("skills.html");
    assert_eq!(s.p.read("folio.lock"), lock);
    assert!(s.p.read("folio.yaml").contains("tag: v2.0.0"));
}

/// Serves `bytes` at every path on a free loopback port, until the test ends.
fn serve_bytes(bytes: std::sync::Arc<std::sync::Mutex<Vec<u8>>>) -> u16 {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let port = server.server_addr().to_ip().unwrap().port();
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let body = bytes.lock().unwrap().clone();
            let _ = request.respond(tiny_http::Response::from_data(body));
        }
    });
    port
}

/// A gzipped tar of `dir` under a top folder, as release archives are laid out.
fn tar_gz(dir: &Path, top: &str) -> Vec<u8> {
    let mut b = tar::Builder::new(flate2::write::GzEncoder::new(
        Vec::new(),
        flate2::Compression::best(),
    ));
    b.append_dir_all(top, dir).unwrap();
    b.into_inner().unwrap().finish().unwrap()
}

/// A tar with one raw entry (names `tar` itself would refuse, and links).
fn evil_tar(name: &str, kind: tar::EntryType) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_gnu();
    h.set_entry_type(kind);
    h.set_size(if kind == tar::EntryType::Regular {
        1
    } else {
        0
    });
    h.set_mode(0o644);
    if kind == tar::EntryType::Symlink {
        h.set_link_name("/etc/passwd").unwrap();
    }
    h.as_old_mut().name[..name.len()].copy_from_slice(name.as_bytes());
    h.set_cksum();
    let body: &[u8] = if kind == tar::EntryType::Regular {
        b"x"
    } else {
        b""
    };
    b.append(&h, body).unwrap();
    b.into_inner().unwrap()
}

#[test]
fn archive_sources_hash_like_git_and_refuse_tampering_and_escapes() {
    let s = Setup::new();
    // The same release as an archive: its tree, without `.git`.
    let export = s._tmp.path().join("export");
    std::fs::create_dir_all(&export).unwrap();
    copy_dir(&s.repo, &export);
    std::fs::remove_dir_all(export.join(".git")).unwrap();
    let archive = std::sync::Arc::new(std::sync::Mutex::new(tar_gz(
        &export,
        "career-centre-1.0.0",
    )));
    let port = serve_bytes(archive.clone());
    let url = format!("http://127.0.0.1:{port}/career-centre-1.0.0.tar.gz");
    let config = s.p.read("folio.yaml");
    let head = &config[..config.find("theme:").unwrap()];
    s.p.write("folio.yaml", format!("{head}theme:\n  url: {url}\n"));
    let allow = [
        ("FOLIO_CACHE_DIR", s.cache.to_str().unwrap()),
        (folio::net::ALLOW_PRIVATE_ENV, "1"),
    ];
    run_env(&s.p.root, &["build"], &allow).success();
    assert!(
        s.p.read("public/index.html")
            .contains("<!-- release 1.0.0 -->")
    );
    let lock = s.lock();
    let entry = &lock["sources"][0];
    assert_eq!(entry["requested"], "archive");
    let archive_hash = entry["hash"].as_str().unwrap().to_string();
    // The same files from git hash the same, whatever the compression.
    let s2 = Setup::new();
    s2.run(&["build"]).success();
    let git_hash = s2.lock()["sources"][0]["hash"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(archive_hash, git_hash);

    // The host re-publishes different files at the same address: refused, saying so.
    let mut changed = export.clone();
    changed.push("templates/base.html");
    std::fs::write(&changed, "<html>different</html>").unwrap();
    *archive.lock().unwrap() = tar_gz(&export, "career-centre-1.0.0");
    std::fs::remove_dir_all(&s.cache).unwrap();
    run_env(&s.p.root, &["build"], &allow)
        .failure(2)
        .stderr_has("changed since folio.lock was written");

    // Archives that reach outside their folder, or hold links, are refused.
    std::fs::remove_file(s.p.root.join("folio.lock")).unwrap();
    for (bytes, why) in [
        (
            evil_tar("../../outside.txt", tar::EntryType::Regular),
            "points outside the archive",
        ),
        (evil_tar("theme/link", tar::EntryType::Symlink), "is a link"),
        // A line break in a name could forge the hash's `HASH  PATH` lines, so that
        // another archive with other files hashes the same as the locked one.
        (
            evil_tar("theme/a\n0000  b", tar::EntryType::Regular),
            "has a line break",
        ),
    ] {
        *archive.lock().unwrap() = bytes;
        run_env(&s.p.root, &["build"], &allow)
            .failure(2)
            .stderr_has(why);
        assert!(!s.p.root.parent().unwrap().join("outside.txt").exists());
        assert!(!s.p.root.join("folio.lock").exists());
    }
}

#[test]
fn init_starts_a_portfolio_on_a_shared_theme() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("career-centre");
    theme_repo(&repo);
    let cache = tmp.path().join("cache");
    let env = [("FOLIO_CACHE_DIR", cache.to_str().unwrap())];
    let theme = format!("file://{}@v1.0.0", repo.display());
    run_env(tmp.path(), &["init", "mine", "--theme", &theme], &env).success();
    let root = tmp.path().join("mine");
    let config = std::fs::read_to_string(root.join("folio.yaml")).unwrap();
    assert!(
        config.contains(&format!(
            "theme: \n  git: file://{}\n  tag: v1.0.0\n",
            repo.display()
        )),
        "{config}"
    );
    assert!(root.join("folio.lock").is_file(), "init locks the theme");
    // The Pages workflow caches sources by the lock and builds with --locked.
    let workflow = std::fs::read_to_string(root.join(".github/workflows/pages.yml")).unwrap();
    assert!(workflow.contains("key: folio-sources-${{ hashFiles('folio.lock') }}"));
    assert!(workflow.contains("folio build --locked"));
    run_env(&root, &["build", "--locked"], &env).success();
    assert!(
        std::fs::read_to_string(root.join("public/index.html"))
            .unwrap()
            .contains("<!-- release 1.0.0 -->")
    );
    // Without git, folio says so and suggests the archive form.
    let empty = tmp.path().join("no-git-here");
    std::fs::create_dir_all(&empty).unwrap();
    let no_git = [
        ("FOLIO_CACHE_DIR", cache.to_str().unwrap()),
        ("PATH", empty.to_str().unwrap()),
    ];
    let other = format!("file://{}@v2.0.0", repo.display());
    run_env(tmp.path(), &["init", "nogit", "--theme", &other], &no_git)
        .failure(2)
        .stderr_has("git is not installed")
        .stderr_has("url: https://");
    // A tag that does not exist is a clear error.
    let bad = format!("file://{}@v7", repo.display());
    run_env(tmp.path(), &["init", "other", "--theme", &bad], &env)
        .failure(2)
        .stderr_has("has no tag v7");
}

/// `tag: v1.0.0` is the tag, never a branch named `refs/tags/v1.0.0` (which
/// `git ls-remote`'s tail matching also lists, first).
#[test]
fn a_tag_is_matched_exactly_not_by_a_branch_with_its_name() {
    let s = Setup::new();
    let tagged = git(&s.repo, &["rev-parse", "refs/tags/v1.0.0^{commit}"]);
    git(&s.repo, &["checkout", "-q", "-b", "refs/tags/v1.0.0"]);
    release(&s.repo, "6.6.6");
    git(&s.repo, &["commit", "-qam", "impostor"]);
    git(&s.repo, &["checkout", "-q", "main"]);
    s.run(&["build"]).success();
    assert!(
        s.p.read("public/index.html")
            .contains("<!-- release 1.0.0 -->")
    );
    let lock = s.lock();
    assert_eq!(
        lock["sources"][0]["commit"].as_str().unwrap(),
        tagged.trim()
    );
}

/// An empty or non-hexadecimal `rev`, and an archive over plain HTTP, are refused
/// before anything is fetched.
#[test]
fn empty_revs_and_plain_http_archives_are_refused() {
    let s = Setup::new();
    let config = s.p.read("folio.yaml");
    let head = &config[..config.find("theme:").unwrap()];
    let url = format!("file://{}", s.repo.display());
    for (theme, says) in [
        (format!("{{ git: {url}, rev: '' }}"), "`rev` is empty"),
        (format!("{{ git: {url}, rev: main }}"), "is not a commit id"),
        (format!("{{ git: {url}, tag: '' }}"), "`tag` is empty"),
        (
            "{ url: 'http://127.0.0.1:9/theme.tar.gz' }".to_string(),
            "archives are fetched over HTTPS only",
        ),
    ] {
        s.p.write("folio.yaml", format!("{head}theme: {theme}\n"));
        let run = s.run(&["build"]);
        assert!(matches!(run.code, 1 | 2), "{theme}: {}", run.stderr);
        run.stderr_has(says);
    }
}

/// A cache folder changed on disk is never used, also when folio.lock lacks the
/// entry (then the fresh copy's hash is locked, and the cache is repaired).
#[test]
fn a_tampered_cache_is_not_used_when_the_lock_lacks_the_entry() {
    let s = Setup::new();
    s.run(&["build"]).success();
    let genuine = s.lock()["sources"][0]["hash"].as_str().unwrap().to_string();
    let sources = s.cache.join("sources");
    let mut tampered = 0;
    for entry in std::fs::read_dir(&sources).unwrap() {
        let base = entry.unwrap().path().join("templates/base.html");
        if base.is_file() {
            let text = std::fs::read_to_string(&base).unwrap();
            std::fs::write(&base, text.replace("<body", "<!-- tampered --><body")).unwrap();
            tampered += 1;
        }
    }
    assert!(tampered > 0);
    std::fs::remove_file(s.p.root.join("folio.lock")).unwrap();
    s.run(&["build"]).success();
    assert!(!s.p.read("public/index.html").contains("tampered"));
    assert_eq!(s.lock()["sources"][0]["hash"].as_str().unwrap(), genuine);
}
