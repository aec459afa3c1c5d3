// libFuzzer target: the stored item codec and the number parser. Arbitrary bytes must decode or
// be refused without harm; whatever decodes must encode back to bytes that decode to the same
// item. Numbers that parse must print and parse back to the same number.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/number.h"
#include "item/codec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ddb::Item item;
  if (ddb::DecodeItem(bytes, &item)) {
    std::string encoded;
    ddb::EncodeItem(item, &encoded);
    ddb::Item again;
    if (!ddb::DecodeItem(encoded, &again) || !(again == item)) __builtin_trap();
  }
  auto number = ddb::Number::Parse(bytes);
  if (number.ok()) {
    auto again = ddb::Number::Parse(number->ToString());
    if (!again.ok() || again->ToString() != number->ToString()) __builtin_trap();
  }
  return 0;
}
