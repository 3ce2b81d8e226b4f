// OpenBLAS's CBLAS interface (Debian libopenblas-dev); the SD model's convolutions and attention run on sgemm.
#include <cblas.h>
