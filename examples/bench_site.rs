//! Writes a synthetic portfolio for the build benchmark (bench/compare.sh): N pages of
//! ~600 words with YAML front matter (title, date, tags) in 10 sections, and M signed
//! badges across the suites folio verifies. The same folder builds with Hugo: it holds
//! a Hugo config and a minimal Hugo layout that renders what the folio bench theme
//! renders (title, date, tags, body; sections; an index listing every page).
//!
//!   cargo run --release --example bench_site -- DIR PAGES [BADGES]
//!
//! The content is deterministic (a fixed-seed generator), so runs are comparable.

use std::fs;
use std::path::Path;

use folio::badge::sign::{Issuer, sample_badge};

const SECTIONS: usize = 10;
const SEED: [u8; 32] = [0x5e; 32];
/// Replacement badges written for the serve-latency benchmark's badge edits.
const EDITS: usize = 20;

/// xorshift64*: deterministic and good enough to vary text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "data",
    "analysis",
    "learner",
    "portfolio",
    "project",
    "python",
    "query",
    "model",
    "chart",
    "result",
    "volunteer",
    "forecast",
    "table",
    "measure",
    "source",
    "review",
    "method",
    "evidence",
    "skill",
    "course",
    "feedback",
    "iteration",
    "dataset",
    "cleaning",
    "pipeline",
    "report",
    "insight",
    "question",
    "answer",
    "team",
    "deadline",
    "lesson",
    "accessible",
    "careful",
    "honest",
    "weekly",
    "quickly",
    "clearly",
    "across",
    "between",
    "the",
    "a",
    "of",
    "and",
    "to",
    "in",
    "with",
    "for",
    "on",
    "that",
    "is",
    "was",
    "we",
    "I",
];
const TAGS: &[&str] = &[
    "python",
    "sql",
    "pandas",
    "visualisation",
    "statistics",
    "git",
    "accessibility",
    "cloud",
    "testing",
    "ethics",
    "spreadsheets",
    "writing",
    "teamwork",
    "geospatial",
    "forecasting",
    "dashboards",
    "cleaning",
    "apis",
    "linux",
    "reporting",
];

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        let w = rng.pick(WORDS);
        if i == 0 {
            let mut c = w.chars();
            if let Some(first) = c.next() {
                s.extend(first.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

fn paragraph(rng: &mut Rng, words: usize) -> String {
    let mut p = String::new();
    let mut left = words;
    while left > 0 {
        let n = left.min(8 + rng.below(10));
        if !p.is_empty() {
            p.push(' ');
        }
        p.push_str(&sentence(rng, n));
        left -= n;
    }
    p
}

fn page_url(i: usize) -> String {
    format!("/sec-{:02}/page-{i:05}/", i % SECTIONS)
}

/// About 600 words: headings, a list, a table, a code block, links, an image.
fn page(rng: &mut Rng, i: usize, pages: usize) -> String {
    let mut tags: Vec<&str> = (0..3).map(|_| rng.pick(TAGS)).collect();
    tags.sort();
    tags.dedup();
    let date = format!(
        "{}-{:02}-{:02}",
        2015 + rng.below(11),
        1 + rng.below(12),
        1 + rng.below(28)
    );
    let mut md = format!(
        "---\ntitle: \"Project {i}: {}\"\ndate: {date}\ntags: [{}]\n---\n",
        sentence(rng, 4).trim_end_matches('.'),
        tags.join(", ")
    );
    md.push_str(&paragraph(rng, 90));
    md.push_str("\n\n## What I set out to do\n\n");
    md.push_str(&paragraph(rng, 110));
    md.push_str(&format!(
        " It builds on [an earlier project]({}) and [another one]({}); the \
         [pandas documentation](https://pandas.pydata.org/docs/) helped.\n\n",
        page_url((i + 1) % pages),
        page_url((i + 7) % pages)
    ));
    for _ in 0..4 {
        md.push_str(&format!("- {}\n", sentence(rng, 9)));
    }
    md.push_str("\n## How it went\n\n");
    md.push_str(&paragraph(rng, 120));
    md.push_str("\n\n| Step | Hours | Outcome |\n|---|---:|---|\n");
    for step in ["Explore", "Clean", "Model", "Report"] {
        md.push_str(&format!(
            "| {step} | {} | {} |\n",
            1 + rng.below(20),
            sentence(rng, 4)
        ));
    }
    md.push_str("\n```python\nimport pandas as pd\n\ndf = pd.read_csv(\"deliveries.csv\")\n");
    md.push_str(&format!(
        "weekly = df.groupby(\"week\")[\"parcels\"].sum()  # project {i}\nprint(weekly.tail())\n```\n\n"
    ));
    md.push_str("![A chart of the weekly results](/images/figure.svg)\n\n## What I learned\n\n");
    md.push_str(&paragraph(rng, 120));
    md.push_str("\n\n");
    md.push_str(&paragraph(rng, 100));
    md.push('\n');
    md
}

fn write(root: &Path, rel: &str, text: impl AsRef<[u8]>) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

#[allow(dead_code)] // tests/bench_site.rs includes this file for `generate`
fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: bench_site DIR PAGES [BADGES]");
        std::process::exit(2);
    }
    let pages: usize = args[2].parse().expect("PAGES is a number");
    let badges: usize = args
        .get(3)
        .map_or(0, |b| b.parse().expect("BADGES is a number"));
    generate(Path::new(&args[1]), pages, badges);
    println!("wrote {pages} pages and {badges} badges to {}", args[1]);
}

/// Writes the benchmark portfolio into `root` (replacing it).
pub fn generate(root: &Path, pages: usize, badges: usize) {
    if root.exists() {
        fs::remove_dir_all(root).unwrap();
    }
    let issuer = Issuer::from_seed(SEED);

    write(
        root,
        "folio.yaml",
        format!(
            "title: Benchmark portfolio\nbase_url: https://bench.example/\ntheme: bench-theme\n\
             owner:\n  name: Bench Learner\n  email: learner@example.org\nbadges:\n  network: false\n  trust:\n    - id: {}\n      name: Bench Academy\n",
            issuer.did
        ),
    );
    write(
        root,
        "config.yaml",
        "baseURL: https://bench.example/\ntitle: Benchmark portfolio\n\
         disableKinds: [taxonomy, term]\n",
    );
    write(
        root,
        "static/images/figure.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 4 3\"><rect width=\"4\" height=\"3\" fill=\"#1f5fbf\"/></svg>\n",
    );
    write(
        root,
        "content/_index.md",
        "---\ntitle: Benchmark portfolio\n---\nEvery project.\n",
    );
    for s in 0..SECTIONS {
        write(
            root,
            &format!("content/sec-{s:02}/_index.md"),
            format!("---\ntitle: Section {s}\n---\nProjects of section {s}.\n"),
        );
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..pages {
        let text = page(&mut rng, i, pages);
        write(
            root,
            &format!("content/sec-{:02}/page-{i:05}.md", i % SECTIONS),
            text,
        );
    }
    // Replacement badges for bench/serve-latency.py's "badge" edit: each a genuine
    // credential with its own name, copied over badges/badge-0000.json in turn.
    if badges > 0 {
        for e in 0..EDITS {
            let doc = sample_badge(
                &issuer,
                &format!("Edited badge {e:02}"),
                "2025-01-01T00:00:00Z",
            );
            let signed = issuer.sign_rdfc(doc, "2025-01-01T00:00:00Z").unwrap();
            write(
                root,
                &format!("bench-edits/badge-{e:02}.json"),
                serde_json::to_vec_pretty(&signed).unwrap(),
            );
        }
    }
    for b in 0..badges {
        let doc = sample_badge(&issuer, &format!("Bench badge {b}"), "2025-01-01T00:00:00Z");
        let created = "2025-01-01T00:00:00Z";
        match b % 3 {
            0 => write(
                root,
                &format!("badges/badge-{b:04}.json"),
                serde_json::to_vec_pretty(&issuer.sign_rdfc(doc, created).unwrap()).unwrap(),
            ),
            1 => write(
                root,
                &format!("badges/badge-{b:04}.json"),
                serde_json::to_vec_pretty(&issuer.sign_jcs(doc, created)).unwrap(),
            ),
            _ => write(
                root,
                &format!("badges/badge-{b:04}.jwt"),
                issuer.sign_vc_jwt(&doc),
            ),
        }
    }

    // The folio bench theme: title, date, tags and body; sections; every page on the index.
    let theme = "bench-theme";
    write(
        root,
        &format!("{theme}/theme.yaml"),
        "name: bench\nversion: 1.0.0\nfolio: \">=0.1\"\nverified_marker: data-verified\n",
    );
    let t = |name: &str, body: &str| write(root, &format!("{theme}/templates/{name}"), body);
    t(
        "base.html",
        "<!doctype html><html lang=\"{{ config.language }}\" dir=\"{{ config.direction }}\"><head><meta charset=\"utf-8\"><title>{% block title %}{{ config.title }}{% endblock title %}</title></head><body>{% block main %}{% endblock main %}</body></html>\n",
    );
    t(
        "page.html",
        "{% extends \"base.html\" %}{% block title %}{{ page.title }}{% endblock title %}{% block main %}<h1>{{ page.title }}</h1>\n{% if page.date %}<time>{{ page.date }}</time>{% endif %}\n<ul>{% for t in page.tags %}<li>{{ t }}</li>{% endfor %}</ul>\n{{ page.content | safe }}{% endblock main %}\n",
    );
    let listing = "<ul>{% for p in section.pages %}<li><a href=\"{{ p.url }}\">{{ p.title }}</a> {{ p.date }}</li>{% endfor %}</ul>";
    t(
        "section.html",
        &format!(
            "{{% extends \"base.html\" %}}{{% block main %}}<h1>{{{{ section.title }}}}</h1>{listing}{{% endblock main %}}\n"
        ),
    );
    t(
        "index.html",
        "{% extends \"base.html\" %}{% block main %}<h1>{{ section.title }}</h1>{% for sub in section.subsections %}<h2>{{ sub.title }}</h2><ul>{% for p in sub.pages %}<li><a href=\"{{ p.url }}\">{{ p.title }}</a> {{ p.date }}</li>{% endfor %}</ul>{% endfor %}{% endblock main %}\n",
    );
    t(
        "404.html",
        "{% extends \"base.html\" %}{% block main %}<h1>Not found</h1>{% endblock main %}\n",
    );
    t(
        "badges.html",
        "{% extends \"base.html\" %}{% block main %}<ul>{% for b in badges %}<li><a href=\"{{ b.url }}\">{{ b.name }}</a> {{ b.status }}</li>{% endfor %}</ul>{% endblock main %}\n",
    );
    t(
        "badge.html",
        "{% extends \"base.html\" %}{% block main %}<h1>{{ badge.name }}</h1>{% if badge.status == \"verified\" %}<p data-verified>verified</p>{% else %}<p>{{ badge.status_label }}</p>{% endif %}{% endblock main %}\n",
    );
    t(
        "skills.html",
        "{% extends \"base.html\" %}{% block main %}<h1>Skills</h1>{% endblock main %}\n",
    );

    // The Hugo layout rendering the same.
    let h = |name: &str, body: &str| write(root, &format!("layouts/{name}"), body);
    h(
        "_default/baseof.html",
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{{ block \"title\" . }}{{ .Site.Title }}{{ end }}</title></head><body>{{ block \"main\" . }}{{ end }}</body></html>\n",
    );
    h(
        "_default/single.html",
        "{{ define \"title\" }}{{ .Title }}{{ end }}{{ define \"main\" }}<h1>{{ .Title }}</h1>\n{{ with .Params.date }}<time>{{ . }}</time>{{ end }}\n<ul>{{ range .Params.tags }}<li>{{ . }}</li>{{ end }}</ul>\n{{ .Content }}{{ end }}\n",
    );
    h(
        "_default/list.html",
        "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> {{ .Params.date }}</li>{{ end }}</ul>{{ end }}\n",
    );
    h(
        "index.html",
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ range .Sections }}<h2>{{ .Title }}</h2><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> {{ .Params.date }}</li>{{ end }}</ul>{{ end }}{{ end }}\n",
    );
    h(
        "404.html",
        "{{ define \"main\" }}<h1>Not found</h1>{{ end }}\n",
    );
}
