// Output formats of the seed's scripts, reproduced: JSON as Python's json.dumps prints it
// (sorted keys, indent 2, ASCII escapes) and as the AWS CLI prints it (indent 4, document order,
// UTF-8), the AWS CLI's ASCII table for a list, and Python's repr of an item's plain values.
#pragma once

#include <string>
#include <vector>

#include "common/app_error.h"
#include "core/value.h"

namespace cruddur {

struct JsonStyle {
  int indent = 2;
  bool sort_keys = true;
  bool ensure_ascii = true;  // Non-ASCII as \uXXXX (Python's default).
  // Numbers under keys ending in "DateTime" (epoch seconds on the wire) as the AWS CLI v2
  // prints them: ISO-8601 in UTC, "2026-11-24T15:03:39.999000+00:00".
  bool iso_timestamps = false;
};
inline constexpr JsonStyle kPythonJson{2, true, true, false};
inline constexpr JsonStyle kAwsCliJson{4, false, false, true};

// Re-indents JSON text. Internal error if `json` does not parse.
AppResult<std::string> PrettyJson(const std::string& json, JsonStyle style);

// The AWS CLI's `--output table` rendering of a list of strings under `title` (empty list:
// nothing).
std::string AsciiTable(const std::string& title, const std::vector<std::string>& rows);

// Python's repr of the item as plain values ({'pk': 'MSG#...', 'n': Decimal('5')}), as the seed's
// scan script prints boto3 resource items.
std::string PythonRepr(const ddb::Item& item);

}  // namespace cruddur
