// glibc's mallopt (not in Swift's Glibc module): the SD model keeps freed tensor buffers in the heap instead of
// returning them to the kernel, which would zero fresh pages for every layer's output.
#include <malloc.h>
