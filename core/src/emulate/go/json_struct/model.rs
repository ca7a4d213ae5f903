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
    /// A struct field of type `T` whose value is checked where it stands (every error
    /// in its place) but built only on request ([`super::decode::build_deferred`]):
    /// for copies a caller usually does not need, such as a bundle's second copy of
    /// its service definition.
    Deferred(&'static Ty),
}

#[derive(Debug)]
pub(crate) struct Struct {
    /// The Go type name, qualified when the package is not `generator`
    /// (`registryclient.PublicKey`).
    pub name: &'static str,
    pub fields: &'static [Field],
}

impl Struct {
    /// `reflect.Type.String()`: `generator.PackageBundle`, `registryclient.PublicKey`.
    pub(crate) fn qualified_name(&self) -> alloc::borrow::Cow<'static, str> {
        if self.name.contains('.') {
            self.name.into()
        } else {
            alloc::format!("generator.{}", self.name).into()
        }
    }

    /// `reflect.Type.Name()`, as error contexts show it: `PublicKey`.
    pub(crate) fn short_name(&self) -> &'static str {
        self.name.rsplit('.').next().unwrap_or(self.name)
    }
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

