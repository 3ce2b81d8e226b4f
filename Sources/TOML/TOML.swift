// TOML module.
