// The folder the examples of `ims help` and docs/cli.md run in (docs/cli.md, "Examples"):
// acme.ims, the example organisation of examples/acme, beside links to the repository's
// examples/ and tests/ folders. Used by help_test.cpp and docs_test.cpp.
#pragma once

#include "test_support.hpp"

#include <string>

namespace ims::test {

class ExampleFolder {
public:
    // A fresh folder with its own copy of acme.ims (built once per test process).
    ExampleFolder();
    const std::string& path() const { return dir_.path(); }

private:
    TempDir dir_;
};

}  // namespace ims::test
