#include "cli/Commands.hpp"

#include "app/Boards.hpp"
#include "core/Text.hpp"
#include "report/CheckReport.hpp"
#include "report/Text.hpp"

#include <iostream>
#include <memory>

namespace peercert::cli {

namespace {

struct BoardOptions {
  std::string id;
  std::string name;
  std::vector<std::string> programs;
  std::string format;
};

report::Json board_json(const tracker::Board& b, const std::vector<std::string>& users) {
  report::Json j;
  j["id"] = b.id;
  j["name"] = b.name;
  j["programs"] = b.programs;
  j["users"] = users;
  j["created_at"] = b.created_at;
  return j;
}

int run_board_add(const BoardOptions& opts, app::Boards& boards) {
  const auto b = boards.add(opts.id, opts.name, opts.programs);
  std::cout << "Added board " << b.id << " (" << b.name << ")"
            << (b.programs.empty() ? std::string(" with no program yet")
                                   : " for " + core::join(b.programs, ", "))
            << ".\n";
  return 0;
}

int run_board_list(const BoardOptions& opts, const app::Boards& boards) {
  const auto all = boards.list();
  if (opts.format == "json") {
    report::Json list = report::Json::array();
    for (const auto& b : all) {
      list.push_back(board_json(b, boards.users_of(b.id)));
    }
    std::cout << list.dump(2) << '\n';
    return 0;
  }
  if (all.empty()) {
    std::cout << "No boards: every staff user sees every program's records.\n";
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& b : all) {
    rows.push_back({b.id, b.name,
                    b.programs.empty() ? std::string("-") : core::join(b.programs, ", "),
                    std::to_string(boards.users_of(b.id).size())});
  }
  std::cout << report::render_table({"BOARD", "NAME", "PROGRAMS", "USERS"}, rows);
  return 0;
}

int run_board_show(const BoardOptions& opts, const app::Boards& boards) {
  const auto b = boards.board(opts.id, "id");
  const auto users = boards.users_of(b.id);
  if (opts.format == "json") {
    std::cout << board_json(b, users).dump(2) << '\n';
    return 0;
  }
  std::cout << "Board:     " << b.id << "\nName:      " << b.name << "\nPrograms:  "
            << (b.programs.empty() ? std::string("(none)") : core::join(b.programs, ", "))
            << "\nUsers:     " << (users.empty() ? std::string("(none)") : core::join(users, ", "))
            << "\nAdded:     " << b.created_at << " (UTC)\n";
  return 0;
}

} // namespace

void setup_board(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto* cmd = app.add_subcommand("board", "Boards sharing this installation: each certifies for "
                                          "its programs, and its staff see only their records")
                  ->require_subcommand(1);
  cmd->footer("A program belongs to at most one board. Once a board exists, `user add` needs\n"
              "--board ID or --all-boards; users made before boards see every board.");
  {
    auto o = std::make_shared<BoardOptions>();
    auto* sub = cmd->add_subcommand("add", "Add a board and the programs it certifies for");
    sub->add_option("id", o->id, "The board's id: 1 to 32 letters, digits or hyphens")
        ->required()
        ->type_name("ID");
    sub->add_option("--name", o->name, "The board's name, as staff read it")->required();
    program_id(sub->add_option("--programs", o->programs,
                               "Its programs, comma-separated (see `peercert rules list`)")
                   ->delimiter(',')
                   ->type_name("P1,P2"));
    on_run(sub, o, global, action, [](const BoardOptions& opts, const GlobalOptions& g) {
      Opened s(g);
      return run_board_add(opts, s.services.boards);
    });
  }
  {
    auto o = std::make_shared<BoardOptions>();
    auto* sub = cmd->add_subcommand("list", "List the boards, their programs and how many users");
    add_format(sub, o->format, {"table", "json"});
    on_run(sub, o, global, action, [](const BoardOptions& opts, const GlobalOptions& g) {
      Opened s(g, Access::read);
      return run_board_list(opts, s.services.boards);
    });
  }
  {
    auto o = std::make_shared<BoardOptions>();
    auto* sub = cmd->add_subcommand("show", "One board: its programs and its users");
    sub->add_option("id", o->id, "The board's id")->required()->type_name("ID");
    add_format(sub, o->format, {"text", "json"});
    on_run(sub, o, global, action, [](const BoardOptions& opts, const GlobalOptions& g) {
      Opened s(g, Access::read);
      return run_board_show(opts, s.services.boards);
    });
  }
}

} // namespace peercert::cli
