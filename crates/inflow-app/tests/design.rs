//! DESIGN.md's diagram is the dependency graph: every `inflow-*` entry of
//! a crate's `[dependencies]` is an arrow in the diagram and every arrow is
//! such an entry. A crate that gains (or loses) a dependency fails here
//! until the diagram is redrawn.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::Path;

type Edges = BTreeSet<(String, String)>;

fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .and_then(Path::parent)
        .unwrap()
}

/// The `inflow-*` names under `[dependencies]` (not dev- or build-).
fn dependencies(manifest: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_deps = false;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_deps = line == "[dependencies]";
            continue;
        }
        if in_deps && line.starts_with("inflow-") {
            let name: String = line
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            out.push(name);
        }
    }
    out
}

fn package_name(manifest: &str) -> String {
    manifest
        .lines()
        .find_map(|l| l.trim().strip_prefix("name = "))
        .unwrap()
        .trim_matches('"')
        .to_string()
}

fn from_manifests() -> Edges {
    let mut edges = Edges::new();
    for entry in std::fs::read_dir(workspace().join("crates")).unwrap() {
        let manifest = entry.unwrap().path().join("Cargo.toml");
        let Ok(text) = std::fs::read_to_string(&manifest) else {
            continue;
        };
        let name = package_name(&text);
        for dep in dependencies(&text) {
            edges.insert((name.clone(), dep));
        }
    }
    edges
}

fn from_design() -> Edges {
    let text = std::fs::read_to_string(workspace().join("DESIGN.md")).unwrap();
    let start = text
        .find("```mermaid")
        .expect("DESIGN.md has a mermaid diagram");
    let block = &text[start..];
    let end = block[3..].find("```").unwrap() + 3;
    block[..end]
        .lines()
        .filter_map(|l| l.split_once("-->"))
        .map(|(a, b)| (a.trim().to_string(), b.trim().to_string()))
        .collect()
}

#[test]
fn the_design_diagram_is_the_dependency_graph() {
    let actual = from_manifests();
    let drawn = from_design();
    let missing: Vec<_> = actual.difference(&drawn).collect();
    let extra: Vec<_> = drawn.difference(&actual).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "DESIGN.md's diagram differs from the Cargo.toml files:\n  not drawn: {missing:?}\n  drawn but not a dependency: {extra:?}"
    );
}

#[test]
fn the_front_ends_reach_the_libraries_only_through_inflow_app() {
    let actual = from_manifests();
    for front in ["inflow-cli", "inflow-server"] {
        for lib in [
            "inflow-store",
            "inflow-claims",
            "inflow-project",
            "inflow-forecast",
        ] {
            assert!(
                !actual.contains(&(front.to_string(), lib.to_string())),
                "{front} depends on {lib}"
            );
        }
    }
    assert!(actual.contains(&("inflow-cli".into(), "inflow-app".into())));
}

#[test]
fn the_parser_reads_only_normal_dependencies() {
    let m = "[package]\nname = \"x\"\n[dependencies]\ninflow-core.workspace = true\nserde = \"1\"\n\
             [dev-dependencies]\ninflow-store.workspace = true\n";
    assert_eq!(dependencies(m), ["inflow-core"]);
    assert_eq!(package_name(m), "x");
}
