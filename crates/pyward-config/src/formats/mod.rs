//! One module per format: its parser and the checks that run over it.

pub mod app;
pub mod compose;
pub mod docker;
pub mod host;
pub mod k8s;
pub mod nginx;
pub mod sshd;
pub mod yaml;
