#include "http/memory.h"

#include <malloc.h>

namespace ddb {

void UseReturnableLargeAllocations() {
  // Setting them also turns off glibc's dynamic adjustment of both thresholds.
  mallopt(M_MMAP_THRESHOLD, static_cast<int>(kLargeAllocationBytes));
  mallopt(M_TRIM_THRESHOLD, static_cast<int>(kLargeAllocationBytes));
}

void ReturnFreedMemory() { malloc_trim(0); }

}  // namespace ddb
