// SPDX-License-Identifier: Apache-2.0
// When a list is complete (docs/wire-protocol.md section 6): no SDK pages through
// a whole list, and servers cap the page size they are asked for, so the
// rule to stop must hold whatever page size comes back.
#pragma once

#include <cstddef>
#include <cstdint>

#include "wire/parse.hpp"

namespace mip {

// What each page is asked to hold: the cloud's largest documented page.
constexpr int64_t kListPageSize = 100;
// A server whose pages never end (one that ignores currentPage and sends no
// count, say) stops being asked after this many: a million jobs at 100.
constexpr int64_t kMostListPages = 10'000;

// Whether to ask for the page after `page`, `arrived` records having come
// so far on every page (it included; jobs listed twice counted twice, so
// that a server repeating itself still reaches its count). No: an empty
// page; the server's count reached; without a count, a page shorter than
// the page size the server says it used (or, when it says none, the one
// asked for).
bool wants_next_page(size_t arrived, const JobPage &page, int64_t asked_page_size);

}  // namespace mip
