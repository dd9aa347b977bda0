//! The issuer registries a portfolio uses (`badges.registries`), read once per build,
//! with each OpenID Federation trust anchor's keys pinned in `folio.lock` on first
//! use, like shared sources: a changed key set is an error until `folio trust
//! update` accepts it.

use chrono::{DateTime, Utc};

use crate::badge::documents::Documents;
use crate::badge::registry::{self, Kind, PinError, Pins, Registry, Spec};
use crate::config::{Config, RegistrySetting};
use crate::error::{Error, Location, Result};
use crate::source::Mode;
use crate::source::lock::{AnchorPin, LOCK_FILE, Lock};

/// Every configured registry as a spec: `known:` lists are fetched (a cached copy
/// will do: the list only says where registries are; each is then read fresh).
fn specs(
    config: &Config,
    documents: &Documents,
) -> Vec<std::result::Result<Spec, (String, String)>> {
    let mut out = Vec::new();
    for setting in &config.badges.registries {
        match setting {
            RegistrySetting::One(spec) => out.push(Ok(spec.clone())),
            RegistrySetting::Known(url) => {
                let listed = documents.get(url).and_then(|b| {
                    let doc =
                        serde_json::from_slice(&b).map_err(|_| format!("{url} is not JSON"))?;
                    registry::known_list(&doc)
                });
                match listed {
                    Ok(specs) => out.extend(specs.into_iter().map(Ok)),
                    Err(why) => out.push(Err((format!("the registries listed at {url}"), why))),
                }
            }
        }
    }
    out
}

fn pins_of(lock: &Lock) -> Pins {
    lock.anchors
        .iter()
        .map(|a| (a.url.clone(), a.keys.clone()))
        .collect()
}

/// The registries ready for the trust check. New anchor pins are written to
/// `folio.lock` (refused with `--locked`); a changed one stops the build.
pub fn registries(
    config: &Config,
    documents: &Documents,
    now: DateTime<Utc>,
) -> Result<Vec<Registry>> {
    if config.badges.registries.is_empty() {
        return Ok(Vec::new());
    }
    let mut lock = Lock::read(&config.root)?;
    let mut pins = pins_of(&lock);
    let before = pins.clone();
    let mut out = Vec::new();
    for spec in specs(config, documents) {
        match spec {
            Ok(spec) => {
                match registry::prepare(std::slice::from_ref(&spec), documents, &mut pins, now) {
                    Ok(prepared) => out.extend(prepared),
                    Err(PinError::Changed { url, pinned, now }) => {
                        return Err(Error::Config {
                        loc: Location::file(config.root.join(LOCK_FILE)),
                        msg: format!(
                            "the trust anchor of the registry `{}` ({url}) now signs with other keys ({now}) than folio.lock pinned ({pinned}); its listings are not believed",
                            spec.name
                        ),
                        hint: Some("if the registry announced a key change, accept it with `folio trust update`; otherwise someone may be impersonating the registry".into()),
                    });
                    }
                }
            }
            Err((name, why)) => out.push(Registry::unavailable(&name, &why)),
        }
    }
    if pins != before {
        if config.source_mode == Mode::Locked {
            let new: Vec<&String> = pins.keys().filter(|k| !before.contains_key(*k)).collect();
            return Err(Error::Config {
                loc: Location::file(config.root.join(LOCK_FILE)),
                msg: format!(
                    "folio.lock has no pinned keys for the trust anchor {}, and --locked forbids adding them",
                    new.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
                ),
                hint: Some("run `folio build` once without --locked (or `folio trust update`) and commit folio.lock".into()),
            });
        }
        lock.anchors = pins
            .into_iter()
            .map(|(url, keys)| AnchorPin { url, keys })
            .collect();
        lock.write(&config.root)?;
    }
    Ok(out)
}

/// One anchor's pin as `folio trust update` moved it.
pub struct Moved {
    pub url: String,
    pub name: String,
    pub old: Option<String>,
    pub new: String,
}

/// `folio trust update`: fetches every trust anchor again, checks its entity
/// configuration, and pins the keys it signs with now.
pub fn update(config: &Config, documents: &Documents, now: DateTime<Utc>) -> Result<Vec<Moved>> {
    let mut lock = Lock::read(&config.root)?;
    let pins = pins_of(&lock);
    let mut moved = Vec::new();
    let mut problems = Vec::new();
    let mut anchors = Vec::new();
    for spec in specs(config, documents) {
        let spec = match spec {
            Ok(spec) if spec.kind == Kind::Oidf => spec,
            Ok(_) => continue,
            Err((name, why)) => {
                problems.push(Error::usage(format!("{name}: {why}")));
                continue;
            }
        };
        match registry::entity_configuration(&spec, documents, now) {
            Ok(c) => {
                let new = registry::pin_of(&c.jwks);
                let old = pins.get(&spec.url).cloned();
                if old.as_deref() != Some(new.as_str()) {
                    moved.push(Moved {
                        url: spec.url.clone(),
                        name: spec.name.clone(),
                        old,
                        new: new.clone(),
                    });
                }
                anchors.push(AnchorPin {
                    url: spec.url.clone(),
                    keys: new,
                });
            }
            Err(why) => problems.push(
                Error::usage(format!("the registry `{}`: {why}", spec.name))
                    .with_hint("nothing was changed for it; try again when the registry answers"),
            ),
        }
    }
    Error::from_list(problems)?;
    anchors.sort_by(|a, b| a.url.cmp(&b.url));
    lock.anchors = anchors;
    lock.write(&config.root)?;
    Ok(moved)
}
