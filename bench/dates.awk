# Days since 1970-01-01 to YYYY-MM-DD (the proleptic Gregorian calendar; H. Hinnant's
# civil_from_days), for the data generators: awk has no date functions that mawk and gawk share.
function ymd(days,    z, era, doe, yoe, y, doy, mp, d, m) {
    z = days + 719468
    era = int(z / 146097)
    doe = z - era * 146097
    yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
    y = yoe + era * 400
    doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
    mp = int((5 * doy + 2) / 153)
    d = doy - int((153 * mp + 2) / 5) + 1
    m = mp < 10 ? mp + 3 : mp - 9
    if (m <= 2) y++
    return sprintf("%04d-%02d-%02d", y, m, d)
}
