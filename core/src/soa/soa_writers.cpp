// The Statement of Applicability's output formats: CSV (RFC 4180), Markdown, HTML and XLSX.
// All share one column list so that every format says the same thing.
#include "ims/core/error.hpp"
#include "ims/core/soa.hpp"
#include "formats/csv.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>

namespace ims::soa {
namespace {

const std::vector<std::string> kColumns = {"Control", "Title", "Theme", "Applicable", "Justification",
                                           "Implementation status", "Implemented by", "Current evidence"};

std::string join(const std::vector<std::string>& items, const std::string& sep) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : sep) + item;
    return out;
}

// The cells of one row, as text, in kColumns order.
std::vector<std::string> cells(const Row& row) {
    std::vector<std::string> controls, evidence;
    for (const auto& c : row.controls) {
        controls.push_back(c.id + " " + c.title + " (" + c.status + ")");
        for (const auto& e : c.current_evidence)  // evidence of two linked controls is listed once
            if (std::find(evidence.begin(), evidence.end(), e) == evidence.end()) evidence.push_back(e);
    }
    return {row.requirement->ref,
            row.requirement->title,
            row.group ? row.group->ref + " " + row.group->title : "",
            row.decided ? (row.applicable ? "yes" : "no") : "MISSING: no decision recorded",
            row.justification,
            row.decided ? row.implementation_status : "",
            join(controls, "; "),
            join(evidence, "; ")};
}

std::string html_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

// A Markdown table cell: HTML escaped (a title holding <script> stays text), and the characters
// that would end the cell or make a link or an image escaped.
std::string md_cell(const std::string& s) {
    std::string out;
    for (char c : html_escape(s)) {
        if (c == '|' || c == '[' || c == ']' || c == '\\') out += '\\';
        if (c == '\n' || c == '\r')
            out += ' ';
        else
            out += c;
    }
    return out;
}

std::string summary(const Statement& soa) {
    return std::to_string(soa.rows.size()) + " controls: " + std::to_string(soa.applicable) + " applicable, " +
           std::to_string(soa.excluded) + " excluded, " + std::to_string(soa.missing) + " without a decision";
}

}  // namespace

std::string to_csv(const Statement& soa) {
    std::string out = formats::csv_record(kColumns);
    for (const auto& row : soa.rows) {
        std::vector<std::string> guarded;
        for (auto& cell : cells(row)) guarded.push_back(formats::guard_formula(std::move(cell)));
        out += formats::csv_record(guarded);
    }
    return out;
}

std::string to_markdown(const Statement& soa) {
    std::string out = "# Statement of Applicability: " + md_cell(soa.standard->short_title) +
                      "\n\nAs of " + soa.as_of + ". " + summary(soa) + ".\n\n| " +
                      join(kColumns, " | ") + " |\n|";
    for (std::size_t i = 0; i < kColumns.size(); ++i) out += "---|";
    out += "\n";
    for (const auto& row : soa.rows) {
        std::vector<std::string> escaped;
        for (const auto& cell : cells(row)) escaped.push_back(md_cell(cell));
        out += "| " + join(escaped, " | ") + " |\n";
    }
    return out;
}

std::string to_html(const Statement& soa) {
    std::string title = "Statement of Applicability: " + soa.standard->short_title;
    std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
                      html_escape(title) +
                      "</title>\n<style>body{font-family:sans-serif}table{border-collapse:collapse}"
                      "td,th{border:1px solid #ccc;padding:4px;vertical-align:top}"
                      ".missing{background:#fde2e2;font-weight:bold}</style></head><body>\n<h1>" +
                      html_escape(title) + "</h1>\n<p>As of " + html_escape(soa.as_of) + ". " +
                      html_escape(summary(soa)) + ".</p>\n<table>\n<tr>";
    for (const auto& c : kColumns) out += "<th>" + html_escape(c) + "</th>";
    out += "</tr>\n";
    for (const auto& row : soa.rows) {
        out += row.decided ? "<tr>" : "<tr class=\"missing\">";
        for (const auto& cell : cells(row)) out += "<td>" + html_escape(cell) + "</td>";
        out += "</tr>\n";
    }
    return out + "</table>\n</body></html>\n";
}

void write_xlsx(const Statement& soa, const std::string& path, io::Existing existing) {
    io::OutputFile out(path, existing);
    lxw_workbook* workbook = workbook_new(out.temp_path().c_str());
    if (workbook == nullptr)
        throw Error(ErrorCode::kIo,
                    path + ": cannot create the workbook: " + io::describe_errno(errno));
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, "SoA");
    lxw_format* bold = workbook_add_format(workbook);
    format_set_bold(bold);
    lxw_format* missing = workbook_add_format(workbook);
    format_set_bg_color(missing, 0xFDE2E2);
    format_set_bold(missing);
    for (std::size_t c = 0; c < kColumns.size(); ++c)
        worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), kColumns[c].c_str(), bold);
    lxw_row_t r = 1;
    for (const auto& row : soa.rows) {
        auto values = cells(row);
        for (std::size_t c = 0; c < values.size(); ++c) {
            if (values[c].empty()) continue;
            lxw_format* format = (!row.decided && c == 3) ? missing : nullptr;
            worksheet_write_string(sheet, r, static_cast<lxw_col_t>(c), values[c].c_str(), format);
        }
        ++r;
    }
    worksheet_freeze_panes(sheet, 1, 0);
    worksheet_autofilter(sheet, 0, 0, r - 1, static_cast<lxw_col_t>(kColumns.size() - 1));
    worksheet_set_column(sheet, 1, 1, 45, nullptr);
    worksheet_set_column(sheet, 4, 4, 50, nullptr);
    worksheet_set_column(sheet, 6, 7, 40, nullptr);
    errno = 0;
    lxw_error error = workbook_close(workbook);
    if (error != LXW_NO_ERROR) {
        // libxlsxwriter names only its own step; errno still holds the system's cause.
        const int cause = errno;
        throw Error(ErrorCode::kIo,
                    path + ": cannot write the workbook: " +
                        (cause != 0 ? io::describe_errno(cause) : lxw_strerror(error)));
    }
    out.commit();
}

}  // namespace ims::soa
