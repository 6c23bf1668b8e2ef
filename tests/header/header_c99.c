// SPDX-License-Identifier: Apache-2.0
/* mip.h as strict C99: every declaration used once, so a typo or a C++-only
 * construct fails the build. */
#include <mip.h>
#include <stdio.h>
#include <string.h>

int main(void) {
    mip_options *o = mip_options_new();
    mip_client *client = NULL;
    mip_error *err = NULL;
    mip_code code;
    const char *v = mip_version();
    char expected[32];

    if (!o) return 1;
    sprintf(expected, "%d.%d.%d", MIP_VERSION_MAJOR, MIP_VERSION_MINOR, MIP_VERSION_PATCH);
    if (strcmp(v, expected) != 0) return 2;
    code = mip_client_new(o, &client, &err); /* no endpoint: refused */
    if (code != MIP_ERR_INVALID_ARGUMENT || client != NULL || err == NULL) return 3;
    if (mip_error_code(err) != MIP_ERR_INVALID_ARGUMENT || mip_error_message(err)[0] == '\0') return 4;
    printf("%s: %s\n", mip_code_name(code), mip_error_message(err));
    mip_error_free(err);
    mip_options_free(o);
    return strcmp(mip_state_name(MIP_STATE_COMPLETED), "Completed") == 0 ? 0 : 5;
}
