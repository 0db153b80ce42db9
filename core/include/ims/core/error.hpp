// ims::Error, the one error type of libims_core: an operation that cannot go on throws it with a
// code (which the CLI maps to an exit code) and a message written for the user.
// Expected outcomes, such as a failing check or a refused plugin, are values, not errors.
#pragma once

#include <stdexcept>
#include <string>

namespace ims {

enum class ErrorCode {
    kUsage,         // bad command line, bad configuration or bad input: exit 2
    kInvalidInput,  // a file or value the user gave is malformed or inconsistent: exit 2
    kNotFound,      // a named thing (store, standard, plugin) does not exist: exit 2
    kConflict,      // the target already exists or is in a state that forbids the operation: exit 2
    kIo,            // reading or writing a file failed (disk full, I/O error), outputs included: exit 4
    kInternal,      // a bug or an environment failure: exit 4
    kBusy,          // another process holds the store's write lock; nothing was done: exit 3
    kDamaged,       // the store's file is damaged (corrupt pages, truncated): exit 3
    kReadOnly,      // the store (or its folder) cannot be written: exit 2
};

class Error : public std::runtime_error {
public:
    Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
    ErrorCode code() const noexcept { return code_; }

private:
    ErrorCode code_;
};

}  // namespace ims
