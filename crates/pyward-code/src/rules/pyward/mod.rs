pub mod py000_syntax_error;
pub mod py001_unused_suppression;
