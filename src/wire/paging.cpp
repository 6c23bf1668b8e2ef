// SPDX-License-Identifier: Apache-2.0
#include "wire/paging.hpp"

namespace mip {

bool wants_next_page(size_t arrived, const JobPage &page, int64_t asked_page_size) {
    if (page.listed == 0) return false;
    if (page.count >= 0) return static_cast<int64_t>(arrived) < page.count;
    const int64_t page_size = page.page_size > 0 ? page.page_size : asked_page_size;
    return static_cast<int64_t>(page.listed) >= page_size;
}

}  // namespace mip
