//! The central rule table (sorted by code). Generated once from the rule files' names; add a
//! line here when adding a rule.

use super::*;

/// Every rule of the code analyzer, sorted by code.
pub static RULES: &[Rule] = &[
    Rule {
        meta: &pyward::py000_syntax_error::RULE,
        hooks: pyward::py000_syntax_error::HOOKS,
    },
    Rule {
        meta: &pyward::py001_unused_suppression::RULE,
        hooks: pyward::py001_unused_suppression::HOOKS,
    },
    Rule {
        meta: &general::py101_assert_used::RULE,
        hooks: general::py101_assert_used::HOOKS,
    },
    Rule {
        meta: &general::py102_exec_used::RULE,
        hooks: general::py102_exec_used::HOOKS,
    },
    Rule {
        meta: &general::py103_set_bad_file_permissions::RULE,
        hooks: general::py103_set_bad_file_permissions::HOOKS,
    },
    Rule {
        meta: &general::py104_hardcoded_bind_all_interfaces::RULE,
        hooks: general::py104_hardcoded_bind_all_interfaces::HOOKS,
    },
    Rule {
        meta: &general::py105_hardcoded_password_string::RULE,
        hooks: general::py105_hardcoded_password_string::HOOKS,
    },
    Rule {
        meta: &general::py106_hardcoded_password_funcarg::RULE,
        hooks: general::py106_hardcoded_password_funcarg::HOOKS,
    },
    Rule {
        meta: &general::py107_hardcoded_password_default::RULE,
        hooks: general::py107_hardcoded_password_default::HOOKS,
    },
    Rule {
        meta: &general::py108_hardcoded_tmp_directory::RULE,
        hooks: general::py108_hardcoded_tmp_directory::HOOKS,
    },
    Rule {
        meta: &general::py110_try_except_pass::RULE,
        hooks: general::py110_try_except_pass::HOOKS,
    },
    Rule {
        meta: &general::py112_try_except_continue::RULE,
        hooks: general::py112_try_except_continue::HOOKS,
    },
    Rule {
        meta: &general::py113_request_without_timeout::RULE,
        hooks: general::py113_request_without_timeout::HOOKS,
    },
    Rule {
        meta: &general::py201_flask_debug_true::RULE,
        hooks: general::py201_flask_debug_true::HOOKS,
    },
    Rule {
        meta: &general::py202_tarfile_unsafe_members::RULE,
        hooks: general::py202_tarfile_unsafe_members::HOOKS,
    },
    Rule {
        meta: &blacklist::py301_pickle::RULE,
        hooks: blacklist::py301_pickle::HOOKS,
    },
    Rule {
        meta: &blacklist::py302_marshal::RULE,
        hooks: blacklist::py302_marshal::HOOKS,
    },
    Rule {
        meta: &blacklist::py303_md5::RULE,
        hooks: blacklist::py303_md5::HOOKS,
    },
    Rule {
        meta: &blacklist::py304_ciphers::RULE,
        hooks: blacklist::py304_ciphers::HOOKS,
    },
    Rule {
        meta: &blacklist::py305_cipher_modes::RULE,
        hooks: blacklist::py305_cipher_modes::HOOKS,
    },
    Rule {
        meta: &blacklist::py306_mktemp_q::RULE,
        hooks: blacklist::py306_mktemp_q::HOOKS,
    },
    Rule {
        meta: &blacklist::py307_eval::RULE,
        hooks: blacklist::py307_eval::HOOKS,
    },
    Rule {
        meta: &blacklist::py308_mark_safe::RULE,
        hooks: blacklist::py308_mark_safe::HOOKS,
    },
    Rule {
        meta: &blacklist::py310_urllib_urlopen::RULE,
        hooks: blacklist::py310_urllib_urlopen::HOOKS,
    },
    Rule {
        meta: &blacklist::py311_random::RULE,
        hooks: blacklist::py311_random::HOOKS,
    },
    Rule {
        meta: &blacklist::py312_telnetlib::RULE,
        hooks: blacklist::py312_telnetlib::HOOKS,
    },
    Rule {
        meta: &blacklist::py313_xml_bad_celementtree::RULE,
        hooks: blacklist::py313_xml_bad_celementtree::HOOKS,
    },
    Rule {
        meta: &blacklist::py314_xml_bad_elementtree::RULE,
        hooks: blacklist::py314_xml_bad_elementtree::HOOKS,
    },
    Rule {
        meta: &blacklist::py315_xml_bad_expatreader::RULE,
        hooks: blacklist::py315_xml_bad_expatreader::HOOKS,
    },
    Rule {
        meta: &blacklist::py316_xml_bad_expatbuilder::RULE,
        hooks: blacklist::py316_xml_bad_expatbuilder::HOOKS,
    },
    Rule {
        meta: &blacklist::py317_xml_bad_sax::RULE,
        hooks: blacklist::py317_xml_bad_sax::HOOKS,
    },
    Rule {
        meta: &blacklist::py318_xml_bad_minidom::RULE,
        hooks: blacklist::py318_xml_bad_minidom::HOOKS,
    },
    Rule {
        meta: &blacklist::py319_xml_bad_pulldom::RULE,
        hooks: blacklist::py319_xml_bad_pulldom::HOOKS,
    },
    Rule {
        meta: &blacklist::py321_ftplib::RULE,
        hooks: blacklist::py321_ftplib::HOOKS,
    },
    Rule {
        meta: &blacklist::py323_unverified_context::RULE,
        hooks: blacklist::py323_unverified_context::HOOKS,
    },
    Rule {
        meta: &crypto::py324_hashlib::RULE,
        hooks: crypto::py324_hashlib::HOOKS,
    },
    Rule {
        meta: &blacklist::py401_import_telnetlib::RULE,
        hooks: blacklist::py401_import_telnetlib::HOOKS,
    },
    Rule {
        meta: &blacklist::py402_import_ftplib::RULE,
        hooks: blacklist::py402_import_ftplib::HOOKS,
    },
    Rule {
        meta: &blacklist::py403_import_pickle::RULE,
        hooks: blacklist::py403_import_pickle::HOOKS,
    },
    Rule {
        meta: &blacklist::py404_import_subprocess::RULE,
        hooks: blacklist::py404_import_subprocess::HOOKS,
    },
    Rule {
        meta: &blacklist::py405_import_xml_etree::RULE,
        hooks: blacklist::py405_import_xml_etree::HOOKS,
    },
    Rule {
        meta: &blacklist::py406_import_xml_sax::RULE,
        hooks: blacklist::py406_import_xml_sax::HOOKS,
    },
    Rule {
        meta: &blacklist::py407_import_xml_expat::RULE,
        hooks: blacklist::py407_import_xml_expat::HOOKS,
    },
    Rule {
        meta: &blacklist::py408_import_xml_minidom::RULE,
        hooks: blacklist::py408_import_xml_minidom::HOOKS,
    },
    Rule {
        meta: &blacklist::py409_import_xml_pulldom::RULE,
        hooks: blacklist::py409_import_xml_pulldom::HOOKS,
    },
    Rule {
        meta: &blacklist::py411_import_xmlrpclib::RULE,
        hooks: blacklist::py411_import_xmlrpclib::HOOKS,
    },
    Rule {
        meta: &blacklist::py412_import_httpoxy::RULE,
        hooks: blacklist::py412_import_httpoxy::HOOKS,
    },
    Rule {
        meta: &blacklist::py413_import_pycrypto::RULE,
        hooks: blacklist::py413_import_pycrypto::HOOKS,
    },
    Rule {
        meta: &blacklist::py415_import_pyghmi::RULE,
        hooks: blacklist::py415_import_pyghmi::HOOKS,
    },
    Rule {
        meta: &crypto::py501_request_with_no_cert_validation::RULE,
        hooks: crypto::py501_request_with_no_cert_validation::HOOKS,
    },
    Rule {
        meta: &crypto::py502_ssl_with_bad_version::RULE,
        hooks: crypto::py502_ssl_with_bad_version::HOOKS,
    },
    Rule {
        meta: &crypto::py503_ssl_with_bad_defaults::RULE,
        hooks: crypto::py503_ssl_with_bad_defaults::HOOKS,
    },
    Rule {
        meta: &crypto::py504_ssl_with_no_version::RULE,
        hooks: crypto::py504_ssl_with_no_version::HOOKS,
    },
    Rule {
        meta: &crypto::py505_weak_cryptographic_key::RULE,
        hooks: crypto::py505_weak_cryptographic_key::HOOKS,
    },
    Rule {
        meta: &crypto::py506_yaml_load::RULE,
        hooks: crypto::py506_yaml_load::HOOKS,
    },
    Rule {
        meta: &crypto::py507_ssh_no_host_key_verification::RULE,
        hooks: crypto::py507_ssh_no_host_key_verification::HOOKS,
    },
    Rule {
        meta: &crypto::py508_snmp_insecure_version_check::RULE,
        hooks: crypto::py508_snmp_insecure_version_check::HOOKS,
    },
    Rule {
        meta: &crypto::py509_snmp_crypto_check::RULE,
        hooks: crypto::py509_snmp_crypto_check::HOOKS,
    },
    Rule {
        meta: &injection::py601_paramiko_calls::RULE,
        hooks: injection::py601_paramiko_calls::HOOKS,
    },
    Rule {
        meta: &injection::py602_subprocess_popen_with_shell_equals_true::RULE,
        hooks: injection::py602_subprocess_popen_with_shell_equals_true::HOOKS,
    },
    Rule {
        meta: &injection::py603_subprocess_without_shell_equals_true::RULE,
        hooks: injection::py603_subprocess_without_shell_equals_true::HOOKS,
    },
    Rule {
        meta: &injection::py604_any_other_function_with_shell_equals_true::RULE,
        hooks: injection::py604_any_other_function_with_shell_equals_true::HOOKS,
    },
    Rule {
        meta: &injection::py605_start_process_with_a_shell::RULE,
        hooks: injection::py605_start_process_with_a_shell::HOOKS,
    },
    Rule {
        meta: &injection::py606_start_process_with_no_shell::RULE,
        hooks: injection::py606_start_process_with_no_shell::HOOKS,
    },
    Rule {
        meta: &injection::py607_start_process_with_partial_path::RULE,
        hooks: injection::py607_start_process_with_partial_path::HOOKS,
    },
    Rule {
        meta: &injection::py608_hardcoded_sql_expressions::RULE,
        hooks: injection::py608_hardcoded_sql_expressions::HOOKS,
    },
    Rule {
        meta: &injection::py609_linux_commands_wildcard_injection::RULE,
        hooks: injection::py609_linux_commands_wildcard_injection::HOOKS,
    },
    Rule {
        meta: &injection::py610_django_extra_used::RULE,
        hooks: injection::py610_django_extra_used::HOOKS,
    },
    Rule {
        meta: &injection::py611_django_rawsql_used::RULE,
        hooks: injection::py611_django_rawsql_used::HOOKS,
    },
    Rule {
        meta: &injection::py612_logging_config_insecure_listen::RULE,
        hooks: injection::py612_logging_config_insecure_listen::HOOKS,
    },
    Rule {
        meta: &injection::py613_trojansource::RULE,
        hooks: injection::py613_trojansource::HOOKS,
    },
    Rule {
        meta: &injection::py614_pytorch_load::RULE,
        hooks: injection::py614_pytorch_load::HOOKS,
    },
    Rule {
        meta: &injection::py615_huggingface_unsafe_download::RULE,
        hooks: injection::py615_huggingface_unsafe_download::HOOKS,
    },
    Rule {
        meta: &xss::py701_jinja2_autoescape_false::RULE,
        hooks: xss::py701_jinja2_autoescape_false::HOOKS,
    },
    Rule {
        meta: &xss::py702_use_of_mako_templates::RULE,
        hooks: xss::py702_use_of_mako_templates::HOOKS,
    },
    Rule {
        meta: &xss::py703_django_mark_safe::RULE,
        hooks: xss::py703_django_mark_safe::HOOKS,
    },
    Rule {
        meta: &xss::py704_markupsafe_markup_xss::RULE,
        hooks: xss::py704_markupsafe_markup_xss::HOOKS,
    },
    Rule {
        meta: &injection::py901_sql_query_built_from_strings::RULE,
        hooks: injection::py901_sql_query_built_from_strings::HOOKS,
    },
    Rule {
        meta: &django::dj001_security_middleware_missing::RULE,
        hooks: django::dj001_security_middleware_missing::HOOKS,
    },
    Rule {
        meta: &django::dj002_xframe_middleware_missing::RULE,
        hooks: django::dj002_xframe_middleware_missing::HOOKS,
    },
    Rule {
        meta: &django::dj003_csrf_middleware_missing::RULE,
        hooks: django::dj003_csrf_middleware_missing::HOOKS,
    },
    Rule {
        meta: &django::dj004_hsts_seconds_not_set::RULE,
        hooks: django::dj004_hsts_seconds_not_set::HOOKS,
    },
    Rule {
        meta: &django::dj005_hsts_include_subdomains::RULE,
        hooks: django::dj005_hsts_include_subdomains::HOOKS,
    },
    Rule {
        meta: &django::dj006_content_type_nosniff::RULE,
        hooks: django::dj006_content_type_nosniff::HOOKS,
    },
    Rule {
        meta: &django::dj008_ssl_redirect_off::RULE,
        hooks: django::dj008_ssl_redirect_off::HOOKS,
    },
    Rule {
        meta: &django::dj009_weak_secret_key::RULE,
        hooks: django::dj009_weak_secret_key::HOOKS,
    },
    Rule {
        meta: &django::dj010_session_cookie_secure::RULE,
        hooks: django::dj010_session_cookie_secure::HOOKS,
    },
    Rule {
        meta: &django::dj013_session_cookie_httponly::RULE,
        hooks: django::dj013_session_cookie_httponly::HOOKS,
    },
    Rule {
        meta: &django::dj016_csrf_cookie_secure::RULE,
        hooks: django::dj016_csrf_cookie_secure::HOOKS,
    },
    Rule {
        meta: &django::dj018_debug_true::RULE,
        hooks: django::dj018_debug_true::HOOKS,
    },
    Rule {
        meta: &django::dj019_x_frame_options::RULE,
        hooks: django::dj019_x_frame_options::HOOKS,
    },
    Rule {
        meta: &django::dj020_allowed_hosts::RULE,
        hooks: django::dj020_allowed_hosts::HOOKS,
    },
    Rule {
        meta: &django::dj021_hsts_preload::RULE,
        hooks: django::dj021_hsts_preload::HOOKS,
    },
    Rule {
        meta: &django::dj022_referrer_policy::RULE,
        hooks: django::dj022_referrer_policy::HOOKS,
    },
    Rule {
        meta: &django::dj024_cross_origin_opener_policy::RULE,
        hooks: django::dj024_cross_origin_opener_policy::HOOKS,
    },
    Rule {
        meta: &django::dj025_weak_secret_key_fallbacks::RULE,
        hooks: django::dj025_weak_secret_key_fallbacks::HOOKS,
    },
    Rule {
        meta: &django::dj030_debug_toolbar::RULE,
        hooks: django::dj030_debug_toolbar::HOOKS,
    },
    Rule {
        meta: &django::dj031_weak_password_hasher::RULE,
        hooks: django::dj031_weak_password_hasher::HOOKS,
    },
    Rule {
        meta: &django::dj032_cors_allow_all_credentials::RULE,
        hooks: django::dj032_cors_allow_all_credentials::HOOKS,
    },
    Rule {
        meta: &django::dj033_proxy_ssl_header::RULE,
        hooks: django::dj033_proxy_ssl_header::HOOKS,
    },
    Rule {
        meta: &django::dj040_csrf_exempt::RULE,
        hooks: django::dj040_csrf_exempt::HOOKS,
    },
    Rule {
        meta: &django::dj041_database_without_tls::RULE,
        hooks: django::dj041_database_without_tls::HOOKS,
    },
    Rule {
        meta: &fastapi::fa001_cors_wildcard_credentials::RULE,
        hooks: fastapi::fa001_cors_wildcard_credentials::HOOKS,
    },
    Rule {
        meta: &fastapi::fa002_unauthenticated_state_change::RULE,
        hooks: fastapi::fa002_unauthenticated_state_change::HOOKS,
    },
    Rule {
        meta: &fastapi::fa003_docs_exposed::RULE,
        hooks: fastapi::fa003_docs_exposed::HOOKS,
    },
    Rule {
        meta: &fastapi::fa004_trusted_host::RULE,
        hooks: fastapi::fa004_trusted_host::HOOKS,
    },
    Rule {
        meta: &fastapi::fa005_uvicorn_run::RULE,
        hooks: fastapi::fa005_uvicorn_run::HOOKS,
    },
    Rule {
        meta: &flask::fl001_hardcoded_secret_key::RULE,
        hooks: flask::fl001_hardcoded_secret_key::HOOKS,
    },
    Rule {
        meta: &flask::fl002_insecure_config::RULE,
        hooks: flask::fl002_insecure_config::HOOKS,
    },
    Rule {
        meta: &flask::fl003_render_template_string::RULE,
        hooks: flask::fl003_render_template_string::HOOKS,
    },
    Rule {
        meta: &flask::fl004_send_file_request_path::RULE,
        hooks: flask::fl004_send_file_request_path::HOOKS,
    },
    Rule {
        meta: &flask::fl005_cors_wildcard_credentials::RULE,
        hooks: flask::fl005_cors_wildcard_credentials::HOOKS,
    },
    Rule {
        meta: &auth::auth001_jwt_unverified::RULE,
        hooks: auth::auth001_jwt_unverified::HOOKS,
    },
    Rule {
        meta: &auth::auth002_jwt_hardcoded_key::RULE,
        hooks: auth::auth002_jwt_hardcoded_key::HOOKS,
    },
    Rule {
        meta: &auth::auth003_weak_password_hash::RULE,
        hooks: auth::auth003_weak_password_hash::HOOKS,
    },
    Rule {
        meta: &auth::auth004_secret_compare::RULE,
        hooks: auth::auth004_secret_compare::HOOKS,
    },
    Rule {
        meta: &auth::auth005_sensitive_logging::RULE,
        hooks: auth::auth005_sensitive_logging::HOOKS,
    },
    Rule {
        meta: &auth::auth006_weak_random_token::RULE,
        hooks: auth::auth006_weak_random_token::HOOKS,
    },
    Rule {
        meta: &secrets::sec001_provider_secret::RULE,
        hooks: secrets::sec001_provider_secret::HOOKS,
    },
    Rule {
        meta: &secrets::sec002_generic_secret::RULE,
        hooks: secrets::sec002_generic_secret::HOOKS,
    },
];
