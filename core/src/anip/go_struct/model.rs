//! Go struct types as data: field names (JSON tags), Go types and `omitempty`.

/// A Go field type.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Ty {
    Str,
    Bool,
    Int,
    /// `interface {}`
    Any,
    Slice(&'static Ty),
    /// `map[string]T`
    Map(&'static Ty),
    /// `*Struct` (nil when absent or null)
    Ptr(&'static Struct),
    /// `Struct` held by value
    Inline(&'static Struct),
}

#[derive(Debug)]
pub(crate) struct Struct {
    /// The Go type name without the package (`errorContext.Struct.Name()`).
    pub name: &'static str,
    pub fields: &'static [Field],
}

#[derive(Debug)]
pub(crate) struct Field {
    /// The JSON name (the tag).
    pub name: &'static str,
    pub ty: Ty,
    pub omitempty: bool,
}

pub(crate) const fn f(name: &'static str, ty: Ty) -> Field {
    Field { name, ty, omitempty: false }
}

pub(crate) const fn o(name: &'static str, ty: Ty) -> Field {
    Field { name, ty, omitempty: true }
}

