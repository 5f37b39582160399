//! What the binary's tests share: a temporary home for one database
//! ([`Env`]) and the shipped SBP workbook as cells ([`workbook`]).

#![allow(dead_code, unused_imports, clippy::unwrap_used)] // Each test file uses a part.

pub mod workbook;

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

pub use workbook::{WORKBOOK, find, grid, xlsx};

/// A fresh temporary directory holding the database `inflow.db` (created
/// from the bundled data by the first command, as a new user's would be)
/// and whatever files a test writes beside it.
pub struct Env {
    /// The directory; removed when the test ends.
    pub dir: tempfile::TempDir,
}

impl Env {
    /// An empty directory: no database yet.
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// A directory whose database has been created, so a test can compare
    /// the file before and after a command.
    pub fn created() -> Env {
        let env = Env::new();
        env.cmd(&["series", "--format", "json"]).assert().success();
        env
    }

    /// The database file.
    pub fn db(&self) -> PathBuf {
        self.dir.path().join("inflow.db")
    }

    /// `inflow ARGS` on this database, with no EasyData key from the
    /// environment of whoever runs the tests.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::cargo_bin("inflow").unwrap();
        c.env("INFLOW_DB", self.db())
            .env_remove("SBP_EASYDATA_API_KEY")
            .args(args);
        c
    }

    /// Standard output of a command that must succeed.
    pub fn stdout(&self, args: &[&str]) -> String {
        String::from_utf8(success(self.cmd(args), args)).unwrap()
    }

    /// Standard output of a command that must succeed, read as JSON.
    pub fn json(&self, args: &[&str]) -> Value {
        serde_json::from_slice(&success(self.cmd(args), args)).unwrap()
    }

    /// As [`Env::json`], with `input` on standard input.
    pub fn json_with_input(&self, args: &[&str], input: &str) -> Value {
        let mut c = self.cmd(args);
        c.write_stdin(input);
        serde_json::from_slice(&success(c, args)).unwrap()
    }

    /// The database file's bytes, to show a command left it as it was.
    pub fn db_bytes(&self) -> Vec<u8> {
        std::fs::read(self.db()).unwrap()
    }

    /// Writes a file beside the database and returns its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, contents).unwrap();
        p
    }

    /// Writes a file beside the database and imports it, which must succeed.
    pub fn import(&self, name: &str, text: &str) {
        let p = self.write(name, text);
        self.cmd(&["import", p.to_str().unwrap()])
            .assert()
            .success();
    }
}

/// The output of a command that must succeed; its standard error in the
/// failure message.
fn success(mut c: Command, args: &[&str]) -> Vec<u8> {
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "inflow {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The verdicts of an `inflow check --format json` report, in order.
pub fn verdicts(report: &Value) -> Vec<&str> {
    report["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["verdict"].as_str().unwrap())
        .collect()
}
