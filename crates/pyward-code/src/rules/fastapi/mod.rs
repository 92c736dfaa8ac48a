//! fastapi rules.

pub mod fa001_cors_wildcard_credentials;
pub mod fa002_unauthenticated_state_change;
pub mod fa003_docs_exposed;
pub mod fa004_trusted_host;
pub mod fa005_uvicorn_run;
