# Compiles the frozen store migrations (core/src/store/migrations/NNNN.sql) into a C++ source that
# defines ims::store::migrations(), so libims_core carries them and reads no file at run time.
# Run at build time by core/CMakeLists.txt:  cmake -DDIR=<migrations> -DOUT=<file.cpp> -P this
file(GLOB names RELATIVE "${DIR}" "${DIR}/*.sql")
list(SORT names)
set(delimiter "ims_sql")
set(literals "")
set(format 0)
foreach(name IN LISTS names)
    math(EXPR format "${format} + 1")
    string(LENGTH "${format}" digits)
    math(EXPR zeros "4 - ${digits}")
    string(REPEAT "0" ${zeros} padding)
    if(NOT name STREQUAL "${padding}${format}.sql")
        message(FATAL_ERROR "${DIR}: expected ${padding}${format}.sql next, found ${name}: "
                            "migrations are numbered 0001.sql, 0002.sql, ... without gaps")
    endif()
    file(READ "${DIR}/${name}" sql)
    string(FIND "${sql}" ")${delimiter}\"" clash)
    if(NOT clash EQUAL -1)
        message(FATAL_ERROR "${DIR}/${name} contains )${delimiter}\", which ends the C++ string")
    endif()
    string(APPEND literals "    // ${name}\n    R\"${delimiter}(${sql})${delimiter}\",\n")
endforeach()
if(format EQUAL 0)
    message(FATAL_ERROR "${DIR}: no migrations found")
endif()
file(WRITE "${OUT}"
"// Generated from core/src/store/migrations/*.sql by core/cmake/embed_migrations.cmake.
// Do not edit; the .sql files are the source.
#include \"store/schema.hpp\"

namespace ims::store {

const std::vector<std::string>& migrations() {
    static const std::vector<std::string> kMigrations = {
${literals}    };
    return kMigrations;
}

}  // namespace ims::store
")
