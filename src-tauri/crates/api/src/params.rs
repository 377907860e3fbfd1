//! Reading a method's parameters from JSON, and saying what is wrong with
//! them **without quoting what was sent**: a request can carry a passphrase,
//! and serde's own messages quote the offending value (`invalid type: string
//! "..."`) or key. So the message is built here from the kind of error, the
//! method's name and the parameter type's own field names, nothing else.

use serde::de::{self, DeserializeOwned, Visitor};
use serde_json::Value;

use crate::ApiError;

/// Reads `T` from `params`: a JSON object, or nothing (`null`) for `{}`.
pub(crate) fn parse<T: DeserializeOwned>(method: &str, params: Value) -> Result<T, ApiError> {
    let fields = field_names::<T>();
    let params = match params {
        Value::Null => Value::Object(Default::default()),
        // serde would also read a struct from an array of its fields in
        // order; parameters are named, so only objects are taken.
        Value::Object(_) => params,
        _ => return Err(refusal(method, fields, Problem::NotAnObject)),
    };
    serde_path_to_error::deserialize(params)
        .map_err(|e| refusal(method, fields, Problem::of(e.path(), e.inner(), fields)))
}

/// What is wrong with the parameters, in terms that quote nothing sent.
enum Problem {
    NotAnObject,
    UnknownField,
    Missing(&'static str),
    WrongType(&'static str),
    OutOfRange(&'static str),
    Other,
}

impl Problem {
    /// Classifies serde's error. Its text is only compared with serde's
    /// fixed wording; field names come from `fields`, the type's own list.
    fn of(
        path: &serde_path_to_error::Path,
        inner: &serde_json::Error,
        fields: &'static [&'static str],
    ) -> Problem {
        let text = inner.to_string();
        let known = |name: &str| fields.iter().copied().find(|f| *f == name);
        let field = path.iter().next_back().and_then(|segment| match segment {
            serde_path_to_error::Segment::Map { key } => known(key),
            _ => None,
        });
        if text.starts_with("unknown field") {
            return Problem::UnknownField;
        }
        if let Some(missing) = fields
            .iter()
            .copied()
            .find(|f| text == format!("missing field `{f}`"))
        {
            return Problem::Missing(missing);
        }
        match field {
            Some(f) if text.starts_with("invalid type") => Problem::WrongType(f),
            Some(f) if text.starts_with("invalid value") => Problem::OutOfRange(f),
            _ => Problem::Other,
        }
    }
}

fn refusal(method: &str, fields: &[&str], problem: Problem) -> ApiError {
    let what = match problem {
        Problem::NotAnObject => "are not a JSON object".to_owned(),
        Problem::UnknownField => format!("include a field that `{method}` does not take"),
        Problem::Missing(f) => format!("lack the field `{f}`"),
        Problem::WrongType(f) => format!("give `{f}` a value of the wrong JSON type"),
        Problem::OutOfRange(f) => format!("give `{f}` a value out of range for its type"),
        Problem::Other => "are not right".to_owned(),
    };
    let shape = match fields {
        [] => "It takes none: send {} or leave params out.".to_owned(),
        _ => format!(
            "They must be a JSON object with the fields {}; see docs/CLI.md.",
            list(fields)
        ),
    };
    ApiError::new(
        "invalid_params",
        format!("The parameters of `{method}` {what}. {shape}"),
    )
}

/// `a`, `b` and `c`.
fn list(fields: &[&str]) -> String {
    let quoted: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

/// The field names of a struct, as its `Deserialize` impl declares them:
/// a deserializer that only notes what `deserialize_struct` is told.
fn field_names<T: DeserializeOwned>() -> &'static [&'static str] {
    struct Fields<'a>(&'a mut &'static [&'static str]);

    impl<'de> de::Deserializer<'de> for Fields<'_> {
        type Error = de::value::Error;

        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("not a struct"))
        }

        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            fields: &'static [&'static str],
            _visitor: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(de::Error::custom("fields noted"))
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }

    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Fields(&mut fields));
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names_are_read_from_the_type() {
        assert_eq!(
            field_names::<crate::ChangePassphraseParams>(),
            ["current", "new_passphrase", "new_passphrase_again"]
        );
        assert!(field_names::<crate::NoParams>().is_empty());
        assert_eq!(list(&["a"]), "`a`");
        assert_eq!(list(&["a", "b", "c"]), "`a`, `b` and `c`");
    }
}
