// SPDX-License-Identifier: Apache-2.0
// The command line's JSON: the library's writer, which places its own
// commas (src/wire/json_writer.hpp), with strings escaped for whoever reads
// them on a terminal: every control character (C0, DEL and C1), so that the
// output is plain printable text whatever a server sent.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "wire/json_writer.hpp"

namespace mipcli {

struct TerminalSafeEscape {
    void operator()(std::string &out, std::string_view text) const;
};

using JsonWriter = mip::BasicJsonWriter<TerminalSafeEscape>;

// The library reports "not sent by the server" as -1; JSON says that with null.
inline JsonWriter &reported(JsonWriter &w, int64_t number) { return number < 0 ? w.null() : w.value(number); }

}  // namespace mipcli
