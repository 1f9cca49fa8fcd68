//! Checks JSON against the checked-in JSON Schema of the export (tests/data/export.schema.json).
//! This is a checker for the subset of draft 2020-12 that schema uses, driven by the schema file
//! itself, so the schema stays the one source of truth that other tools can also use. A keyword
//! it does not implement is reported as an error rather than ignored, so a schema edit can never
//! pass unchecked. It depends only on std and serde_json, so the browser end-to-end test can
//! include this same file with `#[path]`.

use serde_json::Value;

/// The export's JSON Schema, read from tests/data/export.schema.json.
pub fn export_schema() -> Value {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/export.schema.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// Every way `instance` breaks `schema`, each as "JSON pointer: what is wrong". Empty when the
/// instance is valid.
pub fn validate(schema: &Value, instance: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    check(schema, schema, instance, "", &mut errors);
    errors
}

/// Keywords that only annotate; they constrain nothing.
const ANNOTATIONS: &[&str] = &["$schema", "$id", "$defs", "title", "description"];

fn check(root: &Value, schema: &Value, instance: &Value, at: &str, errors: &mut Vec<String>) {
    let Some(keywords) = schema.as_object() else {
        if schema == &Value::Bool(false) {
            errors.push(format!("{at}: no value is allowed here"));
        }
        return;
    };
    for (keyword, value) in keywords {
        match keyword.as_str() {
            k if ANNOTATIONS.contains(&k) => {}
            "$ref" => match value.as_str().and_then(|r| resolve(root, r)) {
                Some(target) => check(root, target, instance, at, errors),
                None => errors.push(format!("{at}: cannot resolve $ref {value}")),
            },
            "type" => {
                let allowed: Vec<&str> = match value {
                    Value::String(t) => vec![t.as_str()],
                    Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                    _ => vec![],
                };
                if !allowed.iter().any(|t| has_type(instance, t)) {
                    errors.push(format!(
                        "{at}: expected {}, found {instance}",
                        allowed.join(" or ")
                    ));
                }
            }
            "const" => {
                if instance != value {
                    errors.push(format!("{at}: expected {value}, found {instance}"));
                }
            }
            "enum" => {
                let options = value.as_array().map(Vec::as_slice).unwrap_or_default();
                if !options.contains(instance) {
                    errors.push(format!("{at}: {instance} is not one of {value}"));
                }
            }
            "minimum" => {
                if let (Some(n), Some(min)) = (instance.as_f64(), value.as_f64())
                    && n < min
                {
                    errors.push(format!("{at}: {n} is below the minimum {min}"));
                }
            }
            "minLength" => {
                if let (Some(s), Some(min)) = (instance.as_str(), value.as_u64())
                    && (s.chars().count() as u64) < min
                {
                    errors.push(format!("{at}: shorter than {min} characters"));
                }
            }
            "minItems" => {
                if let (Some(items), Some(min)) = (instance.as_array(), value.as_u64())
                    && (items.len() as u64) < min
                {
                    errors.push(format!("{at}: fewer than {min} items"));
                }
            }
            "items" => {
                if let Some(items) = instance.as_array() {
                    for (i, item) in items.iter().enumerate() {
                        check(root, value, item, &format!("{at}/{i}"), errors);
                    }
                }
            }
            "required" => {
                if let Some(object) = instance.as_object() {
                    for name in value
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                    {
                        if !object.contains_key(name) {
                            errors.push(format!("{at}: lacks the required field \"{name}\""));
                        }
                    }
                }
            }
            "properties" => {
                if let (Some(object), Some(properties)) = (instance.as_object(), value.as_object())
                {
                    for (name, sub) in properties {
                        if let Some(v) = object.get(name) {
                            check(root, sub, v, &format!("{at}/{name}"), errors);
                        }
                    }
                }
            }
            "additionalProperties" => {
                let declared = keywords.get("properties").and_then(Value::as_object);
                if let Some(object) = instance.as_object() {
                    for (name, v) in object {
                        if declared.is_some_and(|d| d.contains_key(name)) {
                            continue;
                        }
                        check(root, value, v, &format!("{at}/{name}"), errors);
                    }
                }
            }
            "anyOf" => {
                let branches = value.as_array().map(Vec::as_slice).unwrap_or_default();
                let failures: Vec<Vec<String>> = branches
                    .iter()
                    .map(|b| validate_at(root, b, instance, at))
                    .collect();
                if !failures.iter().any(Vec::is_empty) {
                    errors.push(format!(
                        "{at}: matches none of anyOf ({})",
                        failures
                            .iter()
                            .map(|f| f.join("; "))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    ));
                }
            }
            other => errors.push(format!(
                "{at}: the schema uses \"{other}\", which this checker does not implement"
            )),
        }
    }
}

fn validate_at(root: &Value, schema: &Value, instance: &Value, at: &str) -> Vec<String> {
    let mut errors = Vec::new();
    check(root, schema, instance, at, &mut errors);
    errors
}

/// Resolves a local reference such as `#/$defs/span`.
fn resolve<'a>(root: &'a Value, reference: &str) -> Option<&'a Value> {
    root.pointer(reference.strip_prefix('#')?)
}

fn has_type(instance: &Value, name: &str) -> bool {
    match name {
        "null" => instance.is_null(),
        "boolean" => instance.is_boolean(),
        "object" => instance.is_object(),
        "array" => instance.is_array(),
        "string" => instance.is_string(),
        "number" => instance.is_number(),
        "integer" => {
            instance.is_i64()
                || instance.is_u64()
                || instance.as_f64().is_some_and(|f| f.fract() == 0.0)
        }
        _ => false,
    }
}
