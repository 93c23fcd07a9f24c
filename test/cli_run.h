// Running the entente CLI from a test (test/cli_test.cc, test/bad_input_test.cc):
// the binary is ENTENTE_CLI, a compile definition of those tests.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace entente::testing_cli {

struct CliRun {
  int status = -1;  // exit status; -1 when killed by a signal or not started
  std::string out, err;
};

inline std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs `entente ARGS` (ARGS are shell words, quoted by the caller), with
// stdout captured and stderr written to `err_path` and read back.
inline CliRun RunEntente(const std::string& args, const std::string& err_path) {
  const std::string cmd = std::string(ENTENTE_CLI) + " " + args + " 2>'" + err_path + "'";
  CliRun r;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  std::array<char, 65536> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  r.err = ReadAll(err_path);
  return r;
}

}  // namespace entente::testing_cli
