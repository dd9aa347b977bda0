//! Makes a badge's SVG safe to publish on the learner's origin. An SVG opened as a
//! document runs its `<script>`, event handlers and `foreignObject` HTML with the
//! site's privileges, and loads whatever it references; a badge is untrusted, so
//! folio never publishes one as it came. It rebuilds the image from an allowlist:
//! SVG drawing elements and their presentation attributes, references only to
//! fragments of the same image (or embedded raster data), CSS without `@import` or
//! outside `url()`. What it dropped that could act is reported, so the original file
//! can be published under a name a browser will not render.

use std::fmt::Write;

use roxmltree::{Document, Node, ParsingOptions};

use crate::util::html::escape;

const SVG_NS: &str = "http://www.w3.org/2000/svg";
const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";
const XLINK_NS: &str = "http://www.w3.org/1999/xlink";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Elements kept: shapes, text, paint servers, structure, filters (and `a`, as a
/// plain group). No `script`, `foreignObject`, animation (it can rewrite `href` to `javascript:`),
/// `iframe`, or anything outside the SVG namespace.
const ELEMENTS: &[&str] = &[
    "svg",
    "g",
    "defs",
    "symbol",
    "use",
    "title",
    "desc",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "textPath",
    "linearGradient",
    "radialGradient",
    "stop",
    "clipPath",
    "mask",
    "pattern",
    "marker",
    "image",
    "style",
    "filter",
    "feBlend",
    "feColorMatrix",
    "feComponentTransfer",
    "feComposite",
    "feConvolveMatrix",
    "feDiffuseLighting",
    "feDisplacementMap",
    "feDistantLight",
    "feDropShadow",
    "feFlood",
    "feFuncA",
    "feFuncB",
    "feFuncG",
    "feFuncR",
    "feGaussianBlur",
    "feMerge",
    "feMergeNode",
    "feMorphology",
    "feOffset",
    "fePointLight",
    "feSpecularLighting",
    "feSpotLight",
    "feTile",
    "feTurbulence",
];

/// Dropped without comment: they describe the image and do nothing in a browser.
const INERT: &[&str] = &["metadata"];

/// Elements deeper than this are refused: real badges nest a dozen levels.
const MAX_DEPTH: usize = 128;
/// Nodes parsed at most (with entities expanded): bounds memory on hostile input.
const MAX_NODES: u32 = 200_000;

/// A sanitised SVG and what was taken out of it that could act in a browser.
#[derive(Debug)]
pub struct Cleaned {
    pub svg: String,
    /// Kinds of active content removed (`script`, `event handler`, …), deduplicated.
    pub active: Vec<&'static str>,
}

/// Rebuilds `bytes` (an SVG document) from the allowlist; an error says why it is not
/// an image folio can show.
pub fn sanitise(bytes: &[u8]) -> Result<Cleaned, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "the SVG is not UTF-8".to_string())?;
    let options = ParsingOptions {
        // Illustrator writes entity declarations; roxmltree bounds their expansion
        // and never fetches external ones.
        allow_dtd: true,
        nodes_limit: MAX_NODES,
        ..ParsingOptions::default()
    };
    let doc =
        Document::parse_with_options(text, options).map_err(|e| format!("not valid XML: {e}"))?;
    let root = doc.root_element();
    if root.tag_name().name() != "svg" || !in_svg(root) {
        return Err("the document is not an SVG image".into());
    }
    let mut out = Writer {
        svg: String::with_capacity(text.len()),
        active: Vec::new(),
    };
    out.element(root, 0)?;
    Ok(Cleaned {
        svg: out.svg,
        active: out.active,
    })
}

/// In the SVG namespace, or in none (hand-written files leave `xmlns` out).
fn in_svg(node: Node) -> bool {
    matches!(node.tag_name().namespace(), None | Some(SVG_NS))
}

struct Writer {
    svg: String,
    active: Vec<&'static str>,
}

impl Writer {
    fn flag(&mut self, what: &'static str) {
        if !self.active.contains(&what) {
            self.active.push(what);
        }
    }

    /// Long because each attribute rule (namespaces, handlers, references, CSS) is a
    /// short branch of one allowlist, read best together.
    fn element(&mut self, node: Node, depth: usize) -> Result<(), String> {
        if depth > MAX_DEPTH {
            return Err(format!("elements nested more than {MAX_DEPTH} deep"));
        }
        let name = node.tag_name().name();
        if !in_svg(node) {
            // Another vocabulary: baked credentials, editor data — inert, unless
            // it is HTML, which a browser renders (and runs) inside an SVG.
            if node.tag_name().namespace() == Some(XHTML_NS) {
                self.flag("embedded HTML");
            }
            return Ok(());
        }
        if INERT.contains(&name) {
            return Ok(());
        }
        // A link keeps its drawing, as a group: where it pointed is dropped.
        let name = if name == "a" { "g" } else { name };
        let is_link = node.tag_name().name() == "a";
        if !ELEMENTS.contains(&name) {
            self.flag(match name {
                "script" => "script",
                "foreignObject" => "foreignObject",
                n if n.starts_with("animate") || n == "set" => "animation",
                _ => "unknown element",
            });
            return Ok(());
        }
        self.svg.push('<');
        self.svg.push_str(name);
        if depth == 0 {
            write!(self.svg, " xmlns=\"{SVG_NS}\"").expect("write to String");
        }
        for attr in node.attributes() {
            let value = attr.value();
            let local = attr.name();
            let kept = match attr.namespace() {
                None => Some(local),
                Some(XLINK_NS) if local == "href" => Some("href"),
                Some(XML_NS) if local == "space" || local == "lang" => Some(local),
                Some(_) => None,
            };
            let Some(attr_name) = kept else { continue };
            if attr_name.len() > 2 && attr_name[..2].eq_ignore_ascii_case("on") {
                self.flag("event handler");
                continue;
            }
            if attr_name == "xmlns" {
                continue;
            }
            if attr_name == "href" && is_link {
                if css_danger(value) == Some("script") {
                    self.flag("script");
                }
                continue;
            }
            if attr_name == "href" {
                if !(value.starts_with('#') || name == "image" && raster_data(value)) {
                    self.flag("external reference");
                    continue;
                }
            } else if let Some(why) = css_danger(value) {
                self.flag(why);
                continue;
            }
            write!(self.svg, " {attr_name}=\"{}\"", escape(value)).expect("write to String");
        }
        self.svg.push('>');
        for child in node.children() {
            if child.is_element() {
                self.element(child, depth + 1)?;
            } else if child.is_text() {
                let text = child.text().unwrap_or("");
                if name == "style"
                    && let Some(why) = css_danger(text)
                {
                    self.flag(why);
                    continue;
                }
                self.svg.push_str(&escape(text));
            }
        }
        write!(self.svg, "</{name}>").expect("write to String");
        Ok(())
    }
}

/// `data:` URLs of raster images, which cannot run anything.
fn raster_data(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    ["png", "jpeg", "jpg", "gif", "webp"]
        .iter()
        .any(|t| lower.starts_with(&format!("data:image/{t};base64,")))
}

/// Why a CSS text or presentation value could load or run something, if it could:
/// `url()` other than a fragment of this image, `@import`, `javascript:`, IE's
/// `expression()`.
fn css_danger(value: &str) -> Option<&'static str> {
    let lower: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\\')
        .flat_map(char::to_lowercase)
        .collect();
    if lower.contains("javascript:") || lower.contains("expression(") {
        return Some("script");
    }
    if lower.contains("@import") {
        return Some("external reference");
    }
    let mut rest = lower.as_str();
    while let Some(at) = rest.find("url(") {
        rest = &rest[at + 4..];
        let target = rest.trim_start_matches(['"', '\'']);
        if !target.starts_with('#') {
            return Some("external reference");
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawing_survives_and_active_content_is_removed() {
        let svg = br##"<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:openbadges="https://openbadges.org" viewBox="0 0 10 10" onload="alert(1)">
  <openbadges:credential>{"secret": true}</openbadges:credential>
  <script>alert(2)</script>
  <style>.a { fill: url(#g) } .b { background: url(https://evil.example/x) }</style>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>
  <a href="javascript:alert(3)"><rect width="5" height="5"/></a>
  <circle r="4" fill="url(#g)" onclick="alert(4)"/>
  <use xlink:href="#g"/><use href="https://evil.example/s.svg#x"/>
  <image href="data:image/png;base64,iVBORw0KGgo="/>
  <foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>
  <set attributeName="href" to="javascript:alert(5)"/>
  <text x="1" y="9">Ada &amp; co</text>
</svg>"##;
        let c = sanitise(svg).unwrap();
        for gone in [
            "alert",
            "evil.example",
            "secret",
            "foreignObject",
            "onload",
            "<set",
        ] {
            assert!(!c.svg.contains(gone), "{gone} survived: {}", c.svg);
        }
        for kept in [
            "<circle r=\"4\" fill=\"url(#g)\">",
            "<use href=\"#g\">",
            "data:image/png;base64,",
            "Ada &amp; co",
            "<g><rect width=\"5\" height=\"5\"></rect></g>",
            "viewBox=\"0 0 10 10\"",
        ] {
            assert!(c.svg.contains(kept), "{kept} lost: {}", c.svg);
        }
        assert_eq!(
            c.active,
            [
                "event handler",
                "script",
                "external reference",
                "foreignObject",
                "animation"
            ]
        );
        // The result parses again and is stable.
        let again = sanitise(c.svg.as_bytes()).unwrap();
        assert_eq!(again.svg, c.svg);
        assert!(again.active.is_empty());
    }

    #[test]
    fn plain_svg_is_not_active_and_garbage_is_refused() {
        let c = sanitise(br#"<svg viewBox="0 0 1 1"><metadata>m</metadata><path d="M0 0"/></svg>"#)
            .unwrap();
        assert!(c.active.is_empty());
        assert!(sanitise(b"<html><script>x</script></html>").is_err());
        assert!(sanitise(b"<svg><g>").is_err());
        let deep = format!("<svg>{}{}</svg>", "<g>".repeat(200), "</g>".repeat(200));
        assert!(sanitise(deep.as_bytes()).is_err());
    }
}
