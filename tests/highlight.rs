//! Code that reads like code: the example's Python block is highlighted at build time
//! with token classes (no inline colours, no script), with line numbers and a marked
//! line from its info string; an unknown language stays plain. Its contrast in light
//! and dark is axe's to check (`tests/a11y.rs` runs on every page of the example).

mod common;

use common::Portfolio;

#[test]
fn python_blocks_get_token_spans_line_numbers_and_marked_lines() {
    let p = Portfolio::example();
    p.write(
        "content/projects/notes.md",
        "---\ntitle: Notes\n---\n```klingon\nqaStaH nuq?\n```\n\n```python\nprint(\"<hi>\")\n```\n",
    );
    p.run(&["build"]).success();
    let page = p.read("public/projects/demand-forecast/index.html");
    let block = &page[page.find("<pre").unwrap()..page.find("</pre>").unwrap()];
    assert!(
        block.starts_with("<pre tabindex=\"0\" class=\"lines\"><code class=\"language-python\">")
    );
    assert!(
        block.contains("<span class=\"hl-keyword\">import</span>"),
        "{block}"
    );
    assert!(block.contains("<span class=\"ln\" aria-hidden=\"true\">1</span>"));
    assert_eq!(
        block.matches("<span class=\"line hl\">").count(),
        1,
        "hl_lines=3"
    );
    assert!(!block.contains("style="), "classes, not inline colours");
    // One class a token, not syntect's scope stack: strings, comments and the rest.
    assert!(
        !block.contains("hl-python") && !block.contains("hl-meta"),
        "{block}"
    );
    assert!(
        block.contains("<span class=\"hl-comment\">")
            || block.contains("<span class=\"hl-string\">"),
        "{block}"
    );
    let notes = p.read("public/projects/notes/index.html");
    assert!(notes.contains(
        "<pre tabindex=\"0\"><code class=\"language-klingon\">qaStaH nuq?\n</code></pre>"
    ));
    assert!(
        notes.contains("&lt;hi&gt;") && notes.contains("hl-support"),
        "escaped and highlighted"
    );
    // The theme ships a palette for the classes, light and dark.
    let css = p.read("public/css/folio.css");
    assert!(css.contains(".hl-keyword") && css.contains("prefers-color-scheme: dark"));
}

#[test]
fn a_block_too_long_to_highlight_is_plain_with_a_warning_naming_its_line() {
    let p = Portfolio::fixture("basic");
    // One 250 KB line of Ruby: quadratic for a grammar, shown plain at once.
    let line = format!("x = [{}]", "1, ".repeat(83_000));
    p.write(
        "content/data.md",
        format!(
            "---\ntitle: Data\n---\nSome text.\n\n```ruby\n{line}\n```\n\n```python\nx = 1\n```\n"
        ),
    );
    let run = p.run(&["build"]);
    run.success();
    let warning = run
        .stderr
        .lines()
        .find(|l| l.contains("content/data.md:"))
        .unwrap_or_else(|| panic!("{}", run.stderr))
        .to_string();
    assert!(
        warning.contains(
            "content/data.md:6: this ruby block is shown without highlighting: it has a line of"
        ),
        "{warning}"
    );
    let page = p.read("public/data/index.html");
    // The long block is plain, the short one highlighted.
    assert!(
        page.contains("<code class=\"language-ruby\">x = [1, 1,"),
        "plain"
    );
    assert!(page.contains("hl-"), "the python block is highlighted");
}
