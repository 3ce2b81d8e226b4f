#ifndef SR_PNG_H
#define SR_PNG_H
/*
 * Thin libpng wrappers for the Imaging module.
 *
 * Why a shim at all: libpng reports errors by longjmp, which must never cross Swift frames. Every function here
 * does its own setjmp, and turns a libpng error into a non-zero return with the message copied into the caller's
 * `err` buffer. The header deliberately does not include <png.h>, so Swift sees only these few plain C types.
 */
#include <stddef.h>
#include <stdint.h>

/// Which PNG chunk carries a text entry.
typedef enum {
    SR_PNG_TEXT_tEXt = 0, /* Latin-1, uncompressed */
    SR_PNG_TEXT_iTXt = 1, /* UTF-8, uncompressed */
    SR_PNG_TEXT_zTXt = 2, /* Latin-1, deflate-compressed */
} sr_png_text_kind;

/// Scanline filter choice for encoding; SR_PNG_FILTER_ADAPTIVE lets libpng pick per row.
typedef enum {
    SR_PNG_FILTER_NONE = 0,
    SR_PNG_FILTER_SUB = 1,
    SR_PNG_FILTER_UP = 2,
    SR_PNG_FILTER_AVERAGE = 3,
    SR_PNG_FILTER_PAETH = 4,
    SR_PNG_FILTER_ADAPTIVE = 5,
} sr_png_filter;

/// One text chunk to write. Keyword is NUL-terminated Latin-1; text is `text_length` bytes (Latin-1 for tEXt and
/// zTXt, UTF-8 for iTXt) without NUL bytes.
typedef struct {
    const char *keyword;
    const char *text;
    size_t text_length;
    sr_png_text_kind kind;
} sr_png_text_in;

/// One text chunk read back, converted to UTF-8; both strings are NUL-terminated and owned by the image.
typedef struct {
    char *keyword;
    char *text;
    size_t text_length;
    sr_png_text_kind kind;
} sr_png_text_out;

/// A growable byte buffer the shim mallocs; release it with sr_png_buffer_free.
typedef struct {
    uint8_t *data;
    size_t size;
    size_t capacity;
} sr_png_buffer;

/// A decoded image: `width * height * 4` bytes of RGBA8, plus the text chunks found; release with sr_png_image_free.
typedef struct {
    uint32_t width;
    uint32_t height;
    uint8_t *rgba;
    sr_png_text_out *texts;
    size_t text_count;
    /* What the file held before conversion, for diagnostics. */
    int color_type;
    int bit_depth;
    int interlaced;
} sr_png_image;

/// Encodes RGBA8 rows (tightly packed, top to bottom) into PNG bytes in `out`.
/// With `drop_alpha` set the file is RGB8 and every alpha byte is ignored (the caller has checked the frame is
/// opaque). Writes an sRGB chunk and the given text chunks before the image data.
/// Returns 0 on success; otherwise non-zero with the reason in `err` and `out` emptied.
int sr_png_encode(const uint8_t *rgba, uint32_t width, uint32_t height, int drop_alpha,
                  const sr_png_text_in *texts, size_t text_count, int compression_level, sr_png_filter filter,
                  sr_png_buffer *out, char *err, size_t errlen);

/// Frees a buffer filled by sr_png_encode and resets it to empty; safe on an empty buffer.
void sr_png_buffer_free(sr_png_buffer *buffer);

/// Decodes a PNG held in memory into RGBA8, whatever its colour type, bit depth or interlacing.
/// Before libpng runs, walks the chunk headers and rejects: images wider or taller than 16384, with more than
/// `max_pixels` pixels or more than 512 MiB of RGBA8; chunk lengths over 2^31-1 or past the data; chunks other than
/// IDAT over 8 MiB; text chunks that together hold or inflate to more than 8 MiB.
/// Returns 0 on success; otherwise non-zero with the reason in `err` and `out` emptied.
int sr_png_decode(const uint8_t *data, size_t size, uint64_t max_pixels, sr_png_image *out, char *err, size_t errlen);

/// Frees what sr_png_decode allocated and resets the image to empty; safe on an empty image.
void sr_png_image_free(sr_png_image *image);

/// The libpng version linked at run time, e.g. 10639 for 1.6.39.
int sr_png_version(void);

#endif
