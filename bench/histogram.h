// Latency histogram for the load generator.
//
// Log-linear buckets (the HdrHistogram idea, without the dependency): values below 2^kSubBits
// microseconds get one bucket each; above, every power of two is split into 2^kSubBits equal
// buckets, so any recorded value is known to within 1/64 (~1.6 %) at every scale, in a fixed
// few KB. Each connection owns one histogram, so recording needs no locks; they are merged once at
// the end.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>

namespace ddb::bench {

class Histogram {
 public:
  void Record(uint64_t micros) {
    ++counts_[Index(micros)];
    ++total_;
    max_ = std::max(max_, micros);
  }

  void Merge(const Histogram& other) {
    for (size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
    total_ += other.total_;
    max_ = std::max(max_, other.max_);
  }

  uint64_t count() const { return total_; }
  uint64_t max() const { return max_; }

  // The smallest bucket value v such that at least q of the samples are <= v (q in [0, 1]).
  double Quantile(double q) const {
    if (total_ == 0) return 0;
    auto want = static_cast<uint64_t>(q * static_cast<double>(total_));
    want = std::clamp<uint64_t>(want, 1, total_);
    uint64_t seen = 0;
    for (size_t i = 0; i < counts_.size(); ++i) {
      seen += counts_[i];
      if (seen >= want) return static_cast<double>(std::min(UpperBound(i), max_));
    }
    return static_cast<double>(max_);
  }

 private:
  static constexpr int kSubBits = 6;
  static constexpr uint64_t kSub = uint64_t{1} << kSubBits;
  // Up to 2^40 us (12 days): far beyond any timeout the client applies.
  static constexpr int kMaxBits = 40;
  static constexpr size_t kBuckets = kSub * (kMaxBits - kSubBits + 1);

  static size_t Index(uint64_t v) {
    v = std::min(v, (uint64_t{1} << kMaxBits) - 1);
    if (v < kSub) return static_cast<size_t>(v);
    int shift = std::bit_width(v) - 1 - kSubBits;  // >= 0 here.
    uint64_t sub = (v >> shift) - kSub;            // In [0, kSub).
    return static_cast<size_t>(kSub * static_cast<uint64_t>(shift + 1) + sub);
  }

  // The largest value that lands in bucket i.
  static uint64_t UpperBound(size_t i) {
    if (i < kSub) return i;
    uint64_t shift = i / kSub - 1;
    uint64_t sub = i % kSub;
    return ((kSub + sub + 1) << shift) - 1;
  }

  std::array<uint64_t, kBuckets> counts_{};
  uint64_t total_ = 0;
  uint64_t max_ = 0;
};

}  // namespace ddb::bench
