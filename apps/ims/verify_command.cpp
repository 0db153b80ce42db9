// `ims verify STORE`: change-log chain, vault hashes and SQLite integrity.
#include "cli.hpp"
#include "ims/core/store.hpp"

namespace ims::cli {

int run_verify(Invocation& inv) {
    QCommandLineParser parser;
    add_format_option(parser);
    if (!parse(parser, inv, 1, 1)) return kExitOk;
    const Format format = format_of(parser);
    const std::string path = to_std(parser.positionalArguments()[0]);
    auto store = store::Store::open(path);
    store::VerifyReport report = store.verify();
    if (format == Format::kJson) {
        print_json(inv, {{"store", path},
                         {"ok", report.ok()},
                         {"change_log_entries", report.log_entries},
                         {"vault_blobs", report.blobs},
                         {"problems", report.problems}});
    } else if (report.ok()) {
        inv.out << path << ": intact (" << report.log_entries << " change-log entries, "
                << report.blobs << " vault blobs, SQLite integrity ok)\n";
    } else {
        inv.out << path << ": " << report.problems.size() << " problem(s) found\n";
        for (const auto& p : report.problems) inv.out << "  " << p << "\n";
    }
    return report.ok() ? kExitOk : kExitFindings;
}

}  // namespace ims::cli
