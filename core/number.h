// Number: DynamoDB's decimal number, exact to 38 significant digits.
//
// A Number is sign × 0.d1d2…dn × 10^exponent with d1 != 0 and dn != 0 (zero has no digits). All
// arithmetic is exact; a result that needs more than 38 significant digits or falls outside
// DynamoDB's range (1E-130 <= |x| < 1E+126) is an error, as in DynamoDB. Values are immutable
// and cheap to copy; thread-compatible.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace ddb {

class Number {
 public:
  static constexpr int kMaxDigits = 38;

  Number() = default;  // Zero.

  // Parses DynamoDB's number syntax ("-12.50", "1e2", ".5", "+3"). Returns a ValidationException
  // worded as DynamoDB words it for malformed text, more than 38 significant digits, overflow and
  // underflow.
  static Result<Number> Parse(std::string_view text);

  // The canonical text DynamoDB returns: no exponent, no trailing fractional zeros, "-" only for
  // negative values ("1E2" → "100", "-0.0" → "0").
  std::string ToString() const;

  bool is_zero() const { return digits_.empty(); }
  bool negative() const { return negative_; }
  int exponent() const { return exponent_; }
  // The significant digits as ASCII, without leading or trailing zeros.
  const std::string& digits() const { return digits_; }

  // Exact sum / difference; errors as Parse does when the result is not representable.
  Result<Number> Add(const Number& other) const;
  Result<Number> Subtract(const Number& other) const;

  // Three-way numeric comparison.
  int Compare(const Number& other) const;
  bool operator==(const Number& other) const = default;

 private:
  static Result<Number> Make(bool negative, std::string digits, int exponent);

  bool negative_ = false;
  std::string digits_;
  int exponent_ = 0;
};

}  // namespace ddb
