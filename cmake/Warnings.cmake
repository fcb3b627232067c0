# The warnings every peercert target is built with (CLI11's CLI11Warnings.cmake is the model).
add_library(peercert_warnings INTERFACE)
target_compile_options(peercert_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wswitch-enum
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual
  $<$<BOOL:${PEERCERT_WERROR}>:-Werror>)

# GCC 12 reports -Wrestrict for `"text" + std::string` at -O2 and above, a false positive in
# libstdc++ (https://gcc.gnu.org/bugzilla/show_bug.cgi?id=105651). Off for GCC 12 only.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12
   AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(peercert_warnings INTERFACE -Wno-restrict)
endif()
