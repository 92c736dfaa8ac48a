//! flask rules.

pub mod fl001_hardcoded_secret_key;
pub mod fl002_insecure_config;
pub mod fl003_render_template_string;
pub mod fl004_send_file_request_path;
pub mod fl005_cors_wildcard_credentials;
