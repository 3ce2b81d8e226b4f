/* The deterministic signer below needs ECDSA_do_sign_ex, which OpenSSL 3.0 marks deprecated (3.2 added a
 * provider parameter for RFC 6979 nonces, but Debian 12 ships 3.0). */
#define OPENSSL_SUPPRESS_DEPRECATED
#include "sr_crypto.h"

#include <openssl/hmac.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct sr_identity {
    EVP_PKEY *key;
    /* The legacy view of the key, made once at load: OpenSSL caches it inside the EVP_PKEY on first request, which
     * is not safe to race from signing threads. */
    EC_KEY *ec;
    X509 **chain;
    size_t count;
};

/* Puts `what` and OpenSSL's oldest queued reason into err, and empties the queue (it is per thread). */
static int fail(char *err, size_t errlen, const char *what) {
    unsigned long code = ERR_get_error();
    if (code != 0) {
        char reason[200];
        ERR_error_string_n(code, reason, sizeof reason);
        snprintf(err, errlen, "%s (%s)", what, reason);
    } else {
        snprintf(err, errlen, "%s", what);
    }
    ERR_clear_error();
    return -1;
}

static int bio_bytes(BIO *bio, sr_crypto_bytes *out) {
    char *data = NULL;
    long size = BIO_get_mem_data(bio, &data);
    if (size <= 0) return -1;
    out->data = malloc((size_t)size);
    if (!out->data) return -1;
    memcpy(out->data, data, (size_t)size);
    out->size = (size_t)size;
    return 0;
}

static int add_extension(X509 *cert, X509V3_CTX *ctx, int nid, const char *value) {
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(NULL, ctx, nid, value);
    if (!ext) return -1;
    int ok = X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
    return ok ? 0 : -1;
}

int sr_identity_create(const char *common_name, const char *organisation, int days, sr_crypto_bytes *pem,
                       char *err, size_t errlen) {
    pem->data = NULL;
    pem->size = 0;
    int status = -1;
    EVP_PKEY *key = EVP_EC_gen("P-256");
    X509 *cert = X509_new();
    BIGNUM *serial = BN_new();
    BIO *bio = BIO_new(BIO_s_mem());
    if (!key || !cert || !serial || !bio) { fail(err, errlen, "cannot make a P-256 key"); goto done; }
    /* A random positive 127-bit serial, as RFC 5280 asks of issuers. */
    if (!X509_set_version(cert, 2) || !BN_rand(serial, 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY)
        || !BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(cert))
        || !X509_gmtime_adj(X509_getm_notBefore(cert), -86400)
        || !X509_gmtime_adj(X509_getm_notAfter(cert), (long)days * 86400) || !X509_set_pubkey(cert, key)) {
        fail(err, errlen, "cannot fill in the certificate");
        goto done;
    }
    X509_NAME *name = X509_get_subject_name(cert);
    if (!X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, (const unsigned char *)common_name, -1, -1, 0)
        || (organisation && *organisation
            && !X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, (const unsigned char *)organisation, -1, -1, 0))
        || !X509_set_issuer_name(cert, name)) {
        fail(err, errlen, "cannot name the certificate");
        goto done;
    }
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, NULL, NULL, 0);
    /* The subject key id goes first: the authority key id of a self-signed certificate is copied from it. */
    if (add_extension(cert, &ctx, NID_basic_constraints, "critical,CA:FALSE")
        || add_extension(cert, &ctx, NID_key_usage, "critical,digitalSignature")
        || add_extension(cert, &ctx, NID_ext_key_usage, "emailProtection")
        || add_extension(cert, &ctx, NID_subject_key_identifier, "hash")
        || add_extension(cert, &ctx, NID_authority_key_identifier, "keyid:always")) {
        fail(err, errlen, "cannot add the certificate's extensions");
        goto done;
    }
    if (!X509_sign(cert, key, EVP_sha256())) { fail(err, errlen, "cannot sign the certificate"); goto done; }
    if (!PEM_write_bio_PrivateKey(bio, key, NULL, NULL, 0, NULL, NULL) || !PEM_write_bio_X509(bio, cert)
        || bio_bytes(bio, pem)) {
        fail(err, errlen, "cannot write the key and certificate as PEM");
        goto done;
    }
    status = 0;
done:
    BIO_free(bio);
    BN_free(serial);
    X509_free(cert);
    EVP_PKEY_free(key);
    return status;
}

/* Never prompts for a pass phrase on the terminal: an encrypted key is simply unreadable here. */
static int no_pass_phrase(char *buf, int size, int rwflag, void *u) {
    (void)buf; (void)size; (void)rwflag; (void)u;
    return -1;
}

sr_identity *sr_identity_load(const uint8_t *key_pem, size_t key_len, const uint8_t *cert_pem, size_t cert_len,
                              sr_culprit *culprit, char *err, size_t errlen) {
    *culprit = SR_CULPRIT_KEY;
    sr_identity *identity = calloc(1, sizeof *identity);
    BIO *key_bio = BIO_new_mem_buf(key_pem, (int)key_len);
    BIO *cert_bio = BIO_new_mem_buf(cert_pem, (int)cert_len);
    if (!identity || !key_bio || !cert_bio) { fail(err, errlen, "out of memory"); goto failed; }
    identity->key = PEM_read_bio_PrivateKey(key_bio, NULL, no_pass_phrase, NULL);
    if (!identity->key) {
        fail(err, errlen, "no readable unencrypted private key in PEM form");
        goto failed;
    }
    char group[64] = {0};
    size_t group_len = 0;
    if (EVP_PKEY_get_base_id(identity->key) != EVP_PKEY_EC
        || !EVP_PKEY_get_utf8_string_param(identity->key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &group_len)
        || strcmp(group, "prime256v1") != 0) {
        ERR_clear_error();
        snprintf(err, errlen, "the private key is not an EC P-256 key (ES256 needs one)");
        goto failed;
    }
    identity->ec = EVP_PKEY_get1_EC_KEY(identity->key);
    if (!identity->ec) { fail(err, errlen, "cannot use the EC key"); goto failed; }
    *culprit = SR_CULPRIT_CERTIFICATE;
    X509 *cert;
    while ((cert = PEM_read_bio_X509(cert_bio, NULL, NULL, NULL)) != NULL) {
        X509 **grown = realloc(identity->chain, (identity->count + 1) * sizeof *grown);
        if (!grown) { X509_free(cert); fail(err, errlen, "out of memory"); goto failed; }
        identity->chain = grown;
        identity->chain[identity->count++] = cert;
    }
    ERR_clear_error(); /* the loop ends on "no start line", which is not an error */
    if (identity->count == 0) {
        snprintf(err, errlen, "no certificate in PEM form");
        goto failed;
    }
    *culprit = SR_CULPRIT_BOTH;
    if (X509_check_private_key(identity->chain[0], identity->key) != 1) {
        ERR_clear_error();
        snprintf(err, errlen, "the private key does not match the certificate");
        goto failed;
    }
    BIO_free(key_bio);
    BIO_free(cert_bio);
    return identity;
failed:
    BIO_free(key_bio);
    BIO_free(cert_bio);
    sr_identity_free(identity);
    return NULL;
}

size_t sr_identity_chain_count(const sr_identity *identity) { return identity->count; }

int sr_identity_chain_der(const sr_identity *identity, size_t index, sr_crypto_bytes *out) {
    out->data = NULL;
    out->size = 0;
    if (index >= identity->count) return -1;
    unsigned char *der = NULL;
    int size = i2d_X509(identity->chain[index], &der);
    if (size <= 0) return -1;
    out->data = malloc((size_t)size);
    if (!out->data) { OPENSSL_free(der); return -1; }
    memcpy(out->data, der, (size_t)size);
    out->size = (size_t)size;
    OPENSSL_free(der);
    return 0;
}

int sr_identity_subject(const sr_identity *identity, char *out, size_t outlen) {
    BIO *bio = BIO_new(BIO_s_mem());
    if (!bio) return -1;
    int status = -1;
    if (X509_NAME_print_ex(bio, X509_get_subject_name(identity->chain[0]), 0, XN_FLAG_RFC2253) >= 0) {
        char *data = NULL;
        long size = BIO_get_mem_data(bio, &data);
        if (size >= 0 && (size_t)size < outlen) {
            memcpy(out, data, (size_t)size);
            out[size] = 0;
            status = 0;
        }
    }
    BIO_free(bio);
    return status;
}

int64_t sr_identity_not_after(const sr_identity *identity) {
    struct tm tm;
    if (!ASN1_TIME_to_tm(X509_get0_notAfter(identity->chain[0]), &tm)) return 0;
    return (int64_t)timegm(&tm);
}

/* HMAC-SHA256 of the concatenation of up to three parts. */
static int hmac3(const unsigned char key[32], const unsigned char *a, size_t alen, const unsigned char *b, size_t blen,
                 const unsigned char *c, size_t clen, unsigned char out[32]) {
    unsigned char buf[32 + 1 + 32 + 32];
    if (alen + blen + clen > sizeof buf) return -1;
    memcpy(buf, a, alen);
    if (blen) memcpy(buf + alen, b, blen);
    if (clen) memcpy(buf + alen + blen, c, clen);
    unsigned int outlen = 0;
    return HMAC(EVP_sha256(), key, 32, buf, alen + blen + clen, out, &outlen) && outlen == 32 ? 0 : -1;
}

/* RFC 6979 section 3.2 for a 256-bit order and SHA-256 (qlen = hlen = 256, so bits2int is a plain conversion):
 * the nonce k as HMAC-DRBG of the private key and the digest. */
static int rfc6979_nonce(const BIGNUM *x, const BIGNUM *n, const unsigned char h1[32], BIGNUM *k, BN_CTX *ctx) {
    unsigned char V[32], K[32], xo[32], ho[32];
    int status = -1;
    BIGNUM *h = BN_CTX_get(ctx);
    if (!h || BN_bn2binpad(x, xo, 32) != 32 || !BN_bin2bn(h1, 32, h) || !BN_nnmod(h, h, n, ctx)
        || BN_bn2binpad(h, ho, 32) != 32) goto done;
    memset(V, 0x01, 32);
    memset(K, 0x00, 32);
    for (unsigned char round = 0; round < 2; round++) {
        unsigned char sep[33];
        memcpy(sep, V, 32);
        sep[32] = round;
        if (hmac3(K, sep, 33, xo, 32, ho, 32, K) || hmac3(K, V, 32, NULL, 0, NULL, 0, V)) goto done;
    }
    for (int tries = 0; tries < 64; tries++) {
        if (hmac3(K, V, 32, NULL, 0, NULL, 0, V) || !BN_bin2bn(V, 32, k)) goto done;
        if (!BN_is_zero(k) && BN_cmp(k, n) < 0) { status = 0; goto done; }
        unsigned char zero = 0;
        if (hmac3(K, V, 32, &zero, 1, NULL, 0, K) || hmac3(K, V, 32, NULL, 0, NULL, 0, V)) goto done;
    }
done:
    OPENSSL_cleanse(K, sizeof K);
    OPENSSL_cleanse(V, sizeof V);
    OPENSSL_cleanse(xo, sizeof xo);
    return status;
}

int sr_identity_sign(const sr_identity *identity, const uint8_t *data, size_t len, uint8_t signature[64],
                     char *err, size_t errlen) {
    int status = -1;
    unsigned char digest[32];
    unsigned int digest_len = 0;
    ECDSA_SIG *sig = NULL;
    EC_POINT *R = NULL;
    BIGNUM *kinv = NULL;
    BN_CTX *ctx = BN_CTX_new();
    if (!ctx) { fail(err, errlen, "out of memory"); return -1; }
    BN_CTX_start(ctx);
    BIGNUM *k = BN_CTX_get(ctx), *rx = BN_CTX_get(ctx), *r = BN_CTX_get(ctx);
    const EC_GROUP *group = EC_KEY_get0_group(identity->ec);
    const BIGNUM *n = EC_GROUP_get0_order(group);
    const BIGNUM *x = EC_KEY_get0_private_key(identity->ec);
    if (!k || !rx || !r || !x || !EVP_Digest(data, len, digest, &digest_len, EVP_sha256(), NULL) || digest_len != 32) {
        fail(err, errlen, "cannot hash the data to sign");
        goto done;
    }
    /* A deterministic nonce (RFC 6979) instead of a random one: the same render signs to the same bytes, and a
     * weak random source can never leak the key through reused nonces. */
    R = EC_POINT_new(group);
    if (!R || rfc6979_nonce(x, n, digest, k, ctx) || !EC_POINT_mul(group, R, k, NULL, NULL, ctx)
        || !EC_POINT_get_affine_coordinates(group, R, rx, NULL, ctx) || !BN_nnmod(r, rx, n, ctx)
        || !(kinv = BN_mod_inverse(NULL, k, n, ctx))) {
        fail(err, errlen, "cannot derive the ECDSA nonce");
        goto done;
    }
    sig = ECDSA_do_sign_ex(digest, 32, kinv, r, identity->ec);
    const BIGNUM *sr = NULL, *ss = NULL;
    if (!sig) { fail(err, errlen, "ECDSA signing failed"); goto done; }
    /* COSE wants r and s as fixed 32-byte big-endian halves, not DER. */
    ECDSA_SIG_get0(sig, &sr, &ss);
    if (BN_bn2binpad(sr, signature, 32) != 32 || BN_bn2binpad(ss, signature + 32, 32) != 32) {
        fail(err, errlen, "the ECDSA signature does not fit 64 bytes");
        goto done;
    }
    status = 0;
done:
    ECDSA_SIG_free(sig);
    BN_clear_free(kinv);
    EC_POINT_free(R);
    BN_CTX_end(ctx);
    BN_CTX_free(ctx);
    return status;
}

struct sr_sha256 {
    EVP_MD_CTX *ctx;
};

sr_sha256 *sr_sha256_new(void) {
    sr_sha256 *hash = malloc(sizeof *hash);
    if (!hash) return NULL;
    hash->ctx = EVP_MD_CTX_new();
    if (!hash->ctx || !EVP_DigestInit_ex(hash->ctx, EVP_sha256(), NULL)) {
        EVP_MD_CTX_free(hash->ctx);
        free(hash);
        return NULL;
    }
    return hash;
}

void sr_sha256_update(sr_sha256 *hash, const uint8_t *data, size_t len) {
    EVP_DigestUpdate(hash->ctx, data, len);
}

void sr_sha256_finish(sr_sha256 *hash, uint8_t digest[32]) {
    unsigned int len = 0;
    if (digest) EVP_DigestFinal_ex(hash->ctx, digest, &len);
    EVP_MD_CTX_free(hash->ctx);
    free(hash);
}

void sr_identity_free(sr_identity *identity) {
    if (!identity) return;
    for (size_t i = 0; i < identity->count; i++) X509_free(identity->chain[i]);
    free(identity->chain);
    EC_KEY_free(identity->ec);
    EVP_PKEY_free(identity->key);
    free(identity);
}

void sr_crypto_bytes_free(sr_crypto_bytes *bytes) {
    free(bytes->data);
    bytes->data = NULL;
    bytes->size = 0;
}
