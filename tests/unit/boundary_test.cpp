// SPDX-License-Identifier: Apache-2.0
// The one rule at every boundary with C frames or a thread's top: whatever
// is thrown stops there.
#include <gtest/gtest.h>

#include <new>
#include <stdexcept>
#include <string>

#include "util/boundary.hpp"

namespace mip {
namespace {

TEST(Boundary, EveryKindOfExceptionStopsThere) {
    EXPECT_FALSE(completes([] { throw std::bad_alloc(); }));
    EXPECT_FALSE(completes([] { std::string().reserve(std::string().max_size() + 1); }));  // std::length_error
    EXPECT_FALSE(completes([] { throw std::runtime_error("any"); }));
    EXPECT_FALSE(completes([] { throw 42; }));
    int ran = 0;
    EXPECT_TRUE(completes([&] { ++ran; }));
    EXPECT_EQ(ran, 1);
    auto thrower = [] { throw 1; };
    static_assert(noexcept(completes(thrower)), "a boundary never throws");
}

}  // namespace
}  // namespace mip
