#pragma once

#include "core/Hours.hpp"
#include "core/Money.hpp"
#include "rules/Condition.hpp"
#include "rules/Dated.hpp"

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace peercert::rules {

/// A document or regulation that rule values cite.
struct Source {
  std::string id;
  std::string citation;   ///< how to cite it to a person
  std::string document;   ///< file name under rules/sources/, or empty
  std::string regulation; ///< e.g. "1 TAC §354.3207", or empty
  std::string url;        ///< optional
};

/// One eligibility criterion: a condition over facts, with where it comes from.
struct Criterion {
  std::string id;
  std::string description; ///< the criterion as its source words it
  Condition condition;
  std::string source;
  std::string quote;
  bool to_confirm = false; ///< the source does not state it for this program; ask the board
};

/// One way into a program (DESIGN.md, "Routes"): the person is eligible when they meet the
/// program's own criteria and every criterion of at least one route. California admits an
/// out-of-state holder on peer work, CE and letters instead of its training; Ohio accepts 40
/// hours of training or three years of experience.
struct Route {
  std::string id;
  std::string name;
  std::vector<Criterion> criteria; ///< never empty
};

/// A day the self-check names from a date fact, without changing its outcome (FL-CRPS: a
/// person may work as a peer for up to 12 months while seeking certification). It falls
/// `months` months after the fact's date.
struct Deadline {
  std::string id;
  std::string text;
  FactId fact = FactId::peer_work_started_on;
  int months = 0;
  std::string source;
  std::string quote;
};

/// A step of the certification pathway after eligibility. `description` may name values of
/// the program in braces, as {application_fee}; see Program::render.
struct PathwayStep {
  std::string id;
  std::string title;
  std::string description;
  std::string source;
  std::string quote;
};

/// The continuing-education categories a program may name (DESIGN.md, "CE categories").
enum class CeCategory : std::uint8_t {
  ethics,
  general,
  peer_support,
  suicide_prevention,
  health_equity,
  supervised_work,
  cultural_competence,
  professional_development,
  boundaries,
  trauma_informed_care,
  human_trafficking,
  system_navigation,
  behavioral_health,
  wellness,
  coaching,
  medication_supported_recovery,
  family,
  veteran,
};
inline constexpr std::size_t ce_category_count = 18;
enum class CeDelivery : std::uint8_t { live, self_study };

/// A set of CE categories, one bit each.
using CategorySet = std::uint32_t;
inline constexpr CategorySet all_categories = (CategorySet{1} << ce_category_count) - 1;
constexpr CategorySet category_bit(CeCategory c) {
  return CategorySet{1} << static_cast<unsigned>(c);
}
/// Every category but supervised work, which is work experience, not continuing education:
/// what a requirement that names no category counts.
inline constexpr CategorySet continuing_education =
    all_categories & ~category_bit(CeCategory::supervised_work);

/// The kinds of CE hour, category × delivery, one bit each: what a requirement counts.
using CellSet = std::uint64_t;
static_assert(ce_category_count * 2 <= 64, "a CellSet holds every category × delivery");
constexpr CellSet cells_of(CategorySet categories, std::optional<CeDelivery> delivery) {
  CellSet out = 0;
  for (unsigned c = 0; c < ce_category_count; ++c) {
    if ((categories & (CategorySet{1} << c)) == 0) {
      continue;
    }
    for (unsigned d = 0; d < 2; ++d) {
      if (!delivery || static_cast<unsigned>(*delivery) == d) {
        out |= CellSet{1} << (c * 2 + d);
      }
    }
  }
  return out;
}
constexpr CellSet cell_of(CeCategory c, CeDelivery d) {
  return CellSet{1} << (static_cast<unsigned>(c) * 2 + static_cast<unsigned>(d));
}

/// At most `hours` of one category count toward a requirement (NY-CRPA: professional
/// development at most 4 of the 24).
struct CeCap {
  CeCategory category = CeCategory::general;
  Dated<core::Hours> hours;
};

/// A continuing-education requirement: at least `hours` of the entries whose category is in
/// `categories` and whose delivery is `delivery` (when given). Counted over the cycle, or over
/// the last `over_years` years of cycles where the requirement spans several.
struct CeRequirement {
  std::string id;
  std::string description;
  CategorySet categories = continuing_education; ///< absent in the file: any CE category
  std::optional<CeDelivery> delivery;
  Dated<core::Hours> hours;
  Dated<int> over_years;   ///< "at least once every N years"; empty: each cycle
  std::vector<CeCap> caps; ///< categories it counts only so far, each at most once
  CellSet cells() const { return cells_of(categories, delivery); }
};

/// A specialty held on top of a program's certificate (NY CRPA-Family, NC's veteran
/// designation, CA-CMPSS's four areas), with what it asks and the CE it adds to the base
/// credential's cycles while it is held.
struct Specialty {
  std::string id;
  std::string name;
  std::string source;
  std::string quote;
  std::vector<Criterion> criteria;         ///< judged by check --specialty
  std::vector<CeRequirement> requirements; ///< id as in the file; reported "<specialty>.<id>"
};

/// How a program's certificates run (DESIGN.md, "Cycles").
enum class CycleKind : std::uint8_t { anniversary, fixed_date, birthday, calendar_year };

/// Which years hold a fixed-date expiry.
enum class YearParity : std::uint8_t { every, odd, even };

struct CycleRule {
  CycleKind kind = CycleKind::anniversary;
  unsigned month = 0; ///< fixed_date: the last valid day's month and day
  unsigned day = 0;
  YearParity years = YearParity::every;
  /// anniversary: cycles run from the first day of the issue month (MI-CPSS), and entries
  /// count from that day even before the issue date.
  bool month_start = false;
  std::string source; ///< empty for the default, anniversary
  std::string quote;
};

/// When a cycle's CE requirements are waived.
enum class WaiverKind : std::uint8_t {
  newly_certified,   ///< issued within `months` months before the cycle's last valid day
  short_first_cycle, ///< the first certificate is shorter than a full cycle
};

struct Waiver {
  std::string id;
  std::string description;
  WaiverKind kind = WaiverKind::newly_certified;
  int months = 0;
  std::string source;
  std::string quote;
};

/// A first certificate that runs before the full one (Texas's six months, Washington's trainee
/// year), with what it asks before the full certificate is granted.
struct InitialCertificate {
  std::string name;
  Dated<int> months;           ///< length of the initial certificate
  Dated<int> extensions;       ///< how many more initial certificates may follow
  Dated<int> extension_months; ///< length of each
  std::vector<CeRequirement> requirements;
  /// A provisional certificate that cannot be renewed (FL-CRPS): the upgrade to the full
  /// certificate must be filed at least this many days before it ends.
  Dated<int> upgrade_days_before;
  bool defined() const { return months.defined(); }
};

struct Training {
  std::string name;
  Dated<core::Hours> hours;
  Dated<int> cohort_capacity;
  Dated<int> notify_days_before;
};

struct Certification {
  Dated<core::Money> application_fee;
  /// Exams a person may sit per application (CA-CMPSS: 3); empty: no limit.
  Dated<int> exam_attempts;
  /// An application not approved within this many months of submission lapses (CA, IL: 12).
  Dated<int> application_months;
};

struct Renewal {
  Dated<int> every_years; ///< the cycle; with `lengths`, the first certificate's length only
  /// The lengths a holder may choose at each renewal (NY-CPS: 1, 2 or 3 years), ascending;
  /// empty: every cycle is `every_years` long.
  Dated<std::vector<int>> lengths;
  /// With `lengths`: renewing for N years needs N times these hours (NY-CPS: 10 a year).
  Dated<core::Hours> hours_per_year;
  CycleRule cycle;
  Dated<core::Money> fee;
  Dated<int> reminder_days;    ///< DESIGN.md default: 90 when not defined
  Dated<int> grace_days;       ///< days after expiry a renewal is accepted at no fee
  Dated<int> late_days;        ///< days after expiry a late renewal is still accepted
  Dated<int> late_months;      ///< the same, in months
  Dated<core::Money> late_fee; ///< charged on top of `fee` for a late renewal
  /// A renewal filed fewer than this many days before expiry owes the late fee too (NY-CRPA:
  /// due 45 days before expiry or a $25 late fee); allowed without a late window.
  Dated<int> late_fee_within_days;
  Dated<core::Hours> shortest_entry; ///< a shorter CE entry is refused (to confirm: warned of)
  Dated<std::string> after_late;     ///< what to do once the late window has closed
  bool inactive_after_late = false;  ///< unrenewed credentials become inactive then
  Dated<std::vector<FactId>> fresh_checks; ///< checks to be passed again at each renewal
  /// The CE categories the program names; entries of others are refused. Empty: every
  /// category (a program that defines no CE requirement).
  std::vector<CeCategory> categories;
  std::vector<CeRequirement> requirements;
  std::vector<Waiver> waivers;
  /// Whether the holder chooses each renewal's length: cycles then chain, each from the day
  /// after the last one ended, and the requirements are per year of the length chosen.
  bool holder_chooses_length() const { return lengths.defined(); }
};

/// Reactivating an inactive credential.
struct Reactivation {
  Dated<core::Money> fee;
  Dated<int> within_years; ///< how long a credential may stay inactive and still be reactivated
  bool defined() const { return fee.defined() || within_years.defined(); }
};

/// A certification program as its rule file defines it (rules/README.md).
struct Program {
  std::string id;           ///< "MO-CPS", the rule file's name
  std::string name;         ///< "Missouri Certified Peer Specialist"
  std::string jurisdiction; ///< "Missouri"
  std::string board;        ///< who certifies
  std::string confirm_note; ///< shown beside criteria marked to_confirm
  std::string file;         ///< where it was loaded from

  std::map<std::string, Source> sources;
  std::map<FactId, std::string> questions; ///< program wording of a fact's question
  std::vector<Criterion> criteria;         ///< for every route
  std::vector<Route> routes;               ///< empty: the criteria alone decide
  std::vector<Deadline> deadlines;         ///< named by the self-check, never deciding it
  std::vector<Specialty> specialties;      ///< held on top of the certificate
  std::vector<PathwayStep> pathway;
  Dated<std::string> contact_phone;
  Training training;
  Certification certification;
  InitialCertificate initial;
  Renewal renewal;
  Reactivation reactivation;

  /// Whether the rule file defines eligibility criteria: a program that tracks renewal only
  /// (UT-PSS) has none, and `check` says so.
  bool has_criteria() const { return !criteria.empty() || !routes.empty(); }
  /// Throws core::InputError when the program has no criteria to check against.
  void require_criteria() const;
  /// The facts the criteria and the routes' criteria use, in the order a person is asked
  /// about them (each once).
  std::vector<FactId> facts_used() const;
  /// The question to ask about a fact: the program's wording, else peercert's, with
  /// {jurisdiction} filled in.
  std::string question(FactId fact) const;
  /// Whether a CE entry of this category may be logged for the program's credentials.
  bool accepts(CeCategory category) const;
  /// The categories entries may have, in DESIGN.md's order.
  std::vector<CeCategory> ce_categories() const;
  /// The same, as a set.
  CategorySet accepted_categories() const;
  const Source& source(const std::string& id) const;
  /// The specialty with this id, or nullptr.
  const Specialty* specialty(std::string_view id) const;
  /// The same; throws core::InputError naming `specialty`, with the program's specialties,
  /// when it has none of that id.
  const Specialty& require_specialty(std::string_view id) const;
  /// A step description with its {placeholders} replaced by the values in force on `on`.
  std::string render(std::string_view text, core::Date on) const;

  /// Every place the rule file cites a source, with the words it quotes from it.
  struct Citation {
    std::string what; ///< "criterion age", "renewal.fee from 2027-01-01"
    std::string source;
    std::string quote;
    bool to_confirm = false; ///< a value the source states only second-hand
  };
  std::vector<Citation> citations() const;
};

/// The program as `check --specialty` judges it: the specialty's criteria alone, under the
/// program's sources and questions, named "<program> — <specialty>"; no routes, deadlines or
/// pathway of the base certificate.
Program specialty_program(const Program& program, const Specialty& specialty);

/// The names a pathway description may use in braces.
std::vector<std::string_view> placeholder_names();

std::string_view to_string(CeCategory c);
std::string_view to_string(CeDelivery d);
std::string_view to_string(CycleKind k);
std::optional<CeCategory> ce_category_from_name(std::string_view name);
std::optional<CeDelivery> ce_delivery_from_name(std::string_view name);
std::optional<CycleKind> cycle_kind_from_name(std::string_view name);
std::span<const CeCategory> all_ce_categories();
/// "peer support", "suicide prevention": a category for sentences.
std::string_view category_words(CeCategory c);
/// The kind of hour a requirement counts, for sentences: "live ethics", "ethics or peer
/// support", "self-study"; empty for any continuing education the program accepts.
std::string requirement_kind_words(const CeRequirement& r, const Program& program);

} // namespace peercert::rules
