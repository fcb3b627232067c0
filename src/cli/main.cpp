#include "cli/App.hpp"

int main(int argc, char** argv) { return peercert::cli::run(argc, argv); }
