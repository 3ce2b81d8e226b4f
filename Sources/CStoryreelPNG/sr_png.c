#include <png.h>
#include "sr_png.h"
int sr_png_version(void) { return (int)png_access_version_number(); }
