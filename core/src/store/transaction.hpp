// Transactions of libims_core's store code: the one way a transaction is begun and ended, so that
// a failed write never leaves one open and a rollback never hides the error that caused it.
#pragma once

#include "store/sqlite.hpp"

#include <functional>

namespace ims::store {

// Runs fn in one transaction begun with `begin` ("BEGIN" or "BEGIN IMMEDIATE"); commits when fn
// returns and `commit` is true, and otherwise rolls back. A rollback happens only while a
// transaction is open (SQLite may already have rolled back after a full disk or an I/O error)
// and never replaces the error that caused it.
void in_transaction(Database& db, const char* begin, bool commit, const std::function<void()>& fn);

}  // namespace ims::store
