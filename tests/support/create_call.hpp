// SPDX-License-Identifier: Apache-2.0
// One mip_create_import and what it left, for the tests of creating.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "mip_handles.hpp"

namespace mip_test {

// A request for collection "books" with the groups given.
inline RequestPtr request_for(const std::vector<std::vector<const char *>> &groups) {
    RequestPtr r(mip_import_request_new());
    EXPECT_EQ(mip_import_request_set_collection(r.get(), "books"), MIP_OK);
    for (const std::vector<const char *> &group : groups) {
        EXPECT_EQ(mip_import_request_add_files(r.get(), group.data(), group.size()), MIP_OK);
    }
    return r;
}

// What a create left: the id on success, the error otherwise.
struct Created {
    mip_code code = MIP_OK;
    std::string id;
    ErrorPtr error;
    std::string message() const { return mip_error_message(error.get()); }
};

// mip_create_import, with out-parameters that start as garbage: a call that
// leaves one unwritten fails the test.
inline Created create(mip_client *client, const mip_import_request *request, mip_cancel *cancel = nullptr) {
    char *id = reinterpret_cast<char *>(0x1);
    mip_error *error = reinterpret_cast<mip_error *>(0x1);
    Created c;
    c.code = mip_create_import(client, request, cancel, &id, &error);
    c.error.reset(error);
    if (id) c.id = id;
    EXPECT_EQ(id == nullptr, c.code != MIP_OK) << "the id is set exactly on success";
    mip_free(id);
    return c;
}

}  // namespace mip_test
