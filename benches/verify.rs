//! Credentials verified per second, per suite, on one core and on all cores.
//!
//! Run with `cargo bench --bench verify`. Each credential is distinct (its own name and
//! id), so nothing is cached between them; contexts are parsed once per process, as in
//! a real build. Targets (2 cores): eddsa-jcs-2022 ≥ 20,000/s, eddsa-rdfc-2022 ≥ 1,000/s.

use std::time::Instant;

use folio::badge::sign::{Issuer, sample_badge};
use folio::badge::{Options, Status, verify};
use rayon::prelude::*;

const CREATED: &str = "2025-01-01T00:00:00Z";

/// The same allocator as the `folio` binary, so the figures are what users get.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    folio::init_threads();
    let issuer = Issuer::from_seed([11; 32]);
    let opts = Options::default();
    let suites: [(&str, usize); 2] = [("eddsa-rdfc-2022", 1_000), ("eddsa-jcs-2022", 20_000)];
    println!(
        "{:<18} {:>8} {:>14} {:>14}",
        "suite",
        "badges",
        "1 core /s",
        format!("{} cores /s", rayon::current_num_threads())
    );
    for (suite, n) in suites {
        let badges: Vec<Vec<u8>> = (0..n)
            .into_par_iter()
            .map(|i| {
                let doc = sample_badge(&issuer, &format!("Course {i}"), CREATED);
                let signed = match suite {
                    "eddsa-jcs-2022" => issuer.sign_jcs(doc, CREATED),
                    _ => issuer.sign_rdfc(doc, CREATED).expect("sample signs"),
                };
                serde_json::to_vec(&signed).unwrap()
            })
            .collect();
        // Warm-up: parse the bundled contexts once, as the first badge of a build does.
        assert_eq!(verify("warm", &badges[0], &opts).status, Status::Verified);

        let single = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .stack_size(folio::badge::jsonld::JSONLD_STACK)
            .build()
            .unwrap();
        let one = median(
            (0..ROUNDS)
                .map(|_| single.install(|| rate(&badges, &opts)))
                .collect(),
        );
        let all = median((0..ROUNDS).map(|_| rate(&badges, &opts)).collect());
        println!("{suite:<18} {n:>8} {one:>14.0} {all:>14.0}");
    }
}

/// Each figure is the median of this many timed rounds (shared machines are noisy).
const ROUNDS: usize = 5;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn rate(badges: &[Vec<u8>], opts: &Options) -> f64 {
    let start = Instant::now();
    let verified = badges
        .par_iter()
        .filter(|b| verify("bench", b, opts).status == Status::Verified)
        .count();
    assert_eq!(verified, badges.len(), "every sample must verify");
    badges.len() as f64 / start.elapsed().as_secs_f64()
}
