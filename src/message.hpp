// What a caller can rely on for an error message (mip.h, "Messages"): no
// secret, no control character, a bounded length.
#pragma once

#include <string>

#include "scrub.hpp"

namespace mip {

// Longer messages are cut (at a UTF-8 character boundary) and end in "...".
constexpr size_t kMaxMessageBytes = 1024;

// Scrubs `secrets`, turns control characters (C0, DEL, C1) into '?' (tab,
// CR and LF into ' '), so that a message can neither drive a terminal nor
// forge log lines, and cuts the message to kMaxMessageBytes. Idempotent.
void finish_message(std::string &message, const Secrets &secrets);

}  // namespace mip
