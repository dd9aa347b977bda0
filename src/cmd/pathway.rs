//! `folio pathway check FILE`: a career service's check of a pathway file, with the
//! tree as folio reads it.

use std::path::Path;

use crate::Error;
use crate::pathway::{Group, Need, Node};

pub fn check(file: &Path, quiet: bool) -> Result<(), Error> {
    let bytes = crate::util::fs::read_bounded(file, file, 1024 * 1024)?;
    let pathway = crate::pathway::parse(&file.display().to_string(), &bytes)?;
    if quiet {
        return Ok(());
    }
    println!("{}: pathway 1, {}", file.display(), pathway.name);
    println!("  id: {}", pathway.id);
    match &pathway.completion {
        Some(c) => println!("  on completion: {}", c.describe()),
        None => println!("  on completion: no credential named (`completion:`)"),
    }
    print_group(&pathway.requires, 1);
    println!(
        "ok: {} in the tree, {} needed to complete",
        super::count(
            pathway.requires.leaves().len(),
            "requirement",
            "requirements"
        ),
        pathway.requires.needed()
    );
    Ok(())
}

fn print_group(group: &Group, depth: usize) {
    let indent = "  ".repeat(depth);
    let rule = match group.need {
        Need::All => format!("all {} of", group.children.len()),
        Need::Pick(n) => format!("any {n} of {}", group.children.len()),
    };
    match &group.name {
        Some(name) => println!("{indent}{name}: {rule}"),
        None => println!("{indent}{rule}"),
    }
    for child in &group.children {
        match child {
            Node::Group(g) => print_group(g, depth + 1),
            Node::Requirement(r) => {
                let name = r
                    .name
                    .as_deref()
                    .map(|n| format!("{n}: "))
                    .unwrap_or_default();
                println!("{indent}  - {name}{} (line {})", r.describe(), r.line);
            }
        }
    }
}
