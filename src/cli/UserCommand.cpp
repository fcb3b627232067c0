#include "cli/Commands.hpp"

#include "core/Text.hpp"

#include "app/Users.hpp"
#include "core/Error.hpp"
#include "report/Text.hpp"

#include <iostream>
#include <memory>
#include <termios.h>
#include <unistd.h>

namespace peercert::cli {

namespace {

struct UserOptions {
  std::string name;
  std::string role = "staff";
  std::vector<std::string> boards;
  bool all_boards = false;
  bool password_stdin = false;
  std::string format;
};

/// Reads a line from the terminal without showing it.
std::string read_hidden(const std::string& prompt) {
  std::cerr << prompt << std::flush;
  termios old_mode{};
  const bool terminal = tcgetattr(STDIN_FILENO, &old_mode) == 0;
  if (terminal) {
    termios quiet = old_mode;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (terminal) {
    tcsetattr(STDIN_FILENO, TCSANOW, &old_mode);
    std::cerr << '\n';
  }
  return line;
}

/// The new password: the first line of standard input, or typed twice on a terminal.
std::string new_password(bool from_stdin) {
  if (from_stdin) {
    std::string line;
    std::getline(std::cin, line);
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    return line;
  }
  if (isatty(STDIN_FILENO) == 0) {
    throw core::UsageError("Give the password on a terminal, or with --password-stdin.");
  }
  const auto first = read_hidden("New password (at least 12 characters): ");
  const auto second = read_hidden("The same password again: ");
  if (first != second) {
    throw core::InputError("The two passwords differ; nothing was changed.");
  }
  return first;
}

int run_user_add(const UserOptions& opts, app::Users& users) {
  const auto password = new_password(opts.password_stdin);
  const auto u = users.add(opts.name, *tracker::role_from_name(opts.role), password,
                           {opts.all_boards, opts.boards});
  std::cout << "Added " << tracker::to_string(u.role) << " user " << u.name << ".\n";
  return 0;
}

int run_user_password(const UserOptions& opts, app::Users& users) {
  users.set_password(opts.name, new_password(opts.password_stdin));
  std::cout << "Set the password of " << opts.name << ".\n";
  return 0;
}

int run_user_disable(const UserOptions& opts, app::Users& users) {
  users.disable(opts.name);
  std::cout << "Disabled user " << opts.name << ".\n";
  return 0;
}

int run_user_list(const UserOptions& opts, app::Users& users) {
  const auto all = users.list();
  if (opts.format == "json") {
    report::Json list = report::Json::array();
    for (const auto& u : all) {
      report::Json j;
      j["name"] = u.name;
      j["role"] = std::string(tracker::to_string(u.role));
      j["boards"] = u.all_boards ? report::Json("all") : report::Json(u.boards);
      j["created_at"] = u.created_at;
      j["disabled_at"] =
          u.disabled_at.empty() ? report::Json(nullptr) : report::Json(u.disabled_at);
      list.push_back(std::move(j));
    }
    std::cout << list.dump(2) << '\n';
  } else {
    std::vector<std::vector<std::string>> rows;
    for (const auto& u : all) {
      rows.push_back({u.name, std::string(tracker::to_string(u.role)),
                      u.all_boards ? "all" : core::join(u.boards, ", "), u.created_at,
                      u.disabled_at.empty() ? "-" : u.disabled_at});
    }
    std::cout << report::render_table({"NAME", "ROLE", "BOARDS", "ADDED (UTC)", "DISABLED (UTC)"},
                                      rows);
  }
  return 0;
}

} // namespace

void setup_user(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto* cmd = app.add_subcommand("user", "Staff users of the web pages")->require_subcommand(1);
  {
    auto o = std::make_shared<UserOptions>();
    auto* sub = cmd->add_subcommand("add", "Add a staff user; asks for the password");
    sub->add_option("--name", o->name, "Login name")->required();
    one_of(sub->add_option("--role", o->role, "staff (default) or admin"), {"staff", "admin"});
    auto* board = sub->add_option("--board", o->boards,
                                  "A board whose records the user sees (repeatable); needed, or "
                                  "--all-boards, once a board exists")
                      ->type_name("ID");
    sub->add_flag("--all-boards", o->all_boards, "The user sees every board's records")
        ->excludes(board);
    sub->add_flag("--password-stdin", o->password_stdin,
                  "Read the password from the first line of standard input");
    on_run(sub, o, global, action, [](const UserOptions& opts, const GlobalOptions& g) {
      Opened s(g);
      return run_user_add(opts, s.services.users);
    });
  }
  {
    auto o = std::make_shared<UserOptions>();
    auto* sub = cmd->add_subcommand("password", "Set a user's password");
    sub->add_option("name", o->name, "Login name")->required();
    sub->add_flag("--password-stdin", o->password_stdin,
                  "Read the password from the first line of standard input");
    on_run(sub, o, global, action, [](const UserOptions& opts, const GlobalOptions& g) {
      Opened s(g);
      return run_user_password(opts, s.services.users);
    });
  }
  {
    auto o = std::make_shared<UserOptions>();
    auto* sub = cmd->add_subcommand(
        "disable", "Disable a user who has left: no more logins, sessions end; the name stays "
                   "in the audit log");
    sub->add_option("name", o->name, "User name")->required();
    on_run(sub, o, global, action, [](const UserOptions& opts, const GlobalOptions& g) {
      Opened s(g);
      return run_user_disable(opts, s.services.users);
    });
  }
  {
    auto o = std::make_shared<UserOptions>();
    auto* sub = cmd->add_subcommand(
        "totp-reset", "Clear a user's second factor and recovery codes (a lost phone); their "
                      "sessions end, and they set it up again at the next login");
    sub->add_option("name", o->name, "User name")->required();
    on_run(sub, o, global, action, [](const UserOptions& opts, const GlobalOptions& g) {
      Opened s(g);
      s.services.second_factor.reset(opts.name);
      std::cout << "Cleared the second factor of " << opts.name << "; their sessions have ended.\n";
      return 0;
    });
  }
  {
    auto o = std::make_shared<UserOptions>();
    auto* sub = cmd->add_subcommand("list", "List the users");
    add_format(sub, o->format, {"table", "json"});
    on_run(sub, o, global, action, [](const UserOptions& opts, const GlobalOptions& g) {
      Opened s(g, Access::read);
      return run_user_list(opts, s.services.users);
    });
  }
}

} // namespace peercert::cli
