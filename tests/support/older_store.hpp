// Stores in an older format, as an older ims left them, for migration tests: the frozen
// migrations up to that format, filled with a current store's rows and change log.
#pragma once

#include <string>

namespace ims::test {

// Writes at `older` a store of `format` holding the rows, change log and vault of the store at
// `current`. Fails the test when a row holds a value in a column `format` does not have (the copy
// would not be the store an older ims could have written).
void write_older_store(const std::string& current, const std::string& older, int format);

}  // namespace ims::test
