#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "sr_png.h"

/* Limits for untrusted input, checked by libpng before it allocates anything large. */
enum {
    SR_MAX_DIMENSION = 16384,
    SR_MAX_CACHED_CHUNKS = 256,
    SR_MAX_CHUNK_BYTES = 8 * 1024 * 1024,
    /* All text chunks together, after inflating: libpng caps each chunk but keeps up to 256 of them. */
    SR_MAX_TEXT_BYTES = 8 * 1024 * 1024,
};

/* The decoded RGBA8 pixels may take at most this many bytes, whatever pixel limit the caller passes. */
static const uint64_t SR_MAX_DECODED_BYTES = 512ull * 1024 * 1024;

/* Where the custom error callback leaves its message; `warning` keeps the last warning because libpng often
 * explains an error in a warning first (e.g. "Image width exceeds user limit" before "Invalid IHDR data"). */
typedef struct {
    char *err;
    size_t errlen;
    char warning[160];
} sr_error_context;

static void sr_set_message(char *err, size_t errlen, const char *message) {
    if (err != NULL && errlen > 0) snprintf(err, errlen, "%s", message);
}

/* Why: libpng's default handler prints to stderr and longjmps to a buffer we do not own; this one records the
 * message for the caller and jumps back to the setjmp in the shim function that is running. */
static void sr_error(png_structp png, png_const_charp message) {
    sr_error_context *context = (sr_error_context *)png_get_error_ptr(png);
    if (context != NULL && context->err != NULL && context->errlen > 0) {
        if (context->warning[0] != '\0') {
            snprintf(context->err, context->errlen, "%s (%s)", message, context->warning);
        } else {
            snprintf(context->err, context->errlen, "%s", message);
        }
    }
    png_longjmp(png, 1);
}

/* Why: warnings must not reach stderr (it belongs to the terminal UI); keep the last one to explain an error. */
static void sr_warning(png_structp png, png_const_charp message) {
    sr_error_context *context = (sr_error_context *)png_get_error_ptr(png);
    if (context != NULL) snprintf(context->warning, sizeof context->warning, "%s", message);
}

/* ---- Encoding ---- */

/* Why: libpng writes through a callback; this one appends to a doubling heap buffer so no file is involved. */
static void sr_write(png_structp png, png_bytep data, size_t length) {
    sr_png_buffer *buffer = (sr_png_buffer *)png_get_io_ptr(png);
    if (length > SIZE_MAX - buffer->size) png_error(png, "PNG output larger than memory");
    size_t needed = buffer->size + length;
    if (needed > buffer->capacity) {
        size_t capacity = buffer->capacity > 0 ? buffer->capacity : 4096;
        while (capacity < needed) {
            if (capacity > SIZE_MAX / 2) png_error(png, "PNG output larger than memory");
            capacity *= 2;
        }
        uint8_t *grown = (uint8_t *)realloc(buffer->data, capacity);
        if (grown == NULL) png_error(png, "out of memory growing the PNG output buffer");
        buffer->data = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->data + buffer->size, data, length);
    buffer->size = needed;
}

/* Why: libpng requires a flush callback with a custom writer; memory needs no flushing. */
static void sr_flush(png_structp png) { (void)png; }

static int sr_filter_mask(sr_png_filter filter) {
    switch (filter) {
    case SR_PNG_FILTER_NONE: return PNG_FILTER_NONE;
    case SR_PNG_FILTER_SUB: return PNG_FILTER_SUB;
    case SR_PNG_FILTER_UP: return PNG_FILTER_UP;
    case SR_PNG_FILTER_AVERAGE: return PNG_FILTER_AVG;
    case SR_PNG_FILTER_PAETH: return PNG_FILTER_PAETH;
    case SR_PNG_FILTER_ADAPTIVE: return PNG_ALL_FILTERS;
    }
    return -1;
}

static int sr_text_compression(sr_png_text_kind kind) {
    switch (kind) {
    case SR_PNG_TEXT_tEXt: return PNG_TEXT_COMPRESSION_NONE;
    case SR_PNG_TEXT_iTXt: return PNG_ITXT_COMPRESSION_NONE;
    case SR_PNG_TEXT_zTXt: return PNG_TEXT_COMPRESSION_zTXt;
    }
    return -99;
}

/* Why: the buffer was grown with realloc in C, so it must go back through C's free, not Swift's allocator. */
void sr_png_buffer_free(sr_png_buffer *buffer) {
    if (buffer == NULL) return;
    free(buffer->data);
    buffer->data = NULL;
    buffer->size = 0;
    buffer->capacity = 0;
}

/* Why: wraps libpng's multi-call write sequence (create, IHDR, sRGB, text, transforms, rows, end) behind one
 * setjmp so a libpng error becomes a return code instead of a longjmp through Swift. */
int sr_png_encode(const uint8_t *rgba, uint32_t width, uint32_t height, int drop_alpha,
                  const sr_png_text_in *texts, size_t text_count, int compression_level, sr_png_filter filter,
                  sr_png_buffer *out, char *err, size_t errlen) {
    sr_set_message(err, errlen, "");
    if (out == NULL) {
        sr_set_message(err, errlen, "no output buffer given");
        return 1;
    }
    out->data = NULL;
    out->size = 0;
    out->capacity = 0;
    if (rgba == NULL || width == 0 || height == 0) {
        sr_set_message(err, errlen, "image has no pixels");
        return 1;
    }
    if (compression_level < 0 || compression_level > 9) {
        sr_set_message(err, errlen, "compression level must be 0...9");
        return 1;
    }
    int filter_mask = sr_filter_mask(filter);
    if (filter_mask < 0) {
        sr_set_message(err, errlen, "unknown filter choice");
        return 1;
    }
    if (text_count > 0 && texts == NULL) {
        sr_set_message(err, errlen, "text chunk array missing");
        return 1;
    }
    for (size_t i = 0; i < text_count; i++) {
        if (texts[i].keyword == NULL || texts[i].text == NULL || sr_text_compression(texts[i].kind) == -99) {
            sr_set_message(err, errlen, "malformed text chunk");
            return 1;
        }
    }

    sr_error_context context = {err, errlen, {0}};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &context, sr_error, sr_warning);
    if (png == NULL) {
        sr_set_message(err, errlen, "libpng could not create a write structure");
        return 1;
    }
    png_infop info = png_create_info_struct(png);
    if (info == NULL) {
        png_destroy_write_struct(&png, NULL);
        sr_set_message(err, errlen, "libpng could not create an info structure");
        return 1;
    }
    /* Assigned after setjmp and read in the error path, hence volatile. */
    png_bytep *volatile rows = NULL;
    png_textp volatile png_texts = NULL;

    if (setjmp(png_jmpbuf(png))) {
        free(rows);
        free(png_texts);
        png_destroy_write_struct(&png, &info);
        sr_png_buffer_free(out);
        return 1;
    }

    png_set_write_fn(png, out, sr_write, sr_flush);
    png_set_IHDR(png, info, width, height, 8, drop_alpha ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGB_ALPHA,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_sRGB(png, info, PNG_sRGB_INTENT_PERCEPTUAL);

    if (text_count > 0) {
        png_texts = (png_textp)calloc(text_count, sizeof(png_text));
        if (png_texts == NULL) png_error(png, "out of memory for text chunks");
        for (size_t i = 0; i < text_count; i++) {
            /* libpng copies these in png_set_text and never writes through them. */
            png_texts[i].compression = sr_text_compression(texts[i].kind);
            png_texts[i].key = (png_charp)texts[i].keyword;
            png_texts[i].text = (png_charp)texts[i].text;
            if (texts[i].kind == SR_PNG_TEXT_iTXt) {
                png_texts[i].itxt_length = texts[i].text_length;
            } else {
                png_texts[i].text_length = texts[i].text_length;
            }
        }
        if (text_count > (size_t)INT32_MAX) png_error(png, "too many text chunks");
        png_set_text(png, info, png_texts, (int)text_count);
        free(png_texts);
        png_texts = NULL;
    }

    png_set_compression_level(png, compression_level);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, filter_mask);
    png_write_info(png, info);
    /* Input rows are always RGBA; for an RGB file libpng strips the fourth byte as a "filler". */
    if (drop_alpha) png_set_filler(png, 0, PNG_FILLER_AFTER);

    rows = (png_bytep *)malloc((size_t)height * sizeof(png_bytep));
    if (rows == NULL) png_error(png, "out of memory for row pointers");
    size_t stride = (size_t)width * 4;
    for (uint32_t y = 0; y < height; y++) {
        /* libpng copies each row before transforming it, so the const input is never written. */
        rows[y] = (png_bytep)(rgba + (size_t)y * stride);
    }
    png_write_image(png, rows);
    png_write_end(png, NULL);

    free(rows);
    rows = NULL;
    png_destroy_write_struct(&png, &info);
    return 0;
}

/* ---- Decoding ---- */

typedef struct {
    const uint8_t *data;
    size_t size;
    size_t position;
} sr_reader;

/* Why: libpng reads through a callback; this one serves bytes from memory and turns running out into an error
 * (libpng would otherwise have no way to learn the input is truncated). */
static void sr_read(png_structp png, png_bytep out, size_t length) {
    sr_reader *reader = (sr_reader *)png_get_io_ptr(png);
    if (length > reader->size - reader->position) png_error(png, "unexpected end of data: the PNG is truncated");
    memcpy(out, reader->data + reader->position, length);
    reader->position += length;
}

/* Latin-1 to UTF-8: bytes below 0x80 are copied, the others become two bytes. Returns NULL if out of memory. */
static char *sr_latin1_to_utf8(const char *latin1, size_t *out_length) {
    size_t length = strlen(latin1);
    char *utf8 = (char *)malloc(length * 2 + 1);
    if (utf8 == NULL) return NULL;
    size_t j = 0;
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)latin1[i];
        if (c < 0x80) {
            utf8[j++] = (char)c;
        } else {
            utf8[j++] = (char)(0xC0 | (c >> 6));
            utf8[j++] = (char)(0x80 | (c & 0x3F));
        }
    }
    utf8[j] = '\0';
    if (out_length != NULL) *out_length = j;
    return utf8;
}

static char *sr_copy_string(const char *text, size_t *out_length) {
    size_t length = strlen(text);
    char *copy = (char *)malloc(length + 1);
    if (copy == NULL) return NULL;
    memcpy(copy, text, length + 1);
    if (out_length != NULL) *out_length = length;
    return copy;
}

/* Why: one call frees the pixels and every text string, so Swift never walks C-owned memory to release it. */
void sr_png_image_free(sr_png_image *image) {
    if (image == NULL) return;
    free(image->rgba);
    if (image->texts != NULL) {
        for (size_t i = 0; i < image->text_count; i++) {
            free(image->texts[i].keyword);
            free(image->texts[i].text);
        }
        free(image->texts);
    }
    memset(image, 0, sizeof *image);
}

/* ---- Limits checked before libpng runs ---- */

static uint32_t sr_be32(const uint8_t *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* The chunk type as printable text for messages (a hostile type could hold control bytes). */
static void sr_type_name(const uint8_t *type, char out[5]) {
    for (int i = 0; i < 4; i++) out[i] = (type[i] >= 'A' && type[i] <= 'Z') || (type[i] >= 'a' && type[i] <= 'z') ? (char)type[i] : '?';
    out[4] = '\0';
}

/* How many bytes a zlib stream inflates to, counting at most `budget + 1` so a bomb costs only the budget.
 * A damaged stream counts what it gave before the damage; libpng reports the damage itself. */
static uint64_t sr_inflated_size(const uint8_t *data, size_t size, uint64_t budget) {
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    if (inflateInit(&stream) != Z_OK) return 0;
    uint8_t scratch[16 * 1024]; /* on the stack: decodes run on several threads at once */
    uint64_t total = 0;
    stream.next_in = (Bytef *)data;
    stream.avail_in = (uInt)size;
    for (;;) {
        stream.next_out = scratch;
        stream.avail_out = sizeof scratch;
        int status = inflate(&stream, Z_NO_FLUSH);
        total += sizeof scratch - stream.avail_out;
        if (status != Z_OK || total > budget) break;
        if (stream.avail_out != 0 && stream.avail_in == 0) break;
    }
    inflateEnd(&stream);
    return total;
}

/* Where a zTXt's or a compressed iTXt's zlib stream starts inside the chunk data; NULL when it has none. */
static const uint8_t *sr_text_stream(const uint8_t *type, const uint8_t *data, size_t length) {
    const uint8_t *end = data + length;
    const uint8_t *p = memchr(data, 0, length);
    if (p == NULL) return NULL;
    p += 1; /* past the keyword's NUL */
    if (memcmp(type, "zTXt", 4) == 0) return end - p >= 1 ? p + 1 : NULL; /* past the method byte */
    if (end - p < 2 || p[0] != 1) return NULL; /* iTXt: compression flag 1, then the method */
    p += 2;
    for (int field = 0; field < 2; field++) { /* language tag, translated keyword */
        p = memchr(p, 0, (size_t)(end - p));
        if (p == NULL) return NULL;
        p += 1;
    }
    return p;
}

/* Why: libpng checks the image size only once it reads IHDR, allocates a declared chunk length before finding the
 * data missing (a 2 GiB tEXt cost 2 GiB of memory), and drops an over-long text chunk without saying so. Walking the
 * chunk headers first makes each of these one clear error before any allocation. Returns 0 when within limits. */
static int sr_png_check_limits(const uint8_t *data, size_t size, uint64_t max_pixels, char *err, size_t errlen) {
    size_t offset = 8;
    uint64_t text_bytes = 0;
    for (int index = 0;; index++) {
        if (size - offset < 12) {
            snprintf(err, errlen, "truncated: chunk %d at byte %zu needs 12 bytes of header and CRC, %zu left", index,
                     offset, size - offset);
            return 1;
        }
        const uint8_t *type = data + offset + 4;
        char name[5];
        sr_type_name(type, name);
        uint32_t length = sr_be32(data + offset);
        if (length > 0x7FFFFFFFu) {
            snprintf(err, errlen, "chunk %s at byte %zu declares %u data bytes; PNG allows at most 2147483647", name,
                     offset, length);
            return 1;
        }
        if (length > size - offset - 12) {
            snprintf(err, errlen, "truncated: chunk %s at byte %zu declares %u data bytes, only %zu remain", name,
                     offset, length, size - offset - 12);
            return 1;
        }
        if (memcmp(type, "IDAT", 4) != 0 && length > SR_MAX_CHUNK_BYTES) {
            snprintf(err, errlen, "chunk %s at byte %zu has %u data bytes; expected at most %d outside IDAT", name,
                     offset, length, SR_MAX_CHUNK_BYTES);
            return 1;
        }
        const uint8_t *body = data + offset + 8;
        if (index == 0) {
            if (memcmp(type, "IHDR", 4) != 0 || length != 13) {
                snprintf(err, errlen, "first chunk is %s with %u bytes; expected IHDR with 13", name, length);
                return 1;
            }
            uint64_t width = sr_be32(body), height = sr_be32(body + 4);
            uint64_t pixels = width * height;
            if (width == 0 || height == 0 || width > SR_MAX_DIMENSION || height > SR_MAX_DIMENSION ||
                pixels > max_pixels || pixels * 4 > SR_MAX_DECODED_BYTES) {
                uint64_t limit = max_pixels < SR_MAX_DECODED_BYTES / 4 ? max_pixels : SR_MAX_DECODED_BYTES / 4;
                snprintf(err, errlen, "image is %llux%llu pixels, over the limit: expected 1 to %d a side and at "
                         "most %llu pixels (%llu MiB decoded)", (unsigned long long)width, (unsigned long long)height, SR_MAX_DIMENSION,
                         (unsigned long long)limit, (unsigned long long)(limit * 4 >> 20));
                return 1;
            }
        }
        int compressed_text = memcmp(type, "zTXt", 4) == 0 || memcmp(type, "iTXt", 4) == 0;
        int plain_text = memcmp(type, "tEXt", 4) == 0 || memcmp(type, "iTXt", 4) == 0;
        const uint8_t *stream = compressed_text ? sr_text_stream(type, body, length) : NULL;
        if (stream != NULL) {
            text_bytes += sr_inflated_size(stream, (size_t)(body + length - stream), SR_MAX_TEXT_BYTES - text_bytes);
        } else if (plain_text) {
            text_bytes += length;
        }
        if (text_bytes > SR_MAX_TEXT_BYTES) {
            snprintf(err, errlen, "text chunks inflate past %d bytes at the %s chunk at byte %zu; expected at most "
                     "that much text", SR_MAX_TEXT_BYTES, name, offset);
            return 1;
        }
        if (memcmp(type, "IEND", 4) == 0) return 0;
        offset += 12 + (size_t)length;
    }
}

/* Why: wraps libpng's read sequence behind one setjmp, sets the limits for untrusted input before any chunk is
 * read, and normalises every colour type and bit depth to the one layout Frame holds (RGBA8). */
int sr_png_decode(const uint8_t *data, size_t size, uint64_t max_pixels, sr_png_image *out, char *err, size_t errlen) {
    sr_set_message(err, errlen, "");
    if (out == NULL) {
        sr_set_message(err, errlen, "no output image given");
        return 1;
    }
    memset(out, 0, sizeof *out);
    if (data == NULL || size == 0) {
        sr_set_message(err, errlen, "no data: the input is empty");
        return 1;
    }
    if (size < 8 || png_sig_cmp((png_const_bytep)data, 0, 8) != 0) {
        sr_set_message(err, errlen, "not a PNG: the first 8 bytes are not the PNG signature");
        return 1;
    }
    char limit_message[256] = "";
    if (sr_png_check_limits(data, size, max_pixels, limit_message, sizeof limit_message) != 0) {
        sr_set_message(err, errlen, limit_message);
        return 1;
    }

    sr_error_context context = {err, errlen, {0}};
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &context, sr_error, sr_warning);
    if (png == NULL) {
        sr_set_message(err, errlen, "libpng could not create a read structure");
        return 1;
    }
    png_infop info = png_create_info_struct(png);
    if (info == NULL) {
        png_destroy_read_struct(&png, NULL, NULL);
        sr_set_message(err, errlen, "libpng could not create an info structure");
        return 1;
    }
    sr_reader reader = {data, size, 0};
    png_bytep *volatile rows = NULL;

    if (setjmp(png_jmpbuf(png))) {
        free(rows);
        png_destroy_read_struct(&png, &info, NULL);
        sr_png_image_free(out);
        return 1;
    }

    png_set_user_limits(png, SR_MAX_DIMENSION, SR_MAX_DIMENSION);
    png_set_chunk_cache_max(png, SR_MAX_CACHED_CHUNKS);
    png_set_chunk_malloc_max(png, SR_MAX_CHUNK_BYTES);
    png_set_read_fn(png, &reader, sr_read);
    png_read_info(png, info);

    png_uint_32 width = 0, height = 0;
    int bit_depth = 0, color_type = 0, interlace = 0;
    png_get_IHDR(png, info, &width, &height, &bit_depth, &color_type, &interlace, NULL, NULL);
    uint64_t pixels = (uint64_t)width * (uint64_t)height;
    if (pixels > max_pixels) {
        char message[160];
        snprintf(message, sizeof message, "image is %ux%u = %llu pixels, over the limit of %llu", (unsigned)width,
                 (unsigned)height, (unsigned long long)pixels, (unsigned long long)max_pixels);
        png_error(png, message);
    }
    out->color_type = color_type;
    out->bit_depth = bit_depth;
    out->interlaced = interlace != PNG_INTERLACE_NONE;

    /* Normalise to RGBA8. Gamma is left alone on purpose: pixels are returned as stored. */
    int has_trns = png_get_valid(png, info, PNG_INFO_tRNS) != 0;
    if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(png);
    if (has_trns) png_set_tRNS_to_alpha(png);
    if (bit_depth == 16) png_set_strip_16(png);
    if ((color_type & PNG_COLOR_MASK_COLOR) == 0) png_set_gray_to_rgb(png);
    if ((color_type & PNG_COLOR_MASK_ALPHA) == 0 && !has_trns) png_set_add_alpha(png, 0xFF, PNG_FILLER_AFTER);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);

    size_t stride = (size_t)width * 4;
    if (png_get_rowbytes(png, info) != stride) png_error(png, "conversion to RGBA8 gave an unexpected row size");

    /* width and height are at most 16384 each, so this cannot overflow size_t. */
    out->rgba = (uint8_t *)malloc(stride * height);
    if (out->rgba == NULL) png_error(png, "out of memory for the decoded pixels");
    out->width = width;
    out->height = height;
    rows = (png_bytep *)malloc((size_t)height * sizeof(png_bytep));
    if (rows == NULL) png_error(png, "out of memory for row pointers");
    for (png_uint_32 y = 0; y < height; y++) rows[y] = out->rgba + (size_t)y * stride;
    png_read_image(png, rows);
    png_read_end(png, info);
    free(rows);
    rows = NULL;

    png_textp texts = NULL;
    int count = png_get_text(png, info, &texts, NULL);
    if (count > 0 && texts != NULL) {
        out->texts = (sr_png_text_out *)calloc((size_t)count, sizeof(sr_png_text_out));
        if (out->texts == NULL) png_error(png, "out of memory for text chunks");
        out->text_count = (size_t)count;
        for (int i = 0; i < count; i++) {
            sr_png_text_out *entry = &out->texts[i];
            int international = texts[i].compression == PNG_ITXT_COMPRESSION_NONE ||
                                texts[i].compression == PNG_ITXT_COMPRESSION_zTXt;
            entry->kind = international ? SR_PNG_TEXT_iTXt
                          : texts[i].compression == PNG_TEXT_COMPRESSION_zTXt ? SR_PNG_TEXT_zTXt
                                                                              : SR_PNG_TEXT_tEXt;
            /* Keywords are Latin-1 in every text chunk; only iTXt text is already UTF-8. */
            entry->keyword = sr_latin1_to_utf8(texts[i].key != NULL ? texts[i].key : "", NULL);
            const char *text = texts[i].text != NULL ? texts[i].text : "";
            entry->text = international ? sr_copy_string(text, &entry->text_length)
                                        : sr_latin1_to_utf8(text, &entry->text_length);
            if (entry->keyword == NULL || entry->text == NULL) png_error(png, "out of memory for text chunks");
        }
    }

    png_destroy_read_struct(&png, &info, NULL);
    return 0;
}

/* Why: lets a diagnostic report which libpng is linked at run time without Swift importing <png.h>. */
int sr_png_version(void) { return (int)png_access_version_number(); }
