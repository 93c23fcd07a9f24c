// Internal to the CLI: how a subcommand plugs into main.cc.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace entente::cli {

// Exit statuses of the entente CLI (documented in README.md).
inline constexpr int kExitOk = 0;          // everything processed
inline constexpr int kExitSkipped = 1;     // finished, but some input was skipped (see stderr)
inline constexpr int kExitUsage = 2;       // bad command line
inline constexpr int kExitFatal = 3;       // nothing or not all could be done (missing model, unwritable output)

// The command line as typed (argv joined by spaces), e.g. for model metadata.
void SetCommandLine(int argc, char** argv);
const std::string& CommandLine();

// A subcommand registers itself and its options on `app`, sets *run to the
// function that runs it once the command line is parsed, and returns itself.
using Runner = std::function<int()>;
using AddCommand = CLI::App* (*)(CLI::App& app, Runner* run);

CLI::App* AddParseCommand(CLI::App& app, Runner* run);
CLI::App* AddTrainCommand(CLI::App& app, Runner* run);
CLI::App* AddBalanceCommand(CLI::App& app, Runner* run);
CLI::App* AddCodeCommand(CLI::App& app, Runner* run);
CLI::App* AddEvalCommand(CLI::App& app, Runner* run);
CLI::App* AddNetworkCommand(CLI::App& app, Runner* run);
CLI::App* AddTrendCommand(CLI::App& app, Runner* run);
CLI::App* AddBlocsCommand(CLI::App& app, Runner* run);
CLI::App* AddReportCommand(CLI::App& app, Runner* run);
CLI::App* AddIngestCommand(CLI::App& app, Runner* run);
CLI::App* AddDyadCommand(CLI::App& app, Runner* run);

}  // namespace entente::cli
