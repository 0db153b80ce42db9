// Reading the values of the shared options (options.hpp).
#include "options.hpp"

#include <QDate>
#include <QDateTime>

#include <cstdlib>

namespace ims::cli {

QString name_of(const Option& option) {
    return QString::fromUtf8(option.name.data(), static_cast<int>(option.name.size()));
}

std::string actor_of(const QCommandLineParser& parser) {
    if (parser.isSet(name_of(kActorOption)))
        return parser.value(name_of(kActorOption)).toStdString();
    const char* user = std::getenv("USER");
    return user && *user ? user : "ims";
}

std::string as_of_of(const QCommandLineParser& parser) {
    return date_option(parser, name_of(kAsOfOption)).value_or(today_utc());
}

Format format_of(const QCommandLineParser& parser) {
    QString f = parser.value(name_of(kFormatOption));
    if (f == "text") return Format::kText;
    if (f == "json") return Format::kJson;
    throw UsageError{"--format expects text or json, got '" + f.toStdString() + "'"};
}

std::vector<std::string> plugin_paths_of(const QCommandLineParser& parser) {
    std::vector<std::string> paths;
    for (const auto& p : parser.values(name_of(kPluginPathOption)))
        paths.push_back(p.toStdString());
    return paths;
}

std::optional<std::string> date_option(const QCommandLineParser& parser, const QString& name) {
    if (!parser.isSet(name)) return std::nullopt;
    QDate date = QDate::fromString(parser.value(name), Qt::ISODate);
    if (!date.isValid())
        throw UsageError{"--" + name.toStdString() + " expects a date YYYY-MM-DD, got '" +
                         parser.value(name).toStdString() + "'"};
    return date.toString(Qt::ISODate).toStdString();
}

std::string today_utc() {
    return QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate).toStdString();
}

}  // namespace ims::cli
