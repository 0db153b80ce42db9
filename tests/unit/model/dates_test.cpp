// Dates and date-times are checked by hand in one pass (every date of an import goes through the
// check); they must accept exactly what the former check (a regex, then QDate / QDateTime) did.
#include "ims/core/model.hpp"

#include <QDate>
#include <QDateTime>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <regex>

namespace {

bool former_date(const std::string& s) {
    static const std::regex kShape(R"(\d{4}-\d{2}-\d{2})");
    return std::regex_match(s, kShape) &&
           QDate::fromString(QString::fromStdString(s), Qt::ISODate).isValid();
}

bool former_datetime(const std::string& s) {
    static const std::regex kShape(
        R"((\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(:\d{2})?(Z|[+-]\d{2}:\d{2}))");
    std::smatch m;
    if (!std::regex_match(s, m, kShape) || !former_date(m[1].str())) return false;
    return QDateTime::fromString(QString::fromStdString(s), Qt::ISODate).isValid();
}

std::string printed(const char* format, int a, int b, int c) {
    char text[64];
    std::snprintf(text, sizeof text, format, a, b, c);
    return text;
}

TEST(ModelDates, DatesAreAcceptedExactlyAsBefore) {
    const auto& field = *ims::model::entity("person").field("started_on");
    std::vector<std::string> dates = {"",           "2026-1-05",   "2026-01-5",
                                      "2026/01/05", "02026-01-05", "2026-01-05 ",
                                      "x026-01-05", "2026-0a-05",  "２026-01-05"};
    for (int year : {0, 1, 4, 100, 400, 1900, 2000, 2023, 2024, 9999})
        for (int month = 0; month <= 13; ++month)
            for (int day = 0; day <= 32; ++day)
                dates.push_back(printed("%04d-%02d-%02d", year, month, day));
    for (const auto& date : dates)
        EXPECT_EQ(!ims::model::check_value(field, date), former_date(date)) << date;
}

TEST(ModelDates, DateTimesAreAcceptedExactlyAsBefore) {
    const auto& field = *ims::model::entity("incident").field("detected_at");
    std::vector<std::string> times = {
        "2026-03-04T09:30",  "2026-03-04 09:30Z", "2026-03-04T9:30Z",      "2026-03-04T09:30:00.5Z",
        "2026-02-30T09:30Z", "2026-03-04T09:30z", "2026-03-04T09:30+0200", "2026-03-04T09:30:0Z"};
    for (int hour : {0, 9, 23, 24, 25})
        for (int minute : {0, 1, 59, 60})
            for (const char* seconds : {"", ":00", ":01", ":59", ":60"})
                for (const char* zone : {"Z", "+00:00", "-05:30", "+23:59", "+24:00", "+05:60"}) {
                    times.push_back(printed("2024-02-29T%02d:%02d", hour, minute, 0) + seconds +
                                    zone);
                }
    for (const auto& time : times)
        EXPECT_EQ(!ims::model::check_value(field, time), former_datetime(time)) << time;
}

}  // namespace
