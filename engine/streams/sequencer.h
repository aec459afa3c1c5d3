// Sequencer: stream sequence numbers, and the watermark below which every record is committed.
//
// A writer takes a number under the item's lock, puts the record in the item's write batch,
// and releases the number when the batch is written (or failed). Numbers increase in the order
// they are taken, which for one item is its commit order. Readers return only records below the
// watermark, the smallest number still in flight, so a record committed late never appears
// behind a reader's position: every reader sees every record exactly once, in order.
// Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <set>
#include <vector>

namespace ddb::streams {

class Sequencer {
 public:
  // `next` is one more than the largest number on disk.
  explicit Sequencer(uint64_t next = 1) : next_(next) {}
  // Sets the next number; only before any writer runs.
  void Reset(uint64_t next) {
    std::lock_guard lock(mu_);
    next_ = next;
  }

  uint64_t Take() {
    std::lock_guard lock(mu_);
    in_flight_.insert(next_);
    return next_++;
  }
  void Release(const std::vector<uint64_t>& numbers) {
    if (numbers.empty()) return;
    std::lock_guard lock(mu_);
    for (uint64_t n : numbers) in_flight_.erase(n);
  }
  // Every record numbered below this is committed or will never exist.
  uint64_t Watermark() const {
    std::lock_guard lock(mu_);
    return in_flight_.empty() ? next_ : *in_flight_.begin();
  }

 private:
  mutable std::mutex mu_;
  uint64_t next_;
  std::set<uint64_t> in_flight_;
};

// Releases the numbers a write took when it goes out of scope.
class SequenceGuard {
 public:
  explicit SequenceGuard(Sequencer* sequencer) : sequencer_(sequencer) {}
  ~SequenceGuard() {
    if (sequencer_) sequencer_->Release(numbers_);
  }
  SequenceGuard(const SequenceGuard&) = delete;
  SequenceGuard& operator=(const SequenceGuard&) = delete;
  uint64_t Take() {
    numbers_.push_back(sequencer_->Take());
    return numbers_.back();
  }

 private:
  Sequencer* sequencer_;
  std::vector<uint64_t> numbers_;
};

}  // namespace ddb::streams
