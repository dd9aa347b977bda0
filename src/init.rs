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
  # email: you@example.org   # only used to match badges to you; never published
  links:
    github: USERNAME
badges:
  dir: badges
  on_invalid: error
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
        ".github/workflows/pages.yml",
        r#"# Publishes this portfolio on GitHub Pages on every push to main.
# Once: Settings → Pages → Build and deployment → Source: GitHub Actions.
name: Publish portfolio
on:
  push:
    branches: [main]
  workflow_dispatch:
permissions:
  contents: read
  pages: write
  id-token: write
concurrency:
  group: pages
  cancel-in-progress: false
env:
  # Where folio is installed from, and the version the cache is keyed on.
  FOLIO_GIT: https://github.com/folio-portfolio/folio
  FOLIO_VERSION: "VERSION"
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
          key: folio-${{ runner.os }}-${{ env.FOLIO_VERSION }}
      - name: Install folio
        if: steps.cache.outputs.cache-hit != 'true'
        run: cargo install --locked --git "$FOLIO_GIT" folio
      - name: Configure Pages
        id: pages
        uses: actions/configure-pages@v5
      - name: Build (verifies every badge and checks every link)
        run: folio build --base-url "${{ steps.pages.outputs.base_url }}/"
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

/// Writes the starter portfolio into `dir`, refusing to touch an existing one.
pub fn scaffold(dir: &Path, theme: &str) -> Result<()> {
    if !crate::render::theme::builtin_names().contains(&theme) {
        return Err(
            Error::usage(format!("unknown theme `{theme}`")).with_hint(format!(
                "built-in themes: {}",
                crate::render::theme::builtin_names().join(", ")
            )),
        );
    }
    let config = dir.join(crate::config::CONFIG_FILE);
    if config.exists() {
        return Err(Error::usage(format!(
            "{} already exists: this folder already holds a portfolio",
            config.display()
        ))
        .with_hint("choose an empty folder: `folio init my-portfolio`"));
    }
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if path.exists() {
            continue;
        }
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, "cannot create folder", e))?;
        }
        let text = text
            .replace("THEME", theme)
            .replace("\"VERSION\"", &format!("\"{}\"", env!("CARGO_PKG_VERSION")));
        fs::write(&path, text).map_err(|e| Error::io(&path, "cannot write file", e))?;
    }
    Ok(())
}
