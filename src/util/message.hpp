// SPDX-License-Identifier: Apache-2.0
// What a caller can rely on for an error message (mip.h, "Messages"): no
// secret, no control character, a bounded length.
#pragma once

#include <string>
#include <string_view>

#include "util/scrub.hpp"

namespace mip {

// Longer messages are cut (at a UTF-8 character boundary) and end in "...".
constexpr size_t kMaxMessageBytes = 1024;

// Scrubs `secrets` (Secrets::scrub_message), turns control characters (C0,
// DEL, C1) into '?' (tab, CR and LF into ' '), so that a message can
// neither drive a terminal nor forge log lines, and cuts the message to
// kMaxMessageBytes. `tail`, mip's own last words (where the job stands, the
// key to retry with), is appended after the cut, treated the same way, so
// that no server text, however long, can push it out. Called once, when an
// operation ends.
void finish_message(std::string &message, const Secrets &secrets, std::string_view tail = {});

}  // namespace mip
