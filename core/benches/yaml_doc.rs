//! A ~1 MB YAML document shaped like Anolis runtime configs and machine profiles
//! (nested mappings, block sequences of mappings, flow sequences, plain and quoted
//! scalars, ints in several bases, floats, bools, nulls, dates, comments, literal and
//! folded block scalars). Shared by `benches/yaml.rs` and `examples/yaml_measure.rs`.

/// The document, at least `target` bytes long (whole provider entries).
pub fn document(target: usize) -> String {
    let mut s = String::with_capacity(target + 4096);
    s.push_str(
        "# Generated benchmark document (Anolis runtime config shape).\n\
         schema_version: 1\n\
         machine_id: bench-profile\n\
         display_name: \"Benchmark Profile\"\n\
         runtime:\n  name: bench-automation\n  shutdown_timeout_ms: 3000\n  startup_timeout_ms: 30000\n\
         http:\n  enabled: true\n  bind: 127.0.0.1\n  port: 8080\n  cors_allowed_origins:\n    - http://localhost:3000\n    - http://127.0.0.1:3000\n  cors_allow_credentials: false\n\
         providers:\n",
    );
    let mut i = 0usize;
    while s.len() < target {
        let kind = ["sim", "ezo", "bread", "gpio"][i % 4];
        s.push_str(&format!(
            "  - id: {kind}{i}\n\
             \x20   command: ../anolis-provider-{kind}/build/dev-release/anolis-provider-{kind}\n\
             \x20   args: [\"--config\", \"../anolis-projects/projects/p{i}/config/provider-{kind}.yaml\", '--verbose']\n\
             \x20   timeout_ms: {t}\n\
             \x20   hello_timeout_ms: 2000\n\
             \x20   enabled: {en}\n\
             \x20   address: 0x{addr:02X}\n\
             \x20   gain: {gain}.{frac:03}\n\
             \x20   offset: -{off}.5\n\
             \x20   calibrated: 2026-04-{day:02}\n\
             \x20   notes: ~\n\
             \x20   # Restart policy: back off, then give up.\n\
             \x20   restart_policy:\n\
             \x20     enabled: yes\n\
             \x20     max_attempts: 3\n\
             \x20     backoff_ms: [200, 500, 1000]\n\
             \x20     timeout_ms: 30000\n\
             \x20   devices:\n\
             \x20     - id: ph{i}\n\
             \x20       type: ph\n\
             \x20       label: Reactor pH {i}\n\
             \x20       range: {{min: 0.0, max: 14.0, unit: pH}}\n\
             \x20     - id: do{i}\n\
             \x20       type: do\n\
             \x20       label: 'Reactor Dissolved Oxygen (probe {i})'\n\
             \x20       range: {{min: 0, max: 100, unit: \"%\"}}\n\
             \x20   parameters:\n\
             \x20     - name: impeller_pwm_{i}\n\
             \x20       type: int64\n\
             \x20       default: {pwm}\n\
             \x20       min: 0\n\
             \x20       max: 255\n\
             \x20     - name: dose_enable_{i}\n\
             \x20       type: bool\n\
             \x20       default: false\n\
             \x20   description: |\n\
             \x20     Provider {i} drives the {kind} bus.\n\
             \x20     It is restarted by the runtime when it stops answering.\n\
             \x20   summary: >\n\
             \x20     A folded summary line for provider {i}\n\
             \x20     that continues on a second line.\n",
            t = 5000 + i % 7 * 1000,
            en = if i % 3 == 0 { "false" } else { "true" },
            addr = i % 128,
            gain = i % 10,
            frac = i % 1000,
            off = i % 50,
            day = i % 28 + 1,
            pwm = i % 256,
        ));
        i += 1;
    }
    s.push_str("polling:\n  interval_ms: 2500\ntelemetry:\n  enabled: true\n  influxdb:\n    url: http://localhost:8086\n    batch_size: 100\n");
    s
}
