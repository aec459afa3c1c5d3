#include "cli/output.h"

#include <boost/json.hpp>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "common/time_format.h"

namespace cruddur {
namespace {

namespace json = boost::json;

void AppendEscaped(std::string_view s, bool ensure_ascii, std::string* out) {
  out->push_back('"');
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    char buf[16];
    switch (c) {
      case '"':
        *out += "\\\"";
        continue;
      case '\\':
        *out += "\\\\";
        continue;
      case '\n':
        *out += "\\n";
        continue;
      case '\r':
        *out += "\\r";
        continue;
      case '\t':
        *out += "\\t";
        continue;
      case '\b':
        *out += "\\b";
        continue;
      case '\f':
        *out += "\\f";
        continue;
      default:
        break;
    }
    if (c < 0x20 || (ensure_ascii && c == 0x7f)) {
      std::snprintf(buf, sizeof(buf), "\\u%04x", c);
      *out += buf;
    } else if (c < 0x80 || !ensure_ascii) {
      out->push_back(static_cast<char>(c));
    } else {
      // Decode one UTF-8 sequence; write it as \uXXXX (a surrogate pair above U+FFFF).
      size_t n = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : 4;
      uint32_t cp = c & (n == 2 ? 0x1f : n == 3 ? 0x0f : 0x07);
      for (size_t k = 1; k < n && i + k < s.size(); ++k) {
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
      }
      i += n - 1;
      if (cp >= 0x10000) {
        cp -= 0x10000;
        std::snprintf(buf, sizeof(buf), "\\u%04x\\u%04x", 0xd800 + (cp >> 10),
                      0xdc00 + (cp & 0x3ff));
      } else {
        std::snprintf(buf, sizeof(buf), "\\u%04x", cp);
      }
      *out += buf;
    }
  }
  out->push_back('"');
}

// A double as Python's repr prints it: the shortest round-trip text, with ".0" for integers.
std::string PythonFloat(double d) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof(buf), d);
  std::string s(buf, r.ptr);
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

// Python's datetime.isoformat() in UTC: microseconds only when not zero.
std::string CliTimestamp(double epoch_seconds) {
  const auto micros = static_cast<int64_t>(std::llround(epoch_seconds * 1e6));
  std::string iso = IsoUtc(Clock::time_point(std::chrono::microseconds(micros)));
  if (micros % 1000000 == 0) iso.erase(19, 7);  // ".000000"
  return iso;
}

void Print(const json::value& v, const JsonStyle& style, int depth, std::string* out) {
  auto newline = [&](int d) {
    out->push_back('\n');
    out->append(static_cast<size_t>(d) * static_cast<size_t>(style.indent), ' ');
  };
  switch (v.kind()) {
    case json::kind::object: {
      const auto& obj = v.get_object();
      if (obj.empty()) {
        *out += "{}";
        return;
      }
      std::vector<const json::key_value_pair*> members;
      for (const auto& m : obj) members.push_back(&m);
      if (style.sort_keys) {
        std::sort(members.begin(), members.end(),
                  [](auto* a, auto* b) { return a->key() < b->key(); });
      }
      out->push_back('{');
      for (size_t i = 0; i < members.size(); ++i) {
        if (i) out->push_back(',');
        newline(depth + 1);
        AppendEscaped(members[i]->key(), style.ensure_ascii, out);
        *out += ": ";
        const json::value& value = members[i]->value();
        if (style.iso_timestamps && members[i]->key().ends_with("DateTime") && value.is_number()) {
          AppendEscaped(CliTimestamp(value.to_number<double>()), false, out);
        } else {
          Print(value, style, depth + 1, out);
        }
      }
      newline(depth);
      out->push_back('}');
      return;
    }
    case json::kind::array: {
      const auto& arr = v.get_array();
      if (arr.empty()) {
        *out += "[]";
        return;
      }
      out->push_back('[');
      for (size_t i = 0; i < arr.size(); ++i) {
        if (i) out->push_back(',');
        newline(depth + 1);
        Print(arr[i], style, depth + 1, out);
      }
      newline(depth);
      out->push_back(']');
      return;
    }
    case json::kind::string:
      AppendEscaped(v.get_string(), style.ensure_ascii, out);
      return;
    case json::kind::double_:
      *out += PythonFloat(v.get_double());
      return;
    case json::kind::bool_:
      *out += v.get_bool() ? "true" : "false";
      return;
    case json::kind::null:
      *out += "null";
      return;
    default:
      *out += json::serialize(v);  // Integers.
      return;
  }
}

// Characters Python's repr escapes although they are not ASCII controls: the C1 controls and
// the Unicode separators, format characters and non-ASCII spaces (str.isprintable() is false).
bool PythonNonPrintable(uint32_t cp) {
  return (cp >= 0x7f && cp <= 0xa0) || cp == 0xad || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202f) ||
         (cp >= 0x205f && cp <= 0x206f) || cp == 0x3000 || cp == 0xfeff ||
         (cp >= 0xfff9 && cp <= 0xfffb);
}

void AppendPythonEscape(uint32_t cp, std::string* out) {
  char buf[16];
  if (cp < 0x100) {
    std::snprintf(buf, sizeof(buf), "\\x%02x", cp);
  } else if (cp < 0x10000) {
    std::snprintf(buf, sizeof(buf), "\\u%04x", cp);
  } else {
    std::snprintf(buf, sizeof(buf), "\\U%08x", cp);
  }
  *out += buf;
}

// Python's repr of text (str) or of bytes (`bytes`: b'...' with \xNN above 0x7e).
std::string PythonQuoted(const std::string& s, bool bytes) {
  // Single quotes unless the text has one and no double quote (Python's choice).
  const char quote =
      s.find('\'') != std::string::npos && s.find('"') == std::string::npos ? '"' : '\'';
  std::string out = bytes ? "b" : "";
  out += quote;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '\\' || c == static_cast<unsigned char>(quote)) {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n' || c == '\r' || c == '\t') {
      out += c == '\n' ? "\\n" : c == '\r' ? "\\r" : "\\t";
    } else if (c < 0x20 || c == 0x7f || (bytes && c >= 0x80)) {
      AppendPythonEscape(c, &out);
    } else if (c < 0x80) {
      out += static_cast<char>(c);
    } else {
      size_t n = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : 4;
      uint32_t cp = c & (n == 2 ? 0x1f : n == 3 ? 0x0f : 0x07);
      for (size_t k = 1; k < n && i + k < s.size(); ++k) {
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
      }
      if (PythonNonPrintable(cp)) {
        AppendPythonEscape(cp, &out);
      } else {
        out.append(s, i, n);
      }
      i += n - 1;
    }
  }
  out += quote;
  return out;
}

std::string PythonStr(const std::string& s) { return PythonQuoted(s, false); }

// Python's repr of Decimal(text) for a canonical DynamoDB number: plain notation unless the
// exponent is positive or the number is below 1E-6, then scientific (Decimal.to_sci_string).
std::string PythonDecimal(const std::string& canonical) {
  std::string sign, digits;
  size_t i = 0;
  if (!canonical.empty() && canonical[0] == '-') {
    sign = "-";
    i = 1;
  }
  int exponent = 0;
  bool fraction = false;
  for (; i < canonical.size(); ++i) {
    if (canonical[i] == '.') {
      fraction = true;
    } else {
      digits += canonical[i];
      if (fraction) --exponent;
    }
  }
  digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size() - 1));
  const int adjusted = exponent + static_cast<int>(digits.size()) - 1;
  if (exponent <= 0 && adjusted >= -6) return "Decimal('" + canonical + "')";
  std::string sci = sign + digits.substr(0, 1);
  if (digits.size() > 1) sci += "." + digits.substr(1);
  sci += "E" + std::string(adjusted >= 0 ? "+" : "") + std::to_string(adjusted);
  return "Decimal('" + sci + "')";
}

std::string PythonValue(const ddb::Value& v) {
  switch (v.type) {
    case ddb::Type::kS:
      return PythonStr(v.scalar);
    case ddb::Type::kN:
      return PythonDecimal(v.scalar);
    case ddb::Type::kB:
      return "Binary(" + PythonQuoted(v.scalar, true) + ")";
    case ddb::Type::kBool:
      return v.boolean ? "True" : "False";
    case ddb::Type::kNull:
      return "None";
    case ddb::Type::kM:
      return PythonRepr(v.map);
    case ddb::Type::kL: {
      std::string out = "[";
      for (size_t i = 0; i < v.list.size(); ++i) out += (i ? ", " : "") + PythonValue(v.list[i]);
      return out + "]";
    }
    case ddb::Type::kSS:
    case ddb::Type::kNS:
    case ddb::Type::kBS: {
      std::string out = "{";
      for (size_t i = 0; i < v.set.size(); ++i) {
        std::string m = v.type == ddb::Type::kNS   ? PythonDecimal(v.set[i])
                        : v.type == ddb::Type::kBS ? "Binary(" + PythonQuoted(v.set[i], true) + ")"
                                                   : PythonStr(v.set[i]);
        out += (i ? ", " : "") + m;
      }
      return out + "}";
    }
  }
  return "None";
}

}  // namespace

AppResult<std::string> PrettyJson(const std::string& text, JsonStyle style) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) return AppError::Internal("not JSON: " + ec.message());
  std::string out;
  Print(v, style, 0, &out);
  return out;
}

std::string AsciiTable(const std::string& title, const std::vector<std::string>& rows) {
  if (rows.empty()) return "";
  size_t widest = 0;
  for (const auto& r : rows) widest = std::max(widest, r.size());
  const size_t width = std::max(title.size() + 2, widest + 6);
  const size_t left = width / 2 - title.size() / 2 - 1;
  const std::string rule = "+" + std::string(width - 2, '-') + "+\n";
  std::string out = std::string(width, '-') + "\n";
  out += "|" + std::string(left, ' ') + title + std::string(width - 2 - left - title.size(), ' ') +
         "|\n";
  out += rule;
  for (const auto& r : rows) out += "|  " + r + std::string(width - 4 - r.size(), ' ') + "|\n";
  out += rule;
  return out;
}

std::string PythonRepr(const ddb::Item& item) {
  std::string out = "{";
  bool first = true;
  for (const auto& [name, value] : item) {
    if (!first) out += ", ";
    first = false;
    out += PythonStr(name) + ": " + PythonValue(value);
  }
  return out + "}";
}

}  // namespace cruddur
