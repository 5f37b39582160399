//! Checks real responses against the served OpenAPI document: the status
//! must be documented for the operation, the media type must be one the
//! document gives for that status, and a JSON body must validate against
//! its schema, with every object closed (a field the document does not
//! name is a mismatch too, so a new field cannot go undocumented).

#![allow(dead_code, clippy::unwrap_used)]

use serde_json::{Map, Value};

/// The document, ready to look operations up in.
pub struct Contract {
    doc: Value,
}

/// One answer to check.
pub struct Answer<'a> {
    /// `GET`, `POST`, ...
    pub method: &'a str,
    /// The path as the document writes it (`/api/series/{key}/observations`).
    pub template: &'a str,
    /// The status received.
    pub status: u16,
    /// The `Content-Type` header received.
    pub content_type: &'a str,
    /// The body received.
    pub body: &'a [u8],
}

impl Contract {
    /// Parses the document.
    pub fn new(json: &str) -> Contract {
        Contract {
            doc: serde_json::from_str(json).unwrap(),
        }
    }

    /// Every `(METHOD, path)` the document describes.
    pub fn operations(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (path, item) in self.doc["paths"].as_object().unwrap() {
            for method in item.as_object().unwrap().keys() {
                out.push((method.to_uppercase(), path.clone()));
            }
        }
        out
    }

    /// Every schema named in `components`, resolved and closed.
    pub fn component_schemas(&self) -> Vec<(String, Value)> {
        self.doc["components"]["schemas"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(name, s)| (name.clone(), self.prepare(s)))
            .collect()
    }

    /// The schema of a query or path parameter, resolved.
    pub fn parameter_schema(&self, method: &str, template: &str, name: &str) -> Value {
        let op = &self.doc["paths"][template][method.to_lowercase()];
        let p = op["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("{method} {template}: no parameter {name}"));
        self.prepare(&p["schema"])
    }

    /// Checks one answer; the error says what does not match.
    pub fn check(&self, a: &Answer<'_>) -> Result<(), String> {
        let at = format!("{} {} -> {}", a.method, a.template, a.status);
        let op = &self.doc["paths"][a.template][a.method.to_lowercase()];
        if op.is_null() {
            return Err(format!("{at}: the operation is not documented"));
        }
        let response = &op["responses"][a.status.to_string()];
        if response.is_null() {
            return Err(format!(
                "{at}: status not documented (documented: {:?})",
                op["responses"]
                    .as_object()
                    .unwrap()
                    .keys()
                    .collect::<Vec<_>>()
            ));
        }
        let essence = a.content_type.split(';').next().unwrap_or("").trim();
        let Some(content) = response["content"].as_object() else {
            return if a.body.is_empty() {
                Ok(())
            } else {
                Err(format!("{at}: a body where the document gives none"))
            };
        };
        let media = content
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(essence))
            .map(|(_, v)| v)
            .ok_or_else(|| {
                format!(
                    "{at}: content type {essence:?} not documented (documented: {:?})",
                    content.keys().collect::<Vec<_>>()
                )
            })?;
        let instance: Value = if essence == "application/json" {
            serde_json::from_slice(a.body).map_err(|e| format!("{at}: not JSON: {e}"))?
        } else {
            // Text formats are documented as strings.
            Value::String(
                String::from_utf8(a.body.to_vec()).map_err(|_| format!("{at}: not UTF-8"))?,
            )
        };
        let schema = self.prepare(&media["schema"]);
        validate(&schema, &instance).map_err(|e| format!("{at} ({essence}): {e}"))
    }

    /// Resolves every `$ref`, merges `allOf` (serde's `flatten`) into one
    /// object and closes objects, so the validator needs no references and
    /// unknown fields fail.
    fn prepare(&self, schema: &Value) -> Value {
        close(&self.resolve(schema, 0))
    }

    fn resolve(&self, v: &Value, depth: usize) -> Value {
        assert!(depth < 64, "the document's schemas are too deeply nested");
        match v {
            Value::Object(m) => {
                if let Some(Value::String(r)) = m.get("$ref") {
                    let name = r
                        .strip_prefix("#/components/schemas/")
                        .unwrap_or_else(|| panic!("unexpected reference {r}"));
                    let target = &self.doc["components"]["schemas"][name];
                    assert!(!target.is_null(), "dangling reference {r}");
                    return self.resolve(target, depth + 1);
                }
                let mut out: Map<String, Value> = m
                    .iter()
                    .map(|(k, v)| (k.clone(), self.resolve(v, depth + 1)))
                    .collect();
                if let Some(Value::Array(parts)) = out.remove("allOf") {
                    merge_all_of(&mut out, parts);
                }
                Value::Object(out)
            }
            Value::Array(a) => Value::Array(a.iter().map(|x| self.resolve(x, depth + 1)).collect()),
            other => other.clone(),
        }
    }
}

/// Folds the parts of an `allOf` of objects into `into`.
fn merge_all_of(into: &mut Map<String, Value>, parts: Vec<Value>) {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for part in parts {
        let Value::Object(p) = part else {
            panic!("allOf of a non-object")
        };
        assert!(
            p.get("type").is_none_or(|t| t == "object"),
            "allOf of a non-object: {p:?}"
        );
        if let Some(Value::Object(props)) = p.get("properties") {
            properties.extend(props.clone());
        }
        if let Some(Value::Array(r)) = p.get("required") {
            required.extend(r.iter().cloned());
        }
    }
    into.insert("type".into(), Value::from("object"));
    into.insert("properties".into(), Value::Object(properties));
    into.insert("required".into(), Value::Array(required));
}

/// Adds `additionalProperties: false` to every object with named
/// properties that does not say otherwise.
fn close(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut out: Map<String, Value> =
                m.iter().map(|(k, v)| (k.clone(), close(v))).collect();
            if out.contains_key("properties") && !out.contains_key("additionalProperties") {
                out.insert("additionalProperties".into(), Value::Bool(false));
            }
            Value::Object(out)
        }
        Value::Array(a) => Value::Array(a.iter().map(close).collect()),
        other => other.clone(),
    }
}

/// Validates `instance` against a resolved schema, formats included.
pub fn validate(schema: &Value, instance: &Value) -> Result<(), String> {
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .map_err(|e| format!("the schema does not compile: {e}"))?;
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .take(5)
        .map(|e| format!("at {}: {e}", e.instance_path()))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("; "))
    }
}
