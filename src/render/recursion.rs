//! Finds templates that would render forever. Tera follows `{% include %}` and macro
//! calls by recursing on the native stack, so a self-including template or a macro
//! that calls itself overflows it and aborts the process — `folio serve` included. A
//! theme is untrusted, so before anything renders, the graph of includes, `extends`
//! and macro calls is searched for a cycle, and each one is a template error naming
//! the file and line of the call that closes it.
//!
//! This refuses recursive macros outright, even ones whose data would end the
//! recursion: the depth is not ours to bound inside Tera, and a theme never needs
//! one (THEMES.md says so).

use std::collections::{HashMap, HashSet};

use tera::Tera;
use tera::ast::{Expr, ExprVal, Node};

use super::theme::TemplateSource;
use crate::error::{Error, Location};

/// A template, or a macro in a template: what rendering can enter.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Unit {
    Template(String),
    Macro { file: String, name: String },
}

impl Unit {
    fn describe(&self) -> String {
        match self {
            Unit::Template(name) => name.clone(),
            Unit::Macro { file, name } => format!("macro {name} ({file})"),
        }
    }
}

/// One way rendering `from` enters `to`, and where it is written.
#[derive(Debug, Clone)]
struct Edge {
    to: Unit,
    file: String,
    /// Text that appears on the line making the call, to find its line number.
    needle: String,
    verb: &'static str,
}

/// Every include, extends and macro-call cycle among the theme's templates.
pub fn cycles(tera: &Tera, origins: &HashMap<&str, &TemplateSource>) -> Vec<Error> {
    let graph = graph(tera);
    let mut errors = Vec::new();
    let mut seen: HashSet<Vec<Unit>> = HashSet::new();
    let mut done: HashSet<Unit> = HashSet::new();
    let mut starts: Vec<&Unit> = graph.keys().collect();
    starts.sort();
    for start in starts {
        let mut path: Vec<(Unit, Option<Edge>)> = Vec::new();
        walk(start, None, &graph, &mut path, &mut done, &mut |cycle| {
            let mut key: Vec<Unit> = cycle.iter().map(|e| e.to.clone()).collect();
            key.sort();
            if seen.insert(key) {
                errors.push(cycle_error(cycle, origins));
            }
        });
    }
    if errors.is_empty() {
        errors.extend(too_deep(&graph, origins));
    }
    errors
}

/// Templates and macros entered one inside another, at most: without a cycle the
/// depth is finite, but a chain of thousands of includes still overflows the stack.
pub const MAX_NESTING: usize = 32;

/// The first unit from which rendering goes more than [`MAX_NESTING`] deep.
fn too_deep(
    graph: &HashMap<Unit, Vec<Edge>>,
    origins: &HashMap<&str, &TemplateSource>,
) -> Option<Error> {
    fn depth(
        unit: &Unit,
        graph: &HashMap<Unit, Vec<Edge>>,
        memo: &mut HashMap<Unit, usize>,
    ) -> usize {
        if let Some(&d) = memo.get(unit) {
            return d;
        }
        // Acyclic here, and each level is one call: the recursion is as deep as the
        // chain, which is what is being bounded (the caller stops at the first long one).
        let d = 1 + graph
            .get(unit)
            .into_iter()
            .flatten()
            .map(|e| depth(&e.to, graph, memo))
            .max()
            .unwrap_or(0);
        memo.insert(unit.clone(), d);
        d
    }
    let mut memo = HashMap::new();
    let mut units: Vec<&Unit> = graph.keys().collect();
    units.sort();
    let deep = units
        .into_iter()
        .find(|u| depth(u, graph, &mut memo) > MAX_NESTING)?;
    let file = match deep {
        Unit::Template(name) | Unit::Macro { file: name, .. } => name,
    };
    let path = origins
        .get(file.as_str())
        .map_or_else(|| file.clone(), |s| s.origin.clone());
    Some(Error::Template {
        loc: Location::file(path),
        page: None,
        msg: format!(
            "{} enters {} templates and macros one inside another (at most {MAX_NESTING})",
            deep.describe(),
            memo[deep]
        ),
        hint: Some("flatten the chain of includes and macro calls (THEMES.md: limits)".into()),
    })
}

/// Depth-first search; `report` gets the edges of each cycle, the closing one last.
fn walk(
    unit: &Unit,
    via: Option<Edge>,
    graph: &HashMap<Unit, Vec<Edge>>,
    path: &mut Vec<(Unit, Option<Edge>)>,
    done: &mut HashSet<Unit>,
    report: &mut dyn FnMut(&[Edge]),
) {
    if let Some(at) = path.iter().position(|(u, _)| u == unit) {
        let mut cycle: Vec<Edge> = path[at + 1..]
            .iter()
            .filter_map(|(_, e)| e.clone())
            .collect();
        cycle.extend(via);
        report(&cycle);
        return;
    }
    if done.contains(unit) {
        return;
    }
    path.push((unit.clone(), via));
    for edge in graph.get(unit).into_iter().flatten() {
        walk(&edge.to, Some(edge.clone()), graph, path, done, report);
    }
    path.pop();
    done.insert(unit.clone());
}

fn cycle_error(cycle: &[Edge], origins: &HashMap<&str, &TemplateSource>) -> Error {
    // The closing edge leads back to where the cycle starts.
    let closing = cycle.last().expect("a cycle has an edge");
    let mut story = closing.to.describe();
    for e in cycle {
        story.push_str(&format!(" {} {}", e.verb, e.to.describe()));
    }
    let source = origins.get(closing.file.as_str());
    let path = source.map_or_else(|| closing.file.clone(), |s| s.origin.clone());
    let line = source.and_then(|s| {
        s.text
            .lines()
            .position(|l| l.contains(&closing.needle))
            .map(|i| i as u32 + 1)
    });
    Error::Template {
        loc: match line {
            Some(line) => Location::line(path, line),
            None => Location::file(path),
        },
        page: None,
        msg: format!("recursion: {story}; rendering it would never end"),
        hint: Some(
            "a template may not include itself, directly or through others, and a macro \
             may not call itself (THEMES.md)"
                .into(),
        ),
    }
}

/// Edges out of every template and macro.
fn graph(tera: &Tera) -> HashMap<Unit, Vec<Edge>> {
    let mut graph: HashMap<Unit, Vec<Edge>> = HashMap::new();
    for (name, template) in &tera.templates {
        let mut edges = Vec::new();
        if let Some(parent) = &template.parent {
            edges.push(Edge {
                to: Unit::Template(parent.clone()),
                file: name.clone(),
                needle: format!("\"{parent}\""),
                verb: "extends",
            });
        }
        Collect::new(tera, name, &mut edges).nodes(&template.ast);
        graph.insert(Unit::Template(name.clone()), edges);
        for (macro_name, definition) in &template.macros {
            let mut edges = Vec::new();
            Collect::new(tera, name, &mut edges).nodes(&definition.body);
            let unit = Unit::Macro {
                file: name.clone(),
                name: macro_name.clone(),
            };
            graph.insert(unit, edges);
        }
    }
    graph
}

/// Gathers the includes and macro calls in a template body.
struct Collect<'a> {
    tera: &'a Tera,
    file: &'a str,
    edges: &'a mut Vec<Edge>,
}

impl<'a> Collect<'a> {
    fn new(tera: &'a Tera, file: &'a str, edges: &'a mut Vec<Edge>) -> Self {
        Collect { tera, file, edges }
    }

    fn nodes(&mut self, body: &[Node]) {
        for node in body {
            self.node(node);
        }
    }

    fn node(&mut self, node: &Node) {
        match node {
            Node::VariableBlock(_, e) => self.expr(e),
            Node::MacroDefinition(..) => {} // a unit of its own
            Node::Include(_, names, _) => {
                for name in names {
                    self.edges.push(Edge {
                        to: Unit::Template(name.clone()),
                        file: self.file.to_string(),
                        needle: format!("\"{name}\""),
                        verb: "includes",
                    });
                }
            }
            Node::Set(_, set) => self.expr(&set.value),
            Node::FilterSection(_, section, _) => {
                self.args(section.filter.args.values());
                self.nodes(&section.body);
            }
            Node::Block(_, block, _) => self.nodes(&block.body),
            Node::Forloop(_, r#for, _) => {
                self.expr(&r#for.container);
                self.nodes(&r#for.body);
                if let Some(empty) = &r#for.empty_body {
                    self.nodes(empty);
                }
            }
            Node::If(r#if, _) => {
                for (_, condition, body) in &r#if.conditions {
                    self.expr(condition);
                    self.nodes(body);
                }
                if let Some((_, body)) = &r#if.otherwise {
                    self.nodes(body);
                }
            }
            Node::Super
            | Node::Text(_)
            | Node::Extends(..)
            | Node::ImportMacro(..)
            | Node::Raw(..)
            | Node::Break(_)
            | Node::Continue(_)
            | Node::Comment(..) => {}
        }
    }

    fn args<'e>(&mut self, args: impl Iterator<Item = &'e Expr>) {
        for e in args {
            self.expr(e);
        }
    }

    fn expr(&mut self, e: &Expr) {
        for filter in &e.filters {
            self.args(filter.args.values());
        }
        self.value(&e.val);
    }

    fn value(&mut self, value: &ExprVal) {
        match value {
            ExprVal::MacroCall(call) => {
                if let Some(file) = macro_file(self.tera, self.file, &call.namespace) {
                    self.edges.push(Edge {
                        to: Unit::Macro {
                            file,
                            name: call.name.clone(),
                        },
                        file: self.file.to_string(),
                        needle: format!("{}::{}", call.namespace, call.name),
                        verb: "calls",
                    });
                }
                self.args(call.args.values());
            }
            ExprVal::FunctionCall(call) => self.args(call.args.values()),
            ExprVal::Math(m) => {
                self.expr(&m.lhs);
                self.expr(&m.rhs);
            }
            ExprVal::Logic(l) => {
                self.expr(&l.lhs);
                self.expr(&l.rhs);
            }
            ExprVal::In(i) => {
                self.expr(&i.lhs);
                self.expr(&i.rhs);
            }
            ExprVal::Test(t) => self.args(t.args.iter()),
            ExprVal::Array(items) => self.args(items.iter()),
            ExprVal::StringConcat(concat) => {
                for v in &concat.values {
                    self.value(v);
                }
            }
            ExprVal::String(_)
            | ExprVal::Int(_)
            | ExprVal::Float(_)
            | ExprVal::Bool(_)
            | ExprVal::Ident(_) => {}
        }
    }
}

/// The template whose macros `namespace` names when called from `file`, the way Tera
/// looks it up: `self`, the file's imports, what those import, then its parents'.
fn macro_file(tera: &Tera, file: &str, namespace: &str) -> Option<String> {
    fn find(
        tera: &Tera,
        file: &str,
        namespace: &str,
        seen: &mut HashSet<String>,
    ) -> Option<String> {
        if !seen.insert(file.to_string()) {
            return None;
        }
        let template = tera.templates.get(file)?;
        if namespace == "self" && !template.macros.is_empty() {
            return Some(file.to_string());
        }
        if let Some((imported, _)) = template
            .imported_macro_files
            .iter()
            .find(|(_, ns)| ns == namespace)
        {
            return Some(imported.clone());
        }
        let imports = template.imported_macro_files.iter().map(|(f, _)| f);
        imports
            .chain(template.parents.iter())
            .find_map(|next| find(tera, next, namespace, seen))
    }
    find(tera, file, namespace, &mut HashSet::new())
}
