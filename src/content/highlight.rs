//! Fenced code blocks highlighted at build time, with CSS classes rather than inline
//! colours (syntect, its bundled Sublime Text syntaxes): a theme's light and dark
//! palettes both apply, and no script runs on the learner's site. The info string
//! follows Zola: `python,linenos,hl_lines=2-3 5`. A language syntect does not know
//! stays plain text.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, RwLock};

use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxSet};
use syntect::util::LinesWithEndings;

use crate::util::html::escape;

/// The kinds of token a theme colours, by class (`hl-keyword`), and the scope atoms
/// that make a token one: the first scope from the innermost out that names any of
/// them decides, as nested spans of every atom would have cascaded. Later entries win
/// within one scope. One short class per token, not syntect's whole scope stack: a
/// five-line Python block is 0.6 KB of HTML instead of 5 KB.
const KINDS: &[(&str, &[&str])] = &[
    ("hl-comment", &["comment"]),
    ("hl-string", &["string"]),
    ("hl-constant", &["constant"]),
    ("hl-keyword", &["keyword", "storage"]),
    ("hl-entity", &["entity"]),
    ("hl-support", &["support"]),
];

/// Code longer than this is shown plain: highlighting is linear but slow per byte,
/// and a page of a megabyte of code is data, not an example.
const LIMIT: usize = 256 * 1024;

/// A block with a line longer than this is shown plain: a grammar tries its
/// patterns from every position to the end of the line, so the work grows with the
/// square of a line's length (a 250 KB line took half a minute). Real code lines
/// are far shorter; minified files are not examples.
const MAX_LINE: usize = 2_000;

/// How long one block may take. Checked between lines (a line cannot be stopped
/// half way, but the regex bounds below keep one line short); a block that runs
/// over is shown plain, with a warning naming it.
const BUDGET: std::time::Duration = std::time::Duration::from_millis(1_500);

/// Backtracking steps one regex match, and one search, may take in Oniguruma
/// (defaults: ten million, and unlimited). A grammar pattern that backtracks
/// catastrophically on some input (a 20-line Makefile took 13 s) then fails to
/// match instead, and the line is coloured a little less.
const RETRY_LIMIT_IN_MATCH: std::os::raw::c_ulong = 100_000;
const RETRY_LIMIT_IN_SEARCH: std::os::raw::c_ulong = 1_000_000;

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(|| {
        // SAFETY: plain setters of two Oniguruma globals, called once, before any
        // regex is compiled or run (the set is made here, first).
        unsafe {
            onig_sys::onig_set_retry_limit_in_match(RETRY_LIMIT_IN_MATCH);
            onig_sys::onig_set_retry_limit_in_search(RETRY_LIMIT_IN_SEARCH);
        }
        SyntaxSet::load_defaults_newlines()
    })
}

/// What the info string asks for.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Info {
    pub lang: String,
    pub linenos: bool,
    /// Lines to mark (1-based, inclusive ranges).
    pub hl_lines: Vec<(usize, usize)>,
}

pub fn parse_info(info: &str) -> Info {
    let mut parts = info
        .split([',', ' '])
        .map(str::trim)
        .filter(|p| !p.is_empty());
    let lang = parts
        .next()
        .unwrap_or("")
        .trim_start_matches('{')
        .to_string();
    let mut out = Info {
        lang,
        ..Info::default()
    };
    let mut in_hl = false;
    for part in parts {
        if part == "linenos" {
            out.linenos = true;
            in_hl = false;
        } else if let Some(ranges) = part.strip_prefix("hl_lines=") {
            in_hl = true;
            out.hl_lines.extend(range(ranges));
        } else if in_hl {
            // `hl_lines=2-3 5`: later numbers belong to the same list.
            out.hl_lines.extend(range(part));
        }
    }
    out
}

fn range(text: &str) -> Option<(usize, usize)> {
    let (a, b) = text.split_once('-').unwrap_or((text, text));
    let (a, b) = (a.parse().ok()?, b.parse().ok()?);
    (a >= 1 && b >= a).then_some((a, b))
}

/// Highlighted blocks kept between builds in `.folio/cache/code.bin`, by the
/// fingerprint of their info string and code: highlighting is the slow part of a
/// build of code-heavy pages (about 0.4 ms of CPU for five lines of Python), and an
/// unchanged block comes out the same. Only the blocks of the last build are kept.
#[derive(Default)]
pub struct Store {
    file: Option<PathBuf>,
    blocks: RwLock<HashMap<u64, Arc<str>>>,
    /// Blocks shown plain because highlighting ran over its bounds, with why: kept
    /// for this process (so `serve` does not spend the budget again on every save)
    /// but never saved, so each build says so again.
    plain: RwLock<HashMap<u64, PlainBlock>>,
    used: Mutex<HashSet<u64>>,
    /// Blocks highlighted (not found) since the store was loaded or saved.
    made: std::sync::atomic::AtomicUsize,
}

/// A block's plain HTML, and why it is plain.
type PlainBlock = (Arc<str>, Arc<str>);

/// The file's first line: a new folio may write blocks differently.
const HEADER: &str = concat!(
    "folio-code ",
    env!("CARGO_PKG_VERSION"),
    " syntect 5 kinds\n"
);

impl Store {
    /// The store of the cache folder `dir` (empty when there is none yet, or it
    /// cannot be read: it is only a cache).
    pub fn load(dir: &Path) -> Store {
        let file = dir.join("code.bin");
        let mut blocks = HashMap::new();
        if let Ok(bytes) = std::fs::read(&file)
            && let Some(mut rest) = bytes.strip_prefix(HEADER.as_bytes())
        {
            while rest.len() >= 12 {
                let key = u64::from_le_bytes(rest[..8].try_into().expect("8 bytes"));
                let len = u32::from_le_bytes(rest[8..12].try_into().expect("4 bytes")) as usize;
                let Some(html) = rest
                    .get(12..12 + len)
                    .and_then(|b| std::str::from_utf8(b).ok())
                else {
                    break;
                };
                blocks.insert(key, Arc::from(html));
                rest = &rest[12 + len..];
            }
        }
        Store {
            file: Some(file),
            blocks: RwLock::new(blocks),
            ..Store::default()
        }
    }

    /// The block, from the store or highlighted now, and why it is plain when
    /// highlighting ran over its bounds.
    pub fn block(&self, info: &str, code: &str) -> (Arc<str>, Option<Arc<str>>) {
        let key = crate::cache::fingerprint(&[&info, &code]);
        self.used.lock().expect("store lock").insert(key);
        if let Some(html) = self.blocks.read().expect("store lock").get(&key) {
            return (html.clone(), None);
        }
        if let Some((html, why)) = self.plain.read().expect("store lock").get(&key) {
            return (html.clone(), Some(why.clone()));
        }
        let (html, why) = block(info, code);
        let html: Arc<str> = Arc::from(html);
        match why {
            Some(why) => {
                let why: Arc<str> = Arc::from(why);
                self.plain
                    .write()
                    .expect("store lock")
                    .insert(key, (html.clone(), why.clone()));
                (html, Some(why))
            }
            None => {
                self.made.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                self.blocks
                    .write()
                    .expect("store lock")
                    .insert(key, html.clone());
                (html, None)
            }
        }
    }

    /// Writes the blocks this build used when any was new or some went unused;
    /// forgets the rest. A failed write only costs the next build time.
    pub fn save(&self) {
        let used = std::mem::take(&mut *self.used.lock().expect("store lock"));
        let mut blocks = self.blocks.write().expect("store lock");
        let made = self.made.swap(0, std::sync::atomic::Ordering::Relaxed);
        if made == 0 && blocks.len() == used.len() {
            return;
        }
        blocks.retain(|k, _| used.contains(k));
        let Some(file) = &self.file else { return };
        let mut out = HEADER.as_bytes().to_vec();
        for (key, html) in blocks.iter() {
            out.extend_from_slice(&key.to_le_bytes());
            out.extend_from_slice(&(html.len() as u32).to_le_bytes());
            out.extend_from_slice(html.as_bytes());
        }
        if let Some(dir) = file.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let tmp = file.with_extension("bin.tmp");
        if std::fs::write(&tmp, &out).is_ok() {
            let _ = std::fs::rename(&tmp, file);
        }
    }

    /// Blocks highlighted since the last save.
    pub fn made(&self) -> usize {
        self.made.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// The whole block: `<pre tabindex="0"><code class="language-x">…</code></pre>`,
/// focusable so keyboard users can scroll it (WCAG 2.1.1); and why it is plain
/// when its language is known but highlighting would run over its bounds.
pub fn block(info_string: &str, code: &str) -> (String, Option<String>) {
    let info = parse_info(info_string);
    let class = match info.lang.is_empty() {
        true => String::new(),
        false => format!(" class=\"language-{}\"", escape(&info.lang)),
    };
    let syntax = (!info.lang.is_empty() && code.len() <= LIMIT)
        .then(|| syntaxes().find_syntax_by_token(&info.lang))
        .flatten();
    let mut why = None;
    let lines: Vec<String> = match syntax {
        Some(syntax) => match highlighted(syntax, code) {
            Ok(lines) => lines,
            Err(Overrun(reason)) => {
                why = Some(format!(
                    "this {} block is shown without highlighting: {reason}",
                    info.lang
                ));
                plain(code)
            }
        },
        None => plain(code),
    };
    let marked = info.linenos || !info.hl_lines.is_empty();
    let mut out = format!(
        "<pre tabindex=\"0\"{}><code{class}>",
        if marked { " class=\"lines\"" } else { "" }
    );
    for (n, line) in lines.iter().enumerate() {
        let number = n + 1;
        if !marked {
            out.push_str(line);
            continue;
        }
        let hl = info
            .hl_lines
            .iter()
            .any(|&(a, b)| (a..=b).contains(&number));
        out.push_str(if hl {
            "<span class=\"line hl\">"
        } else {
            "<span class=\"line\">"
        });
        if info.linenos {
            out.push_str(&format!(
                "<span class=\"ln\" aria-hidden=\"true\">{number}</span>"
            ));
        }
        // The newline stays inside the line, so copying the block copies the code.
        out.push_str(line);
        out.push_str("</span>");
    }
    out.push_str("</code></pre>\n");
    (out, why)
}

/// Why highlighting stopped.
struct Overrun(String);

fn plain(code: &str) -> Vec<String> {
    LinesWithEndings::from(code).map(escape).collect()
}

/// Each line's HTML, complete in itself (every span closes on its line), so lines
/// can be wrapped one by one.
fn highlighted(
    syntax: &syntect::parsing::SyntaxReference,
    code: &str,
) -> Result<Vec<String>, Overrun> {
    if let Some(long) = code.lines().map(str::len).max().filter(|&l| l > MAX_LINE) {
        return Err(Overrun(format!(
            "it has a line of {long} characters (highlighting stops at {MAX_LINE})"
        )));
    }
    let set = syntaxes();
    let started = std::time::Instant::now();
    let broken = || Overrun("the grammar could not read it".into());
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut kinds: HashMap<Scope, Option<&'static str>> = HashMap::new();
    let mut lines = Vec::new();
    for line in LinesWithEndings::from(code) {
        if started.elapsed() > BUDGET {
            return Err(Overrun(format!(
                "highlighting it took longer than {} s",
                BUDGET.as_secs_f32()
            )));
        }
        let ops = state.parse_line(line, set).map_err(|_| broken())?;
        let mut html = String::with_capacity(line.len() * 2);
        let mut at = 0;
        let mut pending: (Option<&str>, String) = (None, String::new());
        for (pos, op) in ops
            .iter()
            .map(|(p, op)| (*p, op))
            .chain([(line.len(), &NOOP)])
        {
            if pos > at {
                let kind = kind_of(&stack, &mut kinds);
                if kind != pending.0 {
                    emit(&mut html, &pending);
                    pending = (kind, String::new());
                }
                pending.1.push_str(&line[at..pos]);
                at = pos;
            }
            stack.apply(op).map_err(|_| broken())?;
        }
        emit(&mut html, &pending);
        lines.push(html);
    }
    Ok(lines)
}

const NOOP: syntect::parsing::ScopeStackOp = syntect::parsing::ScopeStackOp::Noop;

/// The class of a token under `stack` (see [`KINDS`]), remembered per scope.
fn kind_of(
    stack: &ScopeStack,
    memo: &mut HashMap<Scope, Option<&'static str>>,
) -> Option<&'static str> {
    for scope in stack.as_slice().iter().rev() {
        let kind = *memo.entry(*scope).or_insert_with(|| {
            let name = scope.build_string();
            let atoms: Vec<&str> = name.split('.').collect();
            if atoms.starts_with(&["variable", "parameter"]) {
                return Some("hl-support");
            }
            KINDS
                .iter()
                .rev()
                .find(|(_, names)| names.iter().any(|n| atoms.contains(n)))
                .map(|(class, _)| *class)
        });
        if kind.is_some() {
            return kind;
        }
    }
    None
}

fn emit(html: &mut String, (kind, text): &(Option<&str>, String)) {
    match kind {
        _ if text.is_empty() => {}
        None => html.push_str(&escape(text)),
        Some(class) => {
            html.push_str("<span class=\"");
            html.push_str(class);
            html.push_str("\">");
            html.push_str(&escape(text));
            html.push_str("</span>");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_store_keeps_what_a_build_used_and_reads_it_back() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::load(dir.path());
        let a = store.block("python", "x = 1\n").0;
        store.block("rust", "fn f() {}\n");
        assert_eq!(store.made(), 2);
        store.save();
        let again = Store::load(dir.path());
        assert_eq!(again.block("python", "x = 1\n").0, a);
        assert_eq!(again.made(), 0, "from the file");
        again.save();
        // Only the block used in the last build is kept.
        let third = Store::load(dir.path());
        third.block("rust", "fn f() {}\n");
        assert_eq!(third.made(), 1);
    }

    #[test]
    fn a_block_that_would_take_too_long_is_plain_and_says_why() {
        let long = format!("x = \"{}\"\n", "a".repeat(MAX_LINE + 10));
        let (html, why) = block("python", &long);
        assert!(!html.contains("hl-"), "plain");
        assert!(
            why.unwrap()
                .contains(&format!("a line of {} characters", MAX_LINE + 16))
        );
        let (_, why) = block("python", "x = 1\n");
        assert!(why.is_none());
    }

    #[test]
    fn info_strings_as_zola_writes_them() {
        assert_eq!(
            parse_info("python,linenos,hl_lines=2-3 5"),
            Info {
                lang: "python".into(),
                linenos: true,
                hl_lines: vec![(2, 3), (5, 5)]
            }
        );
        assert_eq!(parse_info("rust").lang, "rust");
        assert!(parse_info("").lang.is_empty());
    }

    #[test]
    fn python_gets_token_spans_and_unknown_languages_stay_plain() {
        let html = block("python", "def f(x):\n    return \"<b>\"  # done\n").0;
        assert!(html.contains("<span class=\"hl-keyword"), "{html}");
        assert!(html.contains("hl-comment"), "{html}");
        assert!(
            html.contains("&quot;&lt;b&gt;&quot;") || html.contains("&lt;b&gt;"),
            "{html}"
        );
        // One class a token, the innermost kind winning: the quotes are the string's,
        // the parameter is coloured as support, `def` is a keyword.
        assert!(
            html.contains("<span class=\"hl-string\">&quot;&lt;b&gt;&quot;</span>"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"hl-comment\"># done\n</span>"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"hl-keyword\">def</span>"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"hl-support\">x</span>"),
            "{html}"
        );
        assert!(
            !html.contains("hl-python") && !html.contains("<span class=\"hl-keyword\"></span>")
        );
        let plain = block("klingon", "a < b\n").0;
        assert_eq!(
            plain,
            "<pre tabindex=\"0\"><code class=\"language-klingon\">a &lt; b\n</code></pre>\n"
        );
    }

    #[test]
    fn line_numbers_and_marked_lines_wrap_whole_lines() {
        let html = block(
            "python,linenos,hl_lines=2",
            "s = \"\"\"one\ntwo\"\"\"\nx = 1\n",
        )
        .0;
        assert_eq!(html.matches("<span class=\"line").count(), 3);
        assert_eq!(html.matches("<span class=\"line hl\">").count(), 1);
        assert!(html.contains("<span class=\"ln\" aria-hidden=\"true\">3</span>"));
        // Every line's spans balance: a string across lines is closed and reopened.
        for line in html.split("<span class=\"line").skip(1) {
            let line = &line[..line.rfind("</span>").unwrap()];
            assert_eq!(
                line.matches("<span").count(),
                line.matches("</span>").count(),
                "{line}"
            );
        }
    }
}
