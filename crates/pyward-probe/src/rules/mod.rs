//! The probe's rules, one per file. Register new rules in [`RULES`].

mod prb001_http_no_https_redirect;
mod prb002_hsts_missing;
mod prb003_hsts_weak;
mod prb004_hsts_preload_eligible;
mod prb005_csp_missing;
mod prb006_csp_unsafe;
mod prb007_missing_nosniff;
mod prb008_missing_frame_options;
mod prb009_missing_referrer_policy;
mod prb010_missing_permissions_policy;
mod prb011_missing_cross_origin_policies;
mod prb012_version_banner;
mod prb013_trace_enabled;
mod prb014_cookie_flags;
mod prb015_cors_reflected_origin;
mod prb016_cors_null_origin;
mod prb017_cors_wildcard_credentials;
mod prb018_auth_over_http;
mod prb019_tls_legacy_version;
mod prb020_tls13_not_offered;
mod prb021_tls_weak_cipher_suites;
mod prb022_tls_no_forward_secrecy;
mod prb023_tls_certificate_untrusted;
mod prb024_tls_hostname_mismatch;
mod prb025_tls_certificate_expiry;
mod prb026_tls_weak_key;
mod prb027_tls_weak_signature;
mod prb028_tls_no_ocsp_stapling;
mod prb029_api_docs_exposed;
mod prb030_werkzeug_debugger;
mod prb031_django_debug_page;
mod prb032_django_admin_over_http;
mod prb033_dotenv_exposed;
mod prb034_git_exposed;
mod prb035_backup_exposed;
mod prb036_server_status_exposed;
mod prb037_directory_listing;
mod prb038_openapi_auth_not_enforced;
mod prb039_no_rate_limit;
mod prb040_no_body_size_limit;

pub use prb001_http_no_https_redirect::PRB_NO_HTTPS_REDIRECT;
pub use prb002_hsts_missing::PRB_HSTS_MISSING;
pub use prb003_hsts_weak::PRB_HSTS_WEAK;
pub use prb004_hsts_preload_eligible::PRB_HSTS_PRELOAD;
pub use prb005_csp_missing::PRB_CSP_MISSING;
pub use prb006_csp_unsafe::PRB_CSP_UNSAFE;
pub use prb007_missing_nosniff::PRB_NO_NOSNIFF;
pub use prb008_missing_frame_options::PRB_NO_FRAME_OPTIONS;
pub use prb009_missing_referrer_policy::PRB_NO_REFERRER_POLICY;
pub use prb010_missing_permissions_policy::PRB_NO_PERMISSIONS_POLICY;
pub use prb011_missing_cross_origin_policies::PRB_NO_COOP_CORP;
pub use prb012_version_banner::PRB_VERSION_BANNER;
pub use prb013_trace_enabled::PRB_TRACE_ENABLED;
pub use prb014_cookie_flags::PRB_COOKIE_FLAGS;
pub use prb015_cors_reflected_origin::PRB_CORS_REFLECTED;
pub use prb016_cors_null_origin::PRB_CORS_NULL;
pub use prb017_cors_wildcard_credentials::PRB_CORS_WILDCARD_CREDENTIALS;
pub use prb018_auth_over_http::PRB_AUTH_OVER_HTTP;
pub use prb019_tls_legacy_version::PRB_TLS_LEGACY_VERSION;
pub use prb020_tls13_not_offered::PRB_TLS13_NOT_OFFERED;
pub use prb021_tls_weak_cipher_suites::PRB_TLS_WEAK_SUITES;
pub use prb022_tls_no_forward_secrecy::PRB_TLS_NO_FORWARD_SECRECY;
pub use prb023_tls_certificate_untrusted::PRB_TLS_CERT_UNTRUSTED;
pub use prb024_tls_hostname_mismatch::PRB_TLS_HOSTNAME_MISMATCH;
pub use prb025_tls_certificate_expiry::PRB_TLS_CERT_EXPIRY;
pub use prb026_tls_weak_key::PRB_TLS_WEAK_KEY;
pub use prb027_tls_weak_signature::PRB_TLS_WEAK_SIGNATURE;
pub use prb028_tls_no_ocsp_stapling::PRB_TLS_NO_OCSP_STAPLING;
pub use prb029_api_docs_exposed::PRB_API_DOCS_EXPOSED;
pub use prb030_werkzeug_debugger::PRB_WERKZEUG_DEBUGGER;
pub use prb031_django_debug_page::PRB_DJANGO_DEBUG_PAGE;
pub use prb032_django_admin_over_http::PRB_DJANGO_ADMIN_OVER_HTTP;
pub use prb033_dotenv_exposed::PRB_DOTENV_EXPOSED;
pub use prb034_git_exposed::PRB_GIT_EXPOSED;
pub use prb035_backup_exposed::PRB_BACKUP_EXPOSED;
pub use prb036_server_status_exposed::PRB_SERVER_STATUS_EXPOSED;
pub use prb037_directory_listing::PRB_DIRECTORY_LISTING;
pub use prb038_openapi_auth_not_enforced::PRB_OPENAPI_AUTH_NOT_ENFORCED;
pub use prb039_no_rate_limit::PRB_NO_RATE_LIMIT;
pub use prb040_no_body_size_limit::PRB_NO_BODY_SIZE_LIMIT;

use pyward_core::RuleMeta;

/// Every rule of `pyward probe`, sorted by code.
pub static RULES: &[&RuleMeta] = &[
    &PRB_NO_HTTPS_REDIRECT,
    &PRB_HSTS_MISSING,
    &PRB_HSTS_WEAK,
    &PRB_HSTS_PRELOAD,
    &PRB_CSP_MISSING,
    &PRB_CSP_UNSAFE,
    &PRB_NO_NOSNIFF,
    &PRB_NO_FRAME_OPTIONS,
    &PRB_NO_REFERRER_POLICY,
    &PRB_NO_PERMISSIONS_POLICY,
    &PRB_NO_COOP_CORP,
    &PRB_VERSION_BANNER,
    &PRB_TRACE_ENABLED,
    &PRB_COOKIE_FLAGS,
    &PRB_CORS_REFLECTED,
    &PRB_CORS_NULL,
    &PRB_CORS_WILDCARD_CREDENTIALS,
    &PRB_AUTH_OVER_HTTP,
    &PRB_TLS_LEGACY_VERSION,
    &PRB_TLS13_NOT_OFFERED,
    &PRB_TLS_WEAK_SUITES,
    &PRB_TLS_NO_FORWARD_SECRECY,
    &PRB_TLS_CERT_UNTRUSTED,
    &PRB_TLS_HOSTNAME_MISMATCH,
    &PRB_TLS_CERT_EXPIRY,
    &PRB_TLS_WEAK_KEY,
    &PRB_TLS_WEAK_SIGNATURE,
    &PRB_TLS_NO_OCSP_STAPLING,
    &PRB_API_DOCS_EXPOSED,
    &PRB_WERKZEUG_DEBUGGER,
    &PRB_DJANGO_DEBUG_PAGE,
    &PRB_DJANGO_ADMIN_OVER_HTTP,
    &PRB_DOTENV_EXPOSED,
    &PRB_GIT_EXPOSED,
    &PRB_BACKUP_EXPOSED,
    &PRB_SERVER_STATUS_EXPOSED,
    &PRB_DIRECTORY_LISTING,
    &PRB_OPENAPI_AUTH_NOT_ENFORCED,
    &PRB_NO_RATE_LIMIT,
    &PRB_NO_BODY_SIZE_LIMIT,
];
