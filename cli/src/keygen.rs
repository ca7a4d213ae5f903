//! `trustloop keygen`: an Ed25519 key pair, printed like `anip-registry-keygen`.
use clap::Args as ClapArgs;

#[derive(ClapArgs)]
pub struct Args {
    /// Key id to embed in signatures (`ed25519:<key_id>:…`). Must not contain ':'.
    #[arg(long, default_value = "trustloop-ed25519")]
    key_id: String,
    /// Print JSON instead of KEY=VALUE lines.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> u8 {
    match trustloop_core::api::keygen(&args.key_id) {
        Ok(v) => {
            if args.json {
                out!("{}", trustloop_core::api::json::to_pretty(&v));
            } else if let Some(m) = v.as_object() {
                for (k, val) in m.iter() {
                    outln!("{}={}", k, val.as_str().unwrap_or_default());
                }
            }
            0
        }
        Err(e) => {
            eprintln!("{e}");
            1
        }
    }
}
