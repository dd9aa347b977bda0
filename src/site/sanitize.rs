//! Markdown from third parties (badge criteria, evidence narratives) to HTML that is
//! safe to embed: raw HTML is shown as text, only `http`, `https`, `mailto` and
//! relative links survive, and every link gets `rel="nofollow noopener"`.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

use crate::util::html::escape;

/// Renders untrusted markdown to inert HTML.
pub fn markdown(text: &str) -> String {
    let mut events = Vec::new();
    for event in Parser::new_ext(text, Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES) {
        match event {
            // Raw HTML becomes visible text, never markup.
            Event::Html(raw) | Event::InlineHtml(raw) => {
                events.push(Event::Html(CowStr::from(escape(&raw))))
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                events.push(Event::Html(CowStr::from(format!(
                    r#"<a href="{}" rel="nofollow noopener">"#,
                    escape(&safe_url(&dest_url))
                ))));
            }
            Event::End(TagEnd::Link) => events.push(Event::Html("</a>".into())),
            Event::Start(Tag::Image { dest_url, .. }) => {
                // Images from credentials are linked, not loaded: a remote image would
                // tell its host who is reading the portfolio.
                events.push(Event::Html(CowStr::from(format!(
                    r#"<a href="{}" rel="nofollow noopener">[image: "#,
                    escape(&safe_url(&dest_url))
                ))));
            }
            Event::End(TagEnd::Image) => events.push(Event::Html("]</a>".into())),
            other => events.push(other),
        }
    }
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter());
    out
}

/// The URL if it is absolute with a harmless scheme (`http`, `https`, `mailto`),
/// else `#`. Every URL here comes from a credential: a relative one (`/criteria`)
/// means a page on the issuer's site, which is not on the learner's, and would only
/// be a broken link there (and fail the build's link check).
pub fn safe_url(url: &str) -> String {
    let trimmed: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let lower = trimmed.to_ascii_lowercase();
    let allowed = match lower.split_once(':') {
        Some(("http" | "https", rest)) => rest.starts_with("//") && rest.len() > 2,
        Some(("mailto", rest)) => !rest.is_empty(),
        _ => false,
    };
    if allowed {
        url.trim().to_string()
    } else {
        "#".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_handlers_are_inert() {
        let html = markdown("Hi <script>alert(1)</script> <img src=x onerror=alert(2)>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"));
    }

    #[test]
    fn dangerous_links_are_defused() {
        for bad in [
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "[x](java\tscript:alert(1))",
            "[x](data:text/html,hi)",
            "[x](vbscript:x)",
        ] {
            let html = markdown(bad).to_lowercase();
            for scheme in ["javascript", "java\tscript", "data:", "vbscript"] {
                assert!(!html.contains(&format!("href=\"{scheme}")), "{bad}: {html}");
            }
        }
        assert!(markdown("[x](javascript:alert(1))").contains(r##"href="#""##));
        assert_eq!(safe_url(" javascript:alert(1)"), "#");
        // A credential's relative URL points into the issuer's site, not this one.
        assert_eq!(safe_url("/relative/path:with-colon"), "#");
        assert_eq!(safe_url("criteria.html"), "#");
        assert_eq!(safe_url("https:foo"), "#");
        assert_eq!(
            safe_url("HTTPS://issuer.example/c"),
            "HTTPS://issuer.example/c"
        );
        let ok = markdown("[x](https://example.org/a?b=1&c=2)");
        assert!(
            ok.contains(r#"href="https://example.org/a?b=1&amp;c=2" rel="nofollow noopener""#),
            "{ok}"
        );
    }
}
