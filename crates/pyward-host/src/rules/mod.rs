//! The host analyzer's rules, one per file. Register new rules in [`RULES`].

mod hst001_data_store_exposed;
mod hst002_app_server_exposed;
mod hst003_unlisted_public_listener;
mod hst004_service_runs_as_root;
mod hst005_debug_environment;
mod hst006_redis_answers_without_auth;
mod hst010_no_firewall_loaded;
mod hst020_no_fail2ban;
mod hst021_no_auditd;
mod hst022_no_mandatory_access_control;
mod hst023_no_automatic_security_updates;
mod hst024_legacy_remote_service;
mod hst030_world_writable_app_file;
mod hst031_secret_file_readable;
mod hst032_unexpected_suid;
mod hst033_ssh_key_permissions;
mod hst040_weak_kernel_setting;
mod hst041_known_local_privilege_escalation;
mod hst050_db_role_superuser;
mod hst051_db_role_powerful;
mod hst052_db_role_owns_schema;
mod hst053_db_tls_not_required;
mod hst054_db_md5_passwords;
mod hst055_db_connection_logging_off;
mod hst056_db_connection_unencrypted;

pub use hst001_data_store_exposed::HST_DATA_STORE_EXPOSED;
pub use hst002_app_server_exposed::HST_APP_SERVER_EXPOSED;
pub use hst003_unlisted_public_listener::HST_UNLISTED_LISTENER;
pub use hst004_service_runs_as_root::HST_SERVICE_AS_ROOT;
pub use hst005_debug_environment::HST_DEBUG_ENVIRONMENT;
pub use hst006_redis_answers_without_auth::HST_REDIS_NO_AUTH;
pub use hst010_no_firewall_loaded::HST_NO_FIREWALL;
pub use hst020_no_fail2ban::HST_NO_FAIL2BAN;
pub use hst021_no_auditd::HST_NO_AUDITD;
pub use hst022_no_mandatory_access_control::HST_NO_MAC;
pub use hst023_no_automatic_security_updates::HST_NO_AUTO_UPDATES;
pub use hst024_legacy_remote_service::HST_LEGACY_SERVICE;
pub use hst030_world_writable_app_file::HST_WORLD_WRITABLE;
pub use hst031_secret_file_readable::HST_SECRET_READABLE;
pub use hst032_unexpected_suid::HST_UNEXPECTED_SUID;
pub use hst033_ssh_key_permissions::HST_SSH_PERMISSIONS;
pub use hst040_weak_kernel_setting::HST_WEAK_SYSCTL;
pub use hst041_known_local_privilege_escalation::HST_KNOWN_LPE;
pub use hst050_db_role_superuser::HST_DB_SUPERUSER;
pub use hst051_db_role_powerful::HST_DB_POWERFUL;
pub use hst052_db_role_owns_schema::HST_DB_OWNS_SCHEMA;
pub use hst053_db_tls_not_required::HST_DB_TLS_NOT_REQUIRED;
pub use hst054_db_md5_passwords::HST_DB_MD5;
pub use hst055_db_connection_logging_off::HST_DB_NO_CONNECTION_LOG;
pub use hst056_db_connection_unencrypted::HST_DB_CONNECTION_PLAIN;

use pyward_core::RuleMeta;

/// Every rule of `pyward host`, sorted by code.
pub static RULES: &[&RuleMeta] = &[
    &HST_DATA_STORE_EXPOSED,
    &HST_APP_SERVER_EXPOSED,
    &HST_UNLISTED_LISTENER,
    &HST_SERVICE_AS_ROOT,
    &HST_DEBUG_ENVIRONMENT,
    &HST_REDIS_NO_AUTH,
    &HST_NO_FIREWALL,
    &HST_NO_FAIL2BAN,
    &HST_NO_AUDITD,
    &HST_NO_MAC,
    &HST_NO_AUTO_UPDATES,
    &HST_LEGACY_SERVICE,
    &HST_WORLD_WRITABLE,
    &HST_SECRET_READABLE,
    &HST_UNEXPECTED_SUID,
    &HST_SSH_PERMISSIONS,
    &HST_WEAK_SYSCTL,
    &HST_KNOWN_LPE,
    &HST_DB_SUPERUSER,
    &HST_DB_POWERFUL,
    &HST_DB_OWNS_SCHEMA,
    &HST_DB_TLS_NOT_REQUIRED,
    &HST_DB_MD5,
    &HST_DB_NO_CONNECTION_LOG,
    &HST_DB_CONNECTION_PLAIN,
];
