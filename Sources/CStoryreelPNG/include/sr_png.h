#ifndef SR_PNG_H
#define SR_PNG_H
/// Thin libpng wrappers that turn libpng's longjmp errors into return codes (filled in by the Imaging work).
int sr_png_version(void);
#endif
