// Counts the words of each file named on the command line (read through a preopened directory) and
// greets with the GREETING environment variable: argv, env and files through WASI, in C++.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

int main(int argc, char **argv) {
  const char *greeting = std::getenv("GREETING");
  std::cout << (greeting ? greeting : "Hello") << " from C++" << std::endl;
  for (int i = 1; i < argc; ++i) {
    std::ifstream in(argv[i]);
    if (!in) {
      std::cerr << argv[i] << ": cannot open" << std::endl;
      return 2;
    }
    std::string word;
    long words = 0;
    while (in >> word) ++words;
    std::cout << argv[i] << ": " << words << " words" << std::endl;
  }
  return 0;
}
