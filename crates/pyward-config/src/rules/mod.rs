//! The configuration analyzer's rules, one per file. Register new rules in [`RULES`].

mod app001_app_bind_all_interfaces;
mod app002_app_trusts_all_forwarded;
mod app003_app_reload_or_debug;
mod cmp001_compose_privileged;
mod cmp002_compose_docker_socket;
mod cmp003_compose_host_network;
mod cmp004_compose_published_data_port;
mod cmp005_compose_plaintext_secret;
mod cmp006_compose_writable_root;
mod cmp007_compose_dangerous_capability;
mod dkr001_dockerfile_root_user;
mod dkr002_dockerfile_latest_image;
mod dkr003_dockerfile_unpinned_digest;
mod dkr004_dockerfile_secret;
mod dkr005_dockerfile_add_url;
mod dkr006_dockerfile_curl_pipe_shell;
mod dkr007_dockerfile_expose_ssh;
mod dkr008_dockerfile_pip_no_require_hashes;
mod dkr009_dockerfile_chmod_world_writable;
mod dkr010_dockerfile_literal_password;
mod env001_dotenv_secret;
mod env002_dotenv_world_readable;
mod f2b001_fail2ban_no_sshd_jail;
mod fw001_firewall_disabled;
mod fw002_firewall_data_port_open;
mod k8s001_k8s_privileged;
mod k8s002_k8s_run_as_root;
mod k8s003_k8s_privilege_escalation;
mod k8s004_k8s_writable_root;
mod k8s005_k8s_capabilities;
mod k8s006_k8s_host_namespace;
mod k8s007_k8s_host_path;
mod k8s008_k8s_latest_image;
mod k8s009_k8s_no_resource_limits;
mod k8s010_k8s_literal_secret;
mod k8s011_k8s_automount_sa_token;
mod k8s012_k8s_no_network_policy;
mod k8s013_k8s_no_seccomp_profile;
mod k8s014_k8s_host_port;
mod k8s015_k8s_committed_secret;
mod my001_mysql_bind_all;
mod my002_mysql_skip_grant_tables;
mod ngx001_nginx_old_tls_protocol;
mod ngx002_nginx_weak_ciphers;
mod ngx003_nginx_hsts;
mod ngx004_nginx_no_https_redirect;
mod ngx005_nginx_missing_csp;
mod ngx006_nginx_missing_nosniff;
mod ngx007_nginx_missing_frame_options;
mod ngx008_nginx_missing_referrer_policy;
mod ngx009_nginx_server_tokens;
mod ngx010_nginx_body_size;
mod ngx011_nginx_autoindex;
mod ngx012_nginx_alias_traversal;
mod ngx013_nginx_host_spoofing;
mod ngx014_nginx_missing_forwarded_headers;
mod ngx015_nginx_exposed_stub_status;
mod ngx016_nginx_hidden_files_served;
mod ngx017_nginx_crlf_injection;
mod pg001_postgres_listen_all;
mod pg002_postgres_no_ssl;
mod pg003_postgres_md5_passwords;
mod pg004_pg_hba_trust;
mod pg005_pg_hba_weak_auth;
mod pg006_pg_hba_host_without_ssl;
mod pg007_pg_hba_open_address;
mod rds001_redis_bind_all;
mod rds002_redis_protected_mode_off;
mod rds003_redis_no_auth;
mod ssh001_ssh_root_login;
mod ssh002_ssh_password_authentication;
mod ssh003_ssh_keyboard_interactive;
mod ssh004_ssh_empty_passwords;
mod ssh005_ssh_max_auth_tries;
mod ssh006_ssh_forwarding;
mod ssh007_ssh_login_grace_time;
mod ssh008_ssh_no_idle_timeout;
mod ssh009_ssh_no_allow_list;
mod ssh010_ssh_default_port;
mod ssh011_ssh_weak_algorithms;
mod sudo001_sudo_nopasswd_all;
mod sudo002_sudo_service_account_all;
mod sys001_systemd_runs_as_root;
mod sys002_systemd_missing_sandboxing;

pub use app001_app_bind_all_interfaces::APP_BIND_ALL;
pub use app002_app_trusts_all_forwarded::APP_FORWARDED_ALL;
pub use app003_app_reload_or_debug::APP_RELOAD_DEBUG;
pub use cmp001_compose_privileged::CMP_PRIVILEGED;
pub use cmp002_compose_docker_socket::CMP_DOCKER_SOCKET;
pub use cmp003_compose_host_network::CMP_HOST_NETWORK;
pub use cmp004_compose_published_data_port::CMP_DATA_PORT;
pub use cmp005_compose_plaintext_secret::CMP_PLAINTEXT_SECRET;
pub use cmp006_compose_writable_root::CMP_NO_READ_ONLY;
pub use cmp007_compose_dangerous_capability::CMP_DANGEROUS_CAPABILITY;
pub use dkr001_dockerfile_root_user::DKR_ROOT_USER;
pub use dkr002_dockerfile_latest_image::DKR_LATEST_IMAGE;
pub use dkr003_dockerfile_unpinned_digest::DKR_UNPINNED_DIGEST;
pub use dkr004_dockerfile_secret::DKR_SECRET;
pub use dkr005_dockerfile_add_url::DKR_ADD_URL;
pub use dkr006_dockerfile_curl_pipe_shell::DKR_CURL_PIPE_SH;
pub use dkr007_dockerfile_expose_ssh::DKR_EXPOSE_SSH;
pub use dkr008_dockerfile_pip_no_require_hashes::DKR_PIP_NO_HASHES;
pub use dkr009_dockerfile_chmod_world_writable::DKR_CHMOD_777;
pub use dkr010_dockerfile_literal_password::DKR_LITERAL_PASSWORD;
pub use env001_dotenv_secret::ENV_SECRET;
pub use env002_dotenv_world_readable::ENV_WORLD_READABLE;
pub use f2b001_fail2ban_no_sshd_jail::F2B_NO_SSHD_JAIL;
pub use fw001_firewall_disabled::FW_DISABLED;
pub use fw002_firewall_data_port_open::FW_DATA_PORT_OPEN;
pub use k8s001_k8s_privileged::K8S_PRIVILEGED;
pub use k8s002_k8s_run_as_root::K8S_RUN_AS_ROOT;
pub use k8s003_k8s_privilege_escalation::K8S_PRIVILEGE_ESCALATION;
pub use k8s004_k8s_writable_root::K8S_WRITABLE_ROOT;
pub use k8s005_k8s_capabilities::K8S_CAPABILITIES;
pub use k8s006_k8s_host_namespace::K8S_HOST_NAMESPACE;
pub use k8s007_k8s_host_path::K8S_HOST_PATH;
pub use k8s008_k8s_latest_image::K8S_LATEST_IMAGE;
pub use k8s009_k8s_no_resource_limits::K8S_NO_LIMITS;
pub use k8s010_k8s_literal_secret::K8S_LITERAL_SECRET;
pub use k8s011_k8s_automount_sa_token::K8S_SA_TOKEN;
pub use k8s012_k8s_no_network_policy::K8S_NO_NETWORK_POLICY;
pub use k8s013_k8s_no_seccomp_profile::K8S_NO_SECCOMP;
pub use k8s014_k8s_host_port::K8S_HOST_PORT;
pub use k8s015_k8s_committed_secret::K8S_COMMITTED_SECRET;
pub use my001_mysql_bind_all::MY_BIND_ALL;
pub use my002_mysql_skip_grant_tables::MY_SKIP_GRANT_TABLES;
pub use ngx001_nginx_old_tls_protocol::NGX_OLD_TLS;
pub use ngx002_nginx_weak_ciphers::NGX_WEAK_CIPHERS;
pub use ngx003_nginx_hsts::NGX_HSTS;
pub use ngx004_nginx_no_https_redirect::NGX_NO_HTTPS_REDIRECT;
pub use ngx005_nginx_missing_csp::NGX_NO_CSP;
pub use ngx006_nginx_missing_nosniff::NGX_NO_NOSNIFF;
pub use ngx007_nginx_missing_frame_options::NGX_NO_FRAME_OPTIONS;
pub use ngx008_nginx_missing_referrer_policy::NGX_NO_REFERRER_POLICY;
pub use ngx009_nginx_server_tokens::NGX_SERVER_TOKENS;
pub use ngx010_nginx_body_size::NGX_BODY_SIZE;
pub use ngx011_nginx_autoindex::NGX_AUTOINDEX;
pub use ngx012_nginx_alias_traversal::NGX_ALIAS_TRAVERSAL;
pub use ngx013_nginx_host_spoofing::NGX_HOST_SPOOFING;
pub use ngx014_nginx_missing_forwarded_headers::NGX_FORWARDED_HEADERS;
pub use ngx015_nginx_exposed_stub_status::NGX_STUB_STATUS;
pub use ngx016_nginx_hidden_files_served::NGX_HIDDEN_FILES;
pub use ngx017_nginx_crlf_injection::NGX_CRLF_INJECTION;
pub use pg001_postgres_listen_all::PG_LISTEN_ALL;
pub use pg002_postgres_no_ssl::PG_NO_SSL;
pub use pg003_postgres_md5_passwords::PG_MD5_ENCRYPTION;
pub use pg004_pg_hba_trust::PG_TRUST;
pub use pg005_pg_hba_weak_auth::PG_WEAK_AUTH;
pub use pg006_pg_hba_host_without_ssl::PG_NO_HOSTSSL;
pub use pg007_pg_hba_open_address::PG_OPEN_ADDRESS;
pub use rds001_redis_bind_all::RDS_BIND_ALL;
pub use rds002_redis_protected_mode_off::RDS_PROTECTED_MODE;
pub use rds003_redis_no_auth::RDS_NO_AUTH;
pub use ssh001_ssh_root_login::SSH_ROOT_LOGIN;
pub use ssh002_ssh_password_authentication::SSH_PASSWORD_AUTH;
pub use ssh003_ssh_keyboard_interactive::SSH_KBD_INTERACTIVE;
pub use ssh004_ssh_empty_passwords::SSH_EMPTY_PASSWORDS;
pub use ssh005_ssh_max_auth_tries::SSH_MAX_AUTH_TRIES;
pub use ssh006_ssh_forwarding::SSH_FORWARDING;
pub use ssh007_ssh_login_grace_time::SSH_LOGIN_GRACE_TIME;
pub use ssh008_ssh_no_idle_timeout::SSH_CLIENT_ALIVE;
pub use ssh009_ssh_no_allow_list::SSH_NO_ALLOW_LIST;
pub use ssh010_ssh_default_port::SSH_DEFAULT_PORT;
pub use ssh011_ssh_weak_algorithms::SSH_WEAK_CRYPTO;
pub use sudo001_sudo_nopasswd_all::SUDO_NOPASSWD_ALL;
pub use sudo002_sudo_service_account_all::SUDO_SERVICE_ALL;
pub use sys001_systemd_runs_as_root::SYS_ROOT;
pub use sys002_systemd_missing_sandboxing::SYS_HARDENING;

use pyward_core::RuleMeta;

/// Every rule of `pyward config`, sorted by code.
pub static RULES: &[&RuleMeta] = &[
    &APP_BIND_ALL,
    &APP_FORWARDED_ALL,
    &APP_RELOAD_DEBUG,
    &CMP_PRIVILEGED,
    &CMP_DOCKER_SOCKET,
    &CMP_HOST_NETWORK,
    &CMP_DATA_PORT,
    &CMP_PLAINTEXT_SECRET,
    &CMP_NO_READ_ONLY,
    &CMP_DANGEROUS_CAPABILITY,
    &DKR_ROOT_USER,
    &DKR_LATEST_IMAGE,
    &DKR_UNPINNED_DIGEST,
    &DKR_SECRET,
    &DKR_ADD_URL,
    &DKR_CURL_PIPE_SH,
    &DKR_EXPOSE_SSH,
    &DKR_PIP_NO_HASHES,
    &DKR_CHMOD_777,
    &DKR_LITERAL_PASSWORD,
    &ENV_SECRET,
    &ENV_WORLD_READABLE,
    &F2B_NO_SSHD_JAIL,
    &FW_DISABLED,
    &FW_DATA_PORT_OPEN,
    &K8S_PRIVILEGED,
    &K8S_RUN_AS_ROOT,
    &K8S_PRIVILEGE_ESCALATION,
    &K8S_WRITABLE_ROOT,
    &K8S_CAPABILITIES,
    &K8S_HOST_NAMESPACE,
    &K8S_HOST_PATH,
    &K8S_LATEST_IMAGE,
    &K8S_NO_LIMITS,
    &K8S_LITERAL_SECRET,
    &K8S_SA_TOKEN,
    &K8S_NO_NETWORK_POLICY,
    &K8S_NO_SECCOMP,
    &K8S_HOST_PORT,
    &K8S_COMMITTED_SECRET,
    &MY_BIND_ALL,
    &MY_SKIP_GRANT_TABLES,
    &NGX_OLD_TLS,
    &NGX_WEAK_CIPHERS,
    &NGX_HSTS,
    &NGX_NO_HTTPS_REDIRECT,
    &NGX_NO_CSP,
    &NGX_NO_NOSNIFF,
    &NGX_NO_FRAME_OPTIONS,
    &NGX_NO_REFERRER_POLICY,
    &NGX_SERVER_TOKENS,
    &NGX_BODY_SIZE,
    &NGX_AUTOINDEX,
    &NGX_ALIAS_TRAVERSAL,
    &NGX_HOST_SPOOFING,
    &NGX_FORWARDED_HEADERS,
    &NGX_STUB_STATUS,
    &NGX_HIDDEN_FILES,
    &NGX_CRLF_INJECTION,
    &PG_LISTEN_ALL,
    &PG_NO_SSL,
    &PG_MD5_ENCRYPTION,
    &PG_TRUST,
    &PG_WEAK_AUTH,
    &PG_NO_HOSTSSL,
    &PG_OPEN_ADDRESS,
    &RDS_BIND_ALL,
    &RDS_PROTECTED_MODE,
    &RDS_NO_AUTH,
    &SSH_ROOT_LOGIN,
    &SSH_PASSWORD_AUTH,
    &SSH_KBD_INTERACTIVE,
    &SSH_EMPTY_PASSWORDS,
    &SSH_MAX_AUTH_TRIES,
    &SSH_FORWARDING,
    &SSH_LOGIN_GRACE_TIME,
    &SSH_CLIENT_ALIVE,
    &SSH_NO_ALLOW_LIST,
    &SSH_DEFAULT_PORT,
    &SSH_WEAK_CRYPTO,
    &SUDO_NOPASSWD_ALL,
    &SUDO_SERVICE_ALL,
    &SYS_ROOT,
    &SYS_HARDENING,
];

/// Rules whose findings are about a setting that is present (`privileged: true`, a `hostPath`,
/// a literal secret), as opposed to one that is missing. Only these run on the readable part of
/// a YAML document cut short by an error: a "missing" finding there may be wrong.
pub fn reports_presence(code: &str) -> bool {
    matches!(
        code,
        "K8S001"
            | "K8S006"
            | "K8S007"
            | "K8S008"
            | "K8S010"
            | "CMP001"
            | "CMP002"
            | "CMP003"
            | "CMP004"
            | "CMP005"
    ) || PRESENCE_RULES.contains(&code)
}

/// Presence rules added after the first set (each new YAML rule that reports a present value
/// belongs here).
const PRESENCE_RULES: &[&str] = &["CMP007", "K8S014", "K8S015"];
