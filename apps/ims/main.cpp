// The headless host: `ims COMMAND [ARGS]`. Dispatches to one file per command, catches every
// error at the top and maps it to the documented exit code. stdout carries only the command's
// output; messages go to stderr.
#include "cli.hpp"
#include "ims/core/error.hpp"

#include <QCoreApplication>

#include <iostream>

using namespace ims::cli;

int main(int argc, char** argv) {
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
    Invocation inv{name, args, to_std(QCoreApplication::applicationDirPath()), std::cout, std::cerr};
    int code = kExitInternal;
    try {
        code = command->run(inv);
    } catch (const UsageError& e) {
        std::cerr << "ims " << name << ": " << e.message << "\n";
        return kExitUsage;
    } catch (const ims::Error& e) {
        std::cerr << "ims " << name << ": " << e.what() << "\n";
        bool io = e.code() == ims::ErrorCode::kIo || e.code() == ims::ErrorCode::kInternal;
        return io ? kExitInternal : kExitUsage;
    } catch (const std::exception& e) {
        std::cerr << "ims " << name << ": internal error: " << e.what() << "\n";
        return kExitInternal;
    }
    std::cout.flush();
    if (!std::cout) {
        std::cerr << "ims " << name << ": cannot write to standard output\n";
        return kExitInternal;
    }
    return code;
}
