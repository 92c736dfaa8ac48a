//! The image config's rules, one per file. Register new rules in [`RULES`].

mod img001_root_user;
mod img002_secret_in_env;
mod img003_remote_add;
mod img004_no_healthcheck;
mod img005_unpinned_base;
mod img006_exposed_service_port;

pub use img001_root_user::IMG_ROOT_USER;
pub use img002_secret_in_env::IMG_SECRET_IN_ENV;
pub use img003_remote_add::IMG_REMOTE_ADD;
pub use img004_no_healthcheck::IMG_NO_HEALTHCHECK;
pub use img005_unpinned_base::IMG_UNPINNED_BASE;
pub use img006_exposed_service_port::IMG_EXPOSED_SERVICE_PORT;

use pyward_core::RuleMeta;

/// Every rule of the image analyzer.
pub static RULES: &[&RuleMeta] = &[
    &IMG_ROOT_USER,
    &IMG_SECRET_IN_ENV,
    &IMG_REMOTE_ADD,
    &IMG_NO_HEALTHCHECK,
    &IMG_UNPINNED_BASE,
    &IMG_EXPOSED_SERVICE_PORT,
];
