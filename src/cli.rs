//! Command-line types (clap derive). Help text lives in the doc comments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Build a portfolio website from markdown pages and verified digital badges.
#[derive(Debug, Parser)]
#[command(name = "folio", version, about)]
pub struct Cli {
    /// Print only errors and warnings.
    #[arg(short, long, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new portfolio that builds as it is.
    Init {
        /// Folder to create the portfolio in (default: the current folder).
        dir: Option<PathBuf>,
        /// Theme to start with.
        #[arg(long, default_value = "default")]
        theme: String,
        /// The email address your badges are issued to (written to `owner.email`, never
        /// published). Asked for when not given and folio runs in a terminal.
        #[arg(long)]
        email: Option<String>,
        /// Only (re)write the GitHub Pages workflow of an existing portfolio, for the
        /// daily re-check of a newer folio; the old file is kept as `pages.yml.old`.
        #[arg(long)]
        workflow_only: bool,
        /// Make the portfolio from a JSON Resume (`resume.json`): its work, education
        /// and projects become pages, its basics your owner details; nothing is lost.
        #[arg(long, value_name = "RESUME.JSON")]
        from_resume: Option<PathBuf>,
    },
    /// Build the site into the output folder.
    Build(BuildArgs),
    /// Preview the site: build it into memory, serve it, rebuild on every save.
    Serve(ServeArgs),
    /// Check everything `build` checks, plus every link inside the site; write nothing.
    Check(CheckArgs),
    /// Verify badge files on their own and print every check.
    Verify(VerifyArgs),
    /// Make and check themes.
    #[command(subcommand)]
    Theme(ThemeCommand),
    /// Check pathway files (for career services).
    #[command(subcommand)]
    Pathway(PathwayCommand),
    /// Issuer registries: accept a trust anchor's new keys.
    #[command(subcommand)]
    Trust(TrustCommand),
    /// Bring badges into the portfolio.
    #[command(subcommand)]
    Badge(BadgeCommand),
    /// Copy the locked theme and pathway sources into themes/_vendor/, for builds that
    /// need no network and no cache.
    Vendor {
        /// Portfolio folder (holding folio.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum BadgeCommand {
    /// Fetch a credential (a file, its URL, a public badge page such as Credly's, or a
    /// wallet link `…#verify?vc=URL`) into badges/, and verify it at once.
    Add {
        /// The credential's address or file.
        source: String,
        /// File name to save it under (default: from the credential's name).
        #[arg(long)]
        name: Option<String>,
        /// Keep it even when it does not verify (it is then shown as not verified).
        #[arg(long)]
        keep: bool,
        /// Use no network to check it (a file only; same as `badges.network: false`).
        #[arg(long)]
        offline: bool,
        /// Portfolio folder (holding folio.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum TrustCommand {
    /// Fetch every registry trust anchor (OpenID Federation) again and pin the keys it
    /// signs with now in folio.lock; shows each pin that moves.
    Update {
        /// Portfolio folder (holding folio.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum PathwayCommand {
    /// Validate a pathway file (errors with line numbers) and print its tree.
    Check {
        /// The pathway file (`pathway.yaml`).
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum ThemeCommand {
    /// Move a theme from a git source to its newest commit for the same tag or branch
    /// (or to `--to TAG`): shows old → new, checks the new version, then rewrites
    /// folio.lock (and folio.yaml's tag).
    Update {
        /// Portfolio folder (holding folio.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The release tag to move to.
        #[arg(long)]
        to: Option<String>,
    },
    /// Check a theme folder against the theme contract (THEMES.md) by rendering a test
    /// portfolio with it: a badge in every status, long names, right-to-left text.
    Check {
        /// The theme folder (holding theme.yaml), or the name of a built-in theme.
        dir: PathBuf,
    },
    /// Create a theme folder that passes `folio theme check`, to make your own.
    New {
        /// The folder to create; its last part is the theme's name
        /// (`themes/career-centre` in a portfolio, or a folder of its own).
        name: PathBuf,
        /// The built-in theme to start from.
        #[arg(long, default_value = "default")]
        from: String,
    },
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Output format: `human` lists each problem; `json` prints one object.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Also fetch every external link (10 s timeout, 8 at a time; even with --offline).
    #[arg(long)]
    pub external: bool,
    /// Compare with the published site: fail when a badge's published check is older
    /// than this (`30d`, `36h`, `90m`, `2w`) or its status has changed since.
    #[arg(long, value_name = "AGE")]
    pub max_age: Option<String>,
    /// The published site to compare with (default: `base_url`); its receipts are
    /// read from `badges/SLUG/verification.json`.
    #[arg(long, value_name = "URL")]
    pub published: Option<String>,
    /// Append the comparison as a Markdown table to this file (CI job summaries:
    /// `--summary "$GITHUB_STEP_SUMMARY"`).
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,
    #[command(flatten)]
    pub site: SiteArgs,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Portfolio folder (holding folio.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Port to listen on (0 picks a free one). When the default is busy, the next free
    /// port is used.
    #[arg(long)]
    pub port: Option<u16>,
    /// Address to listen on. Anything but loopback exposes your preview to the network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Use no network at all.
    #[arg(long)]
    pub offline: bool,
    /// Watch files by polling instead of OS notifications (for network drives, VMs).
    #[arg(long, value_enum, default_value = "native")]
    pub watcher: WatcherKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum WatcherKind {
    Native,
    Poll,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Credential files (.json, .jwt, .png, .svg), or their addresses (a public badge
    /// page, a credential URL, a wallet link).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Output format: `human` lists every check; `json` prints one object per file.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Portfolio folder whose folio.yaml gives the owner and trust list.
    #[arg(long)]
    pub root: Option<PathBuf>,
    /// Use no network at all.
    #[arg(long)]
    pub offline: bool,
    /// Verify as of this time (RFC 3339, e.g. 2026-11-23T00:00:00Z) instead of now.
    #[arg(long)]
    pub now: Option<String>,
    /// Folder of pre-fetched documents (`index.tsv`: url<TAB>file) used instead of the network.
    #[arg(long)]
    pub documents: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Output folder, relative to the current folder (default: `output_dir` from
    /// folio.yaml, relative to the portfolio, else `public` in the portfolio).
    #[arg(long)]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub site: SiteArgs,
}

/// What `build` and `check` share: which portfolio, and how to build it.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// Portfolio folder (holding folio.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Override `base_url`, e.g. for a preview deployment.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Use no network at all (same as `badges.network: false`).
    #[arg(long)]
    pub offline: bool,
    /// Refuse a theme or pathway source that folio.lock lacks, instead of adding it (CI).
    #[arg(long)]
    pub locked: bool,
    /// Folder of pre-fetched documents (`index.tsv`: url<TAB>file) used before the
    /// network and the cache, for reproducible badge checks.
    #[arg(long)]
    pub documents: Option<PathBuf>,
    /// Replace `badges.on_invalid` for this run: the scheduled re-check uses `show`,
    /// so a badge revoked since the last build is published as revoked instead of
    /// keeping the old site (and its "Verified") up.
    #[arg(long, value_enum, value_name = "ACTION")]
    pub on_invalid: Option<crate::config::OnInvalid>,
}

impl SiteArgs {
    /// The config overrides these flags make, writing to `out` when given.
    pub fn overrides(&self, out: Option<PathBuf>) -> crate::Overrides {
        crate::Overrides {
            out,
            base_url: self.base_url.clone(),
            drafts: self.drafts,
            offline: self.offline,
            documents: self.documents.clone(),
            on_invalid: self.on_invalid,
            locked: self.locked,
        }
    }
}
