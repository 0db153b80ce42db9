// Loading a plugin's native library in the calling process and the descriptor gate (gate 2).
// Used by PluginHost::load_native and by the child process of probe_native.
#pragma once

#include "ims/core/plugins.hpp"

namespace ims::plugins {

// Loads the library of `plugin` (which has one) with RTLD_NOW | RTLD_LOCAL, calls its entry point
// and checks the descriptor. Runs the plugin's code. Never throws: a failure is `error`.
NativeLibrary load_library(const Plugin& plugin);

}  // namespace ims::plugins
