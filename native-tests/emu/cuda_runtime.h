// Stands in for the CUDA runtime header in the CPU-emulation build (g++ -Inative-tests/emu), so
// that the kernel sources' `#include <cuda_runtime.h>` finds the emulation instead.
#pragma once
#include "cuda_emu.h"
