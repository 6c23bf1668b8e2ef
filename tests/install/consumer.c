// SPDX-License-Identifier: Apache-2.0
/* A program outside the project, built against an installed mip. */
#include <mip.h>
#include <stdio.h>

int main(void) {
    mip_options *o = mip_options_new();
    mip_client *client = NULL;
    mip_error *err = NULL;
    mip_code code;
    if (!o) return 1;
    mip_options_set_endpoint(o, "http://127.0.0.1:19530");
    code = mip_client_new(o, &client, &err);
    printf("mip %s: client %s\n", mip_version(), mip_code_name(code));
    mip_error_free(err);
    mip_client_free(client);
    mip_options_free(o);
    return code == MIP_OK ? 0 : 1;
}
