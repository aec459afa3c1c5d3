#include "core/number.h"

#include <algorithm>
#include <cstdlib>
#include <vector>

namespace ddb {
namespace {

// DynamoDB's limits: the largest magnitude is 9.9999999999999999999999999999999999999E+125 and
// the smallest non-zero one 1E-130. In our 0.d × 10^e form that is e <= 126 and e >= -129.
constexpr int kMaxExponent = 126;
constexpr int kMinExponent = -129;

// The service's words for text that is not a number (docs/notes/service-errors.md §1.8): the text
// is echoed, except when empty.
ApiError Malformed(std::string_view text) {
  std::string message = "The parameter cannot be converted to a numeric value";
  if (!text.empty()) message.append(": ").append(text);
  return ApiError::Validation(std::move(message));
}

// Parsing reports too many digits in the service's words for a stored number; arithmetic results
// keep Make's own message (the service's wording for those was not captured).
ApiError TooPrecise() {
  return ApiError::Validation("Attempting to store more than 38 significant digits in a Number");
}

}  // namespace

Result<Number> Number::Make(bool negative, std::string digits, int exponent) {
  size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return Number();
  exponent -= static_cast<int>(first);
  digits.erase(0, first);
  digits.erase(digits.find_last_not_of('0') + 1);
  if (digits.size() > static_cast<size_t>(kMaxDigits)) {
    return ApiError::Validation("DynamoDB only supports precision up to 38 digits");
  }
  if (exponent > kMaxExponent) {
    return ApiError::Validation(
        "Number overflow. Attempting to store a number with magnitude larger than supported range");
  }
  if (exponent < kMinExponent) {
    return ApiError::Validation(
        "Number underflow. Attempting to store a number with magnitude smaller than supported "
        "range");
  }
  Number n;
  n.negative_ = negative;
  n.digits_ = std::move(digits);
  n.exponent_ = exponent;
  return n;
}

Result<Number> Number::Parse(std::string_view text) {
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  std::string digits;
  int int_digits = 0;
  bool seen_digit = false, seen_point = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      seen_digit = true;
      // Leading zeros carry no information; dropping them keeps `digits` short.
      if (digits.empty() && c == '0') {
        if (seen_point) --int_digits;
        continue;
      }
      if (digits.size() > 400) {
        // Far beyond 38 digits: a zero only scales the number, anything else is too precise.
        if (c != '0') return TooPrecise();
        if (!seen_point) ++int_digits;
        continue;
      }
      digits.push_back(c);
      if (!seen_point) ++int_digits;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!seen_digit) return Malformed(text);
  long exp = 0;
  if (i < text.size()) {
    if (text[i] != 'e' && text[i] != 'E') return Malformed(text);
    ++i;
    bool exp_negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) exp_negative = text[i++] == '-';
    if (i == text.size()) return Malformed(text);
    for (; i < text.size(); ++i) {
      if (text[i] < '0' || text[i] > '9') return Malformed(text);
      if (exp < 100000) exp = exp * 10 + (text[i] - '0');
    }
    if (exp_negative) exp = -exp;
  }
  const size_t significant = digits.find_last_not_of('0') + 1;  // 0 when there are no digits
  if (significant > static_cast<size_t>(kMaxDigits)) return TooPrecise();
  return Make(negative, std::move(digits), int_digits + static_cast<int>(exp));
}

std::string Number::ToString() const {
  if (is_zero()) return "0";
  std::string out;
  if (negative_) out.push_back('-');
  const int n = static_cast<int>(digits_.size());
  if (exponent_ <= 0) {
    out.append("0.");
    out.append(static_cast<size_t>(-exponent_), '0');
    out.append(digits_);
  } else if (exponent_ >= n) {
    out.append(digits_);
    out.append(static_cast<size_t>(exponent_ - n), '0');
  } else {
    out.append(digits_, 0, static_cast<size_t>(exponent_));
    out.push_back('.');
    out.append(digits_, static_cast<size_t>(exponent_));
  }
  return out;
}

int Number::Compare(const Number& o) const {
  if (is_zero() || o.is_zero()) {
    if (is_zero() && o.is_zero()) return 0;
    if (is_zero()) return o.negative_ ? 1 : -1;
    return negative_ ? -1 : 1;
  }
  if (negative_ != o.negative_) return negative_ ? -1 : 1;
  int magnitude = 0;
  if (exponent_ != o.exponent_) {
    magnitude = exponent_ < o.exponent_ ? -1 : 1;
  } else {
    int c = digits_.compare(o.digits_);
    magnitude = c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  return negative_ ? -magnitude : magnitude;
}

namespace {

// Digits of |n| aligned so that index 0 is the digit of weight 10^(top-1), `width` digits long.
std::vector<int> Aligned(const Number& n, int top, int width) {
  std::vector<int> out(static_cast<size_t>(width), 0);
  int offset = top - n.exponent();
  for (size_t k = 0; k < n.digits().size(); ++k) out[offset + k] = n.digits()[k] - '0';
  return out;
}

}  // namespace

Result<Number> Number::Add(const Number& o) const {
  if (o.is_zero()) return *this;
  if (is_zero()) return o;
  const int top = std::max(exponent_, o.exponent_) + 1;  // One spare digit for the carry.
  const int bottom = std::min(exponent_ - static_cast<int>(digits_.size()),
                              o.exponent_ - static_cast<int>(o.digits_.size()));
  const int width = top - bottom;
  std::vector<int> a = Aligned(*this, top, width), b = Aligned(o, top, width);
  bool negative = negative_;
  if (negative_ != o.negative_) {
    // Subtract the smaller magnitude from the larger; the sign follows the larger.
    if (std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end())) {
      std::swap(a, b);
      negative = o.negative_;
    }
    for (int k = width - 1; k >= 0; --k) {
      a[k] -= b[k];
      if (a[k] < 0) {
        a[k] += 10;
        --a[k - 1];
      }
    }
  } else {
    for (int k = width - 1; k >= 0; --k) {
      a[k] += b[k];
      if (a[k] >= 10) {
        a[k] -= 10;
        ++a[k - 1];
      }
    }
  }
  std::string digits(a.size(), '0');
  for (size_t k = 0; k < a.size(); ++k) digits[k] = static_cast<char>('0' + a[k]);
  return Make(negative, std::move(digits), top);
}

Result<Number> Number::Subtract(const Number& o) const {
  Number neg = o;
  if (!neg.is_zero()) neg.negative_ = !neg.negative_;
  return Add(neg);
}

}  // namespace ddb
