#include "cli/App.hpp"

int main(int argc, char** argv) {
  return peercert::cli::run(argc, argv, [argv](const auto& /*options*/, bool /*verbose*/) {
    return peercert::cli::hand_over_serve(argv);
  });
}
