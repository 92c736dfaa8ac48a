//! TLS checks: which protocol versions and cipher suites a server accepts, whether it prefers
//! forward secrecy, and its certificate chain.
