//! The Pages workflow's install step, run as the script `folio init` writes into it,
//! against a release served from 127.0.0.1: the right hash installs the binary, a
//! tampered archive is refused, and a release without a binary for this platform (or a
//! workflow without a pinned hash) falls back to `cargo install --locked` (a stub here).

mod common;

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};

use common::run_env;
use sha2::{Digest, Sha256};

/// The release target the script picks on this machine.
fn target() -> &'static str {
    match std::env::consts::ARCH {
        "aarch64" => "aarch64-unknown-linux-musl",
        _ => "x86_64-unknown-linux-musl",
    }
}

/// A release archive holding a `folio` that says `words`.
fn archive(words: &str) -> Vec<u8> {
    let script = format!("#!/bin/sh\necho {words}\n");
    let mut tar = tar::Builder::new(Vec::new());
    let mut header = tar::Header::new_gnu();
    header.set_size(script.len() as u64);
    header.set_mode(0o755);
    header.set_cksum();
    tar.append_data(&mut header, "folio", script.as_bytes())
        .unwrap();
    let tar = tar.into_inner().unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&tar).unwrap();
    gz.finish().unwrap()
}

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The install step of the workflow at `path`: its script and environment.
fn install_step(path: &Path) -> (String, Vec<(String, String)>) {
    let yaml: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut env: Vec<(String, String)> = yaml["env"]
        .as_mapping()
        .unwrap()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().unwrap().to_string(),
                v.as_str().unwrap().to_string(),
            )
        })
        .collect();
    let step = yaml["jobs"]["build"]["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|s| {
            s["name"]
                .as_str()
                .is_some_and(|n| n.starts_with("Install folio"))
        })
        .expect("an install step")
        .clone();
    for (k, v) in step["env"].as_mapping().unwrap() {
        env.push((
            k.as_str().unwrap().to_string(),
            v.as_str().unwrap().to_string(),
        ));
    }
    (step["run"].as_str().unwrap().to_string(), env)
}

#[test]
fn the_workflow_installs_the_pinned_release_refuses_a_tampered_one_and_falls_back() {
    let tag = format!("v{}", env!("CARGO_PKG_VERSION"));
    let good = archive("genuine folio");
    let file = format!("folio-{}.tar.gz", target());
    let sums = format!(
        "{}  {file}\n{}  folio-x86_64-apple-darwin.tar.gz\n",
        hex(&good),
        hex(b"other")
    );
    let served: Arc<Mutex<Option<Vec<u8>>>> = Arc::new(Mutex::new(Some(good.clone())));
    let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
    let port = server.server_addr().to_ip().unwrap().port();
    let (s, a, t, f) = (server.clone(), served.clone(), tag.clone(), file.clone());
    std::thread::spawn(move || {
        for request in s.incoming_requests() {
            let url = request.url().to_string();
            let body = if url == format!("/download/{t}/SHA256SUMS") {
                Some(sums.clone().into_bytes())
            } else if url == format!("/download/{t}/{f}") {
                a.lock().unwrap().clone()
            } else {
                None
            };
            let response = match body {
                Some(b) => tiny_http::Response::from_data(b),
                None => tiny_http::Response::from_data(Vec::new()).with_status_code(404),
            };
            let _ = request.respond(response);
        }
    });
    let releases = format!("http://127.0.0.1:{port}/download");

    // `folio init` pins the release's hash into the workflow.
    let tmp = tempfile::tempdir().unwrap();
    run_env(
        tmp.path(),
        &["init", "site", "--email", "ada@example.org"],
        &[
            ("FOLIO_RELEASES_URL", &releases),
            ("FOLIO_ALLOW_LOOPBACK_HTTP", "1"),
        ],
    )
    .success();
    let workflow = tmp.path().join("site/.github/workflows/pages.yml");
    let text = std::fs::read_to_string(&workflow).unwrap();
    let var = format!("FOLIO_SHA256_{}", target().to_uppercase().replace('-', "_"));
    assert!(
        text.contains(&format!("{var}: \"{}\"", hex(&good))),
        "{text}"
    );
    let (script, env) = install_step(&workflow);

    // A stub `cargo` stands in for the build from source.
    let stubs = tmp.path().join("stubs");
    std::fs::create_dir_all(&stubs).unwrap();
    let called = tmp.path().join("cargo-called");
    std::fs::write(
        stubs.join("cargo"),
        format!("#!/bin/sh\necho \"$@\" > {}\n", called.display()),
    )
    .unwrap();
    Command::new("chmod")
        .arg("+x")
        .arg(stubs.join("cargo"))
        .status()
        .unwrap();
    let bin = tmp.path().join("bin");
    let run = |env: &[(String, String)]| {
        let out = Command::new("bash")
            .arg("-c")
            .arg(&script)
            .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .env("FOLIO_BIN", &bin)
            .env("HOME", tmp.path())
            .env(
                "PATH",
                format!("{}:{}", stubs.display(), std::env::var("PATH").unwrap()),
            )
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr),
        )
    };

    // The right archive: installed, and it runs.
    let (code, said) = run(&env);
    assert_eq!(code, 0, "{said}");
    assert!(
        said.contains(&format!("installed {tag} for {}", target())),
        "{said}"
    );
    let installed = Command::new(bin.join("folio")).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&installed.stdout).trim(),
        "genuine folio"
    );
    assert!(!called.exists(), "no build from source");

    // A tampered archive: refused, nothing installed.
    std::fs::remove_file(bin.join("folio")).unwrap();
    *served.lock().unwrap() = Some(archive("tampered folio"));
    let (code, said) = run(&env);
    assert_eq!(code, 1, "{said}");
    assert!(
        said.contains("REFUSED") && said.contains("the workflow pins"),
        "{said}"
    );
    assert!(!bin.join("folio").exists());
    assert!(!called.exists());

    // No binary for this platform in the release: built from source, pinned.
    *served.lock().unwrap() = None;
    let (code, said) = run(&env);
    assert_eq!(code, 0, "{said}");
    let args = std::fs::read_to_string(&called).unwrap();
    assert!(args.starts_with("install --locked --root"), "{args}");
    assert!(
        args.contains(&format!("--git {}", env!("CARGO_PKG_REPOSITORY"))),
        "{args}"
    );
    std::fs::remove_file(&called).unwrap();

    // A workflow with no hash pinned for this platform: from source too.
    let unpinned: Vec<(String, String)> = env.iter().filter(|(k, _)| *k != var).cloned().collect();
    *served.lock().unwrap() = Some(good);
    let (code, said) = run(&unpinned);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("no pinned hash"), "{said}");
    assert!(called.exists());
    server.unblock();
}

#[test]
fn the_release_workflow_builds_every_target_the_install_step_knows() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let release: serde_yaml::Value = serde_yaml::from_str(
        &std::fs::read_to_string(root.join(".github/workflows/release.yml")).unwrap(),
    )
    .unwrap();
    let built: Vec<&str> = release["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|m| m["target"].as_str())
        .collect();
    let script = std::fs::read_to_string(root.join("src/install.sh")).unwrap();
    for target in [
        "x86_64-unknown-linux-musl",
        "aarch64-unknown-linux-musl",
        "x86_64-apple-darwin",
        "aarch64-apple-darwin",
    ] {
        assert!(
            built.contains(&target),
            "release.yml does not build {target}"
        );
        assert!(
            script.contains(&format!("target={target}")),
            "install.sh does not pick {target}"
        );
    }
    // `cargo binstall` finds the same archives.
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains(
            "pkg-url = \"{ repo }/releases/download/v{ version }/folio-{ target }.tar.gz\""
        )
    );
}
