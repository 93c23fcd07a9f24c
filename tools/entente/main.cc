// entente: news in, political events and alliance networks out.
#include <CLI/CLI.hpp>

#include <iostream>
#include <string>
#include <vector>

#include "command.h"

namespace entente::cli {
namespace {
std::string g_command_line;
}
void SetCommandLine(int argc, char** argv) {
  g_command_line.clear();
  for (int i = 0; i < argc; ++i) {
    if (i) g_command_line.push_back(' ');
    g_command_line += argv[i];
  }
}
const std::string& CommandLine() { return g_command_line; }
}  // namespace entente::cli

#ifndef ENTENTE_VERSION
#define ENTENTE_VERSION "0.0.0"
#endif

int main(int argc, char** argv) {
  CLI::App app{
      "entente " ENTENTE_VERSION
      " -- turns news into political event data (CAMEO, PLOVER) and measures alliance networks.\n"
      "Run 'entente <command> --help' for a command's options."};
  app.set_version_flag("--version", "entente " ENTENTE_VERSION);
  app.require_subcommand(1, 1);
  app.fallthrough(false);

  std::vector<std::pair<CLI::App*, entente::cli::Runner>> commands;
  for (entente::cli::AddCommand adder : {entente::cli::AddCodeCommand, entente::cli::AddEvalCommand,
                                          entente::cli::AddIngestCommand, entente::cli::AddDyadCommand,
                                          entente::cli::AddParseCommand, entente::cli::AddTrainCommand,
                                          entente::cli::AddBalanceCommand,
                                          entente::cli::AddNetworkCommand, entente::cli::AddTrendCommand,
                                          entente::cli::AddBlocsCommand, entente::cli::AddReportCommand}) {
    entente::cli::Runner run;
    CLI::App* sub = adder(app, &run);
    commands.emplace_back(sub, std::move(run));
  }

  // The exact command line, recorded in trained models for reproducibility.
  entente::cli::SetCommandLine(argc, argv);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return entente::cli::kExitUsage;
  }
  for (auto& [sub, run] : commands) {
    if (sub->parsed()) return run();
  }
  return entente::cli::kExitUsage;
}
