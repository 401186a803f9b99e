// The module is header-only (samen_cpu.h); SwiftPM wants a source file in a C target.
#include "samen_cpu.h"
