// SPDX-License-Identifier: Apache-2.0
// The flavors' names, as the command line's --api and the bindings spell
// them: the one table of them.
#pragma once

#include <optional>
#include <string_view>

#include "model/options.hpp"

namespace mip {

// "auto", "milvus", "cloud", "cloud-v1".
const char *api_name(Api api);

// The flavor `name` spells exactly, or nothing.
std::optional<Api> api_from_name(std::string_view name);

}  // namespace mip
