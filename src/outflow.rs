//! Where rendered files go during a build: each batch is checked for paths another
//! source already claims, scanned for links (the scan is all that is kept), and
//! handed to the sink, which writes it to the staging folder. So a big site is never
//! held in memory whole; the sink publishes only when the whole build succeeds.

use std::collections::HashMap;

use crate::content::Content;
use crate::error::{Error, Location, Result};
use crate::links::{Scan, Scanned};
use crate::write::{OutputFile, Sink};

pub struct Outflow<'a> {
    sink: &'a mut dyn Sink,
    memo: Option<&'a crate::cache::Memo<Option<Scanned>>>,
    /// Which content file an output path came from, to name it in errors.
    sources: HashMap<String, String>,
    /// Who claimed each generated path.
    owner: HashMap<String, String>,
    /// The static files' paths, and who provides each (`static/x`, `the theme's static/x`).
    statics: HashMap<String, String>,
    pub scan: Scan,
    /// Paths claimed twice; the build fails with these before its links are checked.
    pub clashes: Vec<Error>,
    /// A batch could not be scanned or written.
    pub failures: Vec<Error>,
}

impl<'a> Outflow<'a> {
    /// Starts the sink. `statics` are the theme's and the portfolio's static files
    /// merged (the portfolio's replace the theme's), each with who provides it.
    pub fn begin(
        sink: &'a mut dyn Sink,
        contents: &[&Content],
        statics: &[(OutputFile, String)],
        memo: Option<&'a crate::cache::Memo<Option<Scanned>>>,
    ) -> Result<Outflow<'a>> {
        let mut sources = HashMap::new();
        for content in contents {
            for p in &content.pages {
                sources.insert(format!("{}index.html", p.path), p.source.clone());
            }
            for s in &content.sections {
                if let Some(source) = &s.source {
                    sources.insert(format!("{}index.html", s.path), source.clone());
                }
            }
        }
        sink.begin()?;
        Ok(Outflow {
            sink,
            memo,
            sources,
            owner: HashMap::new(),
            statics: statics
                .iter()
                .map(|(f, who)| (f.path.clone(), who.clone()))
                .collect(),
            scan: Scan::default(),
            clashes: Vec::new(),
            failures: Vec::new(),
        })
    }

    /// Takes a batch of generated files (pages, listings, badge files, feeds…).
    pub fn generated(&mut self, files: Vec<OutputFile>) {
        let mut keep = Vec::with_capacity(files.len());
        for f in files {
            let generated = format!("the page folio generates at {}", f.path);
            if let Some(first) = self.owner.get(&f.path) {
                self.clashes.push(clash(&f.path, first, generated));
                continue;
            }
            // The first claim on a content page's path is that page.
            let who = self.sources.get(&f.path).cloned().unwrap_or(generated);
            if let Some(provider) = self.statics.get(&f.path) {
                self.clashes.push(clash(&f.path, &who, provider.clone()));
            }
            self.owner.insert(f.path.clone(), who);
            keep.push(f);
        }
        self.take(keep);
    }

    /// Takes the static files, last (those a generated file already claimed were
    /// reported as clashes and are left out).
    pub fn statics(&mut self, files: Vec<(OutputFile, String)>) {
        let files = files
            .into_iter()
            .filter(|(f, _)| !self.owner.contains_key(&f.path))
            .map(|(f, _)| f)
            .collect();
        self.take(files);
    }

    fn take(&mut self, files: Vec<OutputFile>) {
        // Once something failed, nothing will be published: skip the work.
        if !self.clashes.is_empty() || !self.failures.is_empty() {
            return;
        }
        if let Err(e) = self.scan.add(&files, self.memo) {
            self.failures.push(e);
            return;
        }
        if let Err(e) = self.sink.put(files) {
            self.failures.push(e);
        }
    }

    /// Publishes the build (see [`Sink::commit`]).
    pub fn commit(self) -> Result<()> {
        self.sink.commit()
    }

    /// Publishes nothing of the build.
    pub fn abort(self) {
        self.sink.abort();
    }

    /// Aborts (see [`Outflow::abort`]) and fails with `e`.
    pub fn abort_with<T>(&mut self, e: Error) -> Result<T> {
        self.sink.abort();
        Err(e)
    }
}

/// Two sources claim `path`. Reported at whichever is a file of the portfolio or
/// theme.
fn clash(path: &str, first: &str, second: String) -> Error {
    let (at, other) = match second.starts_with("the page") {
        true => (first.to_string(), second),
        false => (second, first.to_string()),
    };
    Error::content(
        Location::file(at),
        format!("this and {other} would both be published as {path}"),
    )
    .with_hint("rename or remove one of them: each output file has one source")
}
