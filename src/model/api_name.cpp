// SPDX-License-Identifier: Apache-2.0
#include "model/api_name.hpp"

namespace mip {

namespace {
struct Named {
    Api api;
    const char *name;
};
constexpr Named kNames[] = {
    {Api::Auto, "auto"}, {Api::Milvus, "milvus"}, {Api::Cloud, "cloud"}, {Api::CloudV1, "cloud-v1"}};
}  // namespace

const char *api_name(Api api) {
    for (const Named &n : kNames) {
        if (n.api == api) return n.name;
    }
    return "unknown";
}

std::optional<Api> api_from_name(std::string_view name) {
    for (const Named &n : kNames) {
        if (name == n.name) return n.api;
    }
    return std::nullopt;
}

}  // namespace mip
