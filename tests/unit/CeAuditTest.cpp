#include "tracker/CeAudit.hpp"
#include "core/Error.hpp"
#include "tracker/Pathway.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace peercert;
using namespace peercert::tracker;
using namespace date::literals;

TEST_CASE("an audit share is ceil(share x n), exactly") {
  CHECK(audit_count(10, 3000) == 3);     // 30 % of 10
  CHECK(audit_count(10, 50) == 1);       // 0.5 % of 10 is 0.05: one is still drawn
  CHECK(audit_count(1000, 1000) == 100); // 10 % of 1,000, no rounding up
  CHECK(audit_count(1001, 1000) == 101); // 100.1 rounds up
  CHECK(audit_count(7, 10000) == 7);     // everyone
  CHECK(audit_count(0, 1000) == 0);
  CHECK(audit_count(100'000, 1) == 10); // 0.01 % of 100,000
}

TEST_CASE("a draw is reproducible from its seed and picks distinct candidates") {
  const auto first = draw(100, 10, 42);
  CHECK(first == draw(100, 10, 42));
  CHECK(first != draw(100, 10, 43));
  CHECK(first.size() == 10);
  CHECK(std::set<std::size_t>(first.begin(), first.end()).size() == 10);
  CHECK(std::is_sorted(first.begin(), first.end()));
  CHECK(first.back() < 100);
  // The same generator as cohort lotteries: the first ten of its permutation.
  auto order = seeded_permutation(100, 42);
  order.resize(10);
  std::sort(order.begin(), order.end());
  CHECK(first == order);
  CHECK(draw(3, 10, 1).size() == 3);
}

TEST_CASE("an audit moves one step at a time to its decision") {
  CHECK(next_states(AuditState::selected) == std::vector{AuditState::evidence_requested});
  CHECK(next_states(AuditState::submitted) == std::vector{AuditState::passed, AuditState::failed});
  CHECK(next_states(AuditState::passed).empty());
  CHECK_NOTHROW(check_move(1, AuditState::evidence_requested, AuditState::submitted));
  CHECK_THROWS_WITH(check_move(4, AuditState::selected, AuditState::passed),
                    "Audit 4 is selected; it moves next to evidence_requested, not passed.");
  CHECK_THROWS_WITH(check_move(4, AuditState::failed, AuditState::passed),
                    "Audit 4 is failed and decided; it cannot move to passed.");
  try {
    check_move(4, AuditState::selected, AuditState::submitted);
  } catch (const core::InputError& e) {
    CHECK(e.field() == "to");
  }
  for (const auto* name : {"selected", "evidence_requested", "submitted", "passed", "failed"}) {
    const auto s = audit_state_from_name(name);
    REQUIRE(s);
    CHECK(to_string(*s) == name);
  }
  CHECK_FALSE(audit_state_from_name("Passed"));
}

TEST_CASE("an open audit past its due date is overdue until the evidence is in") {
  CeAudit a;
  a.due_on = 2026_y / 4 / 30;
  a.state = AuditState::evidence_requested;
  CHECK(days_overdue(a, 2026_y / 4 / 30) == 0);
  CHECK(days_overdue(a, 2026_y / 5 / 3) == 3);
  a.state = AuditState::submitted;
  CHECK(days_overdue(a, 2026_y / 5 / 3) == 0);
  CHECK(is_open(a.state));
  a.state = AuditState::failed;
  CHECK_FALSE(is_open(a.state));
}
