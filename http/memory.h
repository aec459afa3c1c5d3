// Handing freed memory back to the system. glibc keeps what a thread frees in that thread's
// arena, and after a large block is freed it raises its mmap threshold so that the next large
// blocks come from the arenas too: a few requests near the 16 MB body limit, on several threads,
// would keep hundreds of megabytes for the life of the process.
#pragma once

#include <cstddef>

namespace ddb {

// Blocks at least this large are mapped and unmapped on their own, never kept in an arena.
inline constexpr size_t kLargeAllocationBytes = 1 << 20;

// Fixes the allocator's mmap threshold at kLargeAllocationBytes. Call once at start-up, before
// other threads start.
void UseReturnableLargeAllocations();

// Returns the free pages of every arena to the system (malloc_trim; a millisecond or so). Call
// after freeing the buffers of a request of kLargeAllocationBytes or more. Thread-safe.
void ReturnFreedMemory();

}  // namespace ddb
