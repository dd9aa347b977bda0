//! `folio init`: a small portfolio that builds as it is, plus a GitHub Pages workflow.

use std::fs;
use std::path::Path;

use crate::error::{Error, Result};

const FILES: &[(&str, &str)] = &[
    (
        "folio.yaml",
        r#"title: "My Portfolio"
base_url: "https://USERNAME.github.io/portfolio/"
language: en
theme: THEME
owner:
  name: Your Name
  headline: What you are learning or looking for
  EMAIL_LINE
  links:
    github: USERNAME
badges:
  dir: badges
  on_invalid: error        # failed or revoked: stop the build
  on_unverifiable: show    # could not be checked: shown, not verified, with a warning
  on_expired: show
extra: {}
"#,
    ),
    (
        "content/_index.md",
        r#"---
title: Hello, I'm learning in public
---
This is my portfolio: the [projects](projects/_index.md) I have built, what I
[learned along the way](about.md), and the badges that back it up.
"#,
    ),
    (
        "content/about.md",
        r#"---
title: About me
weight: 1
---
Write a few lines about yourself: what you study, what you are looking for, and how to
reach you.
"#,
    ),
    (
        "content/projects/_index.md",
        r#"---
title: Projects
---
Things I have built.
"#,
    ),
    (
        "content/projects/first-project.md",
        r#"---
title: My first project
date: 2026-01-15
tags: [learning]
skills: [Markdown]
---
Describe the problem, what you built, and what you would do differently next time.

```text
Code blocks, tables and images all work.
```
"#,
    ),
    (
        "badges/README.md",
        "Put your badge files (.json, .jwt, .png, .svg) in this folder.\n",
    ),
    ("static/.gitkeep", ""),
    (".gitignore", "/public\n/.folio\n"),
    (
        WORKFLOW,
        r#"# Publishes this portfolio on GitHub Pages on every push to main, and again every
# day, so a badge its issuer revokes, or one that expires, stops showing as verified
# within a day without you pushing anything.
# Once: Settings → Pages → Build and deployment → Source: GitHub Actions.
# Written by `folio init`; `folio init --workflow-only` rewrites it for a newer folio.
name: Publish portfolio
on:
  push:
    branches: [main]
  schedule:
    - cron: "23 4 * * *" # daily re-check of every badge (04:23 UTC)
  workflow_dispatch:
permissions:
  contents: read
  pages: write
  id-token: write
concurrency:
  group: pages
  cancel-in-progress: false
env:
  # Where folio is installed from: the exact folio that wrote this file, so a site
  # builds the same way until you change this line (`folio init` in a new folder
  # writes the line for a newer folio).
  FOLIO_GIT: @REPOSITORY@
  FOLIO_PIN: PIN
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          submodules: recursive # themes added as git submodules
      - name: Cache folio
        id: cache
        uses: actions/cache@v4
        with:
          path: ~/.cargo/bin/folio
          key: folio-${{ runner.os }}-${{ env.FOLIO_PIN }}
      - name: Install folio (the pinned release binary, its SHA-256 checked; from source only without one)
        if: steps.cache.outputs.cache-hit != 'true'
        env:
          FOLIO_RELEASES: "@RELEASES@"
          FOLIO_TAG: "@TAG@"
          FOLIO_PIN_FLAG: "@PIN_FLAG@"
@HASHES@        run: |
@INSTALL@
      - name: Cache shared themes and pathways (keyed on folio.lock)
        uses: actions/cache@v4
        with:
          path: ~/.cache/folio/sources
          key: folio-sources-${{ hashFiles('folio.lock') }}
      - name: Cache web-sized images, preview cards and highlighted code
        # Restored from the newest run (`restore-keys`), whose files are named by their
        # content: only a photo, card or code block that changed is made again, and the
        # build keeps the cache to the current site's entries. Badges are verified again
        # on every run all the same: no verification result is cached.
        uses: actions/cache@v4
        with:
          path: .folio/cache
          key: folio-site-${{ runner.os }}-${{ env.FOLIO_PIN }}-${{ hashFiles('static/**', 'badges/**', 'content/**', 'themes/**', 'folio.yaml', 'folio.lock') }}
          restore-keys: |
            folio-site-${{ runner.os }}-${{ env.FOLIO_PIN }}-
      - name: Configure Pages
        id: pages
        uses: actions/configure-pages@v5
      - name: Build (verifies every badge and checks every link; the lock pins shared themes)
        # On the daily run a badge revoked or failing since the last build is published
        # as such (`--on-invalid show`), rather than the old site staying up with its
        # "Verified"; on a push, your `badges.on_invalid` setting applies.
        run: folio build --locked --base-url "${{ steps.pages.outputs.base_url }}/" ${{ github.event_name == 'schedule' && '--on-invalid show' || '' }}
      - name: Compare with the published site (what this run changes, in the job summary)
        if: github.event_name == 'schedule'
        continue-on-error: true
        run: folio check --locked --max-age 2d --published "${{ steps.pages.outputs.base_url }}/" --summary "$GITHUB_STEP_SUMMARY"
      - uses: actions/upload-pages-artifact@v3
        with:
          path: public
  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - name: Deploy to GitHub Pages
        id: deployment
        uses: actions/deploy-pages@v4
"#,
    ),
];

/// The Pages workflow's path in a portfolio.
pub const WORKFLOW: &str = ".github/workflows/pages.yml";

/// The workflow's install step (see the script's own comments).
const INSTALL: &str = include_str!("install.sh");

/// Where folio's source lives: `repository` in Cargo.toml, the one place it is written
/// (binstall's download address is made from it too).
const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// Where releases are downloaded from (the repository's releases);
/// `FOLIO_RELEASES_URL` points elsewhere (a mirror, or the tests' server on 127.0.0.1).
fn releases() -> String {
    format!("{REPOSITORY}/releases/download")
}

/// The targets release binaries are built for, as the install script names them.
const TARGETS: &[&str] = &[
    "x86_64-unknown-linux-musl",
    "aarch64-unknown-linux-musl",
    "x86_64-apple-darwin",
    "aarch64-apple-darwin",
];

/// The workflow text for this folio: pinned to its release (or commit), with the
/// release binaries' SHA-256 sums when they can be had: a release build reads its
/// own release's `SHA256SUMS` (a build from a git checkout has no release, so the
/// workflow builds from source, unless `FOLIO_RELEASES_URL` names where to look).
fn workflow_text(template: &str) -> (String, Option<String>) {
    let (pin_flag, pin) = pin();
    let tag = format!("v{}", env!("CARGO_PKG_VERSION"));
    let custom = std::env::var("FOLIO_RELEASES_URL")
        .ok()
        .filter(|u| !u.is_empty());
    let releases = custom.clone().unwrap_or_else(releases);
    let (hashes, note) = if pin_flag == "--tag" || custom.is_some() {
        match release_hashes(&releases, &tag) {
            Ok(h) => (h, None),
            Err(why) => (
                Vec::new(),
                Some(format!(
                    "no release binaries found ({why}): the workflow builds folio from source (a few minutes per cold cache)"
                )),
            ),
        }
    } else {
        (Vec::new(), None)
    };
    let hash_lines: String = hashes
        .iter()
        .map(|(target, hash)| {
            format!(
                "          FOLIO_SHA256_{}: \"{hash}\"\n",
                target.to_uppercase().replace('-', "_")
            )
        })
        .collect();
    let script: String = INSTALL
        .lines()
        .map(|l| {
            if l.is_empty() {
                "\n".to_string()
            } else {
                format!("          {l}\n")
            }
        })
        .collect();
    // The script goes in last: nothing is replaced inside it.
    let text = template
        .replace("@PIN_FLAG@", pin_flag)
        .replace("FOLIO_PIN: PIN", &format!("FOLIO_PIN: \"{pin}\""))
        .replace("@RELEASES@", &releases)
        .replace("@REPOSITORY@", REPOSITORY)
        .replace("@TAG@", &tag)
        .replace("@HASHES@", &hash_lines)
        .replace("@INSTALL@\n", &script);
    (text, note)
}

/// The SHA-256 of each release archive, from the release's `SHA256SUMS`.
fn release_hashes(releases: &str, tag: &str) -> std::result::Result<Vec<(String, String)>, String> {
    let url = format!("{releases}/{tag}/SHA256SUMS");
    let bytes = crate::net::fetch_as(&url, "text/plain")?;
    let text = String::from_utf8_lossy(&bytes);
    let mut out = Vec::new();
    for line in text.lines() {
        let mut parts = line.split_whitespace();
        let (Some(hash), Some(file)) = (parts.next(), parts.next()) else {
            continue;
        };
        let file = file.trim_start_matches('*');
        if let Some(target) = TARGETS.iter().find(|t| file == format!("folio-{t}.tar.gz"))
            && hash.len() == 64
            && hash.bytes().all(|b| b.is_ascii_hexdigit())
        {
            out.push((target.to_string(), hash.to_ascii_lowercase()));
        }
    }
    if out.is_empty() {
        return Err(format!("{url} lists no folio archive"));
    }
    Ok(out)
}

/// Rewrites only the Pages workflow of the portfolio in `dir` (an older one lacks the
/// daily re-check); the previous file is kept beside it as `pages.yml.old`. Returns
/// whether there was one, and a note for the user when the workflow must build folio
/// from source.
pub fn write_workflow(dir: &Path) -> Result<(bool, Option<String>)> {
    let config = dir.join(crate::config::CONFIG_FILE);
    if !config.is_file() {
        return Err(Error::usage(format!(
            "{} does not exist: `--workflow-only` updates the workflow of an existing portfolio",
            config.display()
        ))
        .with_hint("run it in the portfolio folder, or give the folder: `folio init --workflow-only my-portfolio`"));
    }
    let text = FILES
        .iter()
        .find(|(rel, _)| *rel == WORKFLOW)
        .map(|(_, text)| *text)
        .expect("the starter files include the workflow");
    let (text, note) = workflow_text(text);
    let path = dir.join(WORKFLOW);
    let existed = path.is_file();
    if existed {
        let old = path.with_extension("yml.old");
        fs::copy(&path, &old).map_err(|e| Error::io(&old, "cannot keep the old workflow", e))?;
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, "cannot create folder", e))?;
    }
    fs::write(&path, text).map_err(|e| Error::io(&path, "cannot write file", e))?;
    Ok((existed, note))
}

/// Writes the starter portfolio into `dir`, refusing to touch an existing one.
/// `email` is the address the learner's badges are issued to: without it no badge
/// can be confirmed as theirs, so none shows as verified until it is added. Returns
/// notes for the user (the workflow builds folio from source, say).
pub fn scaffold(dir: &Path, theme: &str, email: Option<&str>) -> Result<Vec<String>> {
    scaffold_with(dir, theme, email, true)
}

/// [`scaffold`], with or without the starter pages (`content/`), for a portfolio
/// whose pages come from elsewhere (a JSON Resume).
pub fn scaffold_with(
    dir: &Path,
    theme: &str,
    email: Option<&str>,
    starter: bool,
) -> Result<Vec<String>> {
    if let Some(email) = email
        && crate::badge::recipient::Owner::parse([email]).is_err()
    {
        return Err(Error::usage(format!("`{email}` is not an email address"))
            .with_hint("write it like `ada@example.org`"));
    }
    let email_line = match email {
        Some(email) => format!(
            "email: {email}   # compared with your badges' recipients; never published"
        ),
        None => "# email: you@example.org   # add it: badges show as verified only when issued to you; never published".to_string(),
    };
    let (theme_yaml, source) = theme_setting(theme)?;
    let config = dir.join(crate::config::CONFIG_FILE);
    if config.exists() {
        return Err(Error::usage(format!(
            "{} already exists: this folder already holds a portfolio",
            config.display()
        ))
        .with_hint("choose an empty folder: `folio init my-portfolio`"));
    }
    let mut notes = Vec::new();
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if path.exists() || (!starter && rel.starts_with("content/")) {
            continue;
        }
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, "cannot create folder", e))?;
        }
        let text = if *rel == WORKFLOW {
            let (text, note) = workflow_text(text);
            notes.extend(note);
            text
        } else {
            text.replace("THEME", &theme_yaml)
                .replace("EMAIL_LINE", &email_line)
        };
        fs::write(&path, text).map_err(|e| Error::io(&path, "cannot write file", e))?;
    }
    // A shared theme is fetched now, so a wrong address or tag shows at once, and
    // folio.lock pins it from the first commit.
    if let Some(source) = source {
        crate::source::resolve(dir, &[source], crate::source::Mode::Resolve)?;
    }
    Ok(notes)
}

/// `folio init --from-resume`: the resume checked before anything is written, the
/// starter files but its pages, then the résumé's pages and a folio.yaml with its
/// owner. Returns notes for the user.
pub fn from_resume(dir: &Path, theme: &str, resume: &Path) -> Result<Vec<String>> {
    let doc = crate::resume::import::read(resume)?;
    let imported = crate::resume::import::import(&doc);
    // All or nothing: a import that stops half way (a disk full, a name the file
    // system refuses) leaves nothing behind, so running it again just works.
    let before: Option<std::collections::HashSet<std::ffi::OsString>> = fs::read_dir(dir)
        .ok()
        .map(|entries| entries.flatten().map(|e| e.file_name()).collect());
    let result = write_resume(dir, theme, &imported);
    if result.is_err() {
        match &before {
            None => {
                let _ = fs::remove_dir_all(dir);
            }
            Some(kept) => {
                for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
                    if !kept.contains(&entry.file_name()) {
                        let path = entry.path();
                        let _ = if path.is_dir() {
                            fs::remove_dir_all(&path)
                        } else {
                            fs::remove_file(&path)
                        };
                    }
                }
            }
        }
    }
    result
}

fn write_resume(
    dir: &Path,
    theme: &str,
    imported: &crate::resume::import::Imported,
) -> Result<Vec<String>> {
    let email = imported
        .owner
        .get("email")
        .and_then(|e| e.as_str())
        .map(str::to_string);
    let mut notes = scaffold_with(dir, theme, email.as_deref(), false)?;
    for file in &imported.files {
        let path = dir.join(&file.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, "cannot create folder", e))?;
        }
        fs::write(&path, &file.text).map_err(|e| Error::io(&path, "cannot write file", e))?;
    }
    // folio.yaml as scaffold wrote it, with the résumé's owner and title.
    let path = dir.join(crate::config::CONFIG_FILE);
    let text = fs::read_to_string(&path).map_err(|e| Error::io(&path, "cannot read file", e))?;
    let mut config: serde_yaml::Mapping = serde_yaml::from_str(&text).unwrap_or_default();
    config.insert("title".into(), imported.title.clone().into());
    config.insert("owner".into(), imported.owner.clone().into());
    if imported.contact {
        // Private by default, as everywhere else: the learner publishes contact
        // details only by saying so.
        let mut resume = serde_yaml::Mapping::new();
        resume.insert("contact".into(), false.into());
        config.insert("resume".into(), resume.into());
        notes.push(
            "your résumé lists your email or phone: they stay off the site and out of /resume.json (set `resume: {contact: true}` in folio.yaml to publish them there)".into(),
        );
    }
    let yaml = serde_yaml::to_string(&config).unwrap_or_default();
    let header = "# Made by `folio init --from-resume`; see README.md, \"Your CV as data\".\n";
    fs::write(&path, format!("{header}{yaml}"))
        .map_err(|e| Error::io(&path, "cannot write file", e))?;
    notes.extend(imported.notes.iter().cloned());
    Ok(notes)
}

/// The `theme:` value for `folio init --theme`: a built-in name, or a git repository
/// (`https://…/career-centre@v1.2.0`; without `@tag`, its `main` branch, pinned by the
/// lock).
fn theme_setting(theme: &str) -> Result<(String, Option<crate::source::Source>)> {
    let builtin = crate::render::theme::builtin_names();
    if builtin.contains(&theme) {
        return Ok((theme.to_string(), None));
    }
    let is_git = theme.contains("://") || theme.starts_with("git@") || theme.ends_with(".git");
    if !is_git {
        return Err(Error::usage(format!("unknown theme `{theme}`")).with_hint(format!(
            "built-in themes: {}; or a git repository: `--theme https://github.com/org/theme@v1.0.0`",
            builtin.join(", ")
        )));
    }
    // `@tag` after the last `/` (a `git@host:` prefix is not a tag).
    let (url, want) = match theme.rsplit_once('@') {
        Some((url, tag)) if !tag.contains('/') && !tag.contains(':') && url.contains('/') => {
            (url, crate::source::git::Want::Tag(tag.to_string()))
        }
        _ => (theme, crate::source::git::Want::Branch("main".into())),
    };
    let (key, value) = match &want {
        crate::source::git::Want::Tag(t) => ("tag", t.as_str()),
        crate::source::git::Want::Branch(b) => ("branch", b.as_str()),
        crate::source::git::Want::Rev(r) => ("rev", r.as_str()),
    };
    let yaml = format!("\n  git: {url}\n  {key}: {value}");
    Ok((
        yaml,
        Some(crate::source::Source::Git {
            url: url.to_string(),
            want,
        }),
    ))
}

/// How the Pages workflow installs this very folio: `--rev COMMIT` when it was built
/// from a git checkout, else `--tag vVERSION` (the release tag of a crates.io build).
pub fn pin() -> (&'static str, String) {
    match env!("FOLIO_COMMIT") {
        "" => ("--tag", format!("v{}", env!("CARGO_PKG_VERSION"))),
        commit => ("--rev", commit.to_string()),
    }
}

/// `folio theme new DIR`: copies the built-in theme `from` into `DIR` as a new theme
/// named after the folder, ready to edit; returns the name. It passes `folio theme
/// check` as created (a test holds it to that).
pub fn new_theme(dir: &Path, from: &str) -> Result<String> {
    let builtin = crate::render::theme::builtin_names();
    if !builtin.contains(&from) {
        return Err(Error::usage(format!("unknown built-in theme `{from}`"))
            .with_hint(format!("built-in themes: {}", builtin.join(", "))));
    }
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| !n.is_empty() && n != "." && n != "..")
        .ok_or_else(|| {
            Error::usage(format!("`{}` does not end in a folder name", dir.display()))
                .with_hint("name the theme's folder: `folio theme new career-centre`")
        })?;
    if fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some()) {
        return Err(
            Error::usage(format!("{} already exists and is not empty", dir.display()))
                .with_hint("choose a new folder name for the theme"),
        );
    }
    for (rel, bytes) in crate::render::theme::builtin_files(from) {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, "cannot create folder", e))?;
        }
        let bytes = if rel == crate::render::theme::MANIFEST {
            new_manifest(&String::from_utf8_lossy(bytes), &name, from).into_bytes()
        } else {
            bytes.to_vec()
        };
        fs::write(&path, bytes).map_err(|e| Error::io(&path, "cannot write file", e))?;
    }
    let readme = dir.join("README.md");
    fs::write(&readme, theme_readme(&name, from))
        .map_err(|e| Error::io(&readme, "cannot write file", e))?;
    Ok(name)
}

/// The built-in manifest, renamed and reset to a first version; no screenshot yet.
fn new_manifest(text: &str, name: &str, from: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let line = match line.split_once(':').map(|(k, _)| k) {
            Some("name") => format!("name: {name}"),
            Some("version") => "version: 0.1.0".to_string(),
            Some("description") => format!("description: A folio theme based on `{from}`."),
            Some("author") => "author: \"\" # your name or organisation".to_string(),
            // Add `screenshot: screenshot.png` once you have taken one.
            Some("screenshot") => continue,
            _ => line.to_string(),
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

fn theme_readme(name: &str, from: &str) -> String {
    format!(
        "# {name}\n\n\
         A folio theme, started from the built-in `{from}` theme. THEMES.md in folio's\n\
         repository describes every variable templates receive.\n\n\
         - Edit `templates/` (Tera) and `static/`; declare parameters in `theme.yaml`.\n\
         - Check it: `folio theme check {name}` renders a test portfolio with a badge in\n  \
           every status and fails if anything but a verified badge shows `verified_marker`.\n\
         - Preview it on a real portfolio: set `theme: path/to/{name}` in its folio.yaml and\n  \
           run `folio serve`.\n\
         - Publish it as a git repository with version tags; learners add it with\n  \
           `theme: {{ git: URL, tag: v1.0.0 }}` (pinned in their folio.lock; see\n  \
           \"Publish your theme for your learners\" in THEMES.md).\n"
    )
}
