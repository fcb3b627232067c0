// peercert-serve: the peercert command line with the web server linked in. peercert hands
// `peercert serve` over to it with the same arguments.
#include "cli/App.hpp"

int main(int argc, char** argv) {
  return peercert::cli::run(argc, argv, peercert::cli::serve_here);
}
