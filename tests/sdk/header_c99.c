/* Compiled as C99 with -Wall -Wextra -Werror -pedantic: the ABI header is plain C. */
#include <ims/plugin.h>

const ims_plugin_v1* ims_test_header_compiles(void);
const ims_plugin_v1* ims_test_header_compiles(void) { return (const ims_plugin_v1*)0; }
