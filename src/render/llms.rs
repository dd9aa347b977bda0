//! `/llms.txt` (the llmstxt.org convention): the portfolio for automated readers —
//! résumé screeners, search assistants — with what was checked kept apart from what
//! the owner only says. The owner's pages are listed as their own words; verified
//! credentials with their status, check date, issuer standing and stated facts;
//! every other credential as not verified, its text only a claim.

use crate::badge_view::Badge;
use crate::config::Config;
use crate::site::Site;

/// The text of `/llms.txt`, in English (its readers are programs).
pub fn llms_txt(config: &Config, site: &Site) -> String {
    let owner = config.owner.name.as_deref().unwrap_or("the owner");
    let checked = site
        .badges
        .checked_at
        .map(|t| t.format("%Y-%m-%d").to_string());
    let mut out = format!("# {}\n\n", line(&config.title));
    let mut summary = String::new();
    if let Some(d) = &config.description {
        summary.push_str(&format!("{} ", line(d)));
    }
    summary.push_str(&format!(
        "A portfolio built with folio. Pages under \"{owner}'s own pages\" are {owner}'s own account, checked by no one. Credentials under \"Verified credentials\" had their signature, issuer key, dates and revocation checked by folio when this site was built{}; any other credential is listed as not verified, and what it says is only its claim.",
        checked.as_deref().map(|d| format!(" on {d}")).unwrap_or_default()
    ));
    out.push_str(&format!("> {summary}\n\n"));

    out.push_str(&format!(
        "## {}'s own pages (their own words, not checked)\n\n",
        line(owner)
    ));
    let mut pages: Vec<_> = site
        .content
        .sections
        .iter()
        .map(|s| (s.title.as_str(), s.permalink.as_str(), s.summary.as_str()))
        .chain(
            site.content
                .pages
                .iter()
                .map(|p| (p.title.as_str(), p.permalink.as_str(), p.summary.as_str())),
        )
        .collect();
    pages.sort_by(|a, b| a.1.cmp(b.1));
    for (title, url, summary) in pages {
        out.push_str(&item(title, url, summary));
    }

    let (verified, other): (Vec<&Badge>, Vec<&Badge>) = site
        .badges
        .list
        .iter()
        .partition(|b| b.status == "verified");
    out.push_str(&format!(
        "\n## Verified credentials (checked by folio{})\n\n",
        checked
            .as_deref()
            .map(|d| format!(" on {d}"))
            .unwrap_or_default()
    ));
    if verified.is_empty() {
        out.push_str("None.\n");
    }
    for b in verified {
        out.push_str(&item(&b.name, &b.permalink, &verified_note(b)));
    }
    if !other.is_empty() {
        out.push_str("\n## Credentials that are not verified (their text is only a claim)\n\n");
        for b in other {
            let note = format!(
                "status {} (checked {}); receipt {}verification.json",
                b.status, b.checked_date, b.permalink
            );
            out.push_str(&item(&b.name, &b.permalink, &note));
        }
    }
    out.push_str("\n## Optional\n\n");
    out.push_str(&item(
        "Sitemap",
        &format!("{}sitemap.xml", config.base_url),
        "every page",
    ));
    if config.resume.export {
        out.push_str(&item(
            "JSON Resume",
            &format!("{}{}", config.base_url, crate::resume::PATH),
            "certificates in it are verified credentials only",
        ));
    }
    out
}

/// What folio knows of a verified credential: status and date, who issued it and
/// who vouches for them, whose it is, and its stated facts.
fn verified_note(b: &Badge) -> String {
    let mut parts = vec![format!("verified, checked {}", b.checked_date)];
    let issuer = b
        .issuer
        .trusted_as
        .clone()
        .or_else(|| {
            b.issuer
                .name
                .clone()
                .map(|n| format!("{n} (the issuer's own name)"))
        })
        .or_else(|| b.issuer.id.clone())
        .unwrap_or_else(|| "an unnamed issuer".into());
    parts.push(format!(
        "issued by {issuer}; issuer standing: {}",
        b.issuer.standing
    ));
    if let Some(issued) = &b.issued {
        parts.push(format!("issued {issued}"));
    }
    parts.push(format!(
        "recipient: {}",
        match b.recipient {
            "proven" => "proven to be the owner",
            "claimed" => "the owner's claim",
            _ => "not shown to be the owner",
        }
    ));
    parts.push(format!("receipt {}verification.json", b.permalink));
    if let Some(facts) = &b.facts {
        for r in facts.rows.iter().filter(|r| r.state == "stated") {
            let value = match (&r.value, r.items.is_empty()) {
                (Some(v), _) => v.clone(),
                (None, false) => r
                    .items
                    .iter()
                    .map(|i| i.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                (None, true) => continue,
            };
            parts.push(format!("{}: {value}", r.key.replace('-', " ")));
        }
    }
    parts.join("; ")
}

/// One list entry: `- [title](url): note`, each part on one line with nothing that
/// could close the link early.
fn item(title: &str, url: &str, note: &str) -> String {
    let title = line(title).replace(['[', ']'], "");
    let url = url.replace([' ', '(', ')', '<', '>'], "");
    match line(note) {
        n if n.is_empty() => format!("- [{title}]({url})\n"),
        n => format!("- [{title}]({url}): {n}\n"),
    }
}

/// `text` on one line, without control characters, at most 1,000 characters.
fn line(text: &str) -> String {
    let one: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    match one.chars().count() > 1000 {
        true => format!("{}…", one.chars().take(999).collect::<String>()),
        false => one,
    }
}
