#include "tracker/Records.hpp"

#include <array>
#include <utility>

namespace peercert::tracker {

namespace {

template <class E, std::size_t N>
std::optional<E> from_name(const std::array<std::pair<E, std::string_view>, N>& names,
                           std::string_view name) {
  for (const auto& [value, n] : names) {
    if (n == name) {
      return value;
    }
  }
  return std::nullopt;
}

template <class E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& names, E value) {
  for (const auto& [v, n] : names) {
    if (v == value) {
      return n;
    }
  }
  return "unknown";
}

constexpr std::array<std::pair<MemberStatus, std::string_view>, 4> member_statuses{{
    {MemberStatus::applied, "applied"},
    {MemberStatus::selected, "selected"},
    {MemberStatus::waitlisted, "waitlisted"},
    {MemberStatus::withdrawn, "withdrawn"},
}};
constexpr std::array<std::pair<SelectionMethod, std::string_view>, 2> selection_methods{{
    {SelectionMethod::first_come, "first_come"},
    {SelectionMethod::lottery, "lottery"},
}};
constexpr std::array<std::pair<ApplicationStatus, std::string_view>, 3> application_statuses{{
    {ApplicationStatus::submitted, "submitted"},
    {ApplicationStatus::approved, "approved"},
    {ApplicationStatus::denied, "denied"},
}};

constexpr std::array<std::pair<Role, std::string_view>, 2> roles{{
    {Role::staff, "staff"},
    {Role::admin, "admin"},
}};

} // namespace

std::string_view to_string(Role r) { return name_of(roles, r); }
std::optional<Role> role_from_name(std::string_view name) { return from_name(roles, name); }

std::string_view to_string(MemberStatus s) { return name_of(member_statuses, s); }
std::optional<MemberStatus> member_status_from_name(std::string_view name) {
  return from_name(member_statuses, name);
}
std::string_view to_string(SelectionMethod m) { return name_of(selection_methods, m); }
std::optional<SelectionMethod> selection_method_from_name(std::string_view name) {
  return from_name(selection_methods, name);
}
std::string_view to_string(ApplicationStatus s) { return name_of(application_statuses, s); }
std::optional<ApplicationStatus> application_status_from_name(std::string_view name) {
  return from_name(application_statuses, name);
}

} // namespace peercert::tracker
