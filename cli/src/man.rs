//! `trustloop man`: the trustloop(1) page in roff, rendered by clap_mangen from the
//! definitions that parse the command line.
pub fn run(cli: clap::Command) -> u8 {
    let mut page = Vec::new();
    match clap_mangen::Man::new(cli).render(&mut page) {
        Ok(()) => {
            crate::stdout::write_all(&page);
            0
        }
        Err(e) => {
            eprintln!("error: man: {e}");
            1
        }
    }
}
