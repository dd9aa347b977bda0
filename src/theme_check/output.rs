//! What one build of the test portfolio must show: each test badge in the status it
//! was made for, the verified marker exactly where a badge is verified, no claim of
//! verification in any words for a badge that is not, the pathway's met markers, and
//! `dir="rtl"` in the right-to-left build.

use serde_json::Value;

use super::{EXPECTED_STATUS, PATHWAY_SLUG, Variant, claims, met_marker_problems};
use crate::error::{Error, Location};
use crate::write::Memory;

/// Where verification words belong, for every claim problem.
const CLAIM_HINT: &str = "words like \"verified\" (or a check mark with them) belong only inside `{% if badge.status == \"verified\" %}`, in the page's text, not in CSS; for other statuses show `badge.status_label`";

/// One variant's build output: every file, and the HTML pages as text.
pub(super) struct Build<'a> {
    pub site: &'a Memory,
    pub pages: &'a [(&'a String, String)],
    pub variant: &'a Variant,
}

impl Build<'_> {
    /// Every problem of this build, in the order a theme author fixes them.
    pub fn problems(&self, marker: &str, pathways: bool) -> Vec<Error> {
        let mut out = self.status_problems();
        out.extend(self.marker_problems(marker));
        out.extend(self.claim_problems());
        if pathways {
            out.extend(self.pathway_problems());
        }
        if self.variant.language == "ar" {
            out.extend(self.direction_problems());
        }
        out
    }

    fn problem(&self, file: &str, msg: String, hint: &str) -> Error {
        Error::Template {
            loc: Location::file(format!("test portfolio ({}): {file}", self.variant.label)),
            page: None,
            msg,
            hint: Some(hint.into()),
        }
    }

    /// The test badges must come out in the status they were made for; otherwise the
    /// marker checks would prove nothing.
    fn status_problems(&self) -> Vec<Error> {
        let mut out = Vec::new();
        for (slug, expected) in EXPECTED_STATUS {
            let receipt = self
                .site
                .files
                .get(&format!("badges/{slug}/verification.json"));
            let status = receipt
                .and_then(|b| serde_json::from_slice::<Value>(b).ok())
                .and_then(|v| v["status"].as_str().map(str::to_string));
            let wanted = self.variant.with_verified || !expected.eq(&"verified");
            if wanted && status.as_deref() != Some(*expected) {
                out.push(Error::usage(format!(
                    "the test badge `{slug}` came out {} instead of {expected}; this is a bug in folio",
                    status.as_deref().unwrap_or("missing")
                )));
            }
        }
        out
    }

    /// The marker on every verified badge's page, and nowhere in a build with none.
    fn marker_problems(&self, marker: &str) -> Vec<Error> {
        let mut out = Vec::new();
        if self.variant.with_verified {
            for slug in ["verified", "verified-long-name"] {
                let file = format!("badges/{slug}/index.html");
                if let Some((_, html)) = self.pages.iter().find(|(p, _)| **p == file)
                    && !html.contains(marker)
                {
                    out.push(self.problem(
                        &file,
                        format!("a verified badge's page does not show the verified marker `{marker}`"),
                        "set `verified_marker` in theme.yaml to what the theme renders for a verified badge",
                    ));
                }
            }
        } else {
            for (file, html) in self.pages {
                if html.contains(marker) {
                    out.push(self.problem(
                        file,
                        format!(
                            "shows the verified marker `{marker}` although no badge in this build is verified"
                        ),
                        "render the marker only when `badge.status == \"verified\"`",
                    ));
                }
            }
        }
        out
    }

    /// Whatever the marker, a badge that is not verified must not look verified: its
    /// page, in any words a visitor reads; and with none verified, no page or
    /// stylesheet of the site may claim verification at all.
    fn claim_problems(&self) -> Vec<Error> {
        let mut out = Vec::new();
        let stylesheets = || self.site.files.iter().filter(|(p, _)| p.ends_with(".css"));
        let shown_attributes: Vec<String> = stylesheets()
            .flat_map(|(_, b)| claims::attr_names(&String::from_utf8_lossy(b)))
            .collect();
        for (file, html) in self.pages {
            let status = match EXPECTED_STATUS
                .iter()
                .find(|(slug, _)| **file == format!("badges/{slug}/index.html"))
            {
                Some((_, status)) if *status != "verified" => *status,
                _ if !self.variant.with_verified => "not verified (none is)",
                _ => continue,
            };
            for claim in claims::find(html, &shown_attributes) {
                out.push(self.problem(
                    file,
                    format!("claims verification for a badge that is {status}: \"{claim}\""),
                    CLAIM_HINT,
                ));
            }
        }
        if !self.variant.with_verified {
            for (file, css) in stylesheets() {
                for claim in claims::find_in_css(&String::from_utf8_lossy(css)) {
                    out.push(self.problem(
                        file,
                        format!("generates a verification claim in CSS although no badge in this build is verified: \"{claim}\""),
                        CLAIM_HINT,
                    ));
                }
            }
        }
        out
    }

    /// The pathway page marks exactly the requirements its receipt says are met.
    fn pathway_problems(&self) -> Vec<Error> {
        let file = format!("pathways/{PATHWAY_SLUG}/index.html");
        let html = self
            .pages
            .iter()
            .find(|(p, _)| **p == file)
            .map(|(_, h)| h.as_str());
        let receipt = self
            .site
            .files
            .get(&format!("pathways/{PATHWAY_SLUG}/progress.json"))
            .and_then(|b| serde_json::from_slice::<Value>(b).ok());
        let (Some(html), Some(receipt)) = (html, receipt) else {
            return Vec::new();
        };
        met_marker_problems(html, &receipt)
            .into_iter()
            .map(|msg| {
                self.problem(
                    &file,
                    msg,
                    "put `data-requirement=\"{{ row.id }}\"` on each requirement's element, and `data-folio-met` there only inside `{% if row.met %}`",
                )
            })
            .collect()
    }

    /// Every page of a right-to-left site says so on `<html>`.
    fn direction_problems(&self) -> Vec<Error> {
        let mut out = Vec::new();
        for (file, html) in self.pages {
            let html_tag = html
                .find("<html")
                .and_then(|i| html[i..].split('>').next())
                .unwrap_or("");
            if !html_tag.contains("dir=\"rtl\"") {
                out.push(self.problem(
                    file,
                    "a right-to-left site's page lacks `dir=\"rtl\"` on <html>".into(),
                    "write `<html lang=\"{{ config.language }}\" dir=\"{{ config.direction }}\">`",
                ));
            }
        }
        out
    }
}
