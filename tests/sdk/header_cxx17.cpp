// Compiled as C++17 with -Wall -Wextra -Werror -pedantic: the C++ helpers need nothing newer.
#include <ims/plugin.hpp>

namespace {
void noop(ims::sdk::Run&) {}
}  // namespace

IMS_SDK_PLUGIN("header-test", "0.0.0", IMS_SDK_CHECK("header.noop", noop))
