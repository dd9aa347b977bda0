//! `check --external` for `badges.verifiers`: each independent verifier's URL
//! template is asked once, with a credential URL the site publishes (or the site's
//! address), and a failure is reported at the template in `folio.yaml` — not once per
//! badge page that links to it. Verifier services move (1EdTech's validator left
//! `openbadgesvalidator.imsglobal.org` for `vc.1ed.tech` and dropped its `?url=`
//! form), and a dead "check it yourself" link undoes what it is there for.

use std::collections::BTreeMap;

use super::{BrokenLink, Problem};
use crate::util::url::percent_encode;

/// One template's probe: the URL to ask and where the template is written.
struct Probe {
    template: String,
    url: String,
    line: Option<u32>,
}

/// Takes the badge pages' links to each verifier out of `links` (they are checked
/// here, once a template) and returns what the probes found.
pub fn check(
    templates: &[String],
    links: &mut BTreeMap<String, Vec<(String, u32)>>,
    base_url: &str,
    config_text: Option<&str>,
    timeout: std::time::Duration,
) -> Vec<BrokenLink> {
    let mut probes = Vec::new();
    for template in templates
        .iter()
        .filter(|t| t.starts_with("https://") || t.starts_with("http://"))
    {
        let prefix = template.split("{url}").next().unwrap_or(template);
        let taken: Vec<String> = links
            .keys()
            .filter(|k| {
                if template.contains("{url}") {
                    k.starts_with(prefix)
                } else {
                    *k == template
                }
            })
            .cloned()
            .collect();
        for k in &taken {
            links.remove(k);
        }
        let url = taken
            .into_iter()
            .next()
            .unwrap_or_else(|| template.replace("{url}", &percent_encode(base_url)));
        let line = config_text.and_then(|text| {
            text.find(template.as_str())
                .map(|pos| text[..pos].matches('\n').count() as u32 + 1)
        });
        probes.push(Probe {
            template: template.clone(),
            url,
            line,
        });
    }
    let asked: BTreeMap<String, Vec<(String, u32)>> = probes
        .iter()
        .map(|p| (p.url.clone(), vec![("folio.yaml".to_string(), 0)]))
        .collect();
    let found = super::check_external(
        &asked,
        &Default::default(),
        std::path::Path::new(""),
        timeout,
        super::EXTERNAL_WORKERS,
    );
    let mut out = Vec::new();
    if found.unreachable.is_some() {
        // Nothing answered: the network is down, which the page links' own check
        // says once.
        return out;
    }
    for broken in found.broken {
        let Some(probe) = probes.iter().find(|p| p.url == broken.link) else {
            continue;
        };
        let (line, whose) = match probe.line {
            Some(line) => (line, "listed in badges.verifiers"),
            None => (0, "one of folio's default badges.verifiers"),
        };
        out.push(BrokenLink {
            file: "folio.yaml".into(),
            line,
            source: None,
            source_line: None,
            link: probe.template.clone(),
            theme: None,
            problem: Problem::Verifier,
            detail: format!(
                "{} (asked {}); every badge page links to this verifier, {whose}",
                broken.detail, probe.url
            ),
        });
    }
    out
}
