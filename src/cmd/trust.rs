//! `folio trust update`: accept the keys registry trust anchors sign with now.

use crate::{Config, Error};

pub fn update(root: &std::path::Path, quiet: bool) -> Result<(), Error> {
    let mut config = Config::load(root, &crate::Overrides::default())?;
    if config.has_sources() {
        // Registries may come from a career service's trust.yaml.
        config = config.with_sources()?;
    }
    let documents = crate::badge::Documents::from_option(config.badges.documents.as_deref())?
        .with_network(config.badges.network, Some(crate::cache_dir(&config)));
    let moved = crate::trust::update(&config, &documents, chrono::Utc::now())?;
    if !quiet {
        if moved.is_empty() {
            println!("every registry trust anchor's keys are as folio.lock pins them");
        }
        for m in &moved {
            match &m.old {
                Some(old) => println!("{} ({}): keys {old} → {}", m.name, m.url, m.new),
                None => println!("{} ({}): keys pinned: {}", m.name, m.url, m.new),
            }
        }
    }
    Ok(())
}
