//! The OSV schema (<https://ossf.github.io/osv-schema/>), as far as pyward reads it.
//!
//! The model keeps every standard top-level field so that a record parsed from YAML can be served
//! again as OSV JSON by `pyward db serve`. Scalars that pyward reads as text (ids, versions,
//! timestamps) are deserialized leniently: the PyPA advisory database has unquoted YAML
//! timestamps and unquoted numeric-looking versions, both of which must stay verbatim strings.

use std::path::Path;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use crate::AdvisoryError;

/// One OSV record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OsvRecord {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text"
    )]
    pub schema_version: Option<String>,
    #[serde(deserialize_with = "text")]
    pub id: String,
    #[serde(default, deserialize_with = "text")]
    pub modified: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text"
    )]
    pub published: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text"
    )]
    pub withdrawn: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "text_list"
    )]
    pub aliases: Vec<String>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "text_list"
    )]
    pub related: Vec<String>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "text_list"
    )]
    pub upstream: Vec<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text"
    )]
    pub summary: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text"
    )]
    pub details: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_vec"
    )]
    pub severity: Vec<OsvSeverity>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_vec"
    )]
    pub affected: Vec<OsvAffected>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_vec"
    )]
    pub references: Vec<OsvReference>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credits: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database_specific: Option<Value>,
}

/// A `severity[]` entry: a scoring system and its vector.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OsvSeverity {
    #[serde(rename = "type", deserialize_with = "text")]
    pub kind: String,
    #[serde(deserialize_with = "text")]
    pub score: String,
}

/// An `affected[]` entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OsvAffected {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package: Option<OsvPackage>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_vec"
    )]
    pub severity: Vec<OsvSeverity>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_vec"
    )]
    pub ranges: Vec<OsvRange>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "text_list"
    )]
    pub versions: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ecosystem_specific: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database_specific: Option<Value>,
}

/// `affected[].package`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OsvPackage {
    #[serde(default, deserialize_with = "text")]
    pub ecosystem: String,
    #[serde(default, deserialize_with = "text")]
    pub name: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text"
    )]
    pub purl: Option<String>,
}

/// `affected[].ranges[]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OsvRange {
    #[serde(rename = "type", deserialize_with = "text")]
    pub kind: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text"
    )]
    pub repo: Option<String>,
    #[serde(default, deserialize_with = "null_vec")]
    pub events: Vec<OsvEvent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database_specific: Option<Value>,
}

/// One range event. OSV requires exactly one key per event; extra keys are ignored.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct OsvEvent {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text"
    )]
    pub introduced: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text"
    )]
    pub fixed: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text"
    )]
    pub last_affected: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text"
    )]
    pub limit: Option<String>,
}

/// `references[]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OsvReference {
    #[serde(rename = "type", default, deserialize_with = "text")]
    pub kind: String,
    #[serde(deserialize_with = "text")]
    pub url: String,
}

impl OsvRecord {
    /// Parses a record from YAML text. `path` only labels errors.
    pub fn from_yaml(text: &str, path: &Path) -> Result<OsvRecord, AdvisoryError> {
        serde_saphyr::from_str(text).map_err(|e| AdvisoryError::Parse {
            path: path.to_path_buf(),
            message: format!("invalid OSV YAML: {e}"),
        })
    }

    /// Parses a record from JSON text. `path` only labels errors.
    pub fn from_json(text: &str, path: &Path) -> Result<OsvRecord, AdvisoryError> {
        serde_json::from_str(text).map_err(|e| AdvisoryError::Parse {
            path: path.to_path_buf(),
            message: format!("invalid OSV JSON: {e}"),
        })
    }

    /// The record as compact OSV JSON.
    pub fn to_json(&self) -> String {
        // Serializing plain data (strings, vectors, JSON values) to a String cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

// ---- lenient scalar deserialization ----

struct TextVisitor;

impl serde::de::Visitor<'_> for TextVisitor {
    type Value = String;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a string, number, boolean or timestamp")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }
    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<String, E> {
        Ok(v.to_string())
    }
}

/// A scalar read as its text. Asks the format for a string, so YAML plain scalars such as
/// `2023-01-01T00:00:00Z` or `1.10` arrive verbatim.
fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    d.deserialize_string(TextVisitor)
}

struct Text(String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        text(d).map(Text)
    }
}

fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<Text>::deserialize(d)?.map(|t| t.0))
}

fn text_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(Option::<Vec<Text>>::deserialize(d)?
        .unwrap_or_default()
        .into_iter()
        .map(|t| t.0)
        .collect())
}

fn null_vec<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_plain_scalars_stay_verbatim() {
        let yaml = "id: PYSEC-0000-1\nmodified: 2023-11-07T20:24:23.946863Z\npublished: '2022-01-01T00:00:00Z'\n\
affected:\n- package:\n    name: Foo_Bar\n    ecosystem: PyPI\n  ranges:\n  - type: ECOSYSTEM\n    events:\n    - introduced: 0\n    - fixed: 1.10\n  versions:\n  - 1.0\n  - 1.10\n  - 0.7.10p1\n";
        let rec = OsvRecord::from_yaml(yaml, Path::new("x.yaml")).unwrap();
        assert_eq!(rec.modified, "2023-11-07T20:24:23.946863Z");
        assert_eq!(rec.published.as_deref(), Some("2022-01-01T00:00:00Z"));
        let aff = &rec.affected[0];
        assert_eq!(aff.versions, ["1.0", "1.10", "0.7.10p1"]);
        assert_eq!(aff.ranges[0].events[0].introduced.as_deref(), Some("0"));
        assert_eq!(aff.ranges[0].events[1].fixed.as_deref(), Some("1.10"));
    }

    #[test]
    fn parse_errors_name_the_file() {
        let err = OsvRecord::from_yaml("id: [", Path::new("some/dir/bad.yaml")).unwrap_err();
        assert!(err.to_string().contains("some/dir/bad.yaml"), "{err}");
        let err = OsvRecord::from_json("{}", Path::new("a/b.json")).unwrap_err();
        assert!(err.to_string().contains("a/b.json"), "{err}");
    }
}
