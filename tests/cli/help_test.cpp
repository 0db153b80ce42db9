// `ims help` against the parser: for every command the listing (`ims help --format json`) names,
// each option it takes is in its help and accepted by the real binary, each option its help
// mentions is one it takes, and each example of its description runs.
#include "example_folder.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>

using ims::test::run_ims;

namespace {

nlohmann::json listing() {
    auto run = run_ims({"help", "--format", "json"});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    auto doc = run.json();
    EXPECT_FALSE(doc["commands"].empty()) << run.out;
    return doc["commands"];
}

// Every --name the text mentions anywhere: usage, description, options, examples.
std::set<std::string> mentioned_options(const std::string& text) {
    std::set<std::string> names;
    static const std::regex option("--([a-z][a-z0-9-]*)");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), option);
         it != std::sregex_iterator(); ++it)
        names.insert((*it)[1]);
    return names;
}

// Whether the help has a line explaining --name, as its options section lists them.
bool explains(const std::string& help, const std::string& name) {
    return std::regex_search(help, std::regex("(^|\n)  --" + name + "( |\n)"));
}

TEST(CliHelp, EveryOptionTakenIsInTheHelpAndEveryOptionInTheHelpIsTaken) {
    for (const auto& command : listing()) {
        const std::string name = command["name"];
        const auto help = run_ims({"help", name});
        ASSERT_EQ(help.exit_code, 0) << name << ": " << help.err;
        EXPECT_EQ(help.out.rfind("usage: ims " + name, 0), 0u) << help.out;
        EXPECT_EQ(run_ims({name, "--help"}).out, help.out) << name;

        std::set<std::string> taken{"help"};  // every command takes --help
        std::vector<std::string> all_options{name};
        for (const auto& option : command["options"]) {
            const std::string option_name = option["name"];
            taken.insert(option_name);
            EXPECT_TRUE(explains(help.out, option_name))
                << "'ims help " << name << "' does not explain --" << option_name << ":\n"
                << help.out;
            all_options.push_back("--" + option_name);
            if (!option["value_name"].get<std::string>().empty()) all_options.push_back("x");
        }
        for (const auto& mentioned : mentioned_options(help.out))
            EXPECT_TRUE(taken.count(mentioned))
                << "'ims help " << name << "' mentions --" << mentioned << ", which 'ims " << name
                << "' does not take";

        // The real parser takes every option listed: with all of them and --help it prints the
        // help.
        all_options.push_back("--help");
        const auto accepted = run_ims(all_options);
        EXPECT_EQ(accepted.exit_code, 0) << name << ": " << accepted.err;
        EXPECT_EQ(accepted.out, help.out) << name;
    }
}

TEST(CliHelp, EveryCommandsExamplesRunInTheExampleFolder) {
    for (const auto& command : listing()) {
        const std::string name = command["name"];
        EXPECT_FALSE(command["examples"].empty()) << "'ims help " << name << "' has no example";
        ims::test::ExampleFolder folder;  // each command's examples run in order, in one folder
        for (const auto& example : command["examples"]) {
            auto run = ims::test::run_shell(example, folder.path());
            EXPECT_EQ(run.exit_code, 0)
                << "example of 'ims help " << name << "': " << example.get<std::string>()
                << "\nstdout: " << run.out.substr(0, 2000) << "\nstderr: " << run.err;
        }
    }
}

}  // namespace
