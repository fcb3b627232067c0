# Writes OUTPUT, a C++ file holding every db/migrations/NNNN_*.sql file as a string, so the
# binary carries its schema. Run as `cmake -DSOURCE_DIR=… -DOUTPUT=… -P EmbedMigrations.cmake`.
file(GLOB sql_files "${SOURCE_DIR}/[0-9][0-9][0-9][0-9]_*.sql")
list(SORT sql_files)
set(entries "")
set(expected 1)
foreach(sql_file IN LISTS sql_files)
  get_filename_component(name "${sql_file}" NAME)
  string(SUBSTRING "${name}" 0 4 number)
  math(EXPR version "${number}")
  if(NOT version EQUAL expected)
    message(FATAL_ERROR "db/migrations: ${name} should be number ${expected}")
  endif()
  math(EXPR expected "${expected} + 1")
  file(READ "${sql_file}" sql)
  if(sql MATCHES "\\)peercert_sql\"")
    message(FATAL_ERROR "${name} contains the raw-string delimiter")
  endif()
  string(APPEND entries "    {${version}, \"${name}\", R\"peercert_sql(${sql})peercert_sql\"},\n")
endforeach()
file(WRITE "${OUTPUT}.tmp" "// Generated from db/migrations by cmake/EmbedMigrations.cmake; do not edit.
#include \"store/Migrations.hpp\"

namespace peercert::store {

std::span<const Migration> migrations() {
  static const Migration all[] = {
${entries}  };
  return all;
}

} // namespace peercert::store
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
