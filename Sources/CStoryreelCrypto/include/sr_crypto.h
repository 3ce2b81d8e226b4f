#ifndef SR_CRYPTO_H
#define SR_CRYPTO_H
/*
 * Thin OpenSSL wrappers for the Credentials module: a P-256 signing identity (key + X.509 chain), made, loaded
 * and used for ES256. Why a shim: OpenSSL's object lifetimes, macros and error queue are C idioms; here each call
 * owns its temporaries and reports failure as a non-zero return with a message in `err`. The header does not
 * include OpenSSL's, so Swift sees only these plain types.
 */
#include <stddef.h>
#include <stdint.h>

/// Bytes the shim mallocs; release with sr_crypto_bytes_free.
typedef struct {
    uint8_t *data;
    size_t size;
} sr_crypto_bytes;

/// An opaque loaded identity: private key and certificate chain, leaf first.
typedef struct sr_identity sr_identity;

/// Makes a fresh P-256 key and a self-signed end-entity certificate for it (v3, CA:FALSE, digitalSignature,
/// emailProtection, subject and authority key identifiers: the C2PA certificate profile), valid from one day ago
/// for `days`. Writes the key (PKCS#8 PEM) followed by the certificate (PEM) into `pem`.
int sr_identity_create(const char *common_name, const char *organisation, int days, sr_crypto_bytes *pem,
                       char *err, size_t errlen);

/// Which input a failed load is about, so the caller can name the file.
typedef enum { SR_CULPRIT_KEY = 1, SR_CULPRIT_CERTIFICATE = 2, SR_CULPRIT_BOTH = 3 } sr_culprit;

/// Loads a private key from `key_pem` and a certificate chain (leaf first) from `cert_pem`; the two may be the same
/// buffer. Fails unless the key is an EC P-256 key that matches the leaf certificate; then `culprit` says which.
sr_identity *sr_identity_load(const uint8_t *key_pem, size_t key_len, const uint8_t *cert_pem, size_t cert_len,
                              sr_culprit *culprit, char *err, size_t errlen);

/// Number of certificates in the chain.
size_t sr_identity_chain_count(const sr_identity *identity);

/// DER encoding of certificate `index` of the chain.
int sr_identity_chain_der(const sr_identity *identity, size_t index, sr_crypto_bytes *out);

/// The leaf certificate's subject as RFC 2253 text (e.g. "CN=Storyreel,O=me").
int sr_identity_subject(const sr_identity *identity, char *out, size_t outlen);

/// The leaf certificate's expiry as seconds since 1970.
int64_t sr_identity_not_after(const sr_identity *identity);

/// ES256: ECDSA P-256 over SHA-256 of `data` with an RFC 6979 deterministic nonce, as the 64-byte r || s that COSE
/// wants (not DER). The same key and data always give the same signature.
int sr_identity_sign(const sr_identity *identity, const uint8_t *data, size_t len, uint8_t signature[64],
                     char *err, size_t errlen);

/// An incremental SHA-256 (OpenSSL's, which uses the CPU's SHA instructions where it has them).
typedef struct sr_sha256 sr_sha256;
sr_sha256 *sr_sha256_new(void);
void sr_sha256_update(sr_sha256 *hash, const uint8_t *data, size_t len);
/// Writes the digest (unless `digest` is NULL: abandoned) and frees the context.
void sr_sha256_finish(sr_sha256 *hash, uint8_t digest[32]);

/// Releases an identity; safe on NULL.
void sr_identity_free(sr_identity *identity);

/// Releases bytes filled by the shim and resets them to empty.
void sr_crypto_bytes_free(sr_crypto_bytes *bytes);

#endif
