//! Shared by the fuzz targets (included with `#[path]`): fixed valid inputs built once.
#![allow(dead_code)]
use std::sync::OnceLock;

use trustloop_core::api::{self, BuildLocalOptions};

/// The repository's example service definition.
pub const EXAMPLE_DEFINITION: &[u8] = include_bytes!("../../../examples/anip/order-desk-service-definition.json");

/// A valid, signed bundle built from [`EXAMPLE_DEFINITION`] (the development key).
pub fn example_bundle() -> &'static [u8] {
    static B: OnceLock<Vec<u8>> = OnceLock::new();
    B.get_or_init(|| {
        let opts = BuildLocalOptions { package_id: "order-desk".into(), package_version: "1.0.0".into(), ..Default::default() };
        let files = api::anip_build_local(EXAMPLE_DEFINITION, &opts).expect("the example builds");
        files.into_iter().find(|f| f.name.ends_with(".anip-package.json")).expect("a bundle").bytes
    })
}
