//! The dependency analyzer's rules, one per file. Register new rules in [`RULES`].

mod dep001_vulnerable_dependency;
mod dep002_vulnerable_range;
mod dep003_unauditable_dependency;
mod dep101_unpinned_requirement;
mod dep102_missing_hash;
mod dep103_vcs_unpinned;
mod dep104_url_without_hash;
mod dep105_insecure_index;
mod dep106_trusted_host;
mod dep107_index_credentials;
mod dep108_extra_index_url;
mod dep109_undeclared_index;
mod dep110_stale_lockfile;
mod dep111_typosquat;
mod dep112_debug_tooling;
mod dep113_yanked_release;
mod dep114_project_status;
mod dep201_modified_file;
mod dep202_missing_file;
mod dep203_unrecorded_executable;
mod dep204_unsatisfied_requirement;
mod dep205_environment_drift;

pub use dep001_vulnerable_dependency::VULNERABLE_DEPENDENCY;
pub use dep002_vulnerable_range::VULNERABLE_RANGE;
pub use dep003_unauditable_dependency::UNAUDITABLE_DEPENDENCY;
pub use dep101_unpinned_requirement::UNPINNED_REQUIREMENT;
pub use dep102_missing_hash::MISSING_HASH;
pub use dep103_vcs_unpinned::VCS_NOT_PINNED;
pub use dep104_url_without_hash::URL_WITHOUT_HASH;
pub use dep105_insecure_index::INSECURE_INDEX;
pub use dep106_trusted_host::TRUSTED_HOST;
pub use dep107_index_credentials::INDEX_CREDENTIALS;
pub use dep108_extra_index_url::EXTRA_INDEX_URL;
pub use dep109_undeclared_index::UNDECLARED_LOCK_INDEX;
pub use dep110_stale_lockfile::STALE_LOCKFILE;
pub use dep111_typosquat::TYPOSQUAT;
pub use dep112_debug_tooling::DEBUG_TOOLING;
pub use dep113_yanked_release::YANKED_RELEASE;
pub use dep114_project_status::PROJECT_STATUS;
pub use dep201_modified_file::MODIFIED_INSTALLED_FILE;
pub use dep202_missing_file::MISSING_INSTALLED_FILE;
pub use dep203_unrecorded_executable::UNRECORDED_EXECUTABLE;
pub use dep204_unsatisfied_requirement::UNSATISFIED_REQUIREMENT;
pub use dep205_environment_drift::ENVIRONMENT_DRIFT;

use pyward_core::RuleMeta;

/// Every rule of `pyward deps`, sorted by code.
pub static RULES: &[&RuleMeta] = &[
    &VULNERABLE_DEPENDENCY,
    &VULNERABLE_RANGE,
    &UNAUDITABLE_DEPENDENCY,
    &UNPINNED_REQUIREMENT,
    &MISSING_HASH,
    &VCS_NOT_PINNED,
    &URL_WITHOUT_HASH,
    &INSECURE_INDEX,
    &TRUSTED_HOST,
    &INDEX_CREDENTIALS,
    &EXTRA_INDEX_URL,
    &UNDECLARED_LOCK_INDEX,
    &STALE_LOCKFILE,
    &TYPOSQUAT,
    &DEBUG_TOOLING,
    &YANKED_RELEASE,
    &PROJECT_STATUS,
    &MODIFIED_INSTALLED_FILE,
    &MISSING_INSTALLED_FILE,
    &UNRECORDED_EXECUTABLE,
    &UNSATISFIED_REQUIREMENT,
    &ENVIRONMENT_DRIFT,
];
