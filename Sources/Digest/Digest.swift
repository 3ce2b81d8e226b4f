// Digest module.
