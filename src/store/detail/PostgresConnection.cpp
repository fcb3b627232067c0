#include "store/detail/PostgresConnection.hpp"

#include "core/Error.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <optional>
#include <vector>

namespace peercert::store::detail {

namespace {

// Type OIDs of pg_type that peercert reads (catalog/pg_type_d.h).
constexpr Oid bool_oid = 16;
constexpr Oid bytea_oid = 17;
constexpr Oid int8_oid = 20;
constexpr Oid int2_oid = 21;
constexpr Oid int4_oid = 23;
constexpr Oid text_oid = 25;
constexpr Oid oid_oid = 26;
constexpr Oid float4_oid = 700;
constexpr Oid float8_oid = 701;
constexpr Oid numeric_oid = 1700;

/// The first line of libpq's message, without its trailing newline.
std::string first_line(const char* message) {
  std::string out = message == nullptr ? std::string{} : std::string(message);
  if (const auto nl = out.find('\n'); nl != std::string::npos) {
    out.erase(nl);
  }
  return out;
}

/// The plain words for a server that is gone or unwilling, or nothing.
std::optional<std::string> environment_words(const std::string& sqlstate, PGconn* conn,
                                             const Location& where) {
  const std::string db = "The database " + where.shown();
  if (conn != nullptr && PQstatus(conn) == CONNECTION_BAD) {
    return db + " stopped answering (its server went away): nothing more was changed. Try "
                "again once it is back.";
  }
  if (sqlstate.starts_with("08") || sqlstate.starts_with("57P")) {
    return db + " stopped answering (its server is shutting down or restarting): nothing more "
                "was changed. Try again once it is back.";
  }
  if (sqlstate == "53100") {
    return "The disk that holds the database " + where.shown() +
           " is full: nothing was changed. Free some space on the server and try again.";
  }
  if (sqlstate == "25006") {
    return db + " is read-only (a standby server?): nothing was changed.";
  }
  return std::nullopt;
}

[[noreturn]] void fail(PGconn* conn, const PGresult* result, const Location& where) {
  const char* state = result == nullptr ? nullptr : PQresultErrorField(result, PG_DIAG_SQLSTATE);
  const std::string sqlstate = state == nullptr ? std::string{} : std::string(state);
  if (auto words = environment_words(sqlstate, conn, where)) {
    throw core::EnvironmentError(*words);
  }
  const char* primary =
      result == nullptr ? nullptr : PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
  throw PostgresError(first_line(primary != nullptr ? primary : PQerrorMessage(conn)), sqlstate);
}

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

ResultPtr run(PGconn* conn, const std::string& sql, const Location& where) {
  ResultPtr result(PQexec(conn, sql.c_str()), PQclear);
  const auto status = result == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    fail(conn, result.get(), where);
  }
  return result;
}

class PostgresStatement final : public PreparedStatement {
public:
  PostgresStatement(const PostgresConnection& connection, std::string_view sql)
      : connection_(connection), sql_(postgres_parameters(sql, &used_)), result_(nullptr, PQclear) {
  }

  void bind_null(int index) override { slot(index).reset(); }
  void bind_int(int index, std::int64_t value) override { slot(index) = std::to_string(value); }
  void bind_text(int index, std::string_view value) override { slot(index) = std::string(value); }

  bool step() override {
    if (!result_) {
      execute();
      row_ = -1;
    }
    if (++row_ < PQntuples(result_.get())) {
      return true;
    }
    const char* tuples = PQcmdTuples(result_.get());
    changes_ = tuples == nullptr || *tuples == '\0' ? 0 : std::stoll(tuples);
    result_.reset();
    return false;
  }
  void reset() override { result_.reset(); }
  std::int64_t changes() const override { return changes_; }

  int column_count() const override { return result_ ? PQnfields(result_.get()) : 0; }
  std::string column_name(int column) const override {
    const char* name = result_ ? PQfname(result_.get(), column) : nullptr;
    return name == nullptr ? std::string{} : std::string(name);
  }
  ValueType type(int column) const override {
    if (PQgetisnull(result_.get(), row_, column) != 0) {
      return ValueType::null;
    }
    switch (PQftype(result_.get(), column)) {
    case bool_oid:
    case int2_oid:
    case int4_oid:
    case int8_oid:
    case oid_oid:
      return ValueType::integer;
    case float4_oid:
    case float8_oid:
    case numeric_oid:
      return ValueType::real;
    case bytea_oid:
      return ValueType::blob;
    default:
      return ValueType::text;
    }
  }
  std::int64_t int64(int column) const override {
    const std::string_view t = raw(column);
    if (t == "t") {
      return 1;
    }
    if (t == "f" || t.empty()) {
      return 0;
    }
    std::int64_t out = 0;
    // A numeric (sum() of bigints) is whole digits; anything after a point is dropped.
    std::from_chars(t.data(), t.data() + t.size(), out);
    return out;
  }
  std::string_view text(int column) const override {
    if (PQftype(result_.get(), column) == bytea_oid) {
      return bytes(column);
    }
    return raw(column);
  }

private:
  std::optional<std::string>& slot(int index) {
    if (index < 1) {
      throw StoreError("A statement parameter is numbered from 1.");
    }
    if (params_.size() < static_cast<std::size_t>(index)) {
      params_.resize(static_cast<std::size_t>(index));
    }
    return params_[static_cast<std::size_t>(index) - 1];
  }

  void execute() {
    std::vector<const char*> values;
    std::vector<Oid> types; // 0: as the statement uses it; text where it does not
    values.reserve(params_.size());
    for (std::size_t i = 0; i < params_.size(); ++i) {
      values.push_back(params_[i] ? params_[i]->c_str() : nullptr);
      types.push_back(i < used_.size() && used_[i] ? 0 : text_oid);
    }
    PGconn* conn = connection_.handle();
    result_.reset(PQexecParams(conn, sql_.c_str(), static_cast<int>(values.size()), types.data(),
                               values.data(), nullptr, nullptr, 0));
    const auto status = result_ ? PQresultStatus(result_.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      const ResultPtr failed = std::move(result_);
      result_.reset();
      fail(conn, failed.get(), connection_.location());
    }
  }

  std::string_view raw(int column) const {
    if (PQgetisnull(result_.get(), row_, column) != 0) {
      return {};
    }
    return {PQgetvalue(result_.get(), row_, column),
            static_cast<std::size_t>(PQgetlength(result_.get(), row_, column))};
  }

  /// A bytea column's bytes, from the server's \x hex text.
  std::string_view bytes(int column) const {
    const std::string_view hex = raw(column);
    decoded_.clear();
    const auto nibble = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
    for (std::size_t i = 2; i + 1 < hex.size(); i += 2) {
      decoded_ += static_cast<char>(nibble(hex[i]) * 16 + nibble(hex[i + 1]));
    }
    return decoded_;
  }

  const PostgresConnection& connection_;
  std::vector<bool> used_;
  std::string sql_;
  std::vector<std::optional<std::string>> params_;
  ResultPtr result_;
  int row_ = -1;
  std::int64_t changes_ = 0;
  mutable std::string decoded_;
};

} // namespace

std::string postgres_parameters(std::string_view sql, std::vector<bool>* used) {
  const auto mark = [used](int n) {
    if (used != nullptr && n > 0) {
      if (used->size() < static_cast<std::size_t>(n)) {
        used->resize(static_cast<std::size_t>(n));
      }
      (*used)[static_cast<std::size_t>(n) - 1] = true;
    }
  };
  std::string out;
  out.reserve(sql.size() + 8);
  int next = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (c == '\'' || c == '"') {
      // Quoted text or an identifier, to its closing quote (a doubled quote stays inside).
      const auto close = sql.find(c, i + 1);
      const auto end = close == std::string_view::npos ? sql.size() : close + 1;
      out.append(sql.substr(i, end - i));
      i = end - 1;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      const auto nl = sql.find('\n', i);
      const auto end = nl == std::string_view::npos ? sql.size() : nl;
      out.append(sql.substr(i, end - i));
      i = end - 1;
    } else if (c == '?') {
      std::size_t j = i + 1;
      while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') {
        ++j;
      }
      if (j == i + 1) {
        out += "$" + std::to_string(++next);
        mark(next);
      } else {
        const int n = std::stoi(std::string(sql.substr(i + 1, j - i - 1)));
        next = std::max(next, n);
        mark(n);
        out += "$";
        out.append(sql.substr(i + 1, j - i - 1));
      }
      i = j - 1;
    } else {
      out += c;
    }
  }
  return out;
}

PostgresConnection::PostgresConnection(const Location& location) : location_(location) {
  conn_ = PQconnectdb(location.url().c_str());
  if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
    std::string why = conn_ == nullptr ? "out of memory" : first_line(PQerrorMessage(conn_));
    // libpq says where it tried ("connection to server on socket … failed: …"); the part
    // after the last ": " is the reason.
    if (const auto colon = why.rfind(": "); colon != std::string::npos) {
      why.erase(0, colon + 2);
    }
    why.erase(0, why.find_first_not_of(' '));
    PQfinish(conn_);
    conn_ = nullptr;
    while (!why.empty() && (why.back() == '.' || why.back() == ' ')) {
      why.pop_back();
    }
    throw core::EnvironmentError("The database " + location.shown() + " cannot be reached: " + why +
                                 ".");
  }
  // Notices ("relation already exists, skipping") are not the user's business.
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
  run(conn_, "SET client_min_messages = warning", location_);
}

PostgresConnection::~PostgresConnection() { PQfinish(conn_); }

std::unique_ptr<PreparedStatement> PostgresConnection::prepare(std::string_view sql) const {
  return std::make_unique<PostgresStatement>(*this, sql);
}

void PostgresConnection::run_script(const std::string& sql) const { run(conn_, sql, location_); }

bool PostgresConnection::in_transaction() const {
  return PQtransactionStatus(conn_) != PQTRANS_IDLE;
}

void PostgresConnection::begin_write() const {
  run(conn_, "BEGIN; SELECT pg_advisory_xact_lock(" + std::to_string(write_lock_key) + ")",
      location_);
}

void PostgresConnection::begin_read() const {
  run(conn_, "BEGIN ISOLATION LEVEL REPEATABLE READ", location_);
}

void PostgresConnection::commit() const { run(conn_, "COMMIT", location_); }

void PostgresConnection::rollback() const noexcept {
  if (conn_ != nullptr && PQtransactionStatus(conn_) != PQTRANS_IDLE) {
    PQclear(PQexec(conn_, "ROLLBACK"));
  }
}

} // namespace peercert::store::detail
