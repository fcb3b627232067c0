# The warnings every peercert target is built with (CLI11's CLI11Warnings.cmake is the model).
add_library(peercert_warnings INTERFACE)
target_compile_options(peercert_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wswitch-enum
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wnull-dereference
  $<$<BOOL:${PEERCERT_WERROR}>:-Werror>)
