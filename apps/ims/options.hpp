// The options several commands take, each defined once here and listed in the description of
// every command that takes it, and how their values are read. Used only by apps/ims.
#pragma once

#include "command.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ims::cli {

inline constexpr Option kPluginPathOption{.name = "plugin-path",
                                          .value_name = "DIR",
                                          .help = "also look for plugins in DIR",
                                          .repeatable = true};
inline constexpr Option kActorOption{.name = "actor",
                                     .value_name = "NAME",
                                     .help = "who is making the change, for the change log",
                                     .default_note = "$USER, else ims"};
inline constexpr Option kAsOfOption{.name = "as-of",
                                    .value_name = "DATE",
                                    .help = "evaluate on DATE, YYYY-MM-DD",
                                    .default_note = "today, UTC"};
inline constexpr Option kFormatOption{
    .name = "format", .value_name = "FORMAT", .help = "text or json", .default_value = "text"};
// Each command that takes --output says which formats with with_help().
inline constexpr Option kOutputOption{
    .name = "output", .value_name = "FORMAT[:PATH]", .help = "", .repeatable = true};
inline constexpr Option kForceOption{.name = "force", .help = "overwrite existing output files"};

// The option's name as the parser knows it.
QString name_of(const Option& option);

// --actor, else $USER, else "ims".
std::string actor_of(const QCommandLineParser& parser);

// --as-of, else today in UTC; a UsageError when it is not a real date.
std::string as_of_of(const QCommandLineParser& parser);

enum class Format { kText, kJson };
// --format: text or json, else a UsageError.
Format format_of(const QCommandLineParser& parser);

// Every --plugin-path, in order.
std::vector<std::string> plugin_paths_of(const QCommandLineParser& parser);

// The date given with --NAME (YYYY-MM-DD), or nullopt when the option is absent; a UsageError
// "--NAME expects a date YYYY-MM-DD, got '...'" when it is not a real date.
std::optional<std::string> date_option(const QCommandLineParser& parser, const QString& name);
// Today's date in UTC, YYYY-MM-DD: every default date of ims is UTC, whatever the machine's zone.
std::string today_utc();

}  // namespace ims::cli
