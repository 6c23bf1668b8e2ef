// SPDX-License-Identifier: Apache-2.0
// mip.h from C++, strict: extern "C" linkage and no warnings.
#include <mip.h>

#include <cstring>

int main() {
    mip_cancel *cancel = mip_cancel_new();
    if (!cancel) return 1;
    mip_cancel_trigger(cancel);
    const int triggered = mip_cancel_is_triggered(cancel);
    mip_cancel_free(cancel);
    if (triggered != 1) return 2;
    return std::strcmp(mip_code_name(MIP_ERR_TIMEOUT), "MIP_ERR_TIMEOUT") == 0 ? 0 : 3;
}
