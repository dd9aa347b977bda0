//! The benchmark's synthetic portfolio (examples/bench_site.rs) builds with folio as
//! generated: every page, every badge verified, every link resolving; its theme
//! passes `folio theme check`; and Hugo builds the same folder when Hugo is installed.

mod common;

#[path = "../examples/bench_site.rs"]
#[allow(dead_code)]
mod bench_site;

use common::run_in;

#[test]
fn the_benchmark_portfolio_builds_with_folio_and_hugo() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    bench_site::generate(&site, 40, 6);
    let run = run_in(&site, &["build", "--offline"]);
    run.success();
    assert!(
        run.stdout.contains(
            "built 40 pages and 11 sections, 6 badges (6 verified, 0 expired, 0 not verified)"
        ),
        "{}",
        run.stdout
    );
    let page = std::fs::read_to_string(site.join("public/sec-03/page-00013/index.html")).unwrap();
    for part in [
        "<h1>Project 13",
        "<time>",
        "<table>",
        "<pre tabindex=\"0\"><code class=\"language-python\">",
        "/images/figure.svg",
    ] {
        assert!(page.contains(part), "page lacks {part}");
    }
    run_in(&site, &["theme", "check", "bench-theme"]).success();

    if std::process::Command::new("hugo")
        .arg("version")
        .output()
        .is_ok()
    {
        let out = std::process::Command::new("hugo")
            .args(["--quiet", "-d"])
            .arg(tmp.path().join("hugo-out"))
            .current_dir(&site)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let page =
            std::fs::read_to_string(tmp.path().join("hugo-out/sec-03/page-00013/index.html"))
                .unwrap();
        assert!(page.contains("<h1>Project 13") && page.contains("<table>"));
    }
}
