//! pyward's offline OSV advisory database for PyPI.
//!
//! - [`osv`]: the OSV schema, parsed from YAML or JSON;
//! - [`build`] reads advisories from a directory tree or an OSV `all.zip`, and [`write_db`]
//!   writes them as one compact file that [`Database::open`] loads without decoding it all;
//! - [`version`]: PEP 440 matching against OSV `ECOSYSTEM` ranges and `versions` lists;
//! - [`Advisory`]: the compact per-package advisory, with [`smallest_fix`] and
//!   [`specifier_allows_affected`];
//! - [`server`]: an OSV-API-compatible HTTP mirror (`pyward db serve`);
//! - [`update()`] builds the database for `pyward db update` (download or local import),
//!   [`db_path`]/[`open_db`] find and open it, and [`stale_warning`] says when it is old.

mod advisory;
mod db;
mod error;
pub mod osv;
pub mod server;
mod source;
mod update;
pub mod version;

pub use advisory::{
    Advisory, CvssVector, cvss_score, cvss_severity, smallest_fix, specifier_allows_affected,
};
pub use db::{Database, DbMeta, FORMAT_VERSION, QueryCache, default_db_path, write_db};
pub use error::AdvisoryError;
pub use source::{BuildOutput, BuildWarning, BuiltRecord, Limits, Source, build, build_with};
pub use update::{
    DEFAULT_MAX_AGE_DAYS, DEFAULT_SOURCE, DbInfo, MAX_DOWNLOAD, Updated, age_days, db_path, info,
    open_db, stale_warning, update,
};
pub use version::{QueryVersion, normalize_name};
