// SPDX-License-Identifier: Apache-2.0
#include "util/text.hpp"

#include <simdjson.h>

namespace mip {

bool is_clean_text(std::string_view s) {
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c == 0x7F) return false;
    }
    return simdjson::validate_utf8(s.data(), s.size());
}

}  // namespace mip
