// The headless host: `ims COMMAND [ARGS]`. Dispatches to one file per command, catches every
// error at the top and maps it to the documented exit code. stdout carries only the command's
// output; messages go to stderr.
#include "cli.hpp"
#include "ims/core/error.hpp"
#include "output.hpp"

#include <QCoreApplication>

#include <csignal>
#include <iostream>

using namespace ims::cli;

namespace {

// The one mapping from a core error to the documented exit code (docs/cli.md).
int exit_code_of(ims::ErrorCode code) {
    switch (code) {
        case ims::ErrorCode::kUsage:
        case ims::ErrorCode::kInvalidInput:
        case ims::ErrorCode::kNotFound:
        case ims::ErrorCode::kConflict:
        case ims::ErrorCode::kReadOnly:
            return kExitUsage;
        case ims::ErrorCode::kBusy:
        case ims::ErrorCode::kDamaged:
            return kExitIncomplete;
        case ims::ErrorCode::kIo:
        case ims::ErrorCode::kInternal:
            return kExitInternal;
    }
    return kExitInternal;
}

}  // namespace

int main(int argc, char** argv) {
    // A reader that closes the pipe makes writes to stdout fail (EPIPE) instead of killing ims,
    // so the command ends as for any output it cannot write: a message and exit code 4.
    std::signal(SIGPIPE, SIG_IGN);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("ims");
    QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) {
        std::cerr << "usage: ims COMMAND [ARGS]; 'ims help' lists the commands\n";
        return kExitUsage;
    }
    std::string name = to_std(args[1]);
    if (name == "--help" || name == "-h") name = "help";
    if (name == "--version") name = "version";
    const Command* command = find_command(name);
    if (command == nullptr) {
        std::cerr << "ims: unknown command '" << name << "'; 'ims help' lists the commands\n";
        return kExitUsage;
    }
    args.removeAt(1);
    Invocation inv{name, args, to_std(QCoreApplication::applicationDirPath()), std::cout,
                   std::cerr};
    int code = kExitInternal;
    try {
        code = run_command(*command, inv);
    } catch (const UsageError& e) {
        std::cerr << "ims " << name << ": " << e.message << "\n";
        return kExitUsage;
    } catch (const ims::Error& e) {
        std::cerr << "ims " << name << ": " << e.what() << "\n";
        return exit_code_of(e.code());
    } catch (const std::exception& e) {
        std::cerr << "ims " << name << ": internal error: " << e.what() << "\n";
        return kExitInternal;
    }
    std::cout.flush();
    if (!std::cout) {
        std::cerr << "ims " << name << ": " << stdout_failure() << "\n";
        return kExitInternal;
    }
    return code;
}
