/* Compiles the ABI headers as C11 with -pedantic and checks their layout. */
#include "abi_layout.h"

int klaude_abi_layout_c11_checked(void);
int klaude_abi_layout_c11_checked(void) {
    klaude_version_t host = KLAUDE_ABI_VERSION_INIT;
    klaude_version_t older = {1, 0, 0};
    return klaude_version_is_compatible(host, older);
}
