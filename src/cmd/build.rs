//! `folio build`: the site into its output folder, swapped in whole.

use crate::cli::BuildArgs;
use crate::write::Disk;
use crate::{Config, Error};

pub fn build(args: &BuildArgs, quiet: bool) -> Result<(), Error> {
    // `--out` is relative to the current folder, like every other tool's; `output_dir`
    // in folio.yaml is relative to the portfolio.
    let out = match &args.out {
        Some(out) => Some(
            std::path::absolute(out)
                .map_err(|e| Error::io(out, "cannot resolve the output folder", e))?,
        ),
        None => None,
    };
    let config = Config::load(&args.site.root, &args.site.overrides(out))?;
    // Refuse before doing any work if the output folder is not ours to replace.
    Disk::check_replaceable(&config.output_dir)?;
    let mut sink = Disk::new(config.output_dir.clone());
    let report = crate::build(&config, &mut sink)?;
    super::print_warnings(&report);
    if std::env::var_os("FOLIO_TIMINGS").is_some() {
        print_timings(&report.phases);
    }
    if !quiet {
        super::print_pathways(&report);
        let made = &report.images_made;
        // What was made now and what came from `.folio/cache`, for a site with images
        // (a CI run with its cache restored says "0 encoded" and "0 drawn"); a site
        // without any keeps the summary to its one line.
        if made.encoded + made.cached > 0 {
            println!(
                "images: {} web-sized copies ({} encoded, {} from the cache); preview cards: {} ({} drawn, {} from the cache)",
                made.encoded + made.cached,
                made.encoded,
                made.cached,
                made.cards_drawn + made.cards_cached,
                made.cards_drawn,
                made.cards_cached
            );
        }
        let cleaned = report.images_cleaned;
        if cleaned.files > 0 {
            println!(
                "images: metadata removed from {} file{}, {} with location data (`images: {{ keep_metadata: true }}` keeps it)",
                cleaned.files,
                if cleaned.files == 1 { "" } else { "s" },
                cleaned.located
            );
        }
        println!(
            "built {} in {} ms → {}",
            super::site_summary(&report),
            report.elapsed.as_millis(),
            config.output_dir.display()
        );
    }
    Ok(())
}

/// `timings: content 12 ms, …` on stderr, for `FOLIO_TIMINGS=1`.
pub fn print_timings(phases: &[(&'static str, std::time::Duration)]) {
    let phases: Vec<String> = phases
        .iter()
        .map(|(name, d)| format!("{name} {:.1} ms", d.as_secs_f64() * 1000.0))
        .collect();
    eprintln!("timings: {}", phases.join(", "));
}
