# Writes OUTPUT, a C++ file holding every NNNN_*.sql file of db/migrations (SQLite) and
# db/postgresql (PostgreSQL, from its baseline on) as strings, so the binary carries its
# schema. Run as `cmake -DSOURCE_DIR=db -DOUTPUT=… -P EmbedMigrations.cmake`.
function(embed folder first out_var)
file(GLOB sql_files "${folder}/[0-9][0-9][0-9][0-9]_*.sql")
list(SORT sql_files)
set(entries "")
set(expected ${first})
foreach(sql_file IN LISTS sql_files)
  get_filename_component(name "${sql_file}" NAME)
  string(SUBSTRING "${name}" 0 4 number)
  math(EXPR version "${number}")
  if(NOT version EQUAL expected)
    message(FATAL_ERROR "${folder}: ${name} should be number ${expected}")
  endif()
  math(EXPR expected "${expected} + 1")
  file(READ "${sql_file}" sql)
  if(sql MATCHES "\\)peercert_sql\"")
    message(FATAL_ERROR "${name} contains the raw-string delimiter")
  endif()
  string(APPEND entries "    {${version}, \"${name}\", R\"peercert_sql(${sql})peercert_sql\"},\n")
endforeach()
set(${out_var} "${entries}" PARENT_SCOPE)
endfunction()

embed("${SOURCE_DIR}/migrations" 1 sqlite_entries)
# PostgreSQL starts at the schema SQLite had when it came (0020_baseline.sql).
embed("${SOURCE_DIR}/postgresql" 20 postgresql_entries)
file(WRITE "${OUTPUT}.tmp" "// Generated from db/migrations and db/postgresql by cmake/EmbedMigrations.cmake; do not edit.
#include \"store/Migrations.hpp\"

namespace peercert::store {

std::span<const Migration> migrations() {
  static const Migration all[] = {
${sqlite_entries}  };
  return all;
}

std::span<const Migration> postgresql_migrations() {
  static const Migration all[] = {
${postgresql_entries}  };
  return all;
}

} // namespace peercert::store
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
