// JsonWriter: appends JSON text to a string in one pass, with no intermediate document.
//
// The writer emits commas itself; callers only nest Begin/End calls correctly. Strings are
// escaped per RFC 8259 (control characters as \u00XX, other UTF-8 passed through).
// Thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ddb {

class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  void Key(std::string_view key);
  void String(std::string_view s);
  void Bool(bool b) { Raw(b ? "true" : "false"); }
  void Int(int64_t v) { Raw(std::to_string(v)); }
  // A double printed with the shortest text that reads back exactly (e.g. 1.5, 0.5,
  // 1700000000.123).
  void Double(double v);
  // Writes pre-formatted JSON (a number or literal) as one value.
  void Raw(std::string_view json);

  // Shorthands for one member.
  void Member(std::string_view key, std::string_view s) {
    Key(key);
    String(s);
  }
  void MemberInt(std::string_view key, int64_t v) {
    Key(key);
    Int(v);
  }
  void MemberBool(std::string_view key, bool b) {
    Key(key);
    Bool(b);
  }
  void MemberDouble(std::string_view key, double v) {
    Key(key);
    Double(v);
  }

 private:
  void Separate();
  void Open(char c);
  void Close(char c);

  std::string* out_;
  std::vector<bool> first_;  // Per open container: no member written yet.
  bool after_key_ = false;
};

// Appends `s` as a quoted, escaped JSON string.
void AppendJsonString(std::string_view s, std::string* out);

}  // namespace ddb
