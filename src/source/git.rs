//! Git sources through the system `git`, so the user's own credentials and config work
//! and no C library is built: `ls-remote` to resolve a tag or branch, a shallow fetch
//! of the one commit into a scratch repository, and `git archive` to export its tree
//! (without `.git`), unpacked by the same code as archive sources.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::error::{Error, Result};

/// What was asked of a git source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Want {
    Tag(String),
    Branch(String),
    Rev(String),
}

impl Want {
    /// As folio.lock records it: `tag=v1.2.0`.
    pub fn requested(&self) -> String {
        match self {
            Want::Tag(t) => format!("tag={t}"),
            Want::Branch(b) => format!("branch={b}"),
            Want::Rev(r) => format!("rev={r}"),
        }
    }
}

fn git() -> Command {
    let mut c = Command::new("git");
    // Never stop to ask for a password: a build is not interactive.
    c.env("GIT_TERMINAL_PROMPT", "0").stdin(Stdio::null());
    c
}

/// Runs git; its stdout, or an error with what it said.
fn run(mut cmd: Command, what: &str) -> Result<Vec<u8>> {
    let out = cmd.output().map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::usage(format!("{what}: git is not installed"))
                .with_hint("install git, or publish the theme as an archive and write `url: https://…/theme.tar.gz`")
        } else {
            Error::usage(format!("{what}: cannot run git: {e}"))
        }
    })?;
    if !out.status.success() {
        let said = String::from_utf8_lossy(&out.stderr);
        let said = said
            .lines()
            .rfind(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim();
        return Err(Error::usage(format!("{what}: git failed: {said}")));
    }
    Ok(out.stdout)
}

/// The commit `want` names in the repository at `url`, asking the remote (a `rev` is
/// taken as written).
pub fn resolve(url: &str, want: &Want) -> Result<String> {
    let refs = match want {
        Want::Rev(rev) => return Ok(rev.clone()),
        // An annotated tag's `^{}` line is the commit it points to.
        Want::Tag(t) => vec![format!("refs/tags/{t}"), format!("refs/tags/{t}^{{}}")],
        Want::Branch(b) => vec![format!("refs/heads/{b}")],
    };
    let mut cmd = git();
    cmd.arg("ls-remote").arg("--").arg(url).args(&refs);
    let out = run(cmd, &format!("resolving {} of {url}", want.requested()))?;
    let text = String::from_utf8_lossy(&out);
    // ls-remote matches patterns by their tail, so `refs/tags/v1` also lists a
    // branch named `refs/tags/v1` (`refs/heads/refs/tags/v1`): only exact names count.
    let mut found: Option<String> = None;
    for line in text.lines() {
        let Some((sha, name)) = line.split_once('\t') else {
            continue;
        };
        if !refs.iter().any(|r| r == name) {
            continue;
        }
        // The peeled line wins over the tag object.
        if name.ends_with("^{}") || found.is_none() {
            found = Some(sha.to_string());
        }
    }
    found.ok_or_else(|| {
        Error::usage(format!(
            "{url} has no {}",
            want.requested().replace('=', " ")
        ))
        .with_hint("check the tag or branch name (`git ls-remote URL` lists them)")
    })
}

/// The release tags of the repository at `url` newer than `current` (semantic
/// versions, with or without a leading `v`), oldest first.
pub fn newer_tags(url: &str, current: &str) -> Result<Vec<String>> {
    let version = |t: &str| semver::Version::parse(t.trim_start_matches('v')).ok();
    let Some(now) = version(current) else {
        return Ok(Vec::new());
    };
    let mut cmd = git();
    cmd.arg("ls-remote")
        .arg("--tags")
        .arg("--refs")
        .arg("--")
        .arg(url);
    let out = run(cmd, &format!("listing the tags of {url}"))?;
    let mut newer: Vec<(semver::Version, String)> = String::from_utf8_lossy(&out)
        .lines()
        .filter_map(|l| l.split_once('\t')?.1.strip_prefix("refs/tags/"))
        .filter_map(|t| Some((version(t)?, t.to_string())))
        .filter(|(v, _)| *v > now && v.pre.is_empty())
        .collect();
    newer.sort();
    Ok(newer.into_iter().map(|(_, t)| t).collect())
}

/// Fetches `commit` from `url` and writes its tree as a tar stream; `scratch` is a
/// folder git may use (removed by the caller).
pub fn export(url: &str, commit: &str, scratch: &Path) -> Result<Vec<u8>> {
    let what = format!("fetching {commit} from {url}");
    let repo = scratch.join("repo.git");
    let mut init = git();
    init.args(["init", "--bare", "--quiet"]).arg(&repo);
    run(init, &what)?;
    let mut fetch = git();
    fetch
        .arg("-C")
        .arg(&repo)
        .args(["fetch", "--quiet", "--depth", "1", "--no-tags", "--"])
        .arg(url)
        .arg(commit);
    run(fetch, &what)?;
    let mut check = git();
    check
        .arg("-C")
        .arg(&repo)
        .args(["rev-parse", "--verify", "FETCH_HEAD^{commit}"]);
    let got = String::from_utf8_lossy(&run(check, &what)?)
        .trim()
        .to_string();
    if !got.starts_with(commit) && !commit.starts_with(&got) {
        return Err(Error::usage(format!(
            "{what}: the server sent {got} instead"
        )));
    }
    let mut archive = git();
    archive
        .arg("-C")
        .arg(&repo)
        .args(["archive", "--format=tar", "FETCH_HEAD"]);
    run(archive, &what)
}
