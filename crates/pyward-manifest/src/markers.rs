//! The target interpreter/platform and marker evaluation.

use pep508_rs::{ExtraName, MarkerEnvironment, MarkerEnvironmentBuilder, MarkerTree};
use serde::Serialize;

/// The operating system dependencies are evaluated for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    #[default]
    Linux,
    Macos,
    Windows,
}

impl std::str::FromStr for Platform {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "linux" => Ok(Platform::Linux),
            "macos" | "darwin" | "mac" | "osx" => Ok(Platform::Macos),
            "windows" | "win32" | "win" => Ok(Platform::Windows),
            other => Err(format!(
                "unknown platform `{other}` (expected linux, macos or windows)"
            )),
        }
    }
}

/// The interpreter and platform that markers are evaluated against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Target {
    /// `"3.12"` (or a full version `"3.12.4"`).
    pub python_version: String,
    pub platform: Platform,
    /// Extras treated as requested when evaluating `extra == "..."` markers.
    pub extras: Vec<String>,
    /// Audit every extra of the project a lockfile records, not only `extras` (default: true,
    /// as `uv audit` does: some deployment installs them).
    pub all_extras: bool,
}

impl Default for Target {
    fn default() -> Self {
        Target::new("3.12", Platform::Linux)
    }
}

impl Target {
    pub fn new(python_version: &str, platform: Platform) -> Target {
        Target {
            python_version: python_version.to_string(),
            platform,
            extras: Vec::new(),
            all_extras: true,
        }
    }

    /// The PEP 508 marker environment of this target (CPython).
    pub fn marker_environment(&self) -> MarkerEnvironment {
        let parts: Vec<&str> = self.python_version.trim().split('.').collect();
        let (short, full) = match parts.as_slice() {
            [maj, min] => (format!("{maj}.{min}"), format!("{maj}.{min}.0")),
            [maj, min, ..] => (
                format!("{maj}.{min}"),
                self.python_version.trim().to_string(),
            ),
            _ => ("3.12".to_string(), "3.12.0".to_string()),
        };
        let (os_name, sys_platform, platform_system, machine) = match self.platform {
            Platform::Linux => ("posix", "linux", "Linux", "x86_64"),
            Platform::Macos => ("posix", "darwin", "Darwin", "arm64"),
            Platform::Windows => ("nt", "win32", "Windows", "AMD64"),
        };
        let build = |short: &str, full: &str| {
            MarkerEnvironment::try_from(MarkerEnvironmentBuilder {
                implementation_name: "cpython",
                implementation_version: full,
                os_name,
                platform_machine: machine,
                platform_python_implementation: "CPython",
                platform_release: "",
                platform_system,
                platform_version: "",
                python_full_version: full,
                python_version: short,
                sys_platform,
            })
        };
        build(&short, &full)
            .or_else(|_| build("3.12", "3.12.0"))
            .expect("the fallback marker environment is valid")
    }
}

/// Evaluates markers for one target, with its requested extras.
pub(crate) struct Evaluator {
    env: MarkerEnvironment,
    extras: Vec<ExtraName>,
}

impl Evaluator {
    pub(crate) fn new(target: &Target) -> Evaluator {
        Evaluator {
            env: target.marker_environment(),
            extras: target
                .extras
                .iter()
                .filter_map(|e| ExtraName::new(e.clone()).ok())
                .collect(),
        }
    }

    pub(crate) fn tree(&self, marker: &MarkerTree) -> bool {
        marker.evaluate(&self.env, &self.extras)
    }

    /// Evaluates a marker string. `Err` carries a parse error message.
    pub(crate) fn eval_str(&self, marker: &str) -> Result<bool, String> {
        if marker.trim().is_empty() {
            return Ok(true);
        }
        if let Some(err) = crate::reqstr::pep508_marker_error(marker) {
            return Err(err);
        }
        let tree: MarkerTree = marker
            .parse()
            .map_err(|e: pep508_rs::Pep508Error| e.message.to_string())?;
        Ok(self.tree(&tree))
    }
}

/// Evaluates a PEP 508 marker string for `target` (no extras requested unless the target lists
/// them). An empty marker holds; `Err` carries the parse error.
pub fn marker_applies(marker: &str, target: &Target) -> Result<bool, String> {
    Evaluator::new(target).eval_str(marker)
}
