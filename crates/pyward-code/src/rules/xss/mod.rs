pub mod py701_jinja2_autoescape_false;
pub mod py702_use_of_mako_templates;
pub mod py703_django_mark_safe;
pub mod py704_markupsafe_markup_xss;
