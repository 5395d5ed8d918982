//! Two things the engine needs from its checkout at build time:
//! - the chapters of docs/methods.md the report prints, rendered to HTML (`methods_html`);
//! - `IPVI_BUILD`, the build id the report prints: the git commit of the checkout (12 hex
//!   digits), or `unknown` without git or a repository. The web build and the CLI built from one
//!   checkout therefore print the same id, so their reports are the same bytes
//!   (docs/report.md). A packager building from a source archive may set `IPVI_BUILD` itself.

use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "src/report/markdown.rs"]
mod markdown;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    methods_html();
    println!("cargo:rerun-if-env-changed=IPVI_BUILD");
    let build = match std::env::var("IPVI_BUILD") {
        Ok(given) if !given.trim().is_empty() => given.trim().to_string(),
        _ => {
            for path in watched_paths() {
                println!("cargo:rerun-if-changed={}", path.display());
            }
            git(&["rev-parse", "--short=12", "HEAD"]).unwrap_or_else(|| "unknown".into())
        }
    };
    println!("cargo:rustc-env=IPVI_BUILD={build}");
}

/// The output of a git command run in the package's folder, or `None` if git or the repository
/// is missing.
fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).current_dir(manifest_dir()).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    (out.status.success() && !text.trim().is_empty()).then(|| text.trim().to_string())
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
}

/// A path git names, made absolute (git answers relative to the package's folder).
fn git_path(name: &str) -> Option<PathBuf> {
    let path = PathBuf::from(git(&["rev-parse", "--git-path", name])?);
    Some(if path.is_absolute() { path } else { manifest_dir().join(path) })
}

/// The files whose change means a new commit is checked out: HEAD (in a worktree, its own), the
/// branch it points to (or, while the branch is packed, the folder where it would appear) and
/// packed-refs. Git itself finds them, since a worktree's `.git` is a file. Only existing paths
/// are named: cargo would rerun this script on every build for a missing one.
fn watched_paths() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = git_path("HEAD").into_iter().collect();
    let branch = git(&["rev-parse", "--symbolic-full-name", "HEAD"]).filter(|r| r.starts_with("refs/"));
    if let Some(reference) = branch.and_then(|r| git_path(&r)) {
        let folder = reference.parent().map(Path::to_path_buf);
        paths.extend(if reference.exists() { Some(reference) } else { folder });
    }
    paths.extend(git_path("packed-refs"));
    paths.retain(|p| p.exists());
    paths
}

/// Renders the chapters of docs/methods.md the report prints into `OUT_DIR/methods.html`, so the
/// engine includes HTML rather than a markdown parser (docs/report.md).
fn methods_html() {
    println!("cargo:rerun-if-changed=docs/methods.md");
    println!("cargo:rerun-if-changed=src/report/markdown.rs");
    let methods = std::fs::read_to_string(manifest_dir().join("docs/methods.md")).expect("docs/methods.md is readable");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("methods.html");
    std::fs::write(out, markdown::render_chapters(&methods)).expect("OUT_DIR is writable");
}
