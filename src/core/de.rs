//! Deserialize impls for the bundle's and the catalog's types, written once instead of derived
//! per type: the wire format is JSON objects and lowercase strings, and these read exactly
//! that, with the derived impls' answers and error messages (unknown fields ignored, a
//! missing `Option` field as `None`, "missing field", "duplicate field", "unknown variant"),
//! but each struct's field names are matched by one shared seed ([`Key`]) and each enum's by
//! one shared function ([`variant`]), and no struct is also read from a JSON array (which
//! serde's derive allows and the wire format never uses). In the wasm that is one copy of the
//! field and variant matching instead of one per type (BENCHMARKS.md, "wasm size").
//!
//! A struct gets its impl from [`deserialize_object!`]; serialisation stays derived.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, VariantAccess, Visitor};

/// A key of a JSON object, as the number of its field in `self.0` (`None` for a field the type
/// does not have, which is skipped).
pub struct Key(pub &'static [&'static str]);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<usize>, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<usize>, E> {
        Ok(self.0.iter().position(|name| *name == v))
    }
}

/// The value of a field the object does not have: `None` for an `Option`, else the error
/// "missing field" (what serde's derive does).
pub fn missing<'de, T: de::Deserialize<'de>, E: de::Error>(field: &'static str) -> Result<T, E> {
    T::deserialize(Missing(field, PhantomData))
}

struct Missing<E>(&'static str, PhantomData<E>);

impl<'de, E: de::Error> Deserializer<'de> for Missing<E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, E> {
        Err(E::missing_field(self.0))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_none()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}

/// Reads a unit variant of the enum `name` written as one of `variants` (a JSON string), as
/// its number in `variants`.
pub fn variant<'de, D: Deserializer<'de>>(
    d: D,
    name: &'static str,
    variants: &'static [&'static str],
) -> Result<usize, D::Error> {
    d.deserialize_enum(name, variants, Variant(name, variants))
}

struct Variant(&'static str, &'static [&'static str]);

impl<'de> Visitor<'de> for Variant {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "enum {}", self.0)
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<usize, A::Error> {
        let (i, v) = data.variant_seed(VariantName(self.1))?;
        v.unit_variant()?;
        Ok(i)
    }
}

struct VariantName(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for VariantName {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for VariantName {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("variant identifier")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<usize, E> {
        self.0
            .iter()
            .position(|name| *name == v)
            .ok_or_else(|| E::unknown_variant(v, self.0))
    }
}

/// `impl Deserialize` for a struct read from a JSON object, as serde's derive would write it
/// for the same fields: `name` for a field that must be there (an `Option` may be missing),
/// `name = default` for a `#[serde(default)]` one.
macro_rules! deserialize_object {
    ($ty:ident { $($field:ident $(= $default:ident)?),* $(,)? }) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> serde::de::Visitor<'de> for V {
                    type Value = $ty;

                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str(concat!("struct ", stringify!($ty)))
                    }

                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> Result<$ty, A::Error> {
                        const FIELDS: &[&str] = &[$(stringify!($field)),*];
                        $(let mut $field = None;)*
                        while let Some(key) = map.next_key_seed($crate::core::de::Key(FIELDS))? {
                            let mut _n = 0usize;
                            $(
                                if key == Some(_n) {
                                    if $field.is_some() {
                                        return Err(<A::Error as serde::de::Error>::duplicate_field(
                                            stringify!($field),
                                        ));
                                    }
                                    $field = Some(map.next_value()?);
                                    continue;
                                }
                                _n += 1;
                            )*
                            map.next_value::<serde::de::IgnoredAny>()?;
                        }
                        $(
                            let $field = match $field {
                                Some(v) => v,
                                None => $crate::core::de::deserialize_object!(
                                    @missing $field $(= $default)?
                                ),
                            };
                        )*
                        Ok($ty { $($field),* })
                    }
                }
                d.deserialize_map(V)
            }
        }
    };
    (@missing $field:ident = default) => {
        Default::default()
    };
    (@missing $field:ident) => {
        $crate::core::de::missing(stringify!($field))?
    };
}

pub(crate) use deserialize_object;
